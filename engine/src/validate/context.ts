import type { CalendarSpec } from '../calendar/types';
import type { Library, RoleEntry, SourceEntry } from '../library/catalog';
import type { Effective } from '../model/procedure';

/** What a library says about one version of a procedure, for cross-references and overlaps. */
export interface ProcedureRef {
  version: string;
  effective?: Effective;
  file?: string;
}

/**
 * The catalogues library-dependent checks need. Each is optional: a check whose catalogue is
 * absent (or empty) is skipped, not failed, so a single file validates without its library.
 */
export interface LibraryContext {
  roles?: ReadonlyMap<string, RoleEntry>;
  sources?: ReadonlyMap<string, SourceEntry>;
  calendars?: ReadonlyMap<string, CalendarSpec>;
  /** Code -> versions. */
  procedures?: ReadonlyMap<string, readonly ProcedureRef[]>;
}

/** The context of a loaded library. */
export function contextOf(library: Library): LibraryContext {
  const procedures = new Map<string, ProcedureRef[]>();
  for (const [code, versions] of library.procedures) {
    procedures.set(
      code,
      versions.map((v) => ({ version: v.procedure.version, effective: v.procedure.effective, file: v.file })),
    );
  }
  return { roles: library.roles, sources: library.sources, calendars: library.calendars, procedures };
}

/** A catalogue counts as given only when it has entries. */
export function given<K, V>(map: ReadonlyMap<K, V> | undefined): map is ReadonlyMap<K, V> {
  return map !== undefined && map.size > 0;
}
