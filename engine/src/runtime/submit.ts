import type { CompiledProcedure } from '../compile/compile-procedure';
import { RefusalError, type Problem } from '../errors';
import { computeFees } from '../fees/compute-fees';
import { advance, type Draft } from './advance';
import { dueOf, receiptOf, startCaseClock } from './clock';
import { checkSubmitInput } from './check-input';
import { checkUploadIds, normaliseUploads, resolveComponents, statusMap } from './components';
import { applyComputed, refuseTypedComputed } from './computed';
import { applyPrefill, withDefaults } from './prefill';
import { blockedIds, entitle, gatedReader } from './subjects';
import { formatAt } from './time';
import type { Actor, CaseState, ComponentState, RuntimeEnv, SubmitInput, TransitionResult, UploadedFile } from './types';

/**
 * What the applicant sent (before national records are merged in) that the e-form does not
 * declare, and nesting too deep to read: refused at once when too deep, since everything after
 * (prefill, ajv, the audit chain) walks the value; else returned, for {@link checkData} to list.
 */
export function checkSent(compiled: CompiledProcedure, sent: unknown): Problem[] {
  const problems = compiled.schemas.undeclared(sent);
  if (problems.some((p) => p.code === 'E_TOO_DEEP')) throw invalidData(problems);
  return problems;
}

/**
 * Refuses data that breaks the e-form's schema, listing every violation with its JSON path,
 * and with them the `undeclared` fields {@link checkSent} found in what was sent.
 */
export function checkData(compiled: CompiledProcedure, data: Record<string, unknown>, undeclared: readonly Problem[] = []): void {
  const problems = [...undeclared, ...compiled.schemas.data(data)];
  if (problems.length > 0) throw invalidData(problems);
}

function invalidData(problems: Problem[]): RefusalError {
  return new RefusalError('E_INVALID_DATA', `The form has ${problems.length} problem(s): ${problems.map((p) => p.path).join(', ')}`, problems, {
    path: problems[0]?.path,
    hint: 'Correct every listed field, then submit again.',
  });
}

/**
 * Files a new case. In order: the subjects (whose records the filer may have read; refused
 * when the filer is not entitled), defaults and prefill from national sources (locked fields
 * checked), computed fields (never typed by the applicant), the e-form's schema, the dossier
 * components (every missing required one listed at once), fees, receipt and the deadline
 * clock, linked procedures, then the first step (choice and zero-fee payment steps pass
 * through at once).
 *
 * When a subject's consent is required, nothing of theirs is read: the case is stored
 * `awaiting-consent` (no step, no clock running) with their components `awaiting-consent`,
 * and is received once the last of them confirms (the `consent` command).
 *
 * Refuses with `RefusalError` (`E_APPLICANT_NOT_CALLER`, `E_NOT_A_PARTY`,
 * `E_SUBJECT_NOT_ENTITLED`, `E_LOCKED_FIELD`, `E_INVALID_DATA`, `E_UNKNOWN_COMPONENT`,
 * `E_MISSING_COMPONENTS`, `E_CEL_ABSENT_FIELD`, `E_COMPUTED_FIELD`); nothing is stored on refusal.
 */
export function submitCase(compiled: CompiledProcedure, input: SubmitInput, env: RuntimeEnv): TransitionResult {
  checkSubmitInput(input);
  const at = formatAt(env);
  const undeclared = checkSent(compiled, input.data ?? {}).filter((p) => input.origin !== 'mapped' || p.code === 'E_TOO_DEEP');
  refuseTypedComputed(compiled, input.data ?? {});
  const uploads = normaliseUploads(input.uploads);
  checkUploadIds(compiled, uploads);
  const subjects = entitle(compiled, withDefaults(compiled, input.data ?? {}), input.filer, env.sources, uploads);
  const awaiting = blockedIds(subjects);
  const sources = gatedReader(env.sources, awaiting);
  const prefill = applyPrefill(compiled, input.data ?? {}, sources, at);
  const { prefilled } = prefill;
  const data = applyComputed(compiled, prefill.data, at);
  checkData(compiled, data, undeclared);
  const caseFacts = { submittedAt: at, ...(input.unit ? { unit: input.unit } : {}), ...(input.channel ? { channel: input.channel } : {}) };
  const components = resolveComponents(compiled, data, uploads, sources, at, caseFacts, { awaiting });
  const scope = compiled.expressions.prepare({ data, case: caseFacts, components: statusMap(components) });
  const fees = computeFees(compiled, data, scope);
  const clock = startCaseClock(compiled, env);
  const { procedure } = compiled;

  const state: CaseState = {
    procedure: { code: procedure.code, version: procedure.version },
    status: awaiting.size ? 'awaiting-consent' : 'processing',
    active: [],
    snapshot: undefined,
    data,
    prefilled,
    components,
    fees,
    paid: 0,
    payments: [],
    clock,
    // Awaiting consent, the dossier is not complete: not received, held to no due (the clock
    // starts with the last consent). Every reader (the server's view, the simulator) sees none.
    due: awaiting.size ? '' : formatAt(env, dueOf(clock)),
    receivedAt: awaiting.size ? '' : formatAt(env, receiptOf(clock)),
    submittedAt: at,
    applicant: input.actor,
    ...(input.filer !== undefined ? { filer: input.filer } : {}),
    subjects,
    ...(input.unit ? { unit: input.unit } : {}),
    ...(input.channel ? { channel: input.channel } : {}),
    steps: {},
    alerts: {},
    children: {},
  };
  const draft: Draft = { state, events: [], effects: [] };
  const awaited = subjects.filter((s) => s.status === 'awaiting-consent').map((s) => s.id);
  draft.events.push({
    type: 'submitted',
    at,
    actor: input.actor,
    detail: awaited.length
      ? { fees: fees.total, components: statusMap(components), awaitingConsent: awaited }
      : { fees: fees.total, due: state.due, receivedAt: state.receivedAt, components: statusMap(components) },
  });
  if (!awaited.length) receive(compiled, draft, env, input.actor);
  return draft;
}

/**
 * The dossier is complete once the last subject consents: every record now readable is read
 * (prefill and components again; a locked field's source value wins, a missing component is
 * recorded for the officer to ask for), fees are computed again and the statutory clock starts
 * now (receipt is when the dossier is complete). Then the case is received. `detail` (the
 * consent's timeline entry) gets the due, the receipt and the components.
 */
export function completeDossier(compiled: CompiledProcedure, draft: Draft, env: RuntimeEnv, actor: Actor, detail: Record<string, unknown>): void {
  const state = draft.state;
  const at = formatAt(env);
  const sources = gatedReader(env.sources, blockedIds(state.subjects ?? []));
  const prefill = applyPrefill(compiled, state.data, sources, at, true);
  const { prefilled } = prefill;
  // What the consented records filled in may change what is computed from it.
  const data = applyComputed(compiled, prefill.data, state.submittedAt);
  const uploads: Record<string, UploadedFile> = {};
  for (const [id, c] of Object.entries(state.components)) if (c.status === 'provided') uploads[id] = c.file ?? {};
  const caseFacts = { submittedAt: state.submittedAt, ...(state.unit ? { unit: state.unit } : {}), ...(state.channel ? { channel: state.channel } : {}) };
  const components: Record<string, ComponentState> = resolveComponents(compiled, data, uploads, sources, at, caseFacts, { lenient: true });
  const scope = compiled.expressions.prepare({ data, case: caseFacts, components: statusMap(components) });
  const clock = startCaseClock(compiled, env);
  Object.assign(state, {
    status: 'processing',
    data,
    prefilled,
    components,
    fees: computeFees(compiled, data, scope),
    clock,
    due: formatAt(env, dueOf(clock)),
    receivedAt: formatAt(env, receiptOf(clock)),
  });
  Object.assign(detail, { due: state.due, receivedAt: state.receivedAt, components: statusMap(components) });
  receive(compiled, draft, env, actor);
}

/** Receipt: linked procedures start, and the case enters its first step. */
function receive(compiled: CompiledProcedure, draft: Draft, env: RuntimeEnv, actor: Actor): void {
  const state = draft.state;
  const caseFacts = { submittedAt: state.submittedAt, ...(state.unit ? { unit: state.unit } : {}), ...(state.channel ? { channel: state.channel } : {}) };
  const scope = compiled.expressions.prepare({ data: state.data, case: caseFacts, components: statusMap(state.components) });
  (compiled.procedure.linked ?? []).forEach((link, i) => {
    if (!compiled.expressions.test(link.when, scope, `linked[${i}].when`, true)) return;
    const linkedData = Object.fromEntries(
      Object.entries(link.data ?? {}).map(([field, source]) => [field, compiled.expressions.evaluate(source, scope, `linked[${i}].data.${field}`)]),
    );
    draft.effects.push({ type: 'start-linked', procedure: link.procedure, data: linkedData });
  });
  advance(compiled, draft, env, undefined, { actor });
}
