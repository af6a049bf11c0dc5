import type { CompiledProcedure } from '../../compile/compile-procedure';
import { advance, type Draft } from '../advance';
import { formatAt } from '../time';
import type { CaseCommand, RuntimeEnv } from '../types';
import { checkOpen, notAllowed } from './guards';

/**
 * A child case started by a `procedure` step reached its outcome. Status `done` takes the
 * step's `to`; any other status takes `onFail` (or, without one, the procedure's rejected
 * outcome; with neither, the step keeps waiting).
 */
export function childFinished(compiled: CompiledProcedure, draft: Draft, command: Extract<CaseCommand, { type: 'child-finished' }>, env: RuntimeEnv): void {
  const state = draft.state;
  checkOpen(state);
  const step = compiled.graph.steps.get(command.step)?.step;
  if (!step || step.kind !== 'procedure' || !state.active.includes(step.id)) {
    throw notAllowed(compiled, state, `Step '${command.step}' is not an active procedure step`);
  }
  state.children[step.id] = { procedure: step.procedure, status: 'finished', outcome: command.outcome, outcomeStatus: command.status };
  const actor = command.actor ?? { kind: 'system' as const };
  draft.events.push({ type: 'child-finished', at: formatAt(env), actor, step: step.id, detail: { outcome: command.outcome, status: command.status, ...(command.refusal ? { refusal: command.refusal } : {}) } });
  advance(compiled, draft, env, { type: command.status === 'done' ? 'CHILD.DONE' : 'CHILD.FAILED', step: step.id }, { actor, step: step.id, action: 'child-finished' });
}
