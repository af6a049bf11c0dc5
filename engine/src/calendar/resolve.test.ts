import { describe, expect, it } from 'vitest';
import { vnSpec } from './__fixtures__/vn';
import { compileCalendar, isWorkingDay } from './compile';
import { parseDate } from './days';
import type { CalendarFile } from './types';

const lookup = (id: string): CalendarFile | undefined => (id === 'vn' ? vnSpec : undefined);
const working = (cal: ReturnType<typeof compileCalendar>, date: string): boolean => isWorkingDay(cal, parseDate(date)!);

describe('extends and per-year overrides', () => {
  it('inherits the base and adds a province\'s own holiday and hours', () => {
    const province = compileCalendar(
      { id: 'hue', extends: 'vn', hours: [['07:00', '11:00'], ['13:30', '17:00']], overrides: { '2026': { holidays: ['2026-06-01'] } } },
      { lookup },
    );
    expect(province.spec.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(working(province, '2026-06-01')).toBe(false);
    expect(working(province, '2026-02-17')).toBe(false); // Tết from vn
    expect(working(province, '2026-01-10')).toBe(true); // vn's make-up Saturday kept
    expect(province.windowEnd.at(-1)).toBe(17 * 3_600_000);
  });

  it('lets a ministry replace a year entirely', () => {
    const ministry = compileCalendar({ id: 'm', extends: 'vn', overrides: { '2026': { replace: true, holidays: ['2026-03-02'] } } }, { lookup });
    expect(working(ministry, '2026-02-17')).toBe(true);
    expect(working(ministry, '2026-01-10')).toBe(false); // the base's 2026 workdays are gone too
    expect(working(ministry, '2026-03-02')).toBe(false);
    expect(working(ministry, '2027-02-08')).toBe(false); // other years keep the rules (Tết 2027 = 06/02)
  });

  it('names a missing base', () => {
    expect(() => compileCalendar({ id: 'x', extends: 'nowhere' }, { lookup })).toThrow(/extends 'nowhere', which is not in the library/);
  });

  it('refuses a cycle', () => {
    const files: Record<string, CalendarFile> = { a: { id: 'a', extends: 'b' }, b: { id: 'b', extends: 'a' } };
    expect(() => compileCalendar(files.a!, { lookup: (id) => files[id] })).toThrow(/extends itself/);
  });
});

describe('rules', () => {
  const base = { timezone: 'Asia/Ho_Chi_Minh', week: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, hours: [['08:00', '17:00']] as [string, string][] };
  it('expands a lunar rule with offset and days (Tết 2027 from 05/02)', () => {
    const cal = compileCalendar({ ...base, week: [...base.week], rules: [{ lunar: '01-01', offset: -1, days: 5 }], years: { from: 2027, to: 2027 } });
    expect(['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'].map((d) => working(cal, d))).toEqual([true, false, false, false, true]);
  });
  it('compensates a holiday on a weekend only when asked', () => {
    const rules = [{ date: '05-01' }]; // 2027-05-01 is a Saturday
    const plain = compileCalendar({ ...base, week: [...base.week], rules, years: { from: 2027, to: 2027 } });
    const comp = compileCalendar({ ...base, week: [...base.week], rules, compensation: 'next-working-day', years: { from: 2027, to: 2027 } });
    expect(working(plain, '2027-05-03')).toBe(true);
    expect(working(comp, '2027-05-03')).toBe(false);
  });
  it('limits a rule to its years', () => {
    const cal = compileCalendar({ ...base, week: [...base.week], rules: [{ date: '09-01', from: 2021 }], years: { from: 2020, to: 2021 } });
    expect(working(cal, '2020-09-01')).toBe(true);
    expect(working(cal, '2021-09-01')).toBe(false);
  });
});
