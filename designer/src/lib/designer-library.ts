/**
 * What the designer page reads of the library, from the server (never a bundled copy): the
 * version being edited as its YAML text, and the catalogues the in-browser validator checks it
 * against (`GET /api/catalogues`: roles, national sources, calendars, every code's versions).
 * `loadDesignerLibrary(code)` fetches them before the page opens; the page then reads them
 * synchronously (`findEntry`, `libraryContext`, `LIBRARY`).
 */
import { stringify } from 'yaml';
import type { LibraryContext, Procedure, ProcedureRef } from 'motcua/engine';
import { ApiError } from './api';
import { loadCatalogues } from './catalogue-names';
import { getProcedure } from './procedures';

/** A version of a procedure as the designer opens it. */
export interface LibraryEntry {
  file: string;
  text: string;
  procedure: Procedure;
}

let context: LibraryContext = {};
const entries = new Map<string, LibraryEntry>();

/**
 * Every code of the library (its newest version not retired: code and name only, no text),
 * for pickers such as a linked procedure's. Filled by {@link loadDesignerLibrary}.
 */
export const LIBRARY: LibraryEntry[] = [];

/** Fetches the catalogues (once) and the version of `code` in effect; an unknown code opens empty. */
export async function loadDesignerLibrary(code: string): Promise<void> {
  const [view, detail] = await Promise.all([
    loadCatalogues(),
    code
      ? getProcedure(code).catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 404) return undefined;
          throw err;
        })
      : Promise.resolve(undefined),
  ]);
  const procedures = new Map<string, ProcedureRef[]>(view.procedures.map((p) => [p.code, p.versions.map((v) => ({ version: v.version, ...(v.effective ? { effective: v.effective } : {}) }))]));
  // Calendars are served too, but not given to the validator yet: with them it also compares
  // SLAs in working hours with a deadline in working days, which the designer's editing flow
  // (a new task gets a default SLA) does not expect; the bundled context never had them.
  context = {
    roles: new Map(view.roles.map((r) => [r.id, r])),
    sources: new Map(view.sources.map((s) => [s.id, s])),
    procedures,
  };
  LIBRARY.splice(0, LIBRARY.length, ...view.procedures.map((p) => ({ file: `${p.code}.yaml`, text: '', procedure: { code: p.code, version: p.versions.at(-1)?.version ?? '', name: p.name } as Procedure })));
  if (detail) {
    const p = detail.procedure;
    entries.set(code, { file: `${p.sector}/${p.code}.yaml`, text: detail.source ?? stringify(p), procedure: p });
  }
}

/** The version of `code` loaded by {@link loadDesignerLibrary}, if the server has the code. */
export function findEntry(code: string): LibraryEntry | undefined {
  return entries.get(code);
}

/** The validation context loaded by {@link loadDesignerLibrary}. */
export function libraryContext(): LibraryContext {
  return context;
}
