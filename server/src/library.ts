/**
 * Reads the procedures library with the engine's loader and hands the server what it needs.
 * A procedure file with errors is still handed over (with its diagnostics) when it parsed far
 * enough to have a code and version, so the API lists it as broken instead of hiding it.
 */
import type { Diagnostic, Procedure } from 'motcua/engine';
import { loadLibrary } from 'motcua/engine/node';
import type { ProcedureSource } from './procedures';
import type { ServerLibrary } from './server';

export interface LoadedServerLibrary extends ServerLibrary {
  /** Every finding of the loader (catalogues, calendars, procedures), for the start-up log. */
  diagnostics: Diagnostic[];
}

export async function loadServerLibrary(dir: string): Promise<LoadedServerLibrary> {
  const loaded = await loadLibrary(dir);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of loaded.diagnostics) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  const valid = new Map<string, Procedure>();
  for (const versions of loaded.library.procedures.values()) for (const v of versions) valid.set(v.file, v.procedure);
  const procedures: ProcedureSource[] = [];
  for (const file of loaded.files) {
    const diagnostics = byFile.get(file) ?? [];
    const procedure = valid.get(file) ?? asProcedure(loaded.docs.get(file)?.value);
    if (!procedure) continue;
    const errors = valid.has(file) ? diagnostics.filter((d) => d.severity !== 'error') : diagnostics;
    const text = loaded.docs.get(file)?.text;
    procedures.push({
      file,
      procedure,
      ...(text === undefined ? {} : { source: text }),
      diagnostics: valid.has(file) || errors.some((d) => d.severity === 'error')
        ? errors
        : [{ file, line: 1, column: 1, code: 'E_INVALID_PROCEDURE', severity: 'error', message: 'the loader did not accept this procedure', hint: 'Run `motcua validate` on the file.' }],
    });
  }
  return {
    procedures,
    calendars: loaded.library.calendars,
    units: [...loaded.library.units.values()],
    roles: [...loaded.library.roles.values()],
    sources: loaded.library.sources,
    diagnostics: loaded.diagnostics,
  };
}

function asProcedure(value: unknown): Procedure | undefined {
  const v = value as { code?: unknown; version?: unknown } | null | undefined;
  return v && typeof v.code === 'string' && typeof v.version === 'string' ? (value as Procedure) : undefined;
}
