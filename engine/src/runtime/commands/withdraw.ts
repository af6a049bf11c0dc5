import type { CompiledProcedure } from '../../compile/compile-procedure';
import { checkApplicantSide } from '../access';
import { advance, type Draft } from '../advance';
import { formatAt } from '../time';
import type { CaseCommand, RuntimeEnv } from '../types';
import { checkOpen, notAllowed } from './guards';

/** The applicant withdraws the case: it closes in the procedure's `withdrawn` outcome. */
export function withdraw(compiled: CompiledProcedure, draft: Draft, command: Extract<CaseCommand, { type: 'withdraw' }>, env: RuntimeEnv): void {
  const state = draft.state;
  checkOpen(state);
  checkApplicantSide(command.actor, 'withdraw the case');
  if (!compiled.graph.withdrawOutcome) throw notAllowed(compiled, state, 'This procedure has no withdrawn outcome');
  draft.events.push({ type: 'withdrawn', at: formatAt(env), actor: command.actor, ...(command.reason ? { detail: { reason: command.reason } } : {}) });
  advance(compiled, draft, env, { type: 'WITHDRAW' }, { actor: command.actor, action: 'withdraw' });
}

/**
 * The applicant withdraws a case still awaiting consent: nothing was received, so it closes at
 * once in the `withdrawn` outcome, without entering any step.
 */
export function withdrawBeforeReceipt(compiled: CompiledProcedure, draft: Draft, command: Extract<CaseCommand, { type: 'withdraw' }>, env: RuntimeEnv): void {
  const state = draft.state;
  checkApplicantSide(command.actor, 'withdraw the case');
  const outcome = compiled.graph.withdrawOutcome;
  if (!outcome) throw notAllowed(compiled, state, 'This procedure has no withdrawn outcome');
  const at = formatAt(env);
  Object.assign(state, { status: 'withdrawn', outcome, closedAt: at, onTime: true });
  draft.events.push({ type: 'withdrawn', at, actor: command.actor, ...(command.reason ? { detail: { reason: command.reason } } : {}) });
  draft.events.push({ type: 'closed', at, detail: { outcome, status: 'withdrawn', onTime: true } });
}
