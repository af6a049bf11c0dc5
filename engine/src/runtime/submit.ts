import type { CompiledProcedure } from '../compile/compile-procedure';
import { RefusalError, type Problem } from '../errors';
import { computeFees } from '../fees/compute-fees';
import { advance, type Draft } from './advance';
import { dueOf, receiptOf, startCaseClock } from './clock';
import { checkSubmitInput } from './check-input';
import { checkUploadIds, normaliseUploads, resolveComponents, statusMap } from './components';
import { applyComputed, refuseTypedComputed } from './computed';
import { applyPrefill } from './prefill';
import { formatAt } from './time';
import type { CaseState, RuntimeEnv, SubmitInput, TransitionResult } from './types';

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
 * Files a new case. In order: defaults and prefill from national sources (locked fields
 * checked), computed fields (never typed by the applicant), the e-form's schema, the dossier components (every missing required one listed at
 * once), fees, receipt and the deadline clock, linked procedures, then the first step (choice
 * and zero-fee payment steps pass through at once).
 *
 * Refuses with `RefusalError` (`E_LOCKED_FIELD`, `E_INVALID_DATA`, `E_UNKNOWN_COMPONENT`,
 * `E_MISSING_COMPONENTS`, `E_CEL_ABSENT_FIELD`, `E_COMPUTED_FIELD`); nothing is stored on refusal.
 */
export function submitCase(compiled: CompiledProcedure, input: SubmitInput, env: RuntimeEnv): TransitionResult {
  checkSubmitInput(input);
  const at = formatAt(env);
  const undeclared = checkSent(compiled, input.data ?? {}).filter((p) => input.origin !== 'mapped' || p.code === 'E_TOO_DEEP');
  refuseTypedComputed(compiled, input.data ?? {});
  const prefill = applyPrefill(compiled, input.data ?? {}, env.sources, at);
  const { prefilled } = prefill;
  const data = applyComputed(compiled, prefill.data, at);
  checkData(compiled, data, undeclared);
  const uploads = normaliseUploads(input.uploads);
  checkUploadIds(compiled, uploads);
  const caseFacts = { submittedAt: at, ...(input.unit ? { unit: input.unit } : {}), ...(input.channel ? { channel: input.channel } : {}) };
  const components = resolveComponents(compiled, data, uploads, env.sources, at, caseFacts);
  const scope = compiled.expressions.prepare({ data, case: caseFacts, components: statusMap(components) });
  const fees = computeFees(compiled, data, scope);
  const clock = startCaseClock(compiled, env);
  const { procedure } = compiled;

  const state: CaseState = {
    procedure: { code: procedure.code, version: procedure.version },
    status: 'processing',
    active: [],
    snapshot: undefined,
    data,
    prefilled,
    components,
    fees,
    paid: 0,
    payments: [],
    clock,
    due: formatAt(env, dueOf(clock)),
    receivedAt: formatAt(env, receiptOf(clock)),
    submittedAt: at,
    applicant: input.actor,
    ...(input.unit ? { unit: input.unit } : {}),
    ...(input.channel ? { channel: input.channel } : {}),
    steps: {},
    alerts: {},
    children: {},
  };
  const draft: Draft = { state, events: [], effects: [] };
  draft.events.push({
    type: 'submitted',
    at,
    actor: input.actor,
    detail: { fees: fees.total, due: state.due, receivedAt: state.receivedAt, components: statusMap(components) },
  });
  (procedure.linked ?? []).forEach((link, i) => {
    if (!compiled.expressions.test(link.when, scope, `linked[${i}].when`, true)) return;
    const linkedData = Object.fromEntries(
      Object.entries(link.data ?? {}).map(([field, source]) => [field, compiled.expressions.evaluate(source, scope, `linked[${i}].data.${field}`)]),
    );
    draft.effects.push({ type: 'start-linked', procedure: link.procedure, data: linkedData });
  });
  advance(compiled, draft, env, undefined, { actor: input.actor });
  return draft;
}
