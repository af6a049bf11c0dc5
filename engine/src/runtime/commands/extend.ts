import type { CompiledProcedure } from '../../compile/compile-procedure';
import { AccessError, RefusalError } from '../../errors';
import type { Draft } from '../advance';
import { extendCaseClock } from '../clock';
import type { CaseCommand, RuntimeEnv } from '../types';
import { checkOpen } from './guards';

/**
 * An officer extends the statutory deadline by `value` units of the deadline's unit (the
 * law allows it, with a reason, e.g. when a consultation takes longer). Actions may carry
 * `extend` instead; both end here.
 */
export function extend(compiled: CompiledProcedure, draft: Draft, command: Extract<CaseCommand, { type: 'extend' }>, env: RuntimeEnv): void {
  checkOpen(draft.state);
  if (command.actor.kind === 'applicant') {
    throw new AccessError('E_FORBIDDEN', 'Only an officer may extend the deadline', { hint: 'Ask the officer handling the case.' });
  }
  if (!Number.isInteger(command.value) || command.value < 1) {
    throw new RefusalError('E_INVALID_EXTENSION', `An extension of ${command.value} is not a whole number >= 1`, [], {
      path: 'value',
      hint: `Give the extension in whole ${compiled.procedure.deadline.unit}s.`,
    });
  }
  extendCaseClock(compiled, draft, command.value, env, command.actor, command.reason);
}
