/**
 * The procedure library on the wire: the paged, filtered and searched list
 * (`GET /api/procedures`) and the catalogues the validator needs (`GET /api/catalogues`).
 * The server is the source of truth: the web app reads these, never a copy bundled at build time.
 */
import type { CalendarSpec, Duration, Effective, LocalizedText, RoleEntry, SourceEntry } from 'motcua/engine';

/** Bounds of `GET /api/procedures`: a longer query or a larger page is refused (400 E_BAD_QUERY). */
export const PROCEDURE_LIST_LIMITS = { maxLimit: 100, defaultLimit: 20, maxQueryLength: 200, maxFilterLength: 100 } as const;

/** One procedure code as the list shows it: the version in force today (or the newest). */
export interface ProcedureSummary {
  code: string;
  /** The version shown: in force today and not retired, else the newest. */
  version: string;
  /** Every version held, oldest first. */
  versions: string[];
  name: { vi: string; en?: string };
  sector: string | null;
  level: string | null;
  /** `broken`: the version shown does not compile (authors must fix it). */
  status: 'ok' | 'broken';
  /** A citizen can file it today: a version in force, not retired, that compiles. */
  open: boolean;
  /** The roles (catalogue ids) of its task steps: the officers, hence the agencies, that handle it. */
  agencies: string[];
  deadline?: Duration;
  /** The fees that always apply (without `when`), in VND; conditional ones are computed on the form. */
  baseFee: number;
  applicants?: string[];
  /** A province's overlay: the code of the national procedure it builds on (its page shows what the province changed). */
  overlayOf?: string;
}

/** A count of the results per value of a filter (with the other filters applied). */
export interface FacetCount {
  value: string;
  count: number;
  /** The catalogue's name of the value, when it has one (roles). */
  name?: LocalizedText;
}

/** `GET /api/procedures`: one page of the procedures matching the query. */
export interface ProcedureListing {
  items: ProcedureSummary[];
  /** How many match in all (every page). */
  total: number;
  limit: number;
  offset: number;
  /** Relative URLs of this list's pages (`prev`/`next` only when there is one). */
  links: { self: string; first: string; last: string; prev?: string; next?: string };
  facets: { sector: FacetCount[]; level: FacetCount[]; agency: FacetCount[] };
}

/** One code's versions, for the validator's cross-references between procedures (liên thông). */
export interface ProcedureVersionsRef {
  code: string;
  name: { vi: string; en?: string };
  versions: { version: string; effective?: Effective }[];
}

/** `GET /api/catalogues`: what the in-browser validator checks a procedure against. */
export interface CataloguesView {
  roles: RoleEntry[];
  sources: SourceEntry[];
  calendars: CalendarSpec[];
  /** Every code with its versions not retired. */
  procedures: ProcedureVersionsRef[];
}
