import type { JsonSchema, Level, LocalizedText, Procedure } from '../model/procedure';
import type { CalendarSpec } from '../calendar/types';

/** A role officers hold (`procedures/catalogues/roles.yaml`). */
export interface RoleEntry {
  id: string;
  name: LocalizedText;
  /** Levels at which the role exists. */
  levels?: Level[];
}

/** A national data source (`procedures/catalogues/sources.yaml`): population, business, land... */
export interface SourceEntry {
  id: string;
  name: LocalizedText;
  /** The agency that keeps it. */
  owner?: string;
  /** What the lookup key is, e.g. "national ID number (12 digits)". */
  key: LocalizedText | string;
  /** JSON Schema of one record. */
  schema: JsonSchema;
  /**
   * Records about one person, looked up by their national ID: every lookup on it must be keyed
   * by a declared subject of the procedure (or the applicant's own ID).
   */
  personal?: boolean;
}

/** An organisational unit of the two-level government (`procedures/catalogues/units.yaml`). */
export interface OrgUnit {
  id: string;
  name: string;
  level: Level;
  parent?: string;
  /** The statistics office's code (Decision 19/2025/QĐ-TTg): 2 digits for a province, 5 for a commune. */
  code?: string;
  /** True for units generated rather than taken from an official list. */
  generated?: boolean;
}

/** A procedure file as loaded, with the file it came from. */
export interface LoadedProcedure {
  file: string;
  procedure: Procedure;
}

/** Everything the engine knows about a library of procedures. Built by the loader (edge). */
export interface Library {
  /** Versions of each code, oldest first. */
  procedures: Map<string, LoadedProcedure[]>;
  calendars: Map<string, CalendarSpec>;
  roles: Map<string, RoleEntry>;
  sources: Map<string, SourceEntry>;
  units: Map<string, OrgUnit>;
}

export function emptyLibrary(): Library {
  return { procedures: new Map(), calendars: new Map(), roles: new Map(), sources: new Map(), units: new Map() };
}
