import { describe, expect, it } from 'vitest';
import { parseSource } from '../parse/source-document';
import { vnFile, vnSpec } from './__fixtures__/vn';
import { compileCalendar } from './compile';
import { validateCalendar } from './validate';

const check = (yaml: string) => {
  const doc = parseSource(yaml, 'calendars/bad.yaml');
  return validateCalendar(doc.value, doc).map((d) => `${d.line}:${d.column} ${d.code} ${d.severity}`);
};

describe('validateCalendar', () => {
  it('accepts the library calendar vn', () => {
    expect(validateCalendar(vnSpec, vnFile)).toEqual([]);
  });

  it.each([
    ['an unknown weekday', 'timezone: Asia/Ho_Chi_Minh\nweek: [mon, tues]\nhours: [["08:00","17:00"]]\n', '2:13 E_CALENDAR_WEEKDAY error'],
    ['a bad HH:MM', 'timezone: Asia/Ho_Chi_Minh\nweek: [mon]\nhours: [["8:00","17:00"]]\n', '3:10 E_CALENDAR_TIME error'],
    ['a window ending before it starts', 'timezone: Asia/Ho_Chi_Minh\nweek: [mon]\nhours:\n  - ["13:00", "11:30"]\n', '4:5 E_CALENDAR_WINDOW error'],
    ['overlapping windows', 'timezone: Asia/Ho_Chi_Minh\nweek: [mon]\nhours: [["07:30","11:30"], ["11:00","17:00"]]\n', '3:28 E_CALENDAR_OVERLAP error'],
    ['a bad date', 'timezone: Asia/Ho_Chi_Minh\nweek: [mon]\nhours: [["08:00","17:00"]]\nholidays: [2026-02-30]\n', '4:12 E_CALENDAR_DATE error'],
    ['an unknown timezone', 'timezone: Asia/Hanoi_City\nweek: [mon]\nhours: [["08:00","17:00"]]\n', '1:11 E_CALENDAR_TIMEZONE error'],
    ['a missing key', 'week: [mon]\nhours: [["08:00","17:00"]]\n', '1:1 E_CALENDAR_REQUIRED error'],
    ['a rule without date or lunar', 'timezone: UTC\nweek: [mon]\nhours: [["08:00","17:00"]]\nrules: [{ name: x }]\n', '4:9 E_CALENDAR_RULE error'],
    ['a lunar rule with a bad month-day', 'timezone: UTC\nweek: [mon]\nhours: [["08:00","17:00"]]\nrules: [{ lunar: "13-01" }]\n', '4:18 E_CALENDAR_RULE error'],
    ['an override date in another year', 'timezone: UTC\nweek: [mon]\nhours: [["08:00","17:00"]]\noverrides:\n  "2025": { holidays: [2026-01-02] }\n', '5:24 E_CALENDAR_OVERRIDE error'],
    ['a date both off and worked', 'timezone: UTC\nweek: [mon]\nhours: [["08:00","17:00"]]\nholidays: [2026-01-03]\nworkdays: [2026-01-03]\n', '5:12 E_CALENDAR_CONFLICT error'],
    ['a misspelt key (warning)', 'timezone: UTC\nweek: [mon]\nhours: [["08:00","17:00"]]\nholiday: [2026-01-03]\n', '4:1 E_CALENDAR_UNKNOWN_KEY warning'],
  ])('reports %s with its line and column', (_name, yaml, expected) => {
    expect(check(yaml)).toEqual([expected]);
  });

  it('says how to fix a misspelt weekday', () => {
    const doc = parseSource('timezone: UTC\nweek: [mon, tues]\nhours: [["08:00","17:00"]]\n', 'c.yaml');
    const [d] = validateCalendar(doc.value, doc);
    expect(d?.hint).toContain("did you mean 'tue'");
    expect(d?.path).toBe('week[1]');
  });

  it('makes compileCalendar throw InvalidDefinitionError with every diagnostic', () => {
    const bad = { timezone: 'Nowhere/Else', week: ['mon'], hours: [['17:00', '08:00']] } as never;
    expect(() => compileCalendar(bad)).toThrow(
      expect.objectContaining({ code: 'E_INVALID_DEFINITION', diagnostics: [expect.objectContaining({ code: 'E_CALENDAR_TIMEZONE' }), expect.objectContaining({ code: 'E_CALENDAR_WINDOW' })] }),
    );
  });
});
