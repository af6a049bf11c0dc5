import { describe, expect, it } from 'vitest';
import { lunarMonths, lunarToEpochDay } from './lunar';
import { formatDate } from './days';

const date = (d: number | undefined) => (d === undefined ? undefined : formatDate(d));

describe('Vietnamese lunar calendar', () => {
  // Tết (mùng 1 tháng Giêng) as observed in Vietnam; 2030 is a day before China's 2030-02-03.
  const TET: [number, string][] = [
    [2020, '2020-01-25'], [2021, '2021-02-12'], [2022, '2022-02-01'], [2023, '2023-01-22'],
    [2024, '2024-02-10'], [2025, '2025-01-29'], [2026, '2026-02-17'], [2027, '2027-02-06'],
    [2028, '2028-01-26'], [2029, '2029-02-13'], [2030, '2030-02-02'], [2031, '2031-01-23'],
    [2032, '2032-02-11'], [2033, '2033-01-31'], [2034, '2034-02-19'], [2035, '2035-02-08'],
  ];
  it.each(TET)('Tết %i is %s', (year, expected) => {
    expect(date(lunarToEpochDay(year, 1, 1))).toBe(expected);
  });

  // Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar month (public announcements of those years).
  it.each([
    [2023, '2023-04-29'], [2024, '2024-04-18'], [2025, '2025-04-07'], [2026, '2026-04-26'],
  ])('Hùng Kings %i is %s', (year, expected) => {
    expect(date(lunarToEpochDay(year, 3, 10))).toBe(expected);
  });

  it('gives the 12th month of Giáp Thìn 29 days (no "30 Tết" in 2025)', () => {
    const last = lunarMonths(2024).find((m) => m.month === 12 && !m.leap);
    expect(last?.length).toBe(29);
    expect(lunarToEpochDay(2024, 12, 30)).toBeUndefined();
  });

  it('makes the month before a shifted month one day shorter', () => {
    const y2029 = lunarMonths(2029).find((m) => m.month === 12 && !m.leap);
    expect(y2029 && formatDate(y2029.first + y2029.length)).toBe('2030-02-02');
  });
});
