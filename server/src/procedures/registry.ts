/**
 * The procedures the server runs: every version of every code, compiled once. A procedure
 * that does not load or compile is kept with its diagnostics (listed by the API, refused for
 * filing) and never takes the others down. The table `procedures` is the authority on what
 * was published (store.ts); this registry is each process's compiled copy of it.
 */
import { createHash } from 'node:crypto';
import semver from 'semver';
import { InvalidDefinitionError, isInForce, NotFoundError, RefusalError, type Diagnostic, type Procedure } from 'motcua/engine';
import { canonicalJson } from '../audit/canonical-json';
import type { CaseEngine } from '../cases/engine-port';

/** A procedure file as the loader hands it over: the parsed procedure (if any) and findings. */
export interface ProcedureSource {
  file: string;
  procedure?: Procedure;
  diagnostics: readonly Diagnostic[];
  /**
   * The text it was read from (the library's YAML), so that `motcua pull` gives it back as is:
   * a value, or a getter that reads the file again (undefined if it changed since).
   */
  source?: string;
  /**
   * What an earlier run found for this very content (the library cache): its content hash, and
   * that it compiled. Such a procedure is compiled on first use instead of at start.
   */
  known?: KnownGood;
}

/** A content the library cache saw compile. */
export interface KnownGood {
  contentHash: string;
  compiles: true;
}

/** Reads a {@link KnownGood} out of what the library cache holds for a file, if it is one. */
export function knownGood(extra: Record<string, unknown> | undefined): KnownGood | undefined {
  return extra && typeof extra.contentHash === 'string' && extra.compiles === true ? { contentHash: extra.contentHash, compiles: true } : undefined;
}

export interface RegisteredProcedure<C = unknown> {
  procedure: Procedure;
  compiled: C | undefined;
  diagnostics: readonly Diagnostic[];
  file: string;
  /** sha256 of the procedure's canonical JSON: what "the same content" means for a (code, version). */
  contentHash: string;
  source?: string;
  /** Epoch ms of its retirement: no new filings; running cases go on. */
  retiredAt?: number;
  /**
   * Set while its compilation waits for its first use (an earlier run saw this content
   * compile): reading `compiled` compiles it. Lists use {@link isBroken}, which does not.
   */
  awaitsCompilation?: true;
}

/**
 * Gives `entry` the source's text as the source has it: a value, or a getter that reads the
 * file when asked (a library of thousands does not keep every text in memory, see library.ts).
 */
function withSource<T extends object>(entry: T, src: ProcedureSource): T & { source?: string } {
  const d = Object.getOwnPropertyDescriptor(src, 'source');
  if (d && (d.get || d.value !== undefined)) Object.defineProperty(entry, 'source', { ...d, enumerable: true });
  return entry;
}

/** Whether a version cannot run: it did not compile (one waiting for its first use is not broken). */
export function isBroken(entry: RegisteredProcedure): boolean {
  return entry.awaitsCompilation !== true && entry.compiled === undefined;
}

/**
 * The in-memory registry. A (code, version) is registered once: `add` and `register` never
 * replace a version already held (immutability; the database's row is the authority, see
 * store.ts), and a refused publish never reaches here.
 */
export class ProcedureRegistry<C = unknown> {
  private readonly byCode = new Map<string, RegisteredProcedure<C>[]>();
  private changes = 0;

  constructor(private readonly engine: CaseEngine<C>) {}

  /**
   * Moves on every change of what is held (a version registered or replaced, a retirement):
   * what is derived from the registry (the catalogue's search index) is rebuilt when it moved.
   */
  get revision(): number {
    return this.changes;
  }

  /** Compiles a source into an entry, recording a failure as diagnostics (never thrown). */
  compileEntry(src: ProcedureSource & { procedure: Procedure }): RegisteredProcedure<C> {
    const diagnostics = [...src.diagnostics];
    if (src.known && !diagnostics.some((d) => d.severity === 'error')) return this.lazyEntry(src, src.known, diagnostics);
    let compiled: C | undefined;
    if (!diagnostics.some((d) => d.severity === 'error')) {
      try {
        compiled = this.engine.compile(src.procedure);
      } catch (err) {
        if (err instanceof InvalidDefinitionError) diagnostics.push(...err.diagnostics);
        else diagnostics.push({ file: src.file, line: 1, column: 1, code: 'E_COMPILE', severity: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    }
    return withSource({ procedure: src.procedure, compiled, diagnostics, file: src.file, contentHash: contentHash(src.procedure) }, src);
  }

  /**
   * An entry whose compilation waits for its first use: a library of thousands starts without
   * compiling what nobody files. Should it fail after all (it compiled before), the failure
   * becomes its diagnostics, as at start.
   */
  private lazyEntry(src: ProcedureSource & { procedure: Procedure }, known: KnownGood, diagnostics: Diagnostic[]): RegisteredProcedure<C> {
    const entry = withSource({ procedure: src.procedure, diagnostics, file: src.file, contentHash: known.contentHash }, src) as unknown as RegisteredProcedure<C>;
    let compiled: C | undefined;
    let tried = false;
    Object.defineProperty(entry, 'compiled', {
      enumerable: true,
      configurable: true,
      get: (): C | undefined => {
        if (!tried) {
          tried = true;
          delete entry.awaitsCompilation;
          try {
            compiled = this.engine.compile(src.procedure);
          } catch (err) {
            if (err instanceof InvalidDefinitionError) diagnostics.push(...err.diagnostics);
            else diagnostics.push({ file: src.file, line: 1, column: 1, code: 'E_COMPILE', severity: 'error', message: err instanceof Error ? err.message : String(err) });
          }
        }
        return compiled;
      },
    });
    entry.awaitsCompilation = true;
    return entry;
  }

  /** Compiles and registers every source whose (code, version) is not held yet. */
  add(sources: readonly ProcedureSource[]): { ok: number; broken: RegisteredProcedure<C>[] } {
    const broken: RegisteredProcedure<C>[] = [];
    let ok = 0;
    for (const src of sources) {
      if (!src.procedure || this.find(src.procedure.code, src.procedure.version)) continue;
      // Not a copy of `src`: its `source` may be a getter, to be kept as one.
      const entry = this.compileEntry(src as ProcedureSource & { procedure: Procedure });
      this.register(entry);
      // A known-good entry is not compiled here (reading `compiled` would compile it).
      if (isBroken(entry)) broken.push(entry);
      else ok += 1;
    }
    return { ok, broken };
  }

  /** Registers an entry; returns false (and changes nothing) when its (code, version) is held. */
  register(entry: RegisteredProcedure<C>): boolean {
    const { code, version } = entry.procedure;
    if (this.find(code, version)) return false;
    const list = [...(this.byCode.get(code) ?? []), entry];
    list.sort((a, b) => compareVersions(a.procedure.version, b.procedure.version));
    this.byCode.set(code, list);
    this.changes += 1;
    return true;
  }

  /**
   * Puts `entry` in place of the one held for its (code, version): only at start, when the
   * database's published content must win over a differing file on disk.
   */
  replaceAtStart(entry: RegisteredProcedure<C>): void {
    const { code, version } = entry.procedure;
    const list = (this.byCode.get(code) ?? []).filter((e) => e.procedure.version !== version);
    this.byCode.set(code, [...list, entry].sort((a, b) => compareVersions(a.procedure.version, b.procedure.version)));
    this.changes += 1;
  }

  /** Marks a version retired (or not) as of `at`. */
  setRetired(code: string, version: string, at: number | undefined): void {
    const e = this.find(code, version);
    if (!e || e.retiredAt === at) return;
    if (at === undefined) delete e.retiredAt;
    else e.retiredAt = at;
    this.changes += 1;
  }

  /** Every version of every code. */
  all(): RegisteredProcedure<C>[] {
    return [...this.byCode.values()].flat();
  }

  /** Every version of one code, oldest first. */
  versions(code: string): readonly RegisteredProcedure<C>[] {
    return this.byCode.get(code) ?? [];
  }

  /** That exact version, if registered (no error). */
  find(code: string, version: string): RegisteredProcedure<C> | undefined {
    return this.byCode.get(code)?.find((e) => e.procedure.version === version);
  }

  /**
   * A version to read or to run: an exact version when given (retired or not: running cases
   * go on), else the newest not retired that is in force on `date` (YYYY-MM-DD), else the
   * newest not retired, else the newest.
   */
  resolve(code: string, version?: string, date?: string): RegisteredProcedure<C> {
    const list = this.byCode.get(code);
    if (!list?.length) throw unknownCode(code);
    if (version) {
      const entry = list.find((e) => e.procedure.version === version);
      if (!entry) {
        throw new NotFoundError('E_PROCEDURE_NOT_FOUND', `Procedure ${code} has no version ${version}`, {
          hint: `Known versions: ${list.map((e) => e.procedure.version).join(', ')}.`,
          path: 'version',
        });
      }
      return entry;
    }
    const open = list.filter((e) => e.retiredAt === undefined);
    const inForce = date ? open.filter((e) => isInForce(e.procedure.effective, date)) : open;
    return (inForce.at(-1) ?? open.at(-1) ?? list.at(-1))!;
  }

  /**
   * The version a new case is filed under on `date`: the newest version in force that day and
   * not retired; an explicit `version` must be one of those (422 E_VERSION_NOT_IN_FORCE).
   */
  forFiling(code: string, version: string | undefined, date: string): RegisteredProcedure<C> & { compiled: C } {
    const list = this.byCode.get(code);
    if (!list?.length) throw unknownCode(code);
    const inForce = list.filter((e) => e.retiredAt === undefined && isInForce(e.procedure.effective, date));
    const entry = version ? inForce.find((e) => e.procedure.version === version) : inForce.at(-1);
    if (!entry) {
      const known = version ? list.find((e) => e.procedure.version === version) : undefined;
      if (version && !known) this.resolve(code, version);
      const why = known?.retiredAt !== undefined ? 'is retired' : version ? `is not in force on ${date}` : `has no version in force on ${date}`;
      throw new RefusalError('E_VERSION_NOT_IN_FORCE', `Procedure ${code}${version ? ` version ${version}` : ''} ${why}`, [], {
        path: version ? 'version' : 'procedure',
        hint: inForce.length
          ? `File under the version in force (${inForce.map((e) => e.procedure.version).join(', ')}), or leave out \`version\`.`
          : `No version of ${code} takes new filings on ${date}; GET /api/procedures/${code} lists its versions and their effective dates.`,
      });
    }
    return this.runnableEntry(entry);
  }

  /** Like `resolve`, but the procedure must have compiled. */
  runnable(code: string, version?: string, date?: string): RegisteredProcedure<C> & { compiled: C } {
    return this.runnableEntry(this.resolve(code, version, date));
  }

  private runnableEntry(entry: RegisteredProcedure<C>): RegisteredProcedure<C> & { compiled: C } {
    const code = entry.procedure.code;
    if (entry.compiled === undefined) {
      throw new RefusalError('E_PROCEDURE_BROKEN', `Procedure ${code}@${entry.procedure.version} does not compile; cases cannot be filed`, [], {
        status: 503,
        expose: true,
        hint: 'An author must fix the procedure; GET /api/procedures/' + code + ' lists its diagnostics.',
        details: entry.diagnostics,
      });
    }
    return entry as RegisteredProcedure<C> & { compiled: C };
  }
}

function unknownCode(code: string): NotFoundError {
  return new NotFoundError('E_PROCEDURE_NOT_FOUND', `No procedure with code '${code}'`, {
    hint: 'GET /api/procedures?q= lists the procedures by code and name.',
    path: 'procedure',
  });
}

/** sha256 of the canonical JSON of a procedure: equal for equal content, whatever the key order or YAML layout. */
export function contentHash(procedure: Procedure): string {
  return createHash('sha256').update(canonicalJson(procedure)).digest('hex');
}

function compareVersions(a: string, b: string): number {
  const va = semver.valid(a);
  const vb = semver.valid(b);
  if (va && vb) return semver.compare(va, vb);
  return a.localeCompare(b);
}
