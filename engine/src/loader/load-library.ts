import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { resolveCalendar, validateCalendar, type CalendarFile } from '../calendar';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic';
import { emptyLibrary, type Library, type OrgUnit, type RoleEntry, type SourceEntry } from '../library/catalog';
import type { Procedure } from '../model/procedure';
import { lazySource, parseSource, withoutTree, type SourceDocument } from '../parse/source-document';
import { isOverlayValue } from '../overlay/resolve';
import { checkVersions, validateProcedureDocument, type LibraryContext, type ProcedureRef, type ValidationResult, type VersionEntry } from '../validate';
import { sha256, type CachedProcedureFile, type LibraryCache } from './cache';
import { readCatalogue } from './catalogues';
import { findProcedureFiles } from './files';

/** A library as loaded from disk, with every file's diagnostics. */
export interface LoadedLibrary {
  /** Valid procedures (versions of each code sorted by version), calendars and catalogues. */
  library: Library;
  /** Problems of every file (YAML, schema, semantics, cross-file), sorted. */
  diagnostics: Diagnostic[];
  /** Parsed procedure documents by file, for positions. */
  docs: Map<string, SourceDocument>;
  /** Every procedure file read, valid or not. */
  files: string[];
}

export interface LoadOptions {
  /** Called after each procedure file is validated: for progress on a terminal. */
  onProgress?: (done: number, total: number, file: string) => void;
  /**
   * Validate only these procedure files (absolute paths; they may lie outside `dir`). The
   * library's other procedures are still read for their codes. Default: every procedure.
   */
  files?: readonly string[];
  /**
   * Where what loading produced is kept between runs (`fileLibraryCache`): a file whose text
   * and validation context are unchanged is neither parsed nor validated again.
   */
  cache?: LibraryCache;
}

function read(file: string, cache?: LibraryCache): SourceDocument {
  let found: Lookup;
  try {
    found = cache ? lookUp(file, cache) : { bytes: readFileSync(file) };
  } catch (err) {
    const doc = parseSource('', file);
    doc.diagnostics.push({ file, line: 1, column: 1, code: 'E_READ', severity: 'error', message: `cannot read the file: ${err instanceof Error ? err.message : String(err)}`, hint: 'Check that the file exists and is readable.' });
    return doc;
  }
  // An unchanged file is never decoded: its text is read again only if a diagnostic asks for a
  // position (or the server for its source).
  if ('entry' in found) return lazySource(file, () => readFileSync(file, 'utf8'), found.entry.value, found.entry.yaml);
  const doc = parseSource(found.bytes.toString('utf8'), file);
  cache?.set(file, { text: found.hash!, ...(found.stat ? { stat: found.stat } : {}), value: doc.value, yaml: doc.diagnostics });
  return doc;
}

/** A file's cache entry if it is for the file's present content; else the file's bytes (hash, stat). */
type Lookup = { entry: CachedProcedureFile } | { bytes: Buffer; hash?: string; stat?: string };

/**
 * How long after its last change a file's size and modification time are trusted to stand for
 * its content (as git's index does): a file written in the same instant as its entry was made
 * could change again without its modification time moving.
 */
const SETTLED_MS = 2000;

/**
 * The cache's entry for `file` if it is for the file's present content: when the entry's size
 * and modification time are the file's, without reading it (5,000 files: a stat each instead
 * of reading 25 MB); else by the sha256 of its bytes (and the entry then learns the stat). Throws
 * if the file cannot be read.
 */
function lookUp(file: string, cache: LibraryCache): Lookup {
  const entry = cache.get(file);
  const s = statSync(file);
  const stat = Date.now() - s.mtimeMs > SETTLED_MS ? `${s.size}:${s.mtimeMs}` : undefined;
  if (entry && stat !== undefined && entry.stat === stat) return { entry };
  const bytes = readFileSync(file);
  const hash = sha256(bytes);
  if (entry?.text !== hash) return { bytes, hash, ...(stat ? { stat } : {}) };
  if (stat === undefined) return { entry };
  const learned = { ...entry, stat };
  cache.set(file, learned);
  return { entry: learned };
}

/**
 * What a procedure's validation reads besides its own text: the catalogues, the calendars and
 * the codes, versions and effective dates of the library's procedures.
 */
function validationContext(dir: string, versions: readonly VersionEntry[]): string {
  const parts: string[] = [];
  for (const sub of ['catalogues', 'calendars']) {
    const folder = join(dir, sub);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      if (/\.ya?ml$/.test(name)) parts.push(`${sub}/${name}\n${readFileSync(join(folder, name), 'utf8')}`);
    }
  }
  parts.push(versions.map((v) => `${v.file}|${v.code}|${v.version}|${v.effective?.from ?? ''}|${v.effective?.to ?? ''}`).sort().join('\n'));
  return sha256(parts.join('\n\u0000'));
}

/** Loads `catalogues/{roles,sources,units}.yaml` and `calendars/*.yaml` of a library into `library`. */
export function loadCatalogues(dir: string, library: Library = emptyLibrary(), cache?: LibraryCache): { library: Library; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const catalogue = <T extends { id: string }>(name: string, required: string[], into: Map<string, T>): void => {
    const file = join(dir, 'catalogues', name);
    if (!existsSync(file)) return;
    const r = readCatalogue<T>(read(file, cache), required);
    diagnostics.push(...r.diagnostics);
    for (const e of r.entries) into.set(e.id, e);
  };
  catalogue<RoleEntry>('roles.yaml', ['name'], library.roles);
  catalogue<SourceEntry>('sources.yaml', ['name', 'key', 'schema'], library.sources);
  catalogue<OrgUnit>('units.yaml', ['name', 'level'], library.units);

  const calDir = join(dir, 'calendars');
  if (existsSync(calDir)) {
    const files = new Map<string, CalendarFile>();
    for (const name of readdirSync(calDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const doc = read(join(calDir, name), cache);
      const id = basename(name).replace(/\.ya?ml$/, '');
      const problems = hasErrors(doc.diagnostics) ? doc.diagnostics : [...doc.diagnostics, ...validateCalendar(doc.value, doc)];
      diagnostics.push(...problems);
      if (!hasErrors(problems)) files.set(id, { ...(doc.value as CalendarFile), id });
    }
    for (const [id, file] of files) {
      try {
        library.calendars.set(id, resolveCalendar(file, (x) => files.get(x)));
      } catch (err) {
        diagnostics.push({ file: join(calDir, `${id}.yaml`), line: 1, column: 1, code: 'E_CALENDAR_EXTENDS', severity: 'error', message: err instanceof Error ? err.message : String(err), hint: 'Fix `extends` so that it names a calendar of the library.' });
      }
    }
  }
  return { library, diagnostics };
}

function codeOf(value: unknown): { code: string; version: string; effective?: VersionEntry['effective'] } | undefined {
  const v = value as Record<string, unknown> | undefined;
  if (!v || typeof v !== 'object' || typeof v.code !== 'string' || typeof v.version !== 'string') return undefined;
  const e = v.effective as VersionEntry['effective'] | undefined;
  return { code: v.code, version: v.version, ...(e && typeof e === 'object' && typeof e.from === 'string' ? { effective: e } : {}) };
}

/**
 * The procedure files of `dir` that loading with `cache` would parse or validate again (a new
 * or changed text, a changed catalogue, calendar or set of versions), or whose entry `current`
 * does not accept: at most `limit` of them. A server asks this first to decide where to do the
 * work (a cold start of thousands is done in a worker thread). Reads and hashes every file and
 * parses only new or changed ones, and none once `limit` is reached. Overlays, resolved anew at
 * every load, never count.
 */
export function staleFiles(dir: string, cache: LibraryCache, options: { current?: (entry: CachedProcedureFile) => boolean; limit?: number } = {}): string[] {
  const { current = () => true, limit = Infinity } = options;
  const stale: string[] = [];
  const hits: { file: string; entry: CachedProcedureFile }[] = [];
  const versions: VersionEntry[] = [];
  for (const file of findProcedureFiles(dir)) {
    let found: Lookup;
    try {
      found = lookUp(file, cache);
    } catch {
      continue; // the load reports it (E_READ); nothing to parse
    }
    let value: unknown;
    if ('entry' in found) {
      value = found.entry.value;
      if (!isOverlayValue(value)) hits.push({ file, entry: found.entry });
    } else {
      stale.push(file);
      if (stale.length >= limit) return stale;
      // Its code and version count in the validation context of the others.
      value = parseSource(found.bytes.toString('utf8'), file).value;
    }
    const c = codeOf(value);
    if (c) versions.push({ file, ...c });
  }
  const fingerprint = validationContext(dir, versions);
  for (const { file, entry } of hits) {
    if (stale.length >= limit) break;
    if (entry.context !== fingerprint || !entry.diagnostics || !current(entry)) stale.push(file);
  }
  return stale;
}

/**
 * Loads a library folder: catalogues, calendars (id = file name) and every procedure under
 * it (skipping `*.test.yaml`, calendars/ and catalogues/), validating each procedure against
 * the library. A broken file never stops the others from loading: it is left out of
 * `library.procedures` and its problems are in `diagnostics`.
 */
export function loadLibrary(dir: string, options: LoadOptions = {}): Promise<LoadedLibrary> {
  return Promise.resolve(loadLibrarySync(dir, options));
}

/** As {@link loadLibrary}, synchronously. */
export function loadLibrarySync(dir: string, options: LoadOptions = {}): LoadedLibrary {
  const { library, diagnostics } = loadCatalogues(dir, emptyLibrary(), options.cache);
  const selected = options.files ? [...new Set(options.files)] : findProcedureFiles(dir);
  const files = options.files ? [...new Set([...findProcedureFiles(dir), ...selected])] : selected;
  const only = new Set(selected);
  const docs = new Map<string, SourceDocument>();
  for (const f of files) docs.set(f, read(f, options.cache));

  // Codes first, so that references between procedures resolve whatever the file order.
  const procedures = new Map<string, ProcedureRef[]>();
  const versions: VersionEntry[] = [];
  for (const [file, doc] of docs) {
    const c = codeOf(doc.value);
    if (!c) continue;
    const list = procedures.get(c.code) ?? [];
    list.push({ version: c.version, file, ...(c.effective ? { effective: c.effective } : {}) });
    procedures.set(c.code, list);
    versions.push({ file, doc, ...c });
  }
  const cache = options.cache;
  const fingerprint = cache ? validationContext(dir, versions) : '';
  // Each file is validated once, when its turn comes or earlier when an overlay builds on it
  // (overlays resolve against their base whatever the file order; a cycle of overlays finds no
  // base). An overlay is never taken from the cache: its procedure is the resolved one.
  const results = new Map<string, Pick<ValidationResult, 'diagnostics' | 'procedure'>>();
  const validating = new Set<string>();
  const fileOf = new Map<string, string>();
  for (const v of versions) if (!fileOf.has(`${v.code}\u0000${v.version}`)) fileOf.set(`${v.code}\u0000${v.version}`, v.file);
  const validate = (file: string): Pick<ValidationResult, 'diagnostics' | 'procedure'> | undefined => {
    const done = results.get(file);
    if (done || validating.has(file)) return done;
    validating.add(file);
    const doc = docs.get(file) as SourceDocument;
    const hit = cache?.get(file);
    let r: Pick<ValidationResult, 'diagnostics' | 'procedure'>;
    if (hit && hit.context === fingerprint && hit.diagnostics && !isOverlayValue(doc.value)) {
      r = { diagnostics: hit.diagnostics, ...(hasErrors(hit.diagnostics) ? {} : { procedure: doc.value as Procedure }) };
    } else {
      const v = validateProcedureDocument(doc, context);
      r = { diagnostics: v.diagnostics, ...(v.procedure ? { procedure: v.procedure } : {}) };
      if (cache && hit && !isOverlayValue(doc.value)) cache.set(file, { text: hit.text, ...(hit.stat ? { stat: hit.stat } : {}), value: hit.value, yaml: hit.yaml, context: fingerprint, diagnostics: r.diagnostics });
    }
    validating.delete(file);
    results.set(file, r);
    return r;
  };
  const procedureOf = (code: string, version: string): Procedure | undefined => {
    const file = fileOf.get(`${code}\u0000${version}`);
    return file === undefined ? undefined : validate(file)?.procedure;
  };
  const context: LibraryContext = { roles: library.roles, sources: library.sources, calendars: library.calendars, procedures, procedureOf, units: library.units };

  selected.forEach((file, i) => {
    const doc = docs.get(file) as SourceDocument;
    const r = validate(file)!;
    const found: Diagnostic[] = r.diagnostics;
    const procedure = r.procedure;
    diagnostics.push(...found);
    if (procedure) {
      const list = library.procedures.get(procedure.code) ?? [];
      list.push({ file, procedure });
      library.procedures.set(procedure.code, list);
    }
    // The YAML tree is large; positions are found again on demand, should anyone ask.
    docs.set(file, withoutTree(doc));
    options.onProgress?.(i + 1, selected.length, file);
  });
  for (const list of library.procedures.values()) {
    list.sort((a, b) => compareVersions(a.procedure.version, b.procedure.version));
  }
  // An overlay's dates are its own or, without them, its national version's: the resolved ones count.
  for (const v of versions) {
    if (!isOverlayValue(v.doc?.value)) continue;
    const resolved = validate(v.file)?.procedure;
    if (resolved?.effective) v.effective = resolved.effective;
  }
  // Versions of every file count, but only the files asked for get diagnostics.
  diagnostics.push(...checkVersions(versions).filter((d) => only.has(d.file)));
  return { library, diagnostics: sortDiagnostics(diagnostics), docs, files };
}

/**
 * Validates procedure files that belong to no library: no catalogue checks, but the
 * cross-file version checks among the files given.
 */
export function validateFilesSync(files: readonly string[], options: Pick<LoadOptions, 'onProgress'> = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const versions: VersionEntry[] = [];
  files.forEach((file, i) => {
    const doc = read(file);
    diagnostics.push(...validateProcedureDocument(doc).diagnostics);
    const c = codeOf(doc.value);
    if (c) versions.push({ file, doc, ...c });
    options.onProgress?.(i + 1, files.length, file);
  });
  diagnostics.push(...checkVersions(versions));
  return sortDiagnostics(diagnostics);
}

/** Compares semantic versions numerically (1.10.0 after 1.9.0). */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map(Number);
  const pb = b.split(/[.+-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return a.localeCompare(b);
}
