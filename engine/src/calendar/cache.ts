/**
 * Compiled calendars by id. Compiling a calendar precomputes decades of days (tens of ms), so
 * the server and the scenario runner each keep one cache per library: this one.
 */
import { compileCalendar, type WorkingCalendar } from './compile';
import type { CalendarSpec } from './types';

/** Finds a calendar's spec by id (a library's `calendars/<id>.yaml`). */
export type CalendarSpecs = (id: string) => CalendarSpec | undefined;

/** A cache of compiled calendars over a lookup of specs. */
export interface CalendarCache {
  /** The calendar `id`, compiled once; undefined when the library has no such calendar. */
  get(id: string): WorkingCalendar | undefined;
}

/**
 * Compiles each calendar of `specs` on first use and keeps it; `extends` bases are looked up
 * in `specs` too.
 *
 * ```ts
 * const calendars = calendarCache((id) => library.calendars.get(id));
 * const vn = calendars.get('vn');
 * ```
 */
export function calendarCache(specs: CalendarSpecs): CalendarCache {
  const compiled = new Map<string, WorkingCalendar>();
  return {
    get(id) {
      let cal = compiled.get(id);
      if (cal) return cal;
      const spec = specs(id);
      if (!spec) return undefined;
      cal = compileCalendar({ ...spec, id: spec.id ?? id }, { lookup: specs });
      compiled.set(id, cal);
      return cal;
    },
  };
}
