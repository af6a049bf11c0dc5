/**
 * The procedures the server runs: every version of every code, compiled once at start.
 * A procedure that does not load or compile is kept with its diagnostics (listed by the API,
 * refused for filing) and never takes the others down. The table `procedures` mirrors the
 * registry so that search and listing are plain SQL.
 */
import semver from 'semver';
import { InvalidDefinitionError, NotFoundError, RefusalError, type Diagnostic, type Procedure } from 'motcua/engine';
import type { CaseEngine } from '../cases/engine-port';
import type { Database } from '../db';
import { foldVietnamese } from './search-text';

/** A procedure file as the loader hands it over: the parsed procedure (if any) and findings. */
export interface ProcedureSource {
  file: string;
  procedure?: Procedure;
  diagnostics: readonly Diagnostic[];
}

export interface RegisteredProcedure<C = unknown> {
  procedure: Procedure;
  compiled: C | undefined;
  diagnostics: readonly Diagnostic[];
  file: string;
}

export class ProcedureRegistry<C = unknown> {
  private readonly byCode = new Map<string, RegisteredProcedure<C>[]>();

  constructor(private readonly engine: CaseEngine<C>) {}

  /** Compiles every source; a failure is recorded as diagnostics, never thrown. */
  add(sources: readonly ProcedureSource[]): { ok: number; broken: RegisteredProcedure<C>[] } {
    const broken: RegisteredProcedure<C>[] = [];
    let ok = 0;
    for (const src of sources) {
      if (!src.procedure) continue;
      const diagnostics = [...src.diagnostics];
      let compiled: C | undefined;
      if (!diagnostics.some((d) => d.severity === 'error')) {
        try {
          compiled = this.engine.compile(src.procedure);
        } catch (err) {
          if (err instanceof InvalidDefinitionError) diagnostics.push(...err.diagnostics);
          else diagnostics.push({ file: src.file, line: 1, column: 1, code: 'E_COMPILE', severity: 'error', message: err instanceof Error ? err.message : String(err) });
        }
      }
      const entry: RegisteredProcedure<C> = { procedure: src.procedure, compiled, diagnostics, file: src.file };
      const list = (this.byCode.get(src.procedure.code) ?? []).filter((e) => e.procedure.version !== src.procedure!.version);
      list.push(entry);
      list.sort((a, b) => compareVersions(a.procedure.version, b.procedure.version));
      this.byCode.set(src.procedure.code, list);
      if (compiled === undefined) broken.push(entry);
      else ok += 1;
    }
    return { ok, broken };
  }

  /** Every version of every code. */
  all(): RegisteredProcedure<C>[] {
    return [...this.byCode.values()].flat();
  }

  /** That exact version, if registered (no error). */
  find(code: string, version: string): RegisteredProcedure<C> | undefined {
    return this.byCode.get(code)?.find((e) => e.procedure.version === version);
  }

  /**
   * The version to file a new case under: the newest that is in effect on `date`
   * (YYYY-MM-DD), or an exact version when given.
   */
  resolve(code: string, version?: string, date?: string): RegisteredProcedure<C> {
    const list = this.byCode.get(code);
    if (!list?.length) {
      throw new NotFoundError('E_PROCEDURE_NOT_FOUND', `No procedure with code '${code}'`, {
        hint: 'GET /api/procedures?q= lists the procedures by code and name.',
        path: 'procedure',
      });
    }
    let entry: RegisteredProcedure<C> | undefined;
    if (version) {
      entry = list.find((e) => e.procedure.version === version);
      if (!entry) {
        throw new NotFoundError('E_PROCEDURE_NOT_FOUND', `Procedure ${code} has no version ${version}`, {
          hint: `Known versions: ${list.map((e) => e.procedure.version).join(', ')}.`,
          path: 'version',
        });
      }
    } else {
      const inEffect = date ? list.filter((e) => isInEffect(e.procedure, date)) : list;
      entry = (inEffect.length ? inEffect : list).at(-1);
    }
    return entry!;
  }

  /** Like `resolve`, but the procedure must have compiled. */
  runnable(code: string, version?: string, date?: string): RegisteredProcedure<C> & { compiled: C } {
    const entry = this.resolve(code, version, date);
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

  /**
   * Adds the versions authors published through the API (`POST /api/procedures`, kept in the
   * `procedures` table with a file `api:...`) that the library on disk does not have: a
   * restart must not lose them. Returns how many were restored; broken ones are kept listed.
   */
  async restorePublished(db: Database): Promise<number> {
    const rows = await db.knex('procedures').where('file', 'like', 'api:%').select<{ code: string; version: string; definition: string; file: string }[]>('code', 'version', 'definition', 'file');
    const fresh = rows.filter((r) => !this.find(r.code, r.version));
    this.add(fresh.map((r) => ({ file: r.file, procedure: JSON.parse(r.definition) as Procedure, diagnostics: [] })));
    return fresh.length;
  }

  /** Writes the registry to the `procedures` table (search, listing, other processes). */
  async persist(db: Database): Promise<void> {
    const rows = this.all().map((e) => ({
      code: e.procedure.code,
      version: e.procedure.version,
      name_vi: e.procedure.name?.vi ?? e.procedure.code,
      name_en: e.procedure.name?.en ?? null,
      search_text: foldVietnamese([e.procedure.code, e.procedure.name?.vi, e.procedure.name?.en].filter(Boolean).join(' ')),
      sector: e.procedure.sector ?? null,
      level: e.procedure.level ?? null,
      definition: JSON.stringify(e.procedure),
      status: e.compiled === undefined ? 'broken' : 'ok',
      diagnostics: JSON.stringify(e.diagnostics),
      file: e.file,
    }));
    for (let i = 0; i < rows.length; i += 50) {
      await db.knex('procedures').insert(rows.slice(i, i + 50)).onConflict(['code', 'version']).merge();
    }
  }
}

function compareVersions(a: string, b: string): number {
  const va = semver.valid(a);
  const vb = semver.valid(b);
  if (va && vb) return semver.compare(va, vb);
  return a.localeCompare(b);
}

function isInEffect(p: Procedure, date: string): boolean {
  const from = p.effective?.from;
  const to = p.effective?.to;
  return (!from || String(from) <= date) && (!to || date < String(to));
}
