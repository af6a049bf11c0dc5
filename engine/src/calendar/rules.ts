import type { CalendarSpec, HolidayRule } from './types';
import { dayOf, parseDate, yearOf } from './days';
import { lunarToEpochDay } from './lunar';

/** The default span of years the holiday rules are expanded for. */
export const DEFAULT_YEARS = { from: 2000, to: 2060 } as const;

/** Holidays and make-up workdays as epoch days, after rules, compensation and overrides. */
export interface DaySets {
  holidays: Set<number>;
  workdays: Set<number>;
  /** Inclusive range of years the rules were expanded for. */
  years: { from: number; to: number };
}

const MONTH_DAY_RE = /^(\d{2})-(\d{2})$/;

/** Splits `MM-DD` into numbers, or undefined. */
export function parseMonthDay(text: string): [number, number] | undefined {
  const m = MONTH_DAY_RE.exec(text);
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return [month, day];
}

/** The days a rule gives in (solar or lunar) year `year`; empty when that date does not exist. */
export function ruleDays(rule: HolidayRule, year: number): number[] {
  if ((rule.from !== undefined && year < rule.from) || (rule.to !== undefined && year > rule.to)) return [];
  const md = parseMonthDay('lunar' in rule ? rule.lunar : rule.date);
  if (!md) return [];
  const start = 'lunar' in rule ? lunarToEpochDay(year, md[0], md[1]) : dayOf(year, md[0], md[1]);
  if (start === undefined) return [];
  const first = start + (rule.offset ?? 0);
  return Array.from({ length: Math.max(1, rule.days ?? 1) }, (_, i) => first + i);
}

/**
 * Expands a resolved calendar into the sets of dates off and dates worked.
 * Order: rules (except years an override replaces), then compensation for rule-made days on
 * non-working weekdays, minus `removeHolidays` (which can thus cancel a compensation day),
 * then the explicit `holidays` and `workdays` of the calendar and of each year's override.
 */
export function expandDays(spec: CalendarSpec, weekWorking: (day: number) => boolean): DaySets {
  const years = spec.years ?? DEFAULT_YEARS;
  const overrides = spec.overrides ?? {};
  const replaced = new Set(Object.entries(overrides).filter(([, o]) => o.replace).map(([y]) => Number(y)));
  const removed = new Set<number>();
  for (const o of Object.values(overrides)) for (const d of o.removeHolidays ?? []) addDate(removed, d);

  const ruleMade = new Set<number>();
  for (const rule of spec.rules ?? []) {
    // Lunar years straddle solar ones: expand one year either side and keep what lands inside.
    for (let y = years.from - 1; y <= years.to + 1; y++) {
      for (const d of ruleDays(rule, y)) {
        const solarYear = yearOf(d);
        if (solarYear < years.from || solarYear > years.to || replaced.has(solarYear)) continue;
        ruleMade.add(d);
      }
    }
  }

  const holidays = new Set(ruleMade);
  if (spec.compensation === 'next-working-day') {
    for (const d of [...ruleMade].sort((a, b) => a - b)) {
      if (weekWorking(d)) continue;
      let c = d + 1;
      while (!weekWorking(c) || holidays.has(c)) c++;
      holidays.add(c);
    }
  }
  for (const d of removed) holidays.delete(d);

  const workdays = new Set<number>();
  for (const d of spec.holidays ?? []) addDate(holidays, d);
  for (const d of spec.workdays ?? []) addDate(workdays, d);
  for (const o of Object.values(overrides)) {
    for (const d of o.holidays ?? []) addDate(holidays, d);
    for (const d of o.workdays ?? []) addDate(workdays, d);
  }
  return { holidays, workdays, years: { from: years.from, to: years.to } };
}

function addDate(set: Set<number>, text: string): void {
  const d = parseDate(String(text));
  if (d !== undefined) set.add(d);
}
