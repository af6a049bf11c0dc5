import { describe, expect, it } from 'vitest';
import { vn } from './__fixtures__/vn';
import { clockStatus, extendClock, isOnTime, resumeClock, startClock, suspendClock, timeAllowed } from './clock';
import { formatInstant, parseInstant } from './instant';

const at = (iso: string): number => parseInstant(`${iso}+07:00`);
const show = (ms: number): string => formatInstant(ms, vn);
const H = 3_600_000;

describe('suspension with clock: stop', () => {
  const started = startClock(vn, at('2026-03-09T08:00:00'), { value: 3, unit: 'working-day' }, 'stop');

  it('starts with the due of the table', () => {
    expect(show(started.due)).toBe('2026-03-12T17:00:00+07:00');
  });

  it('keeps the working time left and adds it from the resumption', () => {
    const s = suspendClock(vn, started, at('2026-03-10T10:00:00'));
    expect(s.remainingMs).toBe(21.5 * H);
    expect(clockStatus(vn, s, at('2026-03-11T10:00:00'))).toBe('suspended');
    const r = resumeClock(vn, s, at('2026-03-16T14:00:00'));
    expect(show(r.due)).toBe('2026-03-19T10:00:00+07:00');
    expect(r.suspendedAt).toBeUndefined();
    expect(r.suspensions).toEqual([{ from: at('2026-03-10T10:00:00'), to: at('2026-03-16T14:00:00') }]);
  });

  it('handles a suspension spanning Tết and a second suspension', () => {
    let c = startClock(vn, at('2026-02-11T08:00:00'), { value: 2, unit: 'working-day' });
    expect(show(c.due)).toBe('2026-02-13T17:00:00+07:00');
    c = suspendClock(vn, c, at('2026-02-12T15:00:00'));
    expect(c.remainingMs).toBe(10 * H);
    c = resumeClock(vn, c, at('2026-02-21T10:00:00')); // a Saturday in Tết: counts from Monday 07:30
    expect(show(c.due)).toBe('2026-02-24T09:30:00+07:00');
    c = suspendClock(vn, c, at('2026-02-24T08:30:00'));
    c = resumeClock(vn, c, at('2026-02-25T16:30:00'));
    expect(show(c.due)).toBe('2026-02-26T08:00:00+07:00');
    expect(c.suspensions).toHaveLength(2);
  });

  it('does not move the due of a clock suspended after it', () => {
    const s = suspendClock(vn, started, at('2026-03-13T09:00:00'));
    expect(s.remainingMs).toBe(0);
    expect(resumeClock(vn, s, at('2026-03-20T09:00:00')).due).toBe(started.due);
  });

  it('keeps whole calendar days for a calendar-day deadline', () => {
    let c = startClock(vn, at('2026-03-09T10:00:00'), { value: 10, unit: 'calendar-day' });
    expect(show(c.due)).toBe('2026-03-19T23:59:59+07:00');
    c = suspendClock(vn, c, at('2026-03-11T10:00:00')); // 8 days left
    c = resumeClock(vn, c, at('2026-03-20T09:00:00'));
    expect(show(c.due)).toBe('2026-03-30T17:00:00+07:00'); // 28/03 is a Saturday
  });
});

describe('suspension with clock: restart', () => {
  it('counts the whole limit again from the resumption', () => {
    let c = startClock(vn, at('2026-03-09T08:00:00'), { value: 3, unit: 'working-day' }, 'restart');
    c = suspendClock(vn, c, at('2026-03-10T10:00:00'));
    c = resumeClock(vn, c, at('2026-03-16T14:00:00'));
    expect(show(c.due)).toBe('2026-03-19T17:00:00+07:00');
  });

  it('restarts from the next opening when resumed after closing', () => {
    let c = startClock(vn, at('2026-03-09T08:00:00'), { value: 4, unit: 'working-hour' }, 'restart');
    c = suspendClock(vn, c, at('2026-03-09T09:00:00'));
    c = resumeClock(vn, c, at('2026-03-13T18:00:00'));
    expect(show(c.due)).toBe('2026-03-16T11:30:00+07:00');
  });
});

describe('clock errors', () => {
  const c = startClock(vn, at('2026-03-09T08:00:00'), { value: 3, unit: 'working-day' });
  it('refuses to suspend twice', () => {
    const s = suspendClock(vn, c, at('2026-03-09T09:00:00'));
    expect(() => suspendClock(vn, s, at('2026-03-09T10:00:00'))).toThrow(expect.objectContaining({ code: 'E_CLOCK_SUSPENDED', status: 409 }));
  });
  it('refuses to resume a running clock', () => {
    expect(() => resumeClock(vn, c, at('2026-03-09T10:00:00'))).toThrow(expect.objectContaining({ code: 'E_CLOCK_NOT_SUSPENDED' }));
  });
  it('refuses a resumption before the suspension', () => {
    const s = suspendClock(vn, c, at('2026-03-10T09:00:00'));
    expect(() => resumeClock(vn, s, at('2026-03-09T10:00:00'))).toThrow(expect.objectContaining({ code: 'E_CLOCK_ORDER' }));
  });
});

describe('extensions', () => {
  it.each([
    ['working-day', 3, 2, '2026-03-16T17:00:00+07:00'],
    ['working-hour', 4, 8, '2026-03-10T13:30:00+07:00'], // Mon 13:30 + 8 h
    ['calendar-day', 3, 2, '2026-03-16T17:00:00+07:00'], // 09+3 = 12 (23:59:59), +2 = Sat 14 -> Mon 16 close
  ] as const)('adds %s units to the due', (unit, value, n, expected) => {
    const c = extendClock(vn, startClock(vn, at('2026-03-09T08:00:00'), { value, unit }), n);
    expect(show(c.due)).toBe(expected);
    expect(c.extensions).toEqual([n]);
  });

  it('adds to the time left while suspended', () => {
    let c = startClock(vn, at('2026-03-09T08:00:00'), { value: 1, unit: 'working-day' });
    c = suspendClock(vn, c, at('2026-03-10T16:00:00')); // 1h left
    c = extendClock(vn, c, 1);
    expect(c.remainingMs).toBe(9 * H);
    c = resumeClock(vn, c, at('2026-03-16T07:30:00'));
    expect(show(c.due)).toBe('2026-03-17T08:30:00+07:00');
  });
});

describe('extension of a clock suspended after its due', () => {
  it('counts from the suspension to the extended due', () => {
    let c = startClock(vn, at('2026-03-09T08:00:00'), { value: 1, unit: 'working-day' }); // due Tue 10/03 17:00
    c = suspendClock(vn, c, at('2026-03-11T09:00:00'));
    expect(c.remainingMs).toBe(0);
    c = extendClock(vn, c, 2); // due Thu 12/03 17:00: 6.5 h on Wed after 09:00, 8 h on Thu
    expect(c.remainingMs).toBe(14.5 * H);
    c = resumeClock(vn, c, at('2026-03-16T07:30:00'));
    expect(show(c.due)).toBe('2026-03-17T15:30:00+07:00'); // Mon 8 h, Tue 4 h + 2.5 h
  });
});

describe('clockStatus and isOnTime', () => {
  // Allowed: Mon 09/03 08:00 -> Mon 16/03 17:00 = 47.5 working hours; a fifth is 9.5 h.
  const c = startClock(vn, at('2026-03-09T08:00:00'), { value: 5, unit: 'working-day' });
  it('measures the time allowed in working time', () => {
    expect(timeAllowed(vn, c)).toBe(47.5 * H);
  });
  it.each([
    ['2026-03-09T08:00:00', 'running'],
    ['2026-03-13T15:29:00', 'running'],
    ['2026-03-13T15:30:00', 'due-soon'],
    ['2026-03-14T12:00:00', 'due-soon'],
    ['2026-03-16T17:00:00', 'due-soon'],
    ['2026-03-16T17:00:01', 'overdue'],
  ])('at %s it is %s', (now, status) => {
    expect(clockStatus(vn, c, at(now))).toBe(status);
  });
  it('is on time at the due and late after it', () => {
    expect(isOnTime(c, at('2026-03-16T17:00:00'))).toBe(true);
    expect(isOnTime(c, at('2026-03-16T17:00:01'))).toBe(false);
  });
  it('does not count suspended time as time allowed', () => {
    let s = suspendClock(vn, c, at('2026-03-10T07:30:00'));
    s = resumeClock(vn, s, at('2026-03-11T07:30:00')); // one working day suspended
    expect(show(s.due)).toBe('2026-03-17T17:00:00+07:00');
    expect(timeAllowed(vn, s)).toBe(47.5 * H);
  });
});
