/**
 * The library's catalogues (roles, national data sources) bundled into the app, so that the
 * in-browser validator checks a step's role and a prefill's source exactly as `motcua validate`
 * does, and the procedure list for cross-references between procedures (liên thông).
 */
import { type RoleEntry, type SourceEntry, parseSource, type LibraryContext, type ProcedureRef } from 'motcua/engine';
import rolesText from '../../../procedures/catalogues/roles.yaml?raw';
import sourcesText from '../../../procedures/catalogues/sources.yaml?raw';
import { LIBRARY } from './library';

/** Entries of a catalogue list by id; entries without a string id are skipped. */
export function byId<T extends { id: string }>(text: string, file: string): Map<string, T> {
  const value = parseSource(text, file).value;
  const out = new Map<string, T>();
  if (!Array.isArray(value)) return out;
  for (const entry of value as unknown[]) {
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id === 'string') out.set(id, entry as T);
  }
  return out;
}

/** The validation context of the bundled library. */
export function libraryContext(): LibraryContext {
  const procedures = new Map<string, ProcedureRef[]>();
  for (const e of LIBRARY) {
    const refs = procedures.get(e.procedure.code) ?? [];
    refs.push({ version: e.procedure.version, ...(e.procedure.effective ? { effective: e.procedure.effective } : {}), file: e.file });
    procedures.set(e.procedure.code, refs);
  }
  return {
    roles: byId<RoleEntry>(rolesText, 'procedures/catalogues/roles.yaml'),
    sources: byId<SourceEntry>(sourcesText, 'procedures/catalogues/sources.yaml'),
    procedures,
  };
}

let sources: Map<string, SourceEntry> | undefined;
/** The national sources of the bundled catalogue by id (parsed once, on first use). */
export function sourceCatalogue(): ReadonlyMap<string, SourceEntry> {
  return (sources ??= byId<SourceEntry>(sourcesText, 'procedures/catalogues/sources.yaml'));
}

let roles: Map<string, RoleEntry> | undefined;
/** A role's Vietnamese name from the bundled catalogue, else its id. */
export function roleName(id: string): string {
  return (roles ??= byId<RoleEntry>(rolesText, 'procedures/catalogues/roles.yaml')).get(id)?.name.vi ?? id;
}
