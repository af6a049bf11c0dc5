import type { CompiledProcedure } from '../compile/compile-procedure';
import { RefusalError } from '../errors';
import type { Draft } from './advance';
import { checkCommand } from './check-input';
import { cloneState } from './clone';
import { act } from './commands/act';
import { childFinished } from './commands/child-finished';
import { consent } from './commands/consent';
import { extend } from './commands/extend';
import { pay } from './commands/pay';
import { supplement } from './commands/supplement';
import { tick } from './commands/tick';
import { transfer } from './commands/transfer';
import { withdraw, withdrawBeforeReceipt } from './commands/withdraw';
import type { CaseCommand, CaseState, RuntimeEnv, TransitionResult } from './types';

/** Options of {@link applyCommand}. */
export interface ApplyOptions {
  /**
   * The caller hands `state` over: nobody else holds it (the server parsed it from the case's
   * row for this one command), so it becomes the next state, changed in place, instead of
   * being copied first (the copy was the largest cost of a command after XState's). After a
   * refusal it may be half-changed: the caller must drop it, as the server drops its
   * transaction. The result is the same as without.
   */
  handOver?: boolean;
}

/**
 * Applies one command to a case and returns the next state, the events to append to its
 * timeline and the effects for the caller to carry out. Pure: `state` is not modified (unless
 * handed over, {@link ApplyOptions}), and the same state, command and env give the same
 * result. Refusals throw `RefusalError` (or `AccessError('E_FORBIDDEN')`) and leave nothing
 * half-done.
 */
export function applyCommand(compiled: CompiledProcedure, state: CaseState, command: CaseCommand, env: RuntimeEnv, options: ApplyOptions = {}): TransitionResult {
  checkCommand(command);
  checkProcedure(compiled, state);
  const draft: Draft = { state: options.handOver ? state : cloneState(state), events: [], effects: [] };
  if (state.status === 'awaiting-consent') return beforeReceipt(compiled, draft, command, env);
  switch (command.type) {
    case 'act':
      act(compiled, draft, command, env);
      break;
    case 'pay':
      pay(compiled, draft, command, env);
      break;
    case 'supplement':
      supplement(compiled, draft, command, env);
      break;
    case 'withdraw':
      withdraw(compiled, draft, command, env);
      break;
    case 'child-finished':
      childFinished(compiled, draft, command, env);
      break;
    case 'extend':
      extend(compiled, draft, command, env);
      break;
    case 'transfer':
      transfer(compiled, draft, command, env);
      break;
    case 'tick':
      tick(compiled, draft, env);
      break;
    case 'consent':
      throw new RefusalError('E_NOT_AWAITING_CONSENT', 'The case awaits no consent', [], { status: 409, path: 'subject', hint: 'The consent was already given, or the case never needed it.' });
    default:
      throw new RefusalError('E_UNKNOWN_COMMAND', `Unknown command type '${(command as { type?: unknown }).type as string}'`, [], {
        hint: 'Use one of: act, pay, supplement, withdraw, child-finished, extend, transfer, tick, consent.',
      });
  }
  return draft;
}

/**
 * A case awaiting consent has not been received: no step, no clock. It takes a consent, the
 * applicant's withdrawal (it closes at once in the `withdrawn` outcome) and ticks (nothing to
 * fire); anything else is refused `E_AWAITING_CONSENT`.
 */
function beforeReceipt(compiled: CompiledProcedure, draft: Draft, command: CaseCommand, env: RuntimeEnv): TransitionResult {
  if (command.type === 'consent') consent(compiled, draft, command, env);
  else if (command.type === 'withdraw') withdrawBeforeReceipt(compiled, draft, command, env);
  else if (command.type !== 'tick') {
    const waiting = (draft.state.subjects ?? []).filter((s) => s.status === 'awaiting-consent').map((s) => s.id);
    throw new RefusalError('E_AWAITING_CONSENT', `The case awaits the consent of: ${waiting.join(', ')}`, [], {
      status: 409,
      hint: 'Each person named must confirm with their own sign-in before the case is received; the applicant may withdraw meanwhile.',
    });
  }
  return draft;
}

/** A case runs under the version it was filed with; mixing them up is a caller bug. */
function checkProcedure(compiled: CompiledProcedure, state: CaseState): void {
  const { code, version } = compiled.procedure;
  if (state.procedure.code !== code || state.procedure.version !== version) {
    throw new RefusalError('E_PROCEDURE_MISMATCH', `The case was filed under ${state.procedure.code} ${state.procedure.version}, not ${code} ${version}`, [], {
      status: 500,
      hint: 'Compile the procedure version the case records and apply the command with it.',
    });
  }
}
