import type { CompiledProcedure } from '../../compile/compile-procedure';
import { AccessError, RefusalError } from '../../errors';
import type { Draft } from '../advance';
import { extendCaseClock } from '../clock';
import { formatAt } from '../time';
import type { CaseCommand, RuntimeEnv } from '../types';
import { checkOpen } from './guards';

/**
 * The case moves to another unit because units were reorganized (the commune it was filed at
 * merged into another, was split, or moved to another province). Nothing else changes: the
 * steps, the data and the statutory due stay as they are, unless the reorganization grants
 * extra time (`extend`, recorded as an `extended` event like an officer's extension).
 */
export function transfer(compiled: CompiledProcedure, draft: Draft, command: Extract<CaseCommand, { type: 'transfer' }>, env: RuntimeEnv): void {
  const state = draft.state;
  checkOpen(state);
  if (command.actor.kind === 'applicant') {
    throw new AccessError('E_FORBIDDEN', 'Only an administrator reorganizing units may transfer a case', { hint: 'Units are reorganized by a plan (motcua units reorganize).' });
  }
  if (command.extend !== undefined && (!Number.isInteger(command.extend) || command.extend < 1)) {
    throw new RefusalError('E_INVALID_EXTENSION', `An extension of ${command.extend} is not a whole number >= 1`, [], {
      path: 'extend',
      hint: `Give the extension in whole ${compiled.procedure.deadline.unit}s, or none to keep the deadline.`,
    });
  }
  const from = state.unit;
  state.unit = command.unit;
  draft.events.push({
    type: 'transferred',
    at: formatAt(env),
    actor: command.actor,
    detail: {
      ...(from ? { from } : {}),
      to: command.unit,
      ...(command.unitName ? { toName: command.unitName } : {}),
      ...(command.plan ? { plan: command.plan } : {}),
      ...(command.reason ? { reason: command.reason } : {}),
    },
  });
  if (command.extend !== undefined) extendCaseClock(compiled, draft, command.extend, env, command.actor, command.reason);
}
