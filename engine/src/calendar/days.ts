/**
 * Calendar dates as whole days since 1970-01-01 ("epoch days"). Every date computation in
 * the calendar works on these integers: they are fast to compare, add and index arrays with.
 */

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The epoch day of `YYYY-MM-DD`, or undefined when the text is not a real date. */
export function parseDate(text: string): number | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The epoch day of a year, month (1-12) and day, or undefined if that date does not exist. */
export function dayOf(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  // Date.UTC rolls 02-30 over to 03-02: a changed month means the date does not exist.
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return Math.round(ms / DAY_MS);
}

/** `YYYY-MM-DD` of an epoch day. */
export function formatDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The year of an epoch day. */
export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Monday ... 6 = Sunday (the order of `WEEKDAYS`). 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Minutes since midnight of `HH:MM` (24:00 allowed as the end of the day), or undefined. */
export function parseClockTime(text: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}
