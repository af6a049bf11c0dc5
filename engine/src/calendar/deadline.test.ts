import { describe, expect, it } from 'vitest';
import type { Duration } from '../model/procedure';
import { vn } from './__fixtures__/vn';
import { computeDue } from './deadline';
import { formatInstant, parseInstant } from './instant';
import { addWorkingTime, toReceipt, workingTimeBetween } from './working-time';
import { compileCalendar } from './compile';

const at = (iso: string): number => parseInstant(`${iso}+07:00`);
const show = (ms: number): string => formatInstant(ms, vn);
const due = (from: string, value: number, unit: Duration['unit']): string => show(computeDue(vn, at(from), { value, unit }));

describe('toReceipt (vn: 07:30-11:30, 13:00-17:00, Mon-Fri)', () => {
  it.each([
    ['inside a window stays', '2026-03-09T09:00:00', '2026-03-09T09:00:00+07:00'],
    ['before opening moves to 07:30', '2026-03-09T06:00:00', '2026-03-09T07:30:00+07:00'],
    ['lunch break moves to 13:00', '2026-03-09T12:00:00', '2026-03-09T13:00:00+07:00'],
    ['the end of a window is closed', '2026-03-09T11:30:00', '2026-03-09T13:00:00+07:00'],
    ['after closing moves to the next working day', '2026-03-06T17:30:00', '2026-03-09T07:30:00+07:00'],
    ['a Sunday moves to Monday', '2026-03-08T10:00:00', '2026-03-09T07:30:00+07:00'],
    ['Tết moves past the holidays', '2026-02-13T17:00:00', '2026-02-23T07:30:00+07:00'],
    ['a make-up Saturday is working time', '2026-01-10T08:00:00', '2026-01-10T08:00:00+07:00'],
  ])('%s', (_name, from, expected) => {
    expect(show(toReceipt(vn, at(from)))).toBe(expected);
  });
});

describe('computeDue: working-day', () => {
  it.each([
    ['0 days: the close of the receipt day', '2026-03-09T09:00:00', 0, '2026-03-09T17:00:00+07:00'],
    ['0 days after closing: the close of the next working day', '2026-03-09T18:00:00', 0, '2026-03-10T17:00:00+07:00'],
    ['1 day across a weekend', '2026-03-06T10:00:00', 1, '2026-03-09T17:00:00+07:00'],
    ['receipt after closing on Friday', '2026-03-06T17:30:00', 1, '2026-03-10T17:00:00+07:00'],
    ['3 days across Tết 2026 (14-22/02 off)', '2026-02-12T09:00:00', 3, '2026-02-24T17:00:00+07:00'],
    ['New Year 2026 with the 02/01 swap', '2025-12-31T10:00:00', 1, '2026-01-05T17:00:00+07:00'],
    ['the make-up Saturday 10/01/2026 counts', '2026-01-09T10:00:00', 1, '2026-01-10T17:00:00+07:00'],
    ['30/4-1/5/2024 with Monday 29/04 swapped', '2024-04-26T10:00:00', 2, '2024-05-03T17:00:00+07:00'],
    ['the make-up Saturday 04/05/2024 counts', '2024-04-26T10:00:00', 3, '2024-05-04T17:00:00+07:00'],
    ['Tết 2025: Monday 03/02 is worked (8726/VPCP-KGVX)', '2025-01-24T10:00:00', 1, '2025-02-03T17:00:00+07:00'],
    ['30/4-1/5/2025 with Friday 02/05 swapped', '2025-04-29T10:00:00', 1, '2025-05-05T17:00:00+07:00'],
    ['the make-up Saturday 26/04/2025 counts', '2025-04-25T10:00:00', 1, '2025-04-26T17:00:00+07:00'],
    ['Tết 2023: 20/01-26/01 off, 27/01 worked', '2023-01-19T10:00:00', 1, '2023-01-27T17:00:00+07:00'],
    ['Hùng Kings (Sat) and 30/4 (Sun) 2023 both compensated: 29/04-03/05 off', '2023-04-28T10:00:00', 1, '2023-05-04T17:00:00+07:00'],
    ['New Year 2023 on a Sunday gives Monday 02/01 off', '2022-12-30T10:00:00', 1, '2023-01-03T17:00:00+07:00'],
    ['Tết 2024: 08/02-14/02 off, 15/02 worked', '2024-02-07T10:00:00', 1, '2024-02-15T17:00:00+07:00'],
    ['Hùng Kings 2026 (Sun 26/04) gives Monday 27/04 off', '2026-04-24T10:00:00', 1, '2026-04-28T17:00:00+07:00'],
    ['30/4 and 1/5/2026 (Thu, Fri)', '2026-04-29T10:00:00', 1, '2026-05-04T17:00:00+07:00'],
    ['National Day 2026: 01/09 and 02/09 off', '2026-08-31T10:00:00', 1, '2026-09-03T17:00:00+07:00'],
    ['Tết 2030 starts on Sat 02/02 in Vietnam: 01-05/02 off, 06-07/02 compensate the weekend', '2030-01-31T10:00:00', 1, '2030-02-08T17:00:00+07:00'],
  ])('%s', (_name, from, n, expected) => {
    expect(due(from, n, 'working-day')).toBe(expected);
  });
});

describe('computeDue: working-hour', () => {
  it.each([
    ['across the lunch break', '2026-03-09T10:00:00', 4, '2026-03-09T15:30:00+07:00'],
    ['into the next day', '2026-03-09T10:00:00', 7, '2026-03-10T09:00:00+07:00'],
    ['exactly one day ends at the close, not the next opening', '2026-03-09T07:30:00', 8, '2026-03-09T17:00:00+07:00'],
    ['ending exactly at the lunch break', '2026-03-09T07:30:00', 4, '2026-03-09T11:30:00+07:00'],
    ['two days', '2026-03-09T07:30:00', 16, '2026-03-10T17:00:00+07:00'],
    ['across Tết', '2026-02-13T15:00:00', 4, '2026-02-23T09:30:00+07:00'],
    ['received at lunch', '2026-03-09T12:15:00', 1, '2026-03-09T14:00:00+07:00'],
    ['received after closing', '2026-03-09T20:00:00', 2, '2026-03-10T09:30:00+07:00'],
    ['0 hours: the receipt', '2026-03-07T20:00:00', 0, '2026-03-09T07:30:00+07:00'],
    ['a week of hours over a weekend', '2026-03-11T13:00:00', 40, '2026-03-18T11:30:00+07:00'],
  ])('%s', (_name, from, n, expected) => {
    expect(due(from, n, 'working-hour')).toBe(expected);
  });
});

describe('computeDue: calendar-day (Civil Code 2015 art. 148)', () => {
  it.each([
    ['lands on a working day: 23:59:59 that day', '2026-03-09T10:00:00', 10, '2026-03-19T23:59:59+07:00'],
    ['lands on a Saturday: the close of Monday', '2026-03-09T10:00:00', 5, '2026-03-16T17:00:00+07:00'],
    ['lands in Tết: the close of the first day after', '2026-02-09T10:00:00', 7, '2026-02-23T17:00:00+07:00'],
    ['0 days: the end of the receipt day', '2026-03-09T10:00:00', 0, '2026-03-09T23:59:59+07:00'],
    ['counted from the receipt, not the submission', '2026-03-06T18:00:00', 1, '2026-03-10T23:59:59+07:00'],
  ])('%s', (_name, from, n, expected) => {
    expect(due(from, n, 'calendar-day')).toBe(expected);
  });
});

describe('computeDue: bad durations', () => {
  it('refuses an unknown unit with E_DEADLINE_UNIT', () => {
    expect(() => computeDue(vn, at('2026-03-09T10:00:00'), { value: 1, unit: 'fortnight' as Duration['unit'] })).toThrow(
      expect.objectContaining({ code: 'E_DEADLINE_UNIT' }),
    );
  });
  it.each([-1, 1.5, Number.NaN])('refuses value %s with E_DEADLINE_VALUE', (value) => {
    expect(() => computeDue(vn, at('2026-03-09T10:00:00'), { value, unit: 'working-day' })).toThrow(
      expect.objectContaining({ code: 'E_DEADLINE_VALUE' }),
    );
  });
});

describe('workingTimeBetween', () => {
  const h = 3_600_000;
  it.each([
    ['within a window', '2026-03-09T08:00:00', '2026-03-09T10:00:00', 2 * h],
    ['across lunch', '2026-03-09T11:00:00', '2026-03-09T14:00:00', 1.5 * h],
    ['a whole week', '2026-03-09T00:00:00', '2026-03-16T00:00:00', 40 * h],
    ['over Tết 2026', '2026-02-13T00:00:00', '2026-02-24T00:00:00', 16 * h],
    ['reversed is zero', '2026-03-10T00:00:00', '2026-03-09T00:00:00', 0],
  ])('%s', (_name, a, b, expected) => {
    expect(workingTimeBetween(vn, at(a), at(b))).toBe(expected);
  });

  it('is the inverse of addWorkingTime', () => {
    const from = at('2026-02-11T09:10:00');
    const to = addWorkingTime(vn, from, 29 * h + 7 * 60_000);
    expect(workingTimeBetween(vn, from, to)).toBe(29 * h + 7 * 60_000);
  });
});

describe('a zone with daylight saving', () => {
  const paris = compileCalendar({ id: 'fr', timezone: 'Europe/Paris', week: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: [['09:00', '17:00']] });
  it('keeps local working hours across the spring change', () => {
    // 2026-03-29 is the change to summer time (UTC+1 -> UTC+2).
    const d = computeDue(paris, parseInstant('2026-03-27T10:00:00+01:00'), { value: 1, unit: 'working-day' });
    expect(formatInstant(d, paris)).toBe('2026-03-30T17:00:00+02:00');
  });
});
