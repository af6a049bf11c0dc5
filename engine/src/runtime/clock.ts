/**
 * The case's statutory clock, on the calendar module's pure clock functions: started at
 * receipt, suspended while a supplement is awaited (`suspension.clock`: stop | restart),
 * extended by officers, read when the case closes.
 */
import { computeDue, extendClock, isOnTime, resumeClock, startClock, suspendClock, toReceipt, type DeadlineClock } from '../calendar';
import type { CompiledProcedure } from '../compile/compile-procedure';
import { maxExtension, type Duration } from '../model/procedure';
import { RefusalError } from '../errors';
import type { Draft } from './advance';
import { formatAt } from './time';
import type { Actor, RuntimeEnv } from './types';

/** The clock of a new case: receipt is `now` moved into working time. */
export function startCaseClock(compiled: CompiledProcedure, env: RuntimeEnv): DeadlineClock {
  const { deadline, suspension } = compiled.procedure;
  return startClock(env.calendar, env.now, deadline, suspension?.clock ?? 'stop');
}

export const dueOf = (clock: DeadlineClock): number => clock.due;
export const receiptOf = (clock: DeadlineClock): number => clock.receipt;

/** Suspends on entering a supplement step (a no-op if a parallel branch already suspended it). */
export function suspendCaseClock(clock: DeadlineClock, env: RuntimeEnv): DeadlineClock {
  return clock.suspendedAt === undefined ? suspendClock(env.calendar, clock, env.now) : clock;
}

/** Resumes on leaving a supplement step (a no-op if the clock runs). */
export function resumeCaseClock(clock: DeadlineClock, env: RuntimeEnv): DeadlineClock {
  return clock.suspendedAt === undefined ? clock : resumeClock(env.calendar, clock, env.now);
}

/** Whether the case closes on time (outcome at or before the due). */
export function closeClock(clock: DeadlineClock, env: RuntimeEnv): { clock: DeadlineClock; onTime: boolean } {
  return { clock, onTime: isOnTime(clock, env.now) };
}

/** A step's own SLA due, counted from now moved into working time. */
export function stepDue(env: RuntimeEnv, sla: Duration): string {
  return formatAt(env, computeDue(env.calendar, toReceipt(env.calendar, env.now), sla));
}

/**
 * Extends the statutory due by `n` units of the deadline's unit and records it. Refuses
 * (`E_EXTENSION_MAX`, 422) an extension that would take the extensions in force past the
 * procedure's `extension.max`: the law bounds how long a case may be drawn out, and a huge
 * number would otherwise send the calendar arithmetic centuries ahead.
 */
export function extendCaseClock(compiled: CompiledProcedure, draft: Draft, n: number, env: RuntimeEnv, actor: Actor, reason?: string): void {
  const state = draft.state;
  const max = maxExtension(compiled.procedure);
  const used = state.clock.extensions.reduce((a, b) => a + b, 0);
  const unit = compiled.procedure.deadline.unit;
  if (n + used > max) {
    throw new RefusalError('E_EXTENSION_MAX', `An extension of ${n} ${unit}(s) would pass the most this procedure allows (${max} in all, ${used} already granted)`, [], {
      path: 'value',
      hint: max - used > 0 ? `Extend by at most ${max - used} ${unit}(s).` : 'The deadline cannot be extended further on this case.',
    });
  }
  const before = state.due;
  state.clock = extendClock(env.calendar, state.clock, n);
  state.due = formatAt(env, state.clock.due);
  draft.events.push({
    type: 'extended',
    at: formatAt(env),
    actor,
    detail: { value: n, unit: compiled.procedure.deadline.unit, from: before, to: state.due, ...(reason ? { reason } : {}) },
  });
}
