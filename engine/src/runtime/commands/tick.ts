import { clockStatus, parseInstant } from '../../calendar';
import type { CompiledProcedure } from '../../compile/compile-procedure';
import type { Draft } from '../advance';
import { formatAt } from '../time';
import type { RuntimeEnv } from '../types';

/**
 * Time passes. Emits `due-soon` (a fifth of the allowed time left, see `clockStatus`) and
 * `overdue` for the statutory due, and `overdue` with `step` for a step past its SLA. Each
 * fires once per due: ticking again changes nothing, but an extension or a resumption that
 * moves the due re-arms them. A case that jumps straight past its due gets `overdue` only.
 * Closed and suspended cases emit nothing.
 */
export function tick(compiled: CompiledProcedure, draft: Draft, env: RuntimeEnv): void {
  const state = draft.state;
  if (state.outcome) return;
  const at = formatAt(env);
  const status = clockStatus(env.calendar, state.clock, env.now);
  if (status === 'overdue' && state.alerts.overdue !== state.due) {
    state.alerts = { dueSoon: state.due, overdue: state.due };
    draft.events.push({ type: 'overdue', at, detail: { due: state.due } });
  } else if (status === 'due-soon' && state.alerts.dueSoon !== state.due) {
    state.alerts = { ...state.alerts, dueSoon: state.due };
    draft.events.push({ type: 'due-soon', at, detail: { due: state.due } });
  }
  // Every step run still open (a parallel step's own SLA included, not only the leaves).
  for (const [id, run] of Object.entries(state.steps)) {
    if (!run.due || run.finishedAt || run.overdueNotified || compiled.graph.steps.get(id)?.step.kind === 'supplement') continue;
    if (env.now > parseInstant(run.due)) {
      run.overdueNotified = true;
      draft.events.push({ type: 'overdue', at, step: id, detail: { due: run.due } });
    }
  }
}
