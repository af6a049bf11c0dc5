/**
 * The edge of the scenario runner that reads files: finds `*.test.yaml` files, loads the
 * library each belongs to (the nearest folder up with `catalogues/` or `calendars/`, else the
 * scenario's own folder), resolves and compiles the procedure, and runs the cases.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { closest } from 'fastest-levenshtein';
import { compileProcedure, type CompiledProcedure } from '../compile';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic';
import { InvalidDefinitionError, MotcuaError } from '../errors';
import type { LoadedProcedure } from '../library/catalog';
import { findLibraryRoot, loadLibrarySync, type LoadedLibrary } from '../loader';
import { CoverageRecorder, type ProcedureCoverage } from './coverage';
import { diagnosticAt, parseScenario } from './parse-scenario';
import type { CaseResult } from './run-scenario';
import { checkAndRunScenario } from './run-text';
import type { Scenario } from './scenario';
import type { CaseDriverFactory } from './driver';

/** The result of one scenario file: its diagnostics (when it could not run) and its cases. */
export interface FileResult {
  file: string;
  procedure?: string;
  diagnostics: Diagnostic[];
  cases: CaseResult[];
}

/** Everything `motcua test` ran. */
export interface RunSummary {
  files: FileResult[];
  passed: number;
  /** Failed cases, plus one per file that could not run. */
  failed: number;
  skipped: number;
  coverage: ProcedureCoverage[];
}

/** Options of `runScenarioFile(s)`. */
export interface RunFilesOptions {
  /** Shown in results and messages relative to this folder (default: absolute paths). */
  cwd?: string;
  /** Shared between runs: loaded libraries by root folder. */
  libraries?: LibraryCache;
  /** Collects coverage across files (in process only). */
  coverage?: CoverageRecorder;
  /** What runs the cases (default: the in-process simulator; `motcua test --server` passes the HTTP driver). */
  driver?: CaseDriverFactory;
}

/** Loads each library once, and compiles each procedure version once, however many scenarios use it. */
export class LibraryCache {
  readonly #libraries = new Map<string, LoadedLibrary>();
  readonly #compiled = new Map<string, CompiledProcedure>();

  /** The library a file belongs to, loaded on first use. */
  forFile(file: string): { root: string; loaded: LoadedLibrary } {
    const root = findLibraryRoot(dirname(resolve(file))) ?? dirname(resolve(file));
    let loaded = this.#libraries.get(root);
    if (!loaded) {
      loaded = loadLibrarySync(root);
      this.#libraries.set(root, loaded);
    }
    return { root, loaded };
  }

  /** Compiles a loaded procedure (cached by file and version). */
  compile(entry: LoadedProcedure): CompiledProcedure {
    const key = `${entry.file}@${entry.procedure.version}`;
    let c = this.#compiled.get(key);
    if (!c) {
      c = compileProcedure(entry.procedure, { file: entry.file });
      this.#compiled.set(key, c);
    }
    return c;
  }
}

/** `*.test.yaml` / `*.test.yml` files among the given files and folders (recursively), sorted. */
export function findScenarioFiles(paths: readonly string[], cwd = process.cwd()): string[] {
  const out = new Set<string>();
  const walk = (p: string): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new MotcuaError('E_NOT_FOUND', `no such file or folder: ${relative(cwd, p) || p}`, { status: 404, hint: 'Check the path.' });
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p, { withFileTypes: true })) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        const full = join(p, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.test\.ya?ml$/.test(e.name)) out.add(full);
      }
    } else if (/\.test\.ya?ml$/.test(p)) {
      out.add(p);
    } else {
      // A procedure file stands for the scenarios beside it: `x.yaml` -> `x.test.yaml`.
      const sibling = ['.test.yaml', '.test.yml'].map((ext) => p.replace(/\.ya?ml$/, ext)).find((f) => existsSync(f));
      if (!sibling) {
        throw new MotcuaError('E_NOT_A_SCENARIO', `${relative(cwd, p) || p} is not a *.test.yaml scenario and has none beside it`, { status: 400, hint: 'Give scenario files, procedure files with a <name>.test.yaml beside them, or folders.' });
      }
      out.add(sibling);
    }
  };
  for (const p of paths) walk(resolve(cwd, p));
  return [...out].sort();
}

/**
 * Parses, checks and runs one scenario file. Never throws for a bad scenario: YAML, schema and
 * reference problems, an unknown procedure code and a procedure that does not validate come back
 * as diagnostics with file:line:col.
 */
export async function runScenarioFile(file: string, options: RunFilesOptions = {}): Promise<FileResult> {
  const result = await runFile(file, options);
  return { ...result, diagnostics: sortDiagnostics(result.diagnostics) };
}

async function runFile(file: string, options: RunFilesOptions): Promise<FileResult> {
  const libraries = options.libraries ?? new LibraryCache();
  const shown = options.cwd ? relative(options.cwd, resolve(file)) : resolve(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { file: shown, diagnostics: [{ file: shown, line: 1, column: 1, code: 'E_READ', severity: 'error', message: `cannot read the file: ${err instanceof Error ? err.message : String(err)}` }], cases: [] };
  }
  const parsed = parseScenario(text, shown);
  const scenario = parsed.scenario;
  if (!scenario || hasErrors(parsed.diagnostics)) return { file: shown, diagnostics: parsed.diagnostics, cases: [] };

  const { loaded } = libraries.forFile(file);
  const found = resolveProcedure(scenario, loaded, options.cwd);
  if ('diagnostics' in found) return { file: shown, procedure: scenario.procedure, diagnostics: [...parsed.diagnostics, ...found.diagnostics], cases: [] };

  let compiled: CompiledProcedure;
  try {
    compiled = libraries.compile(found.entry);
  } catch (err) {
    const diags = err instanceof InvalidDefinitionError ? [...err.diagnostics] : [diagnosticAt(scenario.source, ['procedure'], 'E_SCENARIO_PROCEDURE_INVALID', err instanceof Error ? err.message : String(err))];
    return { file: shown, procedure: scenario.procedure, diagnostics: [...parsed.diagnostics, ...diags], cases: [] };
  }
  options.coverage?.track(compiled, options.cwd ? relative(options.cwd, found.entry.file) : found.entry.file);
  const library = loaded.library;
  const { diagnostics: refs, cases } = await checkAndRunScenario(scenario, {
    compiled,
    library,
    resolve: (code) => {
      const entry = library.procedures.get(code)?.at(-1);
      return entry ? libraries.compile(entry) : undefined;
    },
    ...(options.coverage ? { coverage: options.coverage } : {}),
    ...(options.driver ? { driver: options.driver } : {}),
  });
  const diagnostics = [...parsed.diagnostics, ...refs];
  return { file: shown, procedure: scenario.procedure, diagnostics, cases };
}

/** The procedure version a scenario tests, or diagnostics saying why there is none. */
function resolveProcedure(scenario: Scenario, loaded: LoadedLibrary, cwd: string | undefined): { entry: LoadedProcedure } | { diagnostics: Diagnostic[] } {
  const versions = loaded.library.procedures.get(scenario.procedure);
  const src = scenario.source;
  if (!versions || versions.length === 0) {
    // Present but broken: show the procedure file's own errors, which say what to fix.
    const broken = [...loaded.docs.entries()].filter(([, doc]) => String((doc.value as { code?: unknown } | undefined)?.code) === scenario.procedure).map(([f]) => f);
    if (broken.length > 0) {
      const own = loaded.diagnostics.filter((d) => broken.includes(d.file) && d.severity === 'error').map((d) => ({ ...d, file: cwd ? relative(cwd, d.file) : d.file }));
      return {
        diagnostics: [
          diagnosticAt(src, ['procedure'], 'E_SCENARIO_PROCEDURE_INVALID', `procedure ${scenario.procedure} does not validate (${own.length} error(s) below)`, 'Fix the procedure file first: `motcua validate` shows the same errors.'),
          ...own,
        ],
      };
    }
    const codes = [...loaded.library.procedures.keys()];
    return {
      diagnostics: [
        diagnosticAt(src, ['procedure'], 'E_SCENARIO_UNKNOWN_PROCEDURE', `no procedure with code '${scenario.procedure}' in the library`, codes.length ? `Did you mean '${closest(scenario.procedure, codes)}'? The library has ${codes.length} code(s).` : 'The library holds no valid procedure: put the procedure file beside the scenario or in its library folder.'),
      ],
    };
  }
  if (scenario.version !== undefined) {
    const entry = versions.find((v) => v.procedure.version === scenario.version);
    if (!entry) {
      return { diagnostics: [diagnosticAt(src, ['version'], 'E_SCENARIO_UNKNOWN_VERSION', `procedure ${scenario.procedure} has no version ${scenario.version}`, `Known versions: ${versions.map((v) => v.procedure.version).join(', ')}.`)] };
    }
    return { entry };
  }
  return { entry: versions[versions.length - 1] as LoadedProcedure };
}

/** Runs every scenario under the given files and folders; coverage is collected when asked. */
export async function runScenarioFiles(paths: readonly string[], options: RunFilesOptions & { collectCoverage?: boolean } = {}): Promise<RunSummary> {
  const cwd = options.cwd ?? process.cwd();
  const libraries = options.libraries ?? new LibraryCache();
  const coverage = options.coverage ?? (options.collectCoverage ? new CoverageRecorder() : undefined);
  const files: FileResult[] = [];
  for (const f of findScenarioFiles(paths, cwd)) files.push(await runScenarioFile(f, { cwd, libraries, ...(coverage ? { coverage } : {}), ...(options.driver ? { driver: options.driver } : {}) }));
  // Procedures under the folders given count too, with no scenario at all: 0%.
  if (coverage) for (const p of paths) trackFolder(resolve(cwd, p), cwd, libraries, coverage);
  let passed = 0, failed = 0, skipped = 0;
  for (const f of files) {
    if (hasErrors(f.diagnostics)) failed++;
    for (const c of f.cases) {
      if (c.status === 'passed') passed++;
      else if (c.status === 'failed') failed++;
      else skipped++;
    }
  }
  return { files, passed, failed, skipped, coverage: coverage?.report() ?? [] };
}

/** Registers every valid procedure under a folder so that untested ones show in the coverage. */
function trackFolder(dir: string, cwd: string, libraries: LibraryCache, coverage: CoverageRecorder): void {
  if (!statSync(dir).isDirectory()) return;
  const { loaded } = libraries.forFile(join(dir, 'x.test.yaml'));
  const inside = (f: string): boolean => !relative(dir, resolve(f)).startsWith('..');
  for (const list of loaded.library.procedures.values()) {
    for (const entry of list) {
      if (!inside(entry.file)) continue;
      try {
        coverage.track(libraries.compile(entry), relative(cwd, entry.file));
      } catch {
        // A procedure that does not compile is reported by `motcua validate`, not here.
      }
    }
  }
}
