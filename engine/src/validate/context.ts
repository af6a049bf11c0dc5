import type { CalendarSpec } from '../calendar/types';
import type { Library, OrgUnit, RoleEntry, SourceEntry } from '../library/catalog';
import type { Effective, Procedure } from '../model/procedure';

/** What a library says about one version of a procedure, for cross-references and overlaps. */
export interface ProcedureRef {
  version: string;
  effective?: Effective;
  file?: string;
  /** Retired: takes no new filings (the server's); an overlay's staleness ignores it. */
  retired?: boolean;
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
  /**
   * A valid procedure of the library by (code, version), for overlays to build on. Without it
   * an overlay cannot be resolved (E_OVERLAY_UNKNOWN_BASE).
   */
  procedureOf?: (code: string, version: string) => Procedure | undefined;
  /** The units catalogue, for an overlay's province (checked only when given). */
  units?: ReadonlyMap<string, OrgUnit>;
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
  const procedureOf = (code: string, version: string): Procedure | undefined => library.procedures.get(code)?.find((v) => v.procedure.version === version)?.procedure;
  return { roles: library.roles, sources: library.sources, calendars: library.calendars, procedures, procedureOf, units: library.units };
}

/** A catalogue counts as given only when it has entries. */
export function given<K, V>(map: ReadonlyMap<K, V> | undefined): map is ReadonlyMap<K, V> {
  return map !== undefined && map.size > 0;
}
