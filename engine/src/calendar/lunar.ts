import lunarLib from 'lunar-javascript';

/**
 * Vietnamese lunar dates, from lunar-javascript's Chinese calendar corrected to UTC+7.
 *
 * Both calendars start a month on the day of the new moon, but China counts days in UTC+8 and
 * Vietnam in UTC+7. When a new moon falls between 00:00 and 01:00 Beijing time, it is still
 * the previous day in Hanoi, so the Vietnamese month starts one day earlier (Tết 2030 is
 * 2030-02-02 in Vietnam, 2030-02-03 in China). We recompute each month's new-moon instant
 * with the library's own astronomical routine and shift those months.
 *
 * Known limit: leap-month placement is taken from the Chinese calendar. It differs from the
 * Vietnamese one only in rare years (e.g. 1985); the holidays we use (months 1, 3 and the last
 * day of the year) are unaffected in 2000-2060 except as corrected above.
 */

const { LunarYear, ShouXingUtil } = lunarLib;
/** Julian day of 2000-01-01 (noon), the library's epoch. */
const J2000 = 2451545;
/** Epoch day (since 1970-01-01) of 2000-01-01. */
const EPOCH_2000 = 10957;

interface VnMonth {
  month: number;
  leap: boolean;
  /** Epoch day of the month's first day in Vietnam. */
  first: number;
  length: number;
}

const cache = new Map<number, VnMonth[]>();

/** The first day of a month counted in UTC+7, from the library's UTC+8 first day. */
function vietnameseFirstDay(firstJulianDay: number): number {
  const rel = firstJulianDay - J2000;
  const k = Math.floor((rel + 8) / 29.5306);
  // shuoHigh: the new moon as days since J2000 in Beijing time (UTC+8).
  const t = ShouXingUtil.shuoHigh(k * Math.PI * 2);
  const cnDay = Math.floor(t + 0.5);
  // Only trust the correction when the recomputed new moon is the library's own month start.
  if (cnDay !== rel) return rel + EPOCH_2000;
  return Math.floor(t - 1 / 24 + 0.5) + EPOCH_2000;
}

function monthsOf(year: number): { year: number; month: number; first: number }[] {
  return LunarYear.fromYear(year)
    .getMonths()
    .map((m) => ({ year: m.getYear(), month: m.getMonth(), first: vietnameseFirstDay(m.getFirstJulianDay()) }));
}

/** The months of Vietnamese lunar year `year`, in order, with their lengths. */
export function lunarMonths(year: number): VnMonth[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const all = [...monthsOf(year), ...monthsOf(year + 1)];
  const seen = new Set<number>();
  const ordered = all.filter((m) => (seen.has(m.first) ? false : (seen.add(m.first), true))).sort((a, b) => a.first - b.first);
  const out: VnMonth[] = [];
  for (let i = 0; i < ordered.length - 1; i++) {
    const m = ordered[i]!;
    if (m.year !== year) continue;
    out.push({ month: Math.abs(m.month), leap: m.month < 0, first: m.first, length: ordered[i + 1]!.first - m.first });
  }
  cache.set(year, out);
  return out;
}

/**
 * The epoch day of the Vietnamese lunar date `day` of (non-leap) `month` in lunar year
 * `year`, or undefined when that month has fewer days (e.g. the 30th of a 29-day month).
 */
export function lunarToEpochDay(year: number, month: number, day: number): number | undefined {
  const m = lunarMonths(year).find((x) => x.month === month && !x.leap);
  if (!m || day < 1 || day > m.length) return undefined;
  return m.first + day - 1;
}
