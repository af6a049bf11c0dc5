import { InvalidDefinitionError, MotcuaError } from '../errors';
import { DAY_MS, MINUTE_MS, parseClockTime, weekdayOf } from './days';
import { expandDays } from './rules';
import { resolveCalendar, type CalendarLookup } from './resolve';
import { WEEKDAYS, type CalendarFile, type CalendarSpec } from './types';
import { validateCalendar } from './validate';
import { zoneOf, type Zone } from './zone';

/**
 * A calendar compiled for fast deadline arithmetic: every day in the covered years is
 * classified once (working or not), working days are numbered so that "the N-th working day
 * after" is one array read, and the working windows are ms offsets from local midnight.
 * Treat it as read-only; build it once per calendar and share it.
 */
export interface WorkingCalendar {
  readonly id: string | undefined;
  /** The calendar after `extends` was resolved. */
  readonly spec: CalendarSpec;
  readonly zone: Zone;
  /** Working windows as [start, end) in ms from local midnight, sorted, not overlapping. */
  readonly windowStart: readonly number[];
  readonly windowEnd: readonly number[];
  /** Working time in one working day, in ms. */
  readonly dayWorkMs: number;
  /** First and last epoch day of the precomputed range. */
  readonly firstDay: number;
  readonly lastDay: number;
  /** 1 for a working day, indexed by `day - firstDay`. */
  readonly working: Uint8Array;
  /** Number of working days before each day of the range (one more entry than days). */
  readonly rank: Int32Array;
  /** The working days of the range, in order. */
  readonly workList: Int32Array;
  readonly weekWorking: readonly boolean[];
  readonly holidays: ReadonlySet<number>;
  readonly workdays: ReadonlySet<number>;
}

export interface CompileOptions {
  /** Finds the base of `extends` (e.g. the library's calendars). */
  lookup?: CalendarLookup;
  /** File name used in diagnostics. */
  file?: string;
}

const compiled = new WeakMap<object, WorkingCalendar>();

/**
 * Validates, resolves and precomputes a calendar (tens of ms: do it once per calendar).
 * The result is cached per spec object, so treat specs as immutable once compiled.
 * Throws InvalidDefinitionError carrying every diagnostic when the calendar (or its base)
 * is not valid.
 */
export function compileCalendar(spec: CalendarSpec | CalendarFile, options: CompileOptions = {}): WorkingCalendar {
  const hit = options.lookup ? undefined : compiled.get(spec);
  if (hit) return hit;
  const cal = build(spec, options);
  if (!options.lookup) compiled.set(spec, cal);
  return cal;
}

function build(spec: CalendarSpec | CalendarFile, options: CompileOptions): WorkingCalendar {
  const file = options.file ?? (spec.id ? `calendars/${spec.id}.yaml` : '<calendar>');
  const own = validateCalendar(spec, undefined, { file, partial: spec.extends !== undefined });
  if (own.some((d) => d.severity === 'error')) {
    throw new InvalidDefinitionError(`calendar ${spec.id ?? file} is not valid`, own, { path: file });
  }
  const resolved = resolveCalendar(spec, options.lookup);
  if (resolved !== spec) {
    const all = validateCalendar(resolved, undefined, { file });
    if (all.some((d) => d.severity === 'error')) {
      throw new InvalidDefinitionError(`calendar ${spec.id ?? file} is not valid once its base is applied`, all, { path: file });
    }
  }
  const zone = zoneOf(resolved.timezone);
  const windows = resolved.hours
    .map(([a, b]) => [parseClockTime(a)! * MINUTE_MS, parseClockTime(b)! * MINUTE_MS] as const)
    .sort((x, y) => x[0] - y[0]);
  const weekSet = new Set(resolved.week);
  const weekWorking = WEEKDAYS.map((w) => weekSet.has(w));
  const isWeekWorking = (day: number): boolean => weekWorking[weekdayOf(day)] === true;
  const sets = expandDays(resolved, isWeekWorking);

  let firstDay = Math.round(Date.UTC(sets.years.from, 0, 1) / DAY_MS);
  let lastDay = Math.round(Date.UTC(sets.years.to, 11, 31) / DAY_MS);
  for (const d of [...sets.holidays, ...sets.workdays]) {
    firstDay = Math.min(firstDay, d);
    lastDay = Math.max(lastDay, d);
  }
  const size = lastDay - firstDay + 1;
  const working = new Uint8Array(size);
  const rank = new Int32Array(size + 1);
  const list: number[] = [];
  for (let i = 0; i < size; i++) {
    const d = firstDay + i;
    const on = sets.workdays.has(d) || (isWeekWorking(d) && !sets.holidays.has(d));
    rank[i] = list.length;
    if (on) {
      working[i] = 1;
      list.push(d);
    }
  }
  rank[size] = list.length;

  return {
    id: resolved.id,
    spec: resolved,
    zone,
    windowStart: windows.map((w) => w[0]),
    windowEnd: windows.map((w) => w[1]),
    dayWorkMs: windows.reduce((sum, [a, b]) => sum + (b - a), 0),
    firstDay,
    lastDay,
    working,
    rank,
    workList: Int32Array.from(list),
    weekWorking,
    holidays: sets.holidays,
    workdays: sets.workdays,
  };
}

/** True when the epoch day is a working day of the calendar. */
export function isWorkingDay(cal: WorkingCalendar, day: number): boolean {
  if (day >= cal.firstDay && day <= cal.lastDay) return cal.working[day - cal.firstDay] === 1;
  return cal.workdays.has(day) || (cal.weekWorking[weekdayOf(day)] === true && !cal.holidays.has(day));
}

/** Longest run of days off we accept before declaring the calendar unusable (ten years). */
const MAX_GAP_DAYS = 3660;

/**
 * How far (in days) before and after its precomputed years the calendar answers: about a
 * century. Deadlines are days to months; a date past the horizon comes from a number no
 * procedure allows, and walking to it day by day would block the server, so it is refused.
 */
export const HORIZON_DAYS = 36_600;

/** Throws E_CALENDAR_HORIZON (422) unless epoch day `day` is within the calendar's horizon. */
export function checkHorizon(cal: WorkingCalendar, day: number): void {
  if (day >= cal.firstDay - HORIZON_DAYS && day <= cal.lastDay + HORIZON_DAYS) return;
  const year = (d: number) => new Date(Math.max(-8.64e15, Math.min(8.64e15, d * DAY_MS))).getUTCFullYear();
  throw new MotcuaError('E_CALENDAR_HORIZON', `the date is out of the range calendar ${cal.id ?? ''} can count in (years ${year(cal.firstDay - HORIZON_DAYS)} to ${year(cal.lastDay + HORIZON_DAYS)})`, {
    status: 422,
    hint: 'Deadlines and extensions are days to months: check the number of units given.',
  });
}

/** The `n`-th working day strictly after `day` (n ≥ 1); E_CALENDAR_HORIZON past the horizon. */
export function nthWorkingDayAfter(cal: WorkingCalendar, day: number, n: number): number {
  checkHorizon(cal, day);
  // There are fewer working days than days before the horizon: refuse at once, not after the walk.
  if (!Number.isFinite(n) || n > cal.lastDay + HORIZON_DAYS - day) checkHorizon(cal, day + (Number.isFinite(n) ? n : Infinity));
  const idx = day + 1 - cal.firstDay;
  if (idx >= 0 && idx <= cal.lastDay - cal.firstDay) {
    const target = cal.rank[idx]! + n - 1;
    const hit = cal.workList[target];
    if (hit !== undefined) return hit;
  }
  // Outside the precomputed years: walk day by day (only the week rule applies there).
  let d = day;
  let left = n;
  let gap = 0;
  while (left > 0) {
    d++;
    if (d > cal.lastDay + HORIZON_DAYS) checkHorizon(cal, d);
    if (isWorkingDay(cal, d)) {
      left--;
      gap = 0;
    } else if (++gap > MAX_GAP_DAYS) {
      throw new MotcuaError('E_CALENDAR_NO_WORKDAY', `calendar ${cal.id ?? ''} has no working day after ${d - gap}`, {
        hint: 'Check the calendar\'s `week`, `holidays` and `years`.',
      });
    }
  }
  return d;
}

/** Number of working days in the epoch days [from, to). */
export function workingDaysBetween(cal: WorkingCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  const a = from - cal.firstDay;
  const b = to - cal.firstDay;
  const size = cal.lastDay - cal.firstDay + 1;
  if (a >= 0 && b <= size) return cal.rank[b]! - cal.rank[a]!;
  checkHorizon(cal, from);
  checkHorizon(cal, to);
  let count = 0;
  for (let d = from; d < to; d++) if (isWorkingDay(cal, d)) count++;
  return count;
}
