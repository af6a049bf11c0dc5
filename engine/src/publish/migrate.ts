/**
 * In-flight migration of one case to a new version of its procedure, as a declarative plan
 * says: which step each old step becomes, defaults for fields the new version added, and
 * whether the statutory deadline is kept or counted again under the new version. Pure: the
 * server runs it over the open cases, first as a dry run (how many move, which cannot and
 * why), then for real, each case in one audited transition.
 */
import { computeDue } from '../calendar';
import type { CompiledProcedure } from '../compile/compile-procedure';
import { RefusalError } from '../errors';
import { activeSteps, machineContext } from '../runtime/advance';
import { checkData } from '../runtime/submit';
import { formatAt } from '../runtime/time';
import type { CaseEvent, CaseState, RuntimeEnv } from '../runtime/types';

/** A migration of the open cases of one version to another. */
export interface MigrationPlan {
  code: string;
  /** The version the cases run now. */
  from: string;
  /** The version they move to. */
  to: string;
  /** Old step id -> new step id. A step not listed keeps its id, which the new version must have. */
  steps?: Record<string, string>;
  /** Dotted data paths (`applicant.email`) -> value, set where the case's data lacks them. */
  defaults?: Record<string, unknown>;
  /** `keep`: the statutory due stays; `recompute`: counted again from receipt under the new deadline. */
  deadline: 'keep' | 'recompute';
}

/** Why a case cannot move (stable codes), or its state after the move. */
export type MigrationOutcome =
  | { ok: true; state: CaseState; event: CaseEvent; from: string[]; to: string[] }
  | { ok: false; code: MigrationRefusal; reason: string };

export const MIGRATION_REFUSALS = ['E_MIGRATION_WRONG_VERSION', 'E_MIGRATION_CLOSED', 'E_MIGRATION_PARALLEL', 'E_MIGRATION_STEP_MISSING', 'E_MIGRATION_STEP_KIND', 'E_MIGRATION_DATA', 'E_MIGRATION_CLOCK', 'E_MIGRATION_STATE'] as const;
export type MigrationRefusal = (typeof MIGRATION_REFUSALS)[number];

/**
 * Problems of the plan itself, before any case is looked at: a mapped step that does not
 * exist in the old or the new version. Empty when the plan is coherent.
 */
export function checkMigrationPlan(from: CompiledProcedure, to: CompiledProcedure, plan: MigrationPlan): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const [old, next] of Object.entries(plan.steps ?? {})) {
    if (!from.graph.steps.has(old)) out.push({ path: `steps.${old}`, message: `version ${plan.from} has no step '${old}'` });
    if (!to.graph.steps.has(next)) out.push({ path: `steps.${old}`, message: `version ${plan.to} has no step '${next}'` });
  }
  return out;
}

/** Per compiled version: the step values its machine was seen to resume (the answer depends on the value only). */
const resumed = new WeakMap<CompiledProcedure, Set<string>>();

/** Why the new machine cannot resume in `value`, or undefined when it can (a value it cannot resolve would strand the case). */
function resumable(to: CompiledProcedure, value: string, state: CaseState): string | undefined {
  const seen = resumed.get(to) ?? new Set<string>();
  if (seen.has(value)) return undefined;
  try {
    to.machine.resolveState({ value, context: machineContext(state) });
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  seen.add(value);
  resumed.set(to, seen);
  return undefined;
}

function setDefault(data: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.replace(/^data\./, '').split('.');
  let node: Record<string, unknown> = data;
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1) {
      if (!(part in node)) node[part] = structuredClone(value);
      return;
    }
    const next = node[part];
    if (next === undefined) node[part] = {};
    else if (typeof next !== 'object' || next === null || Array.isArray(next)) return;
    node = node[part] as Record<string, unknown>;
  }
}

function renameValue(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameValue(v, map)]));
  return value;
}

/**
 * Moves `state` (a case of `from`) to `to` as `plan` says, at `env.now`. Never throws: a case
 * that cannot move comes back with a code and a reason. The state is not changed in place.
 */
export function migrateCase(from: CompiledProcedure, to: CompiledProcedure, state: CaseState, plan: MigrationPlan, env: RuntimeEnv): MigrationOutcome {
  const refuse = (code: MigrationRefusal, reason: string): MigrationOutcome => ({ ok: false, code, reason });
  if (state.procedure.version !== plan.from || state.procedure.code !== plan.code) {
    return refuse('E_MIGRATION_WRONG_VERSION', `the case runs ${state.procedure.code}@${state.procedure.version}, not ${plan.code}@${plan.from}`);
  }
  if (state.outcome !== undefined) return refuse('E_MIGRATION_CLOSED', `the case is closed (${state.outcome})`);
  const value = (state.snapshot as { value?: unknown } | undefined)?.value;
  if (typeof value !== 'string') return refuse('E_MIGRATION_PARALLEL', 'the case waits in a parallel step; let it leave the parallel step first');
  const mapStep = (s: string): string => plan.steps?.[s] ?? s;
  const target = mapStep(value);
  const oldStep = from.graph.steps.get(value)?.step;
  const newStep = to.graph.steps.get(target)?.step;
  if (!newStep) return refuse('E_MIGRATION_STEP_MISSING', `the case waits in '${value}', which version ${plan.to} does not have${plan.steps?.[value] ? '' : ' (map it in the plan\'s steps)'}`);
  if (oldStep && oldStep.kind !== newStep.kind) return refuse('E_MIGRATION_STEP_KIND', `step '${value}' is a ${oldStep.kind} step but '${target}' in ${plan.to} is a ${newStep.kind} step`);
  if (newStep.kind === 'parallel' || newStep.kind === 'procedure') return refuse('E_MIGRATION_STEP_KIND', `the case cannot be moved into the ${newStep.kind} step '${target}'`);

  // The data is the only part changed in depth; the rest is replaced, not edited.
  const next: CaseState = { ...state, data: structuredClone(state.data) };
  for (const [path, v] of Object.entries(plan.defaults ?? {})) setDefault(next.data, path, v);
  try {
    checkData(to, next.data);
  } catch (err) {
    const problems = err instanceof RefusalError ? err.problems.map((p) => p.path ?? p.message).join(', ') : String(err);
    return refuse('E_MIGRATION_DATA', `the case's data does not fit version ${plan.to}: ${problems}; add defaults for these fields`);
  }
  if (plan.deadline === 'recompute') {
    const c = state.clock;
    if (c.suspendedAt !== undefined || c.suspensions.length || c.extensions.length) {
      return refuse('E_MIGRATION_CLOCK', "the case's clock was suspended or extended; its deadline can only be kept (deadline: keep)");
    }
    next.clock = { ...c, deadline: to.procedure.deadline, due: computeDue(env.calendar, c.receipt, to.procedure.deadline) };
    next.due = formatAt(env, next.clock.due);
    next.alerts = {};
  }
  next.procedure = { code: plan.code, version: plan.to };
  const snapshot = state.snapshot as Record<string, unknown>;
  next.snapshot = { ...snapshot, value: renameValue(value, mapStep) };
  next.active = activeSteps((next.snapshot as { value: unknown }).value);
  next.steps = Object.fromEntries(Object.entries(state.steps).map(([k, run]) => [mapStep(k), run]));
  const problem = resumable(to, target, next);
  if (problem) return refuse('E_MIGRATION_STATE', `version ${plan.to} cannot resume the case in '${target}': ${problem}`);
  const event: CaseEvent = {
    type: 'transition',
    at: formatAt(env),
    actor: { kind: 'system', id: 'migration' },
    from: state.active,
    to: next.active,
    detail: { migration: { from: plan.from, to: plan.to, deadline: plan.deadline, ...(plan.deadline === 'recompute' ? { due: next.due } : {}) } },
  };
  return { ok: true, state: next, event, from: state.active, to: next.active };
}
