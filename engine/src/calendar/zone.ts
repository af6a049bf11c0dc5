import { HOUR_MS, MINUTE_MS } from './days';

/**
 * A time zone reduced to what deadline arithmetic needs: the UTC offset at an instant and the
 * instant of a local wall-clock time. Zones without daylight saving (Asia/Ho_Chi_Minh, the
 * common case) get a constant offset and never touch Intl after compilation.
 */
export interface Zone {
  id: string;
  /** Set when the zone kept one offset from 1990 to 2100. */
  fixedOffsetMs: number | undefined;
  /** Offset (local minus UTC) in ms at a UTC instant. */
  offsetAt(utcMs: number): number;
  /** The UTC instant of a local wall-clock time given as ms since the local epoch. */
  toUtc(localMs: number): number;
}

const zones = new Map<string, Zone>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when the runtime knows the IANA zone `id`. */
export function isKnownTimeZone(id: string): boolean {
  try {
    formatterFor(id);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(id: string): Intl.DateTimeFormat {
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: id, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(id, f);
  }
  return f;
}

function intlOffset(id: string, utcMs: number): number {
  const parts = formatterFor(id).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const whole = Math.floor(utcMs / 1000) * 1000;
  return Math.round((local - whole) / MINUTE_MS) * MINUTE_MS;
}

/** The zone `id`, compiled once and cached. Throws RangeError for an unknown zone. */
export function zoneOf(id: string): Zone {
  const hit = zones.get(id);
  if (hit) return hit;
  formatterFor(id);
  let fixed: number | undefined = intlOffset(id, Date.UTC(1990, 0, 1));
  for (let y = 1990; y <= 2100 && fixed !== undefined; y++) {
    for (const month of [0, 3, 6, 9]) {
      if (intlOffset(id, Date.UTC(y, month, 1)) !== fixed) {
        fixed = undefined;
        break;
      }
    }
  }
  let zone: Zone;
  if (fixed !== undefined) {
    const off = fixed;
    zone = { id, fixedOffsetMs: off, offsetAt: () => off, toUtc: (local) => local - off };
  } else {
    // Offsets change at most on the hour in practice: cache per UTC hour.
    const byHour = new Map<number, number>();
    const offsetAt = (utc: number): number => {
      const key = Math.floor(utc / HOUR_MS);
      let off = byHour.get(key);
      if (off === undefined) {
        off = intlOffset(id, utc);
        byHour.set(key, off);
      }
      return off;
    };
    zone = {
      id,
      fixedOffsetMs: undefined,
      offsetAt,
      // Two passes find the offset in force at that wall-clock time; a time skipped by a
      // spring-forward lands just after the gap, a repeated time takes its first occurrence.
      toUtc: (local) => {
        const first = local - offsetAt(local - offsetAt(local));
        return local - offsetAt(first);
      },
    };
  }
  zones.set(id, zone);
  return zone;
}
