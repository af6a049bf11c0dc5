import { ConflictError, MotcuaError } from '../errors';
import type { ClockMode, Duration } from '../model/procedure';
import { DAY_MS } from './days';
import type { WorkingCalendar } from './compile';
import { addToDue, computeDue, endOfCalendarDays } from './deadline';
import { addWorkingTime, localDay, toReceipt, workingTimeBetween } from './working-time';

/** One request for supplementary documents: the clock is suspended from `from` to `to`. */
export interface ClockSuspension {
  from: number;
  /** Absent while the suspension lasts. */
  to?: number;
}

/**
 * The statutory clock of one case (or one step, for an SLA). Plain data: store it as JSON
 * with the case; every function below returns a new clock and never mutates its argument.
 */
export interface DeadlineClock {
  /** Receipt: the submission moved into working time. */
  receipt: number;
  /** The current due. While suspended, the due the clock would have had (informative). */
  due: number;
  deadline: Duration;
  mode: ClockMode;
  /** Set while suspended. */
  suspendedAt?: number;
  /**
   * Set while suspended (`stop` mode): the time left at suspension. Working ms for
   * working-day and working-hour deadlines; for calendar-day deadlines, whole calendar days
   * left times 86 400 000 (the days from the suspension's date to the due's date); on
   * resumption the due is that many days after the resumption's date (Civil Code rule), and
   * a suspension that starts and ends on the same date leaves it where it was.
   * 0 when the clock was suspended at or after its due: the case stays late.
   */
  remainingMs?: number;
  suspensions: ClockSuspension[];
  /** Extensions granted, in the deadline's unit. */
  extensions: number[];
}

export const CLOCK_STATUSES = ['running', 'due-soon', 'overdue', 'suspended'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

/** Starts the clock at the receipt of a submission made at `submittedAt`. */
export function startClock(cal: WorkingCalendar, submittedAt: number, deadline: Duration, mode: ClockMode = 'stop'): DeadlineClock {
  const receipt = toReceipt(cal, submittedAt);
  return { receipt, due: computeDue(cal, receipt, deadline), deadline, mode, suspensions: [], extensions: [] };
}

/**
 * Suspends the clock at `at` (a request for supplementary documents). In `stop` mode the
 * time left is kept in `remainingMs`; in `restart` mode nothing needs keeping.
 */
export function suspendClock(cal: WorkingCalendar, clock: DeadlineClock, at: number): DeadlineClock {
  if (clock.suspendedAt !== undefined) {
    throw new ConflictError('E_CLOCK_SUSPENDED', 'the clock is already suspended', {
      hint: 'Resume the clock (the applicant answers the request) before suspending it again.',
    });
  }
  const last = lastEvent(clock);
  if (at < last) throw orderError(at, last);
  const next = clockOf(clock, clock.due, [...clock.suspensions, { from: at }], clock.extensions);
  next.suspendedAt = at;
  next.remainingMs = at >= clock.due ? 0 : timeLeft(cal, clock, at);
  return next;
}

/**
 * Resumes a suspended clock at `at`. `stop`: the due becomes `at` (moved into working time)
 * plus the time left at suspension; a clock suspended at or after its due keeps its due.
 * `restart`: the whole statutory limit is counted again from `at`; extensions granted
 * before are spent (they extended a count that no longer exists).
 */
export function resumeClock(cal: WorkingCalendar, clock: DeadlineClock, at: number): DeadlineClock {
  const from = clock.suspendedAt;
  if (from === undefined) {
    throw new ConflictError('E_CLOCK_NOT_SUSPENDED', 'the clock is not suspended', {
      hint: 'Only a clock suspended by a request for supplementary documents can be resumed.',
    });
  }
  if (at < from) throw orderError(at, from);
  const suspensions = clock.suspensions.map((s, i) => (i === clock.suspensions.length - 1 ? { from: s.from, to: at } : s));
  let due: number;
  if (clock.mode === 'restart') {
    due = computeDue(cal, at, clock.deadline);
  } else {
    const left = clock.remainingMs ?? 0;
    if (from >= clock.due) due = clock.due;
    else if (clock.deadline.unit === 'calendar-day') {
      // Whole days: a suspension within one date does not move the due.
      const resumeDay = localDay(cal, at);
      due = resumeDay === localDay(cal, from) ? clock.due : endOfCalendarDays(cal, resumeDay + Math.round(left / DAY_MS));
    }
    else due = addWorkingTime(cal, at, left);
  }
  return clockOf(clock, due, suspensions, clock.extensions);
}

/**
 * Extends the deadline by `n` units of its own unit: the due moves by that much (while
 * suspended, so does the time left).
 */
export function extendClock(cal: WorkingCalendar, clock: DeadlineClock, n: number): DeadlineClock {
  const due = addToDue(cal, clock.due, clock.deadline.unit, n);
  const next = clockOf(clock, due, clock.suspensions, [...clock.extensions, n]);
  if (clock.suspendedAt !== undefined) {
    next.suspendedAt = clock.suspendedAt;
    next.remainingMs = clock.suspendedAt >= due ? 0 : timeLeft(cal, next, clock.suspendedAt);
  }
  return next;
}

/**
 * The state of the clock at `now`:
 * - `suspended` while a suspension lasts;
 * - `overdue` when `now` is after the due;
 * - `due-soon` when the time left is at most a fifth of the time allowed, where
 *   *time left* = working time from `now` to the due (calendar time for calendar-day
 *   deadlines), and *time allowed* = the same measure from the start of the current count
 *   (the receipt, or in `restart` mode the last resumption) to the due, less the time spent
 *   suspended since then. Extensions are part of the time allowed.
 * - otherwise `running`.
 */
export function clockStatus(cal: WorkingCalendar, clock: DeadlineClock, now: number): ClockStatus {
  if (clock.suspendedAt !== undefined) return 'suspended';
  if (now > clock.due) return 'overdue';
  const left = measure(cal, clock, now, clock.due);
  const allowed = timeAllowed(cal, clock);
  return left * 5 <= allowed ? 'due-soon' : 'running';
}

/** The time allowed for the current count (see {@link clockStatus}). */
export function timeAllowed(cal: WorkingCalendar, clock: DeadlineClock): number {
  const lastResume = clock.mode === 'restart' ? clock.suspensions.at(-1)?.to : undefined;
  const start = lastResume === undefined ? clock.receipt : toReceipt(cal, lastResume);
  let allowed = measure(cal, clock, start, clock.due);
  for (const s of clock.suspensions) {
    if (s.to === undefined || s.to <= start) continue;
    allowed -= measure(cal, clock, Math.max(s.from, start), Math.min(s.to, clock.due));
  }
  return Math.max(0, allowed);
}

/**
 * Working time the case was in the administration's hands from its receipt to `at`, in
 * working ms of the calendar: the time waiting for the applicant's supplements (the clock's
 * suspensions) is not counted. Whatever the deadline's unit, this is working time, so that
 * averages across procedures are in one measure (divide by `cal.dayWorkMs` for working days).
 */
export function workingTimeSpent(cal: WorkingCalendar, clock: DeadlineClock, at: number): number {
  let spent = workingTimeBetween(cal, clock.receipt, at);
  for (const s of clock.suspensions) {
    const to = Math.min(s.to ?? at, at);
    const from = Math.max(s.from, clock.receipt);
    if (to > from) spent -= workingTimeBetween(cal, from, to);
  }
  return Math.max(0, spent);
}

/** True when an outcome reached at `at` is on time: at or before the due. */
export function isOnTime(clock: DeadlineClock, at: number): boolean {
  return at <= clock.due;
}

/**
 * A running clock with the given parts. Built as one literal (not a spread) so that every
 * clock shares a shape: spreading was 20x slower on the hot path of the runtime.
 */
function clockOf(base: DeadlineClock, due: number, suspensions: ClockSuspension[], extensions: number[]): DeadlineClock {
  return { receipt: base.receipt, due, deadline: base.deadline, mode: base.mode, suspensions, extensions };
}

function measure(cal: WorkingCalendar, clock: DeadlineClock, from: number, to: number): number {
  return clock.deadline.unit === 'calendar-day' ? Math.max(0, to - from) : workingTimeBetween(cal, from, to);
}

function timeLeft(cal: WorkingCalendar, clock: DeadlineClock, at: number): number {
  if (clock.deadline.unit === 'calendar-day') return Math.max(0, localDay(cal, clock.due) - localDay(cal, at)) * DAY_MS;
  return workingTimeBetween(cal, at, clock.due);
}

function lastEvent(clock: DeadlineClock): number {
  const last = clock.suspensions.at(-1);
  return last?.to ?? last?.from ?? Number.NEGATIVE_INFINITY;
}

function orderError(at: number, after: number): MotcuaError {
  return new MotcuaError('E_CLOCK_ORDER', `clock event at ${new Date(at).toISOString()} is before the previous one (${new Date(after).toISOString()})`, {
    status: 422,
    hint: 'Record clock events in the order they happened.',
  });
}
