import { DAY_MS } from './days';
import { checkHorizon, isWorkingDay, nthWorkingDayAfter, workingDaysBetween, type WorkingCalendar } from './compile';

/*
 * Working-time arithmetic. An instant is split into its local epoch day and the ms since
 * local midnight; windows are [start, end): 17:00 itself is closed, but adding working time
 * that runs out exactly at 17:00 gives 17:00 (the earliest instant with that much work done).
 */

/** The local epoch day of an instant. */
export function localDay(cal: WorkingCalendar, ms: number): number {
  return Math.floor((ms + cal.zone.offsetAt(ms)) / DAY_MS);
}

/** The instant of `msOfDay` after local midnight on epoch day `day`. */
export function instantOf(cal: WorkingCalendar, day: number, msOfDay: number): number {
  const off = cal.zone.fixedOffsetMs;
  const local = day * DAY_MS + msOfDay;
  return off === undefined ? cal.zone.toUtc(local) : local - off;
}

/** The close of working day `day`: the end of its last window (e.g. 17:00). */
export function closeOfDay(cal: WorkingCalendar, day: number): number {
  return instantOf(cal, day, cal.windowEnd[cal.windowEnd.length - 1]!);
}

/** The first working day on or after `day`. */
export function workingDayOnOrAfter(cal: WorkingCalendar, day: number): number {
  return isWorkingDay(cal, day) ? day : nthWorkingDayAfter(cal, day, 1);
}

/**
 * The receipt of a submission made at `at`: `at` itself inside working time, otherwise the
 * next opening of working time (the start of the next window on a working day).
 * E_CALENDAR_HORIZON for an instant past the calendar's horizon.
 */
export function toReceipt(cal: WorkingCalendar, at: number): number {
  const off = cal.zone.offsetAt(at);
  const day = Math.floor((at + off) / DAY_MS);
  checkHorizon(cal, day);
  if (isWorkingDay(cal, day)) {
    const p = at + off - day * DAY_MS;
    const starts = cal.windowStart;
    const ends = cal.windowEnd;
    for (let i = 0; i < ends.length; i++) {
      if (p < ends[i]!) return p < starts[i]! ? instantOf(cal, day, starts[i]!) : at;
    }
  }
  return instantOf(cal, nthWorkingDayAfter(cal, day, 1), cal.windowStart[0]!);
}

/** Working ms of working day's windows before `p` ms after midnight. */
function workedBefore(cal: WorkingCalendar, p: number): number {
  let sum = 0;
  const starts = cal.windowStart;
  const ends = cal.windowEnd;
  for (let i = 0; i < ends.length; i++) {
    const s = starts[i]!;
    if (p <= s) break;
    sum += Math.min(p, ends[i]!) - s;
  }
  return sum;
}

/** The position in a working day where `worked` ms of its working time are done. */
function positionAfter(cal: WorkingCalendar, worked: number): number {
  let left = worked;
  const starts = cal.windowStart;
  const ends = cal.windowEnd;
  const last = ends.length - 1;
  for (let i = 0; i <= last; i++) {
    const len = ends[i]! - starts[i]!;
    if (left <= len || i === last) return starts[i]! + left;
    left -= len;
  }
  return ends[last]!;
}

/**
 * `ms` of working time after `from` (moved into working time first), across windows and
 * days. `ms <= 0` gives the receipt of `from`.
 */
export function addWorkingTime(cal: WorkingCalendar, from: number, ms: number): number {
  const start = toReceipt(cal, from);
  if (ms <= 0) return start;
  const day = localDay(cal, start);
  const p = start + cal.zone.offsetAt(start) - day * DAY_MS;
  const doneToday = workedBefore(cal, p);
  const total = doneToday + ms;
  if (total <= cal.dayWorkMs) return instantOf(cal, day, positionAfter(cal, total));
  const rest = total - cal.dayWorkMs;
  const W = cal.dayWorkMs;
  const fullDays = Math.floor((rest - 1) / W);
  const target = nthWorkingDayAfter(cal, day, fullDays + 1);
  return instantOf(cal, target, positionAfter(cal, rest - fullDays * W));
}

/** Working time in ms between two instants ([from, to)); 0 when `to` is not after `from`. */
export function workingTimeBetween(cal: WorkingCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  const da = localDay(cal, from);
  const db = localDay(cal, to);
  const pa = from + cal.zone.offsetAt(from) - da * DAY_MS;
  const pb = to + cal.zone.offsetAt(to) - db * DAY_MS;
  const wa = isWorkingDay(cal, da) ? workedBefore(cal, pa) : 0;
  const wb = isWorkingDay(cal, db) ? workedBefore(cal, pb) : 0;
  if (da === db) return wb - wa;
  const head = isWorkingDay(cal, da) ? cal.dayWorkMs - wa : 0;
  return head + workingDaysBetween(cal, da + 1, db) * cal.dayWorkMs + wb;
}
