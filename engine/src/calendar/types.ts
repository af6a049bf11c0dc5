/**
 * A working calendar as written in YAML (`procedures/calendars/<id>.yaml`), see the format
 * contract: timezone, working week, working-hour windows, holidays and make-up workdays.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface CalendarSpec {
  /** The calendar's id: its file name without extension. */
  id?: string;
  /** IANA zone, e.g. Asia/Ho_Chi_Minh. */
  timezone: string;
  week: Weekday[];
  /** Working windows, e.g. [["07:30","11:30"],["13:00","17:00"]]. */
  hours: [string, string][];
  /** Dates off (YYYY-MM-DD), Tết included. */
  holidays?: string[];
  /** Weekend dates worked to make up for bridge days (YYYY-MM-DD). */
  workdays?: string[];
  /** @extension Id of the calendar this one builds on (e.g. `vn`); see {@link CalendarFile}. */
  extends?: string;
  /** @extension Recurring holidays, solar or lunar, expanded for {@link CalendarSpec.years}. */
  rules?: HolidayRule[];
  /** @extension Rule-made holidays on a weekend give a day off on the next working day. */
  compensation?: Compensation;
  /** @extension Years the rules are expanded for (default 2000 to 2060). */
  years?: { from: number; to: number };
  /** @extension Per-year changes, keyed by the year (e.g. "2025"). */
  overrides?: Record<string, YearOverride>;
}

/**
 * @extension A recurring day off, expanded for every year the calendar covers.
 * `date` is a solar `MM-DD`; `lunar` is a Vietnamese lunar `MM-DD` (UTC+7 calendar).
 * `offset` moves the first day (e.g. `-1`: the last day of the lunar year before 01-01)
 * and `days` counts consecutive days off from there (default 1).
 */
export type HolidayRule =
  | { name?: string; date: string; offset?: number; days?: number; from?: number; to?: number }
  | { name?: string; lunar: string; offset?: number; days?: number; from?: number; to?: number };

/**
 * @extension What one year looks like when a decision changes it: the government's announced
 * day swaps and extra days off, or a ministry's or province's own.
 */
export interface YearOverride {
  /** Extra dates off this year (YYYY-MM-DD). */
  holidays?: string[];
  /** Extra make-up workdays this year (YYYY-MM-DD). */
  workdays?: string[];
  /** Dates the rules would make holidays that are worked this year. */
  removeHolidays?: string[];
  /** When true, the rules produce nothing this year: `holidays` is the complete list. */
  replace?: boolean;
}

/**
 * What happens when a rule-made holiday falls on a non-working day (a weekend):
 * `next-working-day` gives a day off on the next working day (Labour Code 2019 art. 111(3)).
 */
export const COMPENSATIONS = ['none', 'next-working-day'] as const;
export type Compensation = (typeof COMPENSATIONS)[number];

/**
 * A calendar file as written: with `extends`, `timezone`, `week` and `hours` may be left out
 * and are taken from the base calendar (see `resolveCalendar`).
 */
export type CalendarFile = Partial<CalendarSpec>;
