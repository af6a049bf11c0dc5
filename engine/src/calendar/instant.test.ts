import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from './instant';

describe('parseInstant', () => {
  it.each([
    ['2026-02-13T17:00:00+07:00', Date.UTC(2026, 1, 13, 10)],
    ['2026-02-13T10:00:00Z', Date.UTC(2026, 1, 13, 10)],
    ['2026-02-13T17:00+07:00', Date.UTC(2026, 1, 13, 10)],
    ['2026-02-13T05:30:00.250-04:30', Date.UTC(2026, 1, 13, 10, 0, 0, 250)],
  ])('reads %s', (iso, ms) => {
    expect(parseInstant(iso)).toBe(ms);
  });
  it('refuses a time without an offset, saying how to fix it', () => {
    expect(() => parseInstant('2026-02-13T17:00:00')).toThrow(expect.objectContaining({ code: 'E_INSTANT_OFFSET', hint: expect.stringContaining('+07:00') }));
  });
  it.each(['2026-02-30T10:00:00+07:00', '2026-02-13T24:10:00+07:00', 'tomorrow', '2026-02-13'])('refuses %s', (iso) => {
    expect(() => parseInstant(iso)).toThrow(expect.objectContaining({ code: 'E_INSTANT_FORMAT' }));
  });
});

describe('formatInstant', () => {
  it('writes the zone\'s offset and the seconds', () => {
    expect(formatInstant(Date.UTC(2026, 1, 13, 10), 'Asia/Ho_Chi_Minh')).toBe('2026-02-13T17:00:00+07:00');
    expect(formatInstant(Date.UTC(2026, 6, 1, 10), 'Europe/Paris')).toBe('2026-07-01T12:00:00+02:00');
    expect(formatInstant(Date.UTC(2026, 6, 1, 10, 0, 0, 5), 'UTC')).toBe('2026-07-01T10:00:00.005+00:00');
  });
  it('round-trips with parseInstant', () => {
    const ms = Date.UTC(2031, 0, 23, 1, 2, 3);
    expect(parseInstant(formatInstant(ms, 'Asia/Ho_Chi_Minh'))).toBe(ms);
  });
});
