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
}
