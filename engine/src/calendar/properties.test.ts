import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEADLINE_UNITS, type Duration } from '../model/procedure';
import { vn, vnSpec } from './__fixtures__/vn';
import { resumeClock, startClock, suspendClock } from './clock';
import { compileCalendar, HORIZON_DAYS } from './compile';
import { addToDue, computeDue } from './deadline';
import { formatDate } from './days';
import { addWorkingTime, toReceipt, workingTimeBetween } from './working-time';

const instant = fc.integer({ min: Date.UTC(2014, 0, 1), max: Date.UTC(2059, 0, 1) });
const duration: fc.Arbitrary<Duration> = fc.record({
  unit: fc.constantFrom(...DEADLINE_UNITS),
  value: fc.integer({ min: 0, max: 60 }),
});

describe('deadline properties (vn calendar)', () => {
  it('the due is never before the receipt, nor the receipt before the submission', () => {
    fc.assert(
      fc.property(instant, duration, (t, d) => {
        const receipt = toReceipt(vn, t);
        expect(receipt).toBeGreaterThanOrEqual(t);
        expect(computeDue(vn, t, d)).toBeGreaterThanOrEqual(receipt);
      }),
      { numRuns: 2000 },
    );
  });

  it('N + 1 units are never earlier than N', () => {
    fc.assert(
      fc.property(instant, duration, (t, d) => {
        expect(computeDue(vn, t, { ...d, value: d.value + 1 })).toBeGreaterThanOrEqual(computeDue(vn, t, d));
      }),
      { numRuns: 2000 },
    );
  });

  it('adding a holiday never makes a due earlier', () => {
    // A short span of years keeps each compilation cheap.
    const years = { from: 2025, to: 2027 };
    const plain = compileCalendar({ ...vnSpec, years });
    const near = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 5, 1) });
    fc.assert(
      fc.property(near, duration, fc.integer({ min: 0, max: 120 }), (t, d, daysAhead) => {
        const extra = formatDate(Math.floor(t / 86_400_000) + daysAhead);
        const withHoliday = compileCalendar({ ...vnSpec, years, holidays: [...(vnSpec.holidays ?? []), extra] });
        expect(computeDue(withHoliday, t, d)).toBeGreaterThanOrEqual(computeDue(plain, t, d));
      }),
      { numRuns: 150 },
    );
  });

  it('a zero-length pause changes nothing (clock: stop)', () => {
    fc.assert(
      fc.property(instant, duration, fc.integer({ min: 0, max: 90 * 86_400_000 }), (t, d, after) => {
        const clock = startClock(vn, t, d, 'stop');
        const at = clock.receipt + after;
        const paused = resumeClock(vn, suspendClock(vn, clock, at), at);
        expect(paused.due).toBe(clock.due);
      }),
      { numRuns: 2000 },
    );
  });

  it('a longer pause never gives an earlier due (clock: stop)', () => {
    fc.assert(
      fc.property(instant, duration, fc.nat(30 * 86_400_000), fc.nat(30 * 86_400_000), fc.nat(10 * 86_400_000), (t, d, after, len, more) => {
        const clock = startClock(vn, t, d, 'stop');
        const at = clock.receipt + after;
        const short = resumeClock(vn, suspendClock(vn, clock, at), at + len);
        const long = resumeClock(vn, suspendClock(vn, clock, at), at + len + more);
        expect(long.due).toBeGreaterThanOrEqual(short.due);
      }),
      { numRuns: 1000 },
    );
  });

  it('workingTimeBetween measures exactly what addWorkingTime added', () => {
    fc.assert(
      fc.property(instant, fc.nat(400 * 3_600_000), (t, ms) => {
        const receipt = toReceipt(vn, t);
        expect(workingTimeBetween(vn, receipt, addWorkingTime(vn, t, ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a bounded horizon', () => {
  const anyInstant = fc.oneof(instant, fc.integer({ min: -8.64e15, max: 8.64e15 }));
  const anyValue = fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(1e6, 1e8, 36_600, 50_000));

  it('every unit and value either gives a due within the horizon or refuses with E_CALENDAR_HORIZON', () => {
    fc.assert(
      fc.property(anyInstant, fc.constantFrom(...DEADLINE_UNITS), anyValue, (t, unit, value) => {
        let due: number | undefined;
        try {
          due = computeDue(vn, t, { unit, value });
          due = addToDue(vn, due, unit, value);
        } catch (err) {
          expect(err, String(err)).toMatchObject({ code: 'E_CALENDAR_HORIZON', status: 422 });
          return;
        }
        expect(Number.isFinite(due)).toBe(true);
        expect(new Date(due).getUTCFullYear()).toBeLessThan(2061 + HORIZON_DAYS / 365);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses 100,000,000 working days (the extension that blocked the server)', () => {
    const t = Date.UTC(2026, 2, 2, 2);
    for (const unit of DEADLINE_UNITS) expect(() => addToDue(vn, t, unit, 100_000_000), unit).toThrow(expect.objectContaining({ code: 'E_CALENDAR_HORIZON' }));
  });
});
