/**
 * The query of `GET /api/stats`, checked: every bad parameter is a 400 `E_BAD_QUERY` whose
 * `path` names it, unknown parameters included (a typo must not silently widen a report).
 */
import { STATS_BY, STATS_PERIODS, type StatsBy, type StatsPeriod } from 'motcua/contract';
import { DAY_MS, RefusalError, parseDate, zoneOf, type Level } from 'motcua/engine';

/** Statistics count days in Vietnam's time zone (the library's calendars are all in it). */
export const STATS_ZONE = zoneOf('Asia/Ho_Chi_Minh');

/** The local epoch day of an instant. */
export function dayOfInstant(ms: number): number {
  return Math.floor((ms + STATS_ZONE.offsetAt(ms)) / DAY_MS);
}

/** The instant local day `day` starts. */
export function startOfDay(day: number): number {
  return STATS_ZONE.toUtc(day * DAY_MS);
}

const LEVELS: readonly Level[] = ['commune', 'province', 'ministry'];
const FORMATS = ['json', 'csv'] as const;
/** Longest range: three years (the index is ranked monthly, quarterly and yearly). */
export const MAX_RANGE_DAYS = 1096;
/** A daily series is readable up to a year. */
export const MAX_DAILY_DAYS = 366;
const KNOWN = new Set(['from', 'to', 'by', 'period', 'unit', 'procedure', 'sector', 'level', 'format']);
const ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface StatsQuery {
  /** First and last local days of the range, inclusive. */
  fromDay: number;
  toDay: number;
  by: StatsBy;
  period?: StatsPeriod;
  unit?: string;
  procedure?: string;
  sector?: string;
  level?: Level;
  format: (typeof FORMATS)[number];
}

function bad(path: string, message: string, hint: string): RefusalError {
  return new RefusalError('E_BAD_QUERY', message, [], { status: 400, path, hint });
}

function oneOf<T extends string>(raw: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw bad(name, `Query parameter ${name}=${raw.slice(0, 40)} must be one of ${allowed.join(', ')}`, `Omit ${name} or use one of ${allowed.join(', ')}.`);
  return raw as T;
}

function date(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? parseDate(raw) : undefined;
  if (day === undefined) throw bad(name, `Query parameter ${name}=${raw.slice(0, 40)} is not a date`, 'Use YYYY-MM-DD, e.g. 2026-01-31.');
  return day;
}

function id(raw: string | undefined, name: string): string | undefined {
  if (raw === undefined) return undefined;
  if (!ID.test(raw)) throw bad(name, `Query parameter ${name} is not an id`, 'Use the id of a unit, the code of a procedure or a sector id (letters, digits, . _ -, at most 64).');
  return raw;
}

/**
 * Parses the query string (values as Koa gives them: a repeated parameter is refused).
 * `today` is the local day of now: the default range is the 30 days up to it.
 */
export function parseStatsQuery(query: Record<string, string | string[] | undefined>, today: number, accept: string | undefined): StatsQuery {
  const one = (name: string): string | undefined => {
    const v = query[name];
    if (Array.isArray(v)) throw bad(name, `Query parameter ${name} is given more than once`, `Give ${name} once.`);
    return v === '' ? undefined : v;
  };
  for (const name of Object.keys(query)) {
    if (!KNOWN.has(name)) throw bad(name, `Unknown query parameter ${name.slice(0, 40)}`, `Use ${[...KNOWN].join(', ')}.`);
  }
  const toDay = date(one('to'), 'to') ?? today;
  const fromDay = date(one('from'), 'from') ?? toDay - 29;
  if (fromDay > toDay) throw bad('from', 'Query parameter from is after to', 'Give from on or before to.');
  const period = oneOf(one('period'), 'period', STATS_PERIODS);
  if (toDay - fromDay + 1 > MAX_RANGE_DAYS) throw bad('to', `The range is longer than ${MAX_RANGE_DAYS} days`, 'Ask for at most three years at a time.');
  if (period === 'day' && toDay - fromDay + 1 > MAX_DAILY_DAYS) throw bad('period', `A daily series covers at most ${MAX_DAILY_DAYS} days`, 'Use period=week or period=month for a longer range.');
  const format = oneOf(one('format'), 'format', FORMATS) ?? (accept?.includes('text/csv') ? 'csv' : 'json');
  const q: StatsQuery = { fromDay, toDay, by: oneOf(one('by'), 'by', STATS_BY) ?? 'unit', format };
  if (period) q.period = period;
  const unit = id(one('unit'), 'unit');
  if (unit) q.unit = unit;
  const procedure = id(one('procedure'), 'procedure');
  if (procedure) q.procedure = procedure;
  const sector = id(one('sector'), 'sector');
  if (sector) q.sector = sector;
  const level = oneOf(one('level'), 'level', LEVELS);
  if (level) q.level = level;
  return q;
}
