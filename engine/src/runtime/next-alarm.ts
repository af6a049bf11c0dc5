/**
 * When a case next needs a `tick`. A caller that schedules ticks (the server's durable
 * timers) asks this instead of guessing: the same conditions as `commands/tick.ts`, turned
 * into an instant, so the server and the scenario runner fire the same events at the same
 * moments.
 */
import { parseInstant, timeAllowed, workingTimeBetween, type DeadlineClock, type WorkingCalendar } from '../calendar';
import type { CompiledProcedure } from '../compile/compile-procedure';
import type { CaseState } from './types';

const HOUR_MS = 3_600_000;
/** ~1,100 years: a bound for the backward search, never reached by a real clock. */
const MAX_SPAN_MS = 2 ** 45;

/**
 * The earliest instant (epoch ms) at which `tick` emits at least one event for `state`, or
 * undefined when no tick ever will (a closed case; a suspended clock with no open step SLA
 * left; every alert of the current due and every step SLA already notified). Candidates:
 * - the statutory due-soon instant ({@link dueSoonInstant}) while `alerts.dueSoon` is not the
 *   current due (a tick at or after it emits `due-soon`, or `overdue` past the due);
 * - the due + 1 ms (`clockStatus` is `overdue` strictly after the due) once due-soon fired;
 * - each open step run's SLA due + 1 ms, for runs not yet `overdueNotified` (supplement steps
 *   excluded, as `tick` excludes them). These count even while the clock is suspended: a
 *   parallel branch may keep working while another waits for a supplement, and `tick` fires
 *   their SLAs.
 *
 * The instant may be in the past of the state (nobody ticked in time): fire it at once.
 */
export function nextAlarm(compiled: CompiledProcedure, state: CaseState, calendar: WorkingCalendar): number | undefined {
  if (state.outcome || state.status === 'awaiting-consent') return undefined;
  let next = Number.POSITIVE_INFINITY;
  const clock = state.clock;
  if (clock.suspendedAt === undefined && state.alerts.overdue !== state.due) {
    next = state.alerts.dueSoon === state.due ? clock.due + 1 : (dueSoonInstant(calendar, clock) ?? clock.due + 1);
  }
  for (const [id, run] of Object.entries(state.steps)) {
    if (!run.due || run.finishedAt || run.overdueNotified || compiled.graph.steps.get(id)?.step.kind === 'supplement') continue;
    next = Math.min(next, parseInstant(run.due) + 1);
  }
  return Number.isFinite(next) ? next : undefined;
}

/**
 * The instant (epoch ms) from which `clockStatus` says `due-soon` (or `overdue`): the
 * earliest `t` with time left * 5 <= time allowed. Undefined while the clock is suspended.
 *
 * The time left only shrinks as `t` grows, so the instant is found by search: back from the
 * due by doubling steps until the condition fails, then bisection to the millisecond. About
 * 60 evaluations of working time, each O(1) on the compiled calendar. The condition is
 * `clockStatus`'s own (same measure, same `timeAllowed`); the property tests tick around
 * the result to keep the two in step.
 */
export function dueSoonInstant(calendar: WorkingCalendar, clock: DeadlineClock): number | undefined {
  if (clock.suspendedAt !== undefined) return undefined;
  const allowed = timeAllowed(calendar, clock);
  const due = clock.due;
  const soon = (t: number): boolean => measure(calendar, clock, t, due) * 5 <= allowed;
  let step = HOUR_MS;
  while (soon(due - step)) {
    if (step >= MAX_SPAN_MS) return due - step;
    step *= 2;
  }
  // soon(lo) is false, soon(hi) is true.
  let lo = due - step;
  let hi = due;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (soon(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** `clockStatus`'s measure of time: calendar time for calendar-day deadlines, else working time. */
function measure(calendar: WorkingCalendar, clock: DeadlineClock, from: number, to: number): number {
  return clock.deadline.unit === 'calendar-day' ? Math.max(0, to - from) : workingTimeBetween(calendar, from, to);
}
