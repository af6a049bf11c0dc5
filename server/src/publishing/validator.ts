/**
 * The one validator of publishing: what `motcua validate --library` runs on a file of the
 * library (engine's `validateCandidate`: schema, catalogues of roles, sources and calendars,
 * CEL types, references to other procedures, overlapping effective dates), against the
 * library this server holds, then compilation, then the draft's scenario files. A draft's
 * check and a publish both call it; nothing else decides whether a version is valid.
 */
import {
  compileProcedure,
  hasErrors,
  isOverlayValue,
  parseSource,
  sortDiagnostics,
  validateCandidate,
  type CalendarSpec,
  type Diagnostic,
  type Library,
  type LibraryContext,
  type OrgUnit,
  type Procedure,
  type ProcedureRef,
  type RoleEntry,
  type SourceEntry,
} from 'motcua/engine';
import { runScenarioText } from 'motcua/testing';
import type { ScenarioFile } from 'motcua/contract';
import type { Sql } from '../db';
import type { ProcedureRegistry, RegisteredProcedure } from '../procedures';

/** The library's catalogues, as the server loaded them. */
export interface Catalogues {
  roles: ReadonlyMap<string, RoleEntry>;
  sources: ReadonlyMap<string, SourceEntry>;
  calendars: ReadonlyMap<string, CalendarSpec>;
}

/** The outcome of a check: the procedure and its compiled entry when there is no error. */
export interface CheckResult<C> {
  diagnostics: Diagnostic[];
  /** The parsed value, valid or not (for a diff of a draft that does not validate yet). */
  value: unknown;
  entry?: RegisteredProcedure<C>;
}

/**
 * The units in force today, as the database holds them (reorganizations included): an overlay's
 * province is checked against these, not against the library's catalogue file, which a
 * reorganization does not rewrite.
 */
export type UnitsInForce = (sql?: Sql) => Promise<ReadonlyMap<string, OrgUnit>>;

export class PublishValidator<C> {
  constructor(
    private readonly catalogues: Catalogues,
    private readonly registry: ProcedureRegistry<C>,
    private readonly unitsInForce?: UnitsInForce,
  ) {}

  /** The library context of the checks: the catalogues and every version not retired. */
  context(): LibraryContext {
    const procedures = new Map<string, ProcedureRef[]>();
    for (const e of this.registry.all()) {
      if (e.retiredAt !== undefined) continue;
      const list = procedures.get(e.procedure.code) ?? [];
      list.push({ version: e.procedure.version, file: e.file, ...(e.procedure.effective ? { effective: e.procedure.effective } : {}) });
      procedures.set(e.procedure.code, list);
    }
    // An overlay builds on a national version held, not retired, that compiled.
    const procedureOf = (code: string, version: string): Procedure | undefined => {
      const e = this.registry.find(code, version);
      return e && e.retiredAt === undefined && e.compiled !== undefined ? e.procedure : undefined;
    };
    return { roles: this.catalogues.roles, sources: this.catalogues.sources, calendars: this.catalogues.calendars, procedures, procedureOf };
  }

  /**
   * Parses a text without validating it (for hashes and diffs). An overlay comes back resolved
   * against its national base when it resolves: what is stored, hashed and compared is the full
   * procedure, so the same overlay text built on another national version is other content.
   */
  parse(source: string, file: string): unknown {
    const doc = parseSource(source, file);
    if (!isOverlayValue(doc.value)) return doc.value;
    return validateCandidate(source, file, this.context()).procedure ?? doc.value;
  }

  /**
   * Validates `source` (shown as `file`), compiles it and runs `scenarios` against it. Inside a
   * transaction, pass its `sql`: the units are read through it (SQLite has one connection).
   */
  async check(source: string, file: string, scenarios: readonly ScenarioFile[] = [], sql?: Sql): Promise<CheckResult<C>> {
    const context = this.context();
    // Only an overlay names a unit (its province): a text that never says `extends` cannot be
    // one, and a draft's every view need not read the whole units table.
    if (this.unitsInForce && source.includes('extends')) context.units = await this.unitsInForce(sql);
    const result = validateCandidate(source, file, context);
    const value = result.doc.value;
    if (!result.procedure) return { diagnostics: result.diagnostics, value };
    const entry = this.registry.compileEntry({ file, procedure: result.procedure, diagnostics: result.diagnostics, source });
    const diagnostics = [...entry.diagnostics];
    if (entry.compiled !== undefined) diagnostics.push(...(await this.runScenarios(result.procedure, scenarios)));
    return hasErrors(diagnostics) ? { diagnostics: sortDiagnostics(diagnostics), value } : { diagnostics: sortDiagnostics(diagnostics), value, entry };
  }

  /** A failed case of a scenario is an error of the draft, placed at the failing step. */
  private async runScenarios(procedure: Procedure, scenarios: readonly ScenarioFile[]): Promise<Diagnostic[]> {
    if (!scenarios.length) return [];
    const compiled = compileProcedure(procedure);
    const library = this.library(procedure);
    const out: Diagnostic[] = [];
    for (const s of scenarios) {
      const r = await runScenarioText(s.source, s.name, compiled, library, (code) => {
        const p = library.procedures.get(code)?.at(-1)?.procedure;
        return p ? compileProcedure(p) : undefined;
      });
      out.push(...r.diagnostics);
      for (const c of r.cases) {
        for (const f of c.failures) {
          out.push({ file: f.file, line: f.line, column: f.column, code: 'E_SCENARIO_FAILED', severity: 'error', message: `case '${c.name}': ${f.message}`, ...(f.hint ? { hint: f.hint } : {}) });
        }
      }
    }
    return out;
  }

  /** The library a scenario sees: the catalogues and the versions held, with the candidate as its code's newest. */
  private library(candidate: Procedure): Library {
    const procedures = new Map<string, { file: string; procedure: Procedure }[]>();
    for (const e of this.registry.all()) {
      if (e.procedure.code === candidate.code) continue;
      const list = procedures.get(e.procedure.code) ?? [];
      list.push({ file: e.file, procedure: e.procedure });
      procedures.set(e.procedure.code, list);
    }
    procedures.set(candidate.code, [{ file: `${candidate.code}@${candidate.version}`, procedure: candidate }]);
    return { procedures, calendars: new Map(this.catalogues.calendars), roles: new Map(this.catalogues.roles), sources: new Map(this.catalogues.sources), units: new Map() };
  }
}
