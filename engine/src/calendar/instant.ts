import { MotcuaError } from '../errors';
import { MINUTE_MS } from './days';
import { zoneOf } from './zone';
import type { WorkingCalendar } from './compile';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses an ISO 8601 instant such as `2026-02-13T17:00:00+07:00` to epoch milliseconds.
 * An offset (or `Z`) is required: a wall-clock time alone is ambiguous across zones.
 */
export function parseInstant(iso: string): number {
  const m = ISO_RE.exec(iso.trim());
  if (!m) {
    throw new MotcuaError('E_INSTANT_FORMAT', `'${iso}' is not an ISO 8601 instant`, {
      status: 400,
      hint: 'Write the date, time and offset, e.g. 2026-02-13T08:00:00+07:00.',
    });
  }
  const [, y, mo, d, h, mi, s, frac, off] = m;
  if (off === undefined) {
    throw new MotcuaError('E_INSTANT_OFFSET', `'${iso}' has no UTC offset`, {
      status: 400,
      hint: `Add the offset of the local time, e.g. '${iso}+07:00' for Vietnam, or Z for UTC.`,
    });
  }
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s ?? 0);
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(local);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new MotcuaError('E_INSTANT_FORMAT', `'${iso}' is not a real date and time`, {
      status: 400,
      hint: 'Check the month, day, hour (00-23), minute and second (00-59).',
    });
  }
  let offsetMs = 0;
  if (off.toUpperCase() !== 'Z') {
    const digits = off.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 14 || om > 59) {
      throw new MotcuaError('E_INSTANT_OFFSET', `'${iso}' has an impossible UTC offset '${off}'`, {
        status: 400,
        hint: 'Offsets run from -12:00 to +14:00, e.g. +07:00.',
      });
    }
    offsetMs = sign * (oh * 60 + om) * MINUTE_MS;
  }
  return local - offsetMs;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * Formats an instant in the calendar's (or the named zone's) local time with its offset:
 * `2026-02-13T17:00:00+07:00`. Milliseconds are shown only when not zero.
 */
export function formatInstant(ms: number, where: WorkingCalendar | string): string {
  const zone = typeof where === 'string' ? zoneOf(where) : where.zone;
  const offset = zone.offsetAt(ms);
  const d = new Date(ms + offset);
  const abs = Math.abs(offset) / MINUTE_MS;
  const sign = offset < 0 ? '-' : '+';
  const frac = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3)}` : '';
  const year = d.getUTCFullYear();
  const yearText = year >= 0 && year <= 9999 ? pad(year, 4) : String(year);
  return (
    `${yearText}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

