/**
 * What a person's action on a case means as a runtime command: `{ step, action, form }` as the
 * web app, the HTTP API and scenario files say it, to `act`, `pay`, `supplement`, `withdraw` or
 * `extend`. The server and the scenario simulator both map through here.
 */
import type { CompiledProcedure } from '../../compile/compile-procedure';
import type { Actor, CaseCommand, CaseState, UploadedFile } from '../types';

/** What an applicant may do to their own case, whatever the open step declares. */
export const APPLICANT_ACTIONS: ReadonlySet<string> = new Set(['withdraw', 'pay', 'supplement']);

/** An action as a person takes it. */
export interface CaseAction {
  step: string;
  action: string;
  /** The action's form; `pay`: `{ amount?, reference? }` (default: the balance); `supplement`: `{ data? }`; `withdraw`, `extend`: `{ reason?, value }`. */
  form?: Record<string, unknown>;
  actor: Actor;
  /** Files attached (a supplement's). */
  uploads?: string[] | Record<string, UploadedFile>;
}

/**
 * The command an action means. A task's own action (`approve`, even one named `withdraw`
 * taken by an officer at the counter) acts on the task; the applicant's `withdraw`, `pay` and
 * `supplement` come first for the applicant, so that a task's action of that name never
 * shadows theirs; anything else is an `act` the runtime refuses with the allowed actions.
 */
export function actionCommand(compiled: CompiledProcedure, state: CaseState, a: CaseAction): CaseCommand {
  const place = compiled.graph.steps.get(a.step);
  const form = a.form ?? {};
  const applicantCommand = a.actor.kind === 'applicant' && APPLICANT_ACTIONS.has(a.action);
  if (place?.step.kind === 'task' && a.action in place.step.actions && !applicantCommand) {
    return { type: 'act', step: a.step, action: a.action, form, actor: a.actor };
  }
  const reason = typeof form.reason === 'string' ? { reason: form.reason } : {};
  switch (a.action) {
    case 'withdraw':
      return { type: 'withdraw', actor: a.actor, ...reason };
    case 'pay':
      // Never coerced: `[8000]`, `"0x1F40"` or `" 8000 "` is not an amount (checkCommand refuses a non-number).
      return { type: 'pay', amount: form.amount === undefined ? state.fees.total - state.paid : (form.amount as number), actor: a.actor, ...(typeof form.reference === 'string' ? { reference: form.reference } : {}) };
    case 'supplement': {
      const data = form.data;
      return {
        type: 'supplement',
        actor: a.actor,
        // The step answered, when the applicant names a waiting supplement step (parallel branches).
        ...(place?.step.kind === 'supplement' ? { step: a.step } : {}),
        ...(a.uploads ? { uploads: a.uploads } : {}),
        ...(data && typeof data === 'object' && !Array.isArray(data) ? { data: data as Record<string, unknown> } : {}),
      };
    }
    case 'extend':
      // Never coerced either: checkCommand refuses a value that is not a JSON number.
      return { type: 'extend', value: form.value as number, actor: a.actor, ...reason };
    default:
      return { type: 'act', step: a.step, action: a.action, form, actor: a.actor };
  }
}
