import { closest } from 'fastest-levenshtein';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { formatPath, type DocPath, type SourceDocument } from '../parse/source-document';
import { parseClockTime, parseDate } from './days';
import { parseMonthDay } from './rules';
import { COMPENSATIONS, WEEKDAYS } from './types';
import { isKnownTimeZone } from './zone';

const KEYS = ['id', 'timezone', 'week', 'hours', 'holidays', 'workdays', 'extends', 'rules', 'compensation', 'years', 'overrides'];
const RULE_KEYS = ['name', 'date', 'lunar', 'offset', 'days', 'from', 'to'];
const OVERRIDE_KEYS = ['holidays', 'workdays', 'removeHolidays', 'replace'];

export interface ValidateCalendarOptions {
  /** File name for diagnostics when there is no source document. */
  file?: string;
  /** The file `extends` another: timezone, week and hours may be missing. */
  partial?: boolean;
}

/**
 * Checks a calendar (as parsed from YAML) and returns every problem, each with its
 * file:line:col when `doc` is given. Codes: E_CALENDAR_SHAPE, E_CALENDAR_REQUIRED,
 * E_CALENDAR_TIMEZONE, E_CALENDAR_WEEKDAY, E_CALENDAR_TIME, E_CALENDAR_WINDOW,
 * E_CALENDAR_OVERLAP, E_CALENDAR_DATE, E_CALENDAR_RULE, E_CALENDAR_OVERRIDE,
 * E_CALENDAR_CONFLICT, and E_CALENDAR_UNKNOWN_KEY (a warning).
 */
export function validateCalendar(spec: unknown, doc?: SourceDocument, options: ValidateCalendarOptions = {}): Diagnostic[] {
  const file = doc?.file ?? options.file ?? '<calendar>';
  const out: Diagnostic[] = [];
  const report: Report = (path, code, message, hint, severity = 'error') => {
    // Unknown keys point at the key itself; everything else at the offending value.
    const pos = (code === 'E_CALENDAR_UNKNOWN_KEY' ? doc?.keyPositionOf(path) : doc?.positionOf(path)) ?? { line: 1, column: 1 };
    const where = formatPath(path);
    out.push({ file, line: pos.line, column: pos.column, code, severity, message, hint, ...(where ? { path: where } : {}) });
  };

  if (!isRecord(spec)) {
    report([], 'E_CALENDAR_SHAPE', 'a calendar must be a mapping', 'Write `timezone:`, `week:` and `hours:` keys at the top level.');
    return out;
  }
  unknownKeys(spec, [], KEYS, report);
  const partial = options.partial ?? spec.extends !== undefined;
  if (spec.extends !== undefined && typeof spec.extends !== 'string') {
    report(['extends'], 'E_CALENDAR_SHAPE', '`extends` must be a calendar id', 'e.g. `extends: vn`.');
  }

  if (spec.timezone === undefined) {
    if (!partial) report([], 'E_CALENDAR_REQUIRED', 'the calendar has no `timezone`', 'Add `timezone: Asia/Ho_Chi_Minh` (an IANA zone).');
  } else if (typeof spec.timezone !== 'string' || !isKnownTimeZone(spec.timezone)) {
    report(['timezone'], 'E_CALENDAR_TIMEZONE', `unknown time zone '${show(spec.timezone)}'`, 'Use an IANA zone name such as Asia/Ho_Chi_Minh.');
  }

  if (spec.week === undefined) {
    if (!partial) report([], 'E_CALENDAR_REQUIRED', 'the calendar has no `week`', 'Add `week: [mon, tue, wed, thu, fri]`.');
  } else if (!Array.isArray(spec.week) || spec.week.length === 0) {
    report(['week'], 'E_CALENDAR_WEEKDAY', '`week` must be a non-empty list of weekdays', 'e.g. `week: [mon, tue, wed, thu, fri]`.');
  } else {
    spec.week.forEach((w: unknown, i) => {
      if (!(WEEKDAYS as readonly unknown[]).includes(w)) {
        const guess = typeof w === 'string' ? closest(w.toLowerCase(), [...WEEKDAYS]) : 'mon';
        report(['week', i], 'E_CALENDAR_WEEKDAY', `unknown weekday '${show(w)}'`, `Weekdays are ${WEEKDAYS.join(', ')}; did you mean '${guess}'?`);
      }
    });
  }

  if (spec.hours === undefined) {
    if (!partial) report([], 'E_CALENDAR_REQUIRED', 'the calendar has no working `hours`', 'Add e.g. `hours: [["07:30","11:30"], ["13:00","17:00"]]`.');
  } else {
    checkHours(spec.hours, report);
  }

  for (const key of ['holidays', 'workdays'] as const) checkDates(spec[key], [key], report);

  if (spec.compensation !== undefined && !(COMPENSATIONS as readonly unknown[]).includes(spec.compensation)) {
    report(['compensation'], 'E_CALENDAR_SHAPE', `unknown compensation '${show(spec.compensation)}'`, `Use one of: ${COMPENSATIONS.join(', ')}.`);
  }
  if (spec.years !== undefined) {
    const y = spec.years;
    if (!isRecord(y) || !Number.isInteger(y.from) || !Number.isInteger(y.to) || (y.from as number) > (y.to as number) || (y.from as number) < 1900 || (y.to as number) > 2199) {
      report(['years'], 'E_CALENDAR_SHAPE', '`years` must be `{ from: YYYY, to: YYYY }` with from <= to, within 1900-2199', 'e.g. `years: { from: 2000, to: 2060 }`.');
    }
  }
  checkRules(spec.rules, report);
  checkOverrides(spec.overrides, report);

  // A date both off and worked is ambiguous: say which one was meant.
  const off = new Set(asStrings(spec.holidays));
  asStrings(spec.workdays).forEach((d, i) => {
    if (off.has(d)) report(['workdays', i], 'E_CALENDAR_CONFLICT', `${d} is both a holiday and a workday`, 'Remove it from one of the two lists.');
  });
  return out;
}

type Report = (path: DocPath, code: string, message: string, hint: string, severity?: Diagnostic['severity']) => void;

function checkHours(hours: unknown, report: Report): void {
  if (!Array.isArray(hours) || hours.length === 0) {
    report(['hours'], 'E_CALENDAR_TIME', '`hours` must be a non-empty list of ["HH:MM", "HH:MM"] windows', 'e.g. `hours: [["07:30","11:30"], ["13:00","17:00"]]`.');
    return;
  }
  const windows: { i: number; start: number; end: number }[] = [];
  hours.forEach((w: unknown, i) => {
    if (!Array.isArray(w) || w.length !== 2) {
      report(['hours', i], 'E_CALENDAR_TIME', 'a working window is a pair ["HH:MM", "HH:MM"]', 'e.g. ["07:30", "11:30"].');
      return;
    }
    const [a, b] = w.map((t: unknown, j) => {
      const v = typeof t === 'string' ? parseClockTime(t) : undefined;
      if (v === undefined) report(['hours', i, j], 'E_CALENDAR_TIME', `'${show(t)}' is not a time of day "HH:MM"`, 'Write 24-hour time with two digits each, quoted: "07:30".');
      return v;
    });
    if (a === undefined || b === undefined) return;
    if (b <= a) {
      report(['hours', i], 'E_CALENDAR_WINDOW', `working window ${String(w[0])}-${String(w[1])} ends before it starts`, 'Put the start first; a window cannot cross midnight.');
      return;
    }
    windows.push({ i, start: a, end: b });
  });
  const sorted = [...windows].sort((x, y) => x.start - y.start);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (cur.start < prev.end) {
      report(['hours', cur.i], 'E_CALENDAR_OVERLAP', `working window ${cur.i + 1} overlaps window ${prev.i + 1}`, 'Windows must not overlap; merge them or move one.');
    }
  }
}

function checkDates(list: unknown, path: DocPath, report: Report): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    report(path, 'E_CALENDAR_DATE', `\`${formatPath(path)}\` must be a list of dates`, 'e.g. [2026-02-16, 2026-02-17].');
    return;
  }
  list.forEach((d: unknown, i) => {
    if (typeof d !== 'string' || parseDate(d) === undefined) {
      report([...path, i], 'E_CALENDAR_DATE', `'${show(d)}' is not a date YYYY-MM-DD`, 'Write real dates as YYYY-MM-DD, e.g. 2026-09-02.');
    }
  });
}

function checkRules(rules: unknown, report: Report): void {
  if (rules === undefined) return;
  if (!Array.isArray(rules)) {
    report(['rules'], 'E_CALENDAR_RULE', '`rules` must be a list', 'e.g. `rules: [{ date: "05-01" }, { lunar: "03-10" }]`.');
    return;
  }
  rules.forEach((r: unknown, i) => {
    const path = ['rules', i];
    if (!isRecord(r)) {
      report(path, 'E_CALENDAR_RULE', 'a rule is a mapping with `date` or `lunar`', 'e.g. `{ date: "09-02", name: National Day }`.');
      return;
    }
    unknownKeys(r, path, RULE_KEYS, report);
    const hasDate = r.date !== undefined;
    const hasLunar = r.lunar !== undefined;
    if (hasDate === hasLunar) {
      report(path, 'E_CALENDAR_RULE', 'a rule needs exactly one of `date` (solar MM-DD) or `lunar` (lunar MM-DD)', 'e.g. `{ lunar: "01-01", offset: -1, days: 5 }` for Tết.');
    }
    for (const key of ['date', 'lunar'] as const) {
      if (r[key] !== undefined && (typeof r[key] !== 'string' || !parseMonthDay(r[key]))) {
        report([...path, key], 'E_CALENDAR_RULE', `'${show(r[key])}' is not a month and day MM-DD`, 'Quote it: "04-30".');
      }
    }
    if (r.offset !== undefined && !Number.isInteger(r.offset)) report([...path, 'offset'], 'E_CALENDAR_RULE', '`offset` must be a whole number of days', 'e.g. `offset: -1`.');
    if (r.days !== undefined && (!Number.isInteger(r.days) || (r.days as number) < 1)) report([...path, 'days'], 'E_CALENDAR_RULE', '`days` must be a whole number >= 1', 'e.g. `days: 5`.');
    for (const key of ['from', 'to'] as const) {
      if (r[key] !== undefined && !Number.isInteger(r[key])) report([...path, key], 'E_CALENDAR_RULE', `\`${key}\` must be a year`, 'e.g. `from: 2021`.');
    }
  });
}

function checkOverrides(overrides: unknown, report: Report): void {
  if (overrides === undefined) return;
  if (!isRecord(overrides)) {
    report(['overrides'], 'E_CALENDAR_OVERRIDE', '`overrides` must map a year to its changes', 'e.g. `overrides: { "2025": { holidays: [2025-01-27] } }`.');
    return;
  }
  for (const [year, o] of Object.entries(overrides)) {
    const path = ['overrides', year];
    if (!/^\d{4}$/.test(year)) report(path, 'E_CALENDAR_OVERRIDE', `'${year}' is not a year`, 'Key each override by its year, e.g. "2025".');
    if (!isRecord(o)) {
      report(path, 'E_CALENDAR_OVERRIDE', 'an override is a mapping', `Use keys ${OVERRIDE_KEYS.join(', ')}.`);
      continue;
    }
    unknownKeys(o, path, OVERRIDE_KEYS, report);
    for (const key of ['holidays', 'workdays', 'removeHolidays'] as const) {
      checkDates(o[key], [...path, key], report);
      asStrings(o[key]).forEach((d, i) => {
        if (/^\d{4}$/.test(year) && parseDate(d) !== undefined && !d.startsWith(year)) {
          report([...path, key, i], 'E_CALENDAR_OVERRIDE', `${d} is not in ${year}`, `Move it under overrides."${d.slice(0, 4)}".`);
        }
      });
    }
    if (o.replace !== undefined && typeof o.replace !== 'boolean') report([...path, 'replace'], 'E_CALENDAR_OVERRIDE', '`replace` must be true or false', 'e.g. `replace: true`.');
  }
}

function unknownKeys(obj: Record<string, unknown>, path: DocPath, known: string[], report: Report): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      report([...path, key], 'E_CALENDAR_UNKNOWN_KEY', `unknown key '${key}'`, `Did you mean '${closest(key, known)}'? Known keys: ${known.join(', ')}.`, 'warning');
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A YAML value as the user wrote it, for messages. */
function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
