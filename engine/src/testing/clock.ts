import { addWorkingTime, DAY_MS, HOUR_MS, instantOf, localDay, MINUTE_MS, nthWorkingDayAfter, parseInstant, type WorkingCalendar } from '../calendar';
import { MotcuaError } from '../errors';
import type { WaitSpan } from './scenario';

/**
 * The simulated clock of a scenario: epoch milliseconds that only move when the scenario
 * says so (`at`, `wait`), never backwards, never with the machine's real time.
 */
export class SimulatedClock {
  #now: number;
  constructor(start: number | string) {
    this.#now = typeof start === 'string' ? parseInstant(start) : start;
  }

  get now(): number {
    return this.#now;
  }

  /** Sets the clock (`at:` / `wait: { until }`). Moving backwards is refused. */
  set(to: number | string): void {
    const ms = typeof to === 'string' ? parseInstant(to) : to;
    if (ms < this.#now) {
      throw new MotcuaError('E_SCENARIO_CLOCK_BACKWARDS', `the clock cannot go back from ${new Date(this.#now).toISOString()} to ${new Date(ms).toISOString()}`, {
        status: 400,
        hint: 'Steps run in order: give each `at` a time at or after the previous one.',
      });
    }
    this.#now = ms;
  }

  /** Moves the clock forward by a span (`wait: { for }`), in working time for working units. */
  advance(span: WaitSpan, calendar: WorkingCalendar): void {
    this.#now = advanceBy(this.#now, span, calendar);
  }
}

/**
 * `from` moved forward by `span`: `working-hour` counts working time only (17:00 + 1 working
 * hour is 09:00 the next working day with an 08:00 opening); `working-day` lands at the same
 * local time on the N-th working day after; `calendar-day` / `day` at the same local time N
 * days later; `hour` and `minute` are elapsed time.
 */
export function advanceBy(from: number, span: WaitSpan, calendar: WorkingCalendar): number {
  const { value, unit } = span;
  switch (unit) {
    case 'minute':
      return from + value * MINUTE_MS;
    case 'hour':
      return from + value * HOUR_MS;
    case 'working-hour':
      return addWorkingTime(calendar, from, value * HOUR_MS);
    case 'working-day': {
      if (value === 0) return from;
      const day = localDay(calendar, from);
      const msOfDay = from + calendar.zone.offsetAt(from) - day * DAY_MS;
      return instantOf(calendar, nthWorkingDayAfter(calendar, day, Math.round(value)), msOfDay);
    }
    case 'calendar-day':
    case 'day': {
      const day = localDay(calendar, from);
      const msOfDay = from + calendar.zone.offsetAt(from) - day * DAY_MS;
      return instantOf(calendar, day + Math.round(value), msOfDay);
    }
  }
}
