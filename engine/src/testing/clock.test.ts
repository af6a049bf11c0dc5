import { describe, expect, it } from 'vitest';
import { compileCalendar, formatInstant, parseInstant } from '../calendar';
import { SimulatedClock, advanceBy } from './clock';

const cal = compileCalendar({ timezone: 'Asia/Ho_Chi_Minh', week: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: [['08:00', '12:00'], ['13:00', '17:00']], holidays: ['2026-04-30', '2026-05-01'] });
const at = (iso: string) => parseInstant(iso);
const show = (ms: number) => formatInstant(ms, cal);

describe('advanceBy', () => {
  it.each([
    ['2026-04-29T16:00:00+07:00', { value: 2, unit: 'working-hour' }, '2026-05-04T09:00:00+07:00'],
    ['2026-04-29T11:00:00+07:00', { value: 2, unit: 'working-hour' }, '2026-04-29T14:00:00+07:00'],
    ['2026-04-29T10:00:00+07:00', { value: 1, unit: 'working-day' }, '2026-05-04T10:00:00+07:00'],
    ['2026-04-29T10:00:00+07:00', { value: 0, unit: 'working-day' }, '2026-04-29T10:00:00+07:00'],
    ['2026-04-29T10:00:00+07:00', { value: 3, unit: 'calendar-day' }, '2026-05-02T10:00:00+07:00'],
    ['2026-04-29T10:00:00+07:00', { value: 90, unit: 'minute' }, '2026-04-29T11:30:00+07:00'],
    ['2026-04-29T23:00:00+07:00', { value: 2, unit: 'hour' }, '2026-04-30T01:00:00+07:00'],
  ] as const)('%s + %o = %s', (from, span, want) => {
    expect(show(advanceBy(at(from), span, cal))).toBe(want);
  });
});

describe('SimulatedClock', () => {
  it('moves forward and refuses to go back', () => {
    const clock = new SimulatedClock('2026-04-27T09:00:00+07:00');
    clock.set('2026-04-27T10:00:00+07:00');
    expect(show(clock.now)).toBe('2026-04-27T10:00:00+07:00');
    expect(() => clock.set('2026-04-27T09:30:00+07:00')).toThrow(expect.objectContaining({ code: 'E_SCENARIO_CLOCK_BACKWARDS' }));
    clock.advance({ value: 1, unit: 'working-day' }, cal);
    expect(show(clock.now)).toBe('2026-04-28T10:00:00+07:00');
  });
});

describe('advanceBy (properties)', () => {
  it('never goes back, and working units land in working time', async () => {
    const fc = await import('fast-check');
    const { isWorkingDay, localDay, workingTimeBetween } = await import('../calendar');
    const start = at('2026-01-01T00:00:00+07:00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 24 * 60 }), fc.integer({ min: 0, max: 40 }), fc.constantFrom('working-hour', 'working-day', 'calendar-day', 'hour', 'minute', 'day'), (minutes, value, unit) => {
        const from = start + minutes * 60_000;
        const to = advanceBy(from, { value, unit }, cal);
        expect(to).toBeGreaterThanOrEqual(from);
        if (unit === 'working-hour') expect(workingTimeBetween(cal, from, to)).toBe(value * 3_600_000);
        if (unit === 'working-day' && value > 0) expect(isWorkingDay(cal, localDay(cal, to))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
