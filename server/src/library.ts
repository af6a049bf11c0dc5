/**
 * Reads the procedures library with the engine's loader and hands the server what it needs.
 * A procedure file with errors is still handed over (with its diagnostics) when it parsed far
 * enough to have a code and version, so the API lists it as broken instead of hiding it.
 */
import type { Diagnostic, Procedure } from 'motcua/engine';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadLibrary, type LibraryCache } from 'motcua/engine/node';
import { knownGood, type ProcedureRegistry, type ProcedureSource } from './procedures';
import type { ServerLibrary } from './server';

export interface LoadedServerLibrary extends ServerLibrary {
  /** Every finding of the loader (catalogues, calendars, procedures), for the start-up log. */
  diagnostics: Diagnostic[];
}

/**
 * With a `cache`, files unchanged since an earlier run are neither parsed nor validated, and
 * those that compiled then are compiled on first use ({@link rememberCompiled} keeps that).
 */
export async function loadServerLibrary(dir: string, options: { cache?: LibraryCache } = {}): Promise<LoadedServerLibrary> {
  const { cache } = options;
  const loaded = await loadLibrary(dir, cache ? { cache } : {});
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
    const textHash = cache?.get(file)?.text;
    // Only an entry the loader validated from its own text (not an overlay, resolved anew
    // against its base each time) may say what compiled before.
    const cached = cache?.get(file);
    const known = valid.has(file) && cached?.context !== undefined ? knownGood(cached.extra) : undefined;
    const src: ProcedureSource = {
      file,
      procedure,
      ...(known ? { known } : {}),
      // With a cache (a library of thousands), the text is read again when asked for, not kept.
      ...(text === undefined || textHash !== undefined ? {} : { source: text }),
      diagnostics: valid.has(file) || errors.some((d) => d.severity === 'error')
        ? errors
        : [{ file, line: 1, column: 1, code: 'E_INVALID_PROCEDURE', severity: 'error', message: 'the loader did not accept this procedure', hint: 'Run `motcua validate` on the file.' }],
    };
    if (text !== undefined && textHash !== undefined) Object.defineProperty(src, 'source', { enumerable: true, get: () => textOf(file, textHash) });
    procedures.push(src);
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

/**
 * Tells the cache which library files compiled, with their content hash, so that the next
 * start registers them without compiling. Only entries registered from the file as read (not
 * a published version that took its place) and compiled by now count.
 */
export function rememberCompiled<C>(cache: LibraryCache, library: ServerLibrary, registry: ProcedureRegistry<C>): void {
  const fromFile = new Map(library.procedures.map((p) => [p.file, p.procedure]));
  for (const e of registry.all()) {
    if (fromFile.get(e.file) !== e.procedure || e.awaitsCompilation || e.compiled === undefined || cache.get(e.file)?.context === undefined) continue;
    cache.setExtra(e.file, { contentHash: e.contentHash, compiles: true });
  }
  cache.save();
}

/** The file's text if it still hashes to `hash` (what was loaded), else undefined. */
function textOf(file: string, hash: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    // The cache's hash of a file's text (engine/src/loader/cache.ts).
    return createHash('sha256').update(text).digest('hex') === hash ? text : undefined;
  } catch {
    return undefined;
  }
}

function asProcedure(value: unknown): Procedure | undefined {
  const v = value as { code?: unknown; version?: unknown } | null | undefined;
  return v && typeof v.code === 'string' && typeof v.version === 'string' ? (value as Procedure) : undefined;
}
