import { MotcuaError } from '../errors';
import { DEADLINE_UNITS, type DeadlineUnit, type Duration } from '../model/procedure';
import { DAY_MS, HOUR_MS } from './days';
import { checkHorizon, isWorkingDay, nthWorkingDayAfter, type WorkingCalendar } from './compile';
import { addWorkingTime, closeOfDay, instantOf, localDay, toReceipt } from './working-time';

export type { DeadlineUnit, Duration };

/** 23:59:59 as ms after local midnight: the end of a calendar-day deadline. */
const END_OF_DAY_MS = DAY_MS - 1000;

/** Throws E_DEADLINE_UNIT / E_DEADLINE_VALUE for a duration the table does not cover. */
export function checkDuration(d: Duration, path = 'deadline'): void {
  if (!(DEADLINE_UNITS as readonly string[]).includes(d.unit)) {
    throw new MotcuaError('E_DEADLINE_UNIT', `unknown deadline unit '${String(d.unit)}'`, {
      status: 422,
      path: `${path}.unit`,
      hint: `Use one of: ${DEADLINE_UNITS.join(', ')}.`,
    });
  }
  if (!Number.isInteger(d.value) || d.value < 0) {
    throw new MotcuaError('E_DEADLINE_VALUE', `deadline value ${String(d.value)} is not a whole number >= 0`, {
      status: 422,
      path: `${path}.value`,
      hint: 'Write a whole number of units, e.g. `{ value: 3, unit: working-day }`.',
    });
  }
}

/**
 * The due instant of a time limit counted from `receipt`, per the format contract's table:
 *
 * - `working-day` N ≥ 1: the close of the N-th working day after the receipt day;
 *   N = 0: the close of the receipt day.
 * - `working-hour` N: receipt plus N hours of working time, across windows and days.
 * - `calendar-day` N: 23:59:59 local on the receipt date + N; if that date is not a working
 *   day, the close of the next working day (Civil Code 2015, art. 148).
 *
 * `receipt` is moved into working time first (see {@link toReceipt}), so a step's SLA can be
 * computed from the instant the step started.
 */
export function computeDue(cal: WorkingCalendar, receipt: number, deadline: Duration): number {
  checkDuration(deadline);
  const r = toReceipt(cal, receipt);
  const n = deadline.value;
  switch (deadline.unit) {
    case 'working-day': {
      const day = localDay(cal, r);
      return closeOfDay(cal, n === 0 ? day : nthWorkingDayAfter(cal, day, n));
    }
    case 'working-hour':
      return addWorkingTime(cal, r, n * HOUR_MS);
    case 'calendar-day':
      return endOfCalendarDays(cal, localDay(cal, r) + n);
  }
}

/** Civil Code art. 148: the end of `day`, or the close of the next working day when it is off. */
export function endOfCalendarDays(cal: WorkingCalendar, day: number): number {
  checkHorizon(cal, day);
  return isWorkingDay(cal, day) ? instantOf(cal, day, END_OF_DAY_MS) : closeOfDay(cal, nthWorkingDayAfter(cal, day, 1));
}

/**
 * `n` more units after an existing due (an extension): N working days' worth of working
 * time after the due, N working hours after the due, or N calendar days after the due's
 * date (Civil Code rule again).
 */
export function addToDue(cal: WorkingCalendar, due: number, unit: DeadlineUnit, n: number): number {
  checkDuration({ value: n, unit }, 'extension');
  if (n === 0) return due;
  switch (unit) {
    case 'working-day':
      // N days of working time: a due at a day's close lands on the close of the N-th working
      // day after, a due moved mid-day by a suspension keeps its time of day.
      return addWorkingTime(cal, due, n * cal.dayWorkMs);
    case 'working-hour':
      return addWorkingTime(cal, due, n * HOUR_MS);
    case 'calendar-day':
      return endOfCalendarDays(cal, localDay(cal, due) + n);
  }
}
