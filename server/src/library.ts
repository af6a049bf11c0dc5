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
    const textHash = cache?.get(file)?.text;
    // With the cache the text is not read here (the document reads it again only if asked).
    const text = textHash === undefined ? loaded.docs.get(file)?.text : undefined;
    // Only an entry the loader validated from its own text (not an overlay, resolved anew
    // against its base each time) may say what compiled before.
    const cached = cache?.get(file);
    const known = valid.has(file) && cached?.context !== undefined ? knownGood(cached.extra) : undefined;
    const src: ProcedureSource = {
      file,
      procedure,
      ...(known ? { known } : {}),
      // With a cache (a library of thousands), the text is read again when asked for, not kept.
      ...(text === undefined ? {} : { source: text }),
      diagnostics: valid.has(file) || errors.some((d) => d.severity === 'error')
        ? errors
        : [{ file, line: 1, column: 1, code: 'E_INVALID_PROCEDURE', severity: 'error', message: 'the loader did not accept this procedure', hint: 'Run `motcua validate` on the file.' }],
    };
    if (textHash !== undefined) Object.defineProperty(src, 'source', { enumerable: true, get: () => textOf(file, textHash) });
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
 * Tells the cache which library files compiled (or did not), with their content hash, so that
 * the next start registers those that did without compiling. Only entries registered from the
 * file as read (not a published version that took its place) and compiled by now count.
 */
export function rememberCompiled<C>(cache: LibraryCache, library: ServerLibrary, registry: ProcedureRegistry<C>): void {
  const fromFile = new Map(library.procedures.map((p) => [p.file, p.procedure]));
  for (const e of registry.all()) {
    if (fromFile.get(e.file) !== e.procedure || e.awaitsCompilation || cache.get(e.file)?.context === undefined) continue;
    // One that did not compile is remembered too (compiles: false: it is compiled again at
    // every start, for its diagnostics), so that a start knows nothing is left to do for it.
    cache.setExtra(e.file, { contentHash: e.contentHash, compiles: e.compiled !== undefined });
  }
  cache.save();
}

/** The file's text if it still hashes to `hash` (what was loaded), else undefined. */
function textOf(file: string, hash: string): string | undefined {
  try {
    const bytes = readFileSync(file);
    // The cache's hash of a file's bytes (engine/src/loader/cache.ts).
    return createHash('sha256').update(bytes).digest('hex') === hash ? bytes.toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}

function asProcedure(value: unknown): Procedure | undefined {
  const v = value as { code?: unknown; version?: unknown } | null | undefined;
  return v && typeof v.code === 'string' && typeof v.version === 'string' ? (value as Procedure) : undefined;
}
