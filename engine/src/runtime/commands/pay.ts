import type { CompiledProcedure } from '../../compile/compile-procedure';
import { RefusalError } from '../../errors';
import { advance, issueResult, statusOf, type Draft } from '../advance';
import { formatAt } from '../time';
import type { CaseCommand, RuntimeEnv } from '../types';
import { activeOfKind, checkOpen, notAllowed } from './guards';

/**
 * The applicant pays what is due, in one payment of exactly the balance: `E_ALREADY_PAID`
 * when nothing is due, `E_PAYMENT_AMOUNT` for any other amount, `E_ACTION_NOT_ALLOWED` when
 * no payment step is active. With `payment: on-result`, paying a decided case's balance
 * issues the result it holds.
 */
export function pay(compiled: CompiledProcedure, draft: Draft, command: Extract<CaseCommand, { type: 'pay' }>, env: RuntimeEnv): void {
  const state = draft.state;
  if (state.resultHeld) return payForResult(compiled, draft, command, env);
  checkOpen(state);
  const balance = state.fees.total - state.paid;
  if (balance <= 0) {
    throw new RefusalError('E_ALREADY_PAID', `Nothing is due: fees ${state.fees.total} VND, paid ${state.paid} VND`, [], {
      hint: 'Do not pay twice; the case moves on by itself.',
    });
  }
  const step = activeOfKind(compiled, state, 'payment');
  if (!step) throw notAllowed(compiled, state, 'No payment step is active');
  checkAmount(command.amount, balance);
  const at = formatAt(env);
  state.paid += command.amount;
  state.payments.push({ amount: command.amount, at, ...(command.reference ? { reference: command.reference } : {}) });
  draft.events.push({ type: 'paid', at, actor: command.actor, step: step.id, detail: { amount: command.amount, ...(command.reference ? { reference: command.reference } : {}) } });
  advance(compiled, draft, env, { type: 'PAY', step: step.id }, { actor: command.actor, step: step.id, action: 'pay' });
}

function checkAmount(amount: number, balance: number): void {
  if (amount !== balance) {
    throw new RefusalError('E_PAYMENT_AMOUNT', `The payment is ${amount} VND; ${balance} VND is due`, [], {
      path: 'amount',
      hint: `Pay exactly ${balance} VND.`,
    });
  }
}

/** `payment: on-result`: the balance paid, the held result is issued (the case keeps its outcome). */
function payForResult(compiled: CompiledProcedure, draft: Draft, command: Extract<CaseCommand, { type: 'pay' }>, env: RuntimeEnv): void {
  const state = draft.state;
  const held = state.resultHeld;
  if (!held) return;
  checkAmount(command.amount, state.fees.total - state.paid);
  const at = formatAt(env);
  state.paid += command.amount;
  state.payments.push({ amount: command.amount, at, ...(command.reference ? { reference: command.reference } : {}) });
  draft.events.push({ type: 'paid', at, actor: command.actor, detail: { amount: command.amount, forResult: held.document, ...(command.reference ? { reference: command.reference } : {}) } });
  const { outcome, heldAt: _heldAt, ...spec } = held;
  delete state.resultHeld;
  issueResult(draft, outcome, spec, at);
  state.status = statusOf(compiled, state);
}
