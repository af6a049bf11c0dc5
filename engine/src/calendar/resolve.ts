import { InvalidDefinitionError } from '../errors';
import type { CalendarFile, CalendarSpec, YearOverride } from './types';

/** Finds a calendar file by id (the library's `calendars/<id>.yaml`). */
export type CalendarLookup = (id: string) => CalendarFile | undefined;

/**
 * Flattens `extends`: the base's fields are defaults, the file's own `timezone`, `week`,
 * `hours`, `compensation` and `years` win; `rules`, `holidays` and `workdays` add up; a
 * year's override in the file adds to the base's, or, with `replace: true`, supersedes it.
 */
export function resolveCalendar(file: CalendarFile, lookup?: CalendarLookup, seen: string[] = []): CalendarSpec {
  if (file.extends === undefined) return file as CalendarSpec;
  const baseId = file.extends;
  if (seen.includes(baseId)) {
    throw new InvalidDefinitionError(`calendar '${baseId}' extends itself through ${[...seen, baseId].join(' -> ')}`, [], {
      hint: 'Remove one of the `extends` so that the chain ends.',
      path: 'extends',
    });
  }
  const baseFile = lookup?.(baseId);
  if (!baseFile) {
    throw new InvalidDefinitionError(`calendar '${file.id ?? '?'}' extends '${baseId}', which is not in the library`, [], {
      hint: `Add calendars/${baseId}.yaml to the library or fix the id in \`extends\`.`,
      path: 'extends',
    });
  }
  const base = resolveCalendar(baseFile, lookup, [...seen, baseId]);
  const overrides: Record<string, YearOverride> = { ...base.overrides };
  for (const [year, o] of Object.entries(file.overrides ?? {})) {
    const b = overrides[year];
    overrides[year] = b && !o.replace
      ? {
          holidays: [...(b.holidays ?? []), ...(o.holidays ?? [])],
          workdays: [...(b.workdays ?? []), ...(o.workdays ?? [])],
          removeHolidays: [...(b.removeHolidays ?? []), ...(o.removeHolidays ?? [])],
          replace: Boolean(b.replace),
        }
      : o;
  }
  const { extends: _drop, ...own } = file;
  return {
    ...base,
    ...own,
    timezone: file.timezone ?? base.timezone,
    week: file.week ?? base.week,
    hours: file.hours ?? base.hours,
    rules: [...(base.rules ?? []), ...(file.rules ?? [])],
    holidays: [...(base.holidays ?? []), ...(file.holidays ?? [])],
    workdays: [...(base.workdays ?? []), ...(file.workdays ?? [])],
    overrides,
  };
}
