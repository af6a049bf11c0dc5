/**
 * Cases that start cases (liên thông): a `procedure` step starts a child case, a `linked`
 * procedure starts a linked case, and a child that reaches its outcome moves its parent's
 * step on. The server and the scenario simulator both carry these effects out through the
 * functions here, so that what a scenario proves is what the server does:
 *
 * 1. {@link planChild}: the child's submission, computed once from the parent (data from the
 *    effect, components by one rule, the applicant and channel of the parent, the unit that
 *    handles the child's procedure).
 * 2. The caller reads what the child needs from national sources (`planLookups`), then
 *    {@link startChild} files it, or turns a refusal into the parent's command.
 * 3. When a child closes, {@link childFinishedCommand} is the parent's command.
 */
import type { CompiledProcedure } from '../../compile/compile-procedure';
import { RefusalError, type MotcuaError } from '../../errors';
import { submitCase } from '../submit';
import type { Actor, CaseCommand, CaseState, Effect, RuntimeEnv, SubmitInput, TransitionResult, UploadedFile } from '../types';
import { routeUnit, type UnitDirectory } from './units';
import { withoutComputed } from '../computed';

/** An effect that starts a case. */
export type StartEffect = Extract<Effect, { type: 'start-child' | 'start-linked' }>;

/** The actor the system starts children and reports their outcome as. */
export const CHILD_CASE_ACTOR: Actor = { kind: 'system', id: 'child-case' };

/** The effects of a transition that start cases, in order. */
export function startEffects(effects: readonly Effect[]): StartEffect[] {
  return effects.filter((e): e is StartEffect => e.type === 'start-child' || e.type === 'start-linked');
}

/** How a started case is named: by the parent's step (a child) or by its procedure code (linked). */
export function startedName(effect: StartEffect): string {
  return effect.type === 'start-child' ? effect.step : effect.procedure;
}

/**
 * A child or linked case to file, or why it cannot be: `submit` carries the submission (the
 * national sources still to be read for its data); `refused` what the parent does instead.
 */
export type ChildPlan =
  | { kind: 'submit'; effect: StartEffect; input: SubmitInput & { uploads: Record<string, UploadedFile> } }
  | ChildRefused;

/** A child the rules refused. `parentCommand`: what the parent's step does about it (a linked case has none). */
export interface ChildRefused {
  kind: 'refused';
  effect: StartEffect;
  error: MotcuaError;
  parentCommand?: CaseCommand;
}

/**
 * The components the child receives from its parent, by one rule: each component the child
 * declares that the parent holds as `provided` (an upload, with its file). A component the
 * parent had `replaced` by a national record, the child replaces itself from the same sources
 * (its own `replaceableBy`), so that its provenance is its own; one it lacks is missing.
 */
export function childUploads(parent: CaseState, child: CompiledProcedure): Record<string, UploadedFile> {
  const out: Record<string, UploadedFile> = {};
  for (const c of child.procedure.components ?? []) {
    const mine = parent.components[c.id];
    if (mine?.status === 'provided') out[c.id] = { ...(mine.file ?? {}) };
  }
  return out;
}

/**
 * Plans the case `effect` starts from the parent's state after the transition that produced
 * it. The child is filed for the parent's applicant, through the parent's channel, at the unit
 * that handles the child's procedure (by its level and sector, from the parent's unit; see
 * `routeUnit`) when a unit directory is given and the parent has a unit; else at the parent's
 * unit. No unit able to handle it refuses the child like any other refusal.
 */
export function planChild(parent: CaseState, effect: StartEffect, child: CompiledProcedure, units?: UnitDirectory): ChildPlan {
  let unit = parent.unit;
  if (unit !== undefined && units && units.size > 0) {
    const route = routeUnit(units, unit, { level: child.procedure.level, sector: child.procedure.sector });
    if (route.kind === 'none') {
      return refused(effect, new RefusalError(route.problem.code, route.problem.message, [route.problem], { ...(route.problem.hint ? { hint: route.problem.hint } : {}) }));
    }
    unit = route.unit;
  }
  return {
    kind: 'submit',
    effect,
    input: {
      data: withoutComputed(child.procedure.data?.computed, structuredClone(effect.data)),
      uploads: childUploads(parent, child),
      actor: parent.applicant,
      ...(unit !== undefined ? { unit } : {}),
      ...(parent.channel !== undefined ? { channel: parent.channel } : {}),
      // Mapped by the parent's author, not typed by anyone: see SubmitInput.origin.
      origin: 'mapped',
    },
  };
}

/** What starting a planned child gave: the child's first transition, or the refusal. */
export type ChildStart = { kind: 'started'; effect: StartEffect; input: SubmitInput; result: TransitionResult } | ChildRefused;

/**
 * Files a planned child (`env.sources`: the records its data needs, read by the caller). A
 * refusal by the rules (`RefusalError`: missing components, invalid data...) does not throw:
 * a child fails its parent's step (the step's `onFail`, else the parent's rejected outcome);
 * a linked case is simply not started. Any other error (a bug) is thrown.
 */
export function startChild(child: CompiledProcedure, plan: ChildPlan, env: RuntimeEnv): ChildStart {
  if (plan.kind === 'refused') return plan;
  try {
    return { kind: 'started', effect: plan.effect, input: plan.input, result: submitCase(child, plan.input, env) };
  } catch (err) {
    if (err instanceof RefusalError) return refused(plan.effect, err);
    throw err;
  }
}

function refused(effect: StartEffect, cause: MotcuaError): ChildRefused {
  const what = effect.type === 'start-child' ? `child case ${effect.step}` : 'linked case';
  const error = new RefusalError(cause.code, `the ${what} (${effect.procedure}) was refused: ${cause.message}`, cause instanceof RefusalError ? cause.problems : [], {
    ...(cause.hint ? { hint: `Fix the data the parent passes (\`data:\` of the step) or the dossier. ${cause.hint}` } : {}),
    cause,
  });
  if (effect.type !== 'start-child') return { kind: 'refused', effect, error };
  return {
    kind: 'refused',
    effect,
    error,
    parentCommand: { type: 'child-finished', step: effect.step, outcome: 'refused', status: 'rejected', actor: CHILD_CASE_ACTOR, refusal: { code: cause.code, message: error.message } },
  };
}

/**
 * The parent's command once its child closed: `child-finished` with the child's outcome and
 * that outcome's status (the parent's step goes on with `done`, else by `onFail`). Undefined
 * while the child is open, and when the parent no longer waits for it (the parent was
 * withdrawn or closed meanwhile, or already heard): a roll-up applies once, to a waiting step.
 */
export function childFinishedCommand(child: CompiledProcedure, childState: CaseState, parentState: CaseState, parentStep: string): CaseCommand | undefined {
  const outcome = childState.outcome;
  if (outcome === undefined) return undefined;
  if (parentState.outcome !== undefined || parentState.children[parentStep]?.status !== 'running' || !parentState.active.includes(parentStep)) return undefined;
  const status = child.graph.outcomes.get(outcome)?.status ?? 'done';
  return { type: 'child-finished', step: parentStep, outcome, status, actor: CHILD_CASE_ACTOR };
}
