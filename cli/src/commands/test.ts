import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { MotcuaError } from 'motcua/engine';
import { CoverageRecorder, findScenarioFiles, formatCoverage, formatJUnit, formatText, LibraryCache, loadProcedure, pathKey, runScenarioFile, runScenarioFiles, scaffoldScenario, simplePaths, flowGraphOf } from 'motcua/testing';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';
import { httpDriver } from '../scenario-http';

export const usage = `Usage: motcua test [files or folders...] [--reporter text|junit] [--output <file>]
                  [--coverage] [--min-coverage N] [--server URL]
       motcua test --scaffold <procedure file or code> [--force]

Runs every *.test.yaml scenario under the given files and folders (default: procedures/ if
it exists, else the current folder) against its procedure, with a simulated clock, the
scenario's registry as the national sources, and its calendar. One line per case; a failure
shows the expectation, the actual value and the file:line:col of the failing expect.

Options:
  --reporter text|junit  text (default), or JUnit XML for CI systems
  --output <file>        write the JUnit XML to this file (the text report still goes to stdout)
  --coverage             print, per procedure, the steps, actions and outcomes exercised
                         (elements, in percent) and the paths followed (paths, in percent)
  --min-coverage N       fail (exit 1) when a procedure's element coverage is below N percent
  --scaffold <proc>      write <name>.scaffold.test.yaml beside the procedure: one skeleton case
                         per path from submission to an outcome that no scenario follows yet
  --force                let --scaffold overwrite an existing scaffold file
  --server URL           run the same scenarios over HTTP against a server started with
                         \`motcua serve --test-clock\` (same output, same exit codes; no coverage)
  -h, --help             this help

Exit codes: 0 all passed, 1 a case failed (or coverage below the bar), 2 usage error.`;

function parse(args: string[]) {
  return parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      reporter: { type: 'string', default: 'text' },
      output: { type: 'string' },
      coverage: { type: 'boolean', default: false },
      'min-coverage': { type: 'string' },
      scaffold: { type: 'string' },
      force: { type: 'boolean', default: false },
      server: { type: 'string' },
    },
  });
}

/** `motcua test`: runs scenarios, reports, measures coverage, writes scaffolds. */
export const command: Command = async (args: string[], io: CliIO) => {
  const { values, positionals } = parse(args);
  if (values.reporter !== 'text' && values.reporter !== 'junit') throw new UsageError(`--reporter must be text or junit, not '${values.reporter}'`);
  let minCoverage: number | undefined;
  if (values['min-coverage'] !== undefined) {
    minCoverage = Number(values['min-coverage']);
    if (!Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 100) throw new UsageError(`--min-coverage must be a number from 0 to 100, not '${values['min-coverage']}'`);
  }
  if (values.scaffold !== undefined) {
    if (values.server !== undefined) throw new UsageError('--scaffold writes files beside the procedure; it does not take --server');
    return scaffold(values.scaffold, values.force, io);
  }
  let driver: ReturnType<typeof httpDriver> | undefined;
  if (values.server !== undefined) {
    if (values.coverage || minCoverage !== undefined) throw new UsageError('--coverage is measured in process: run it without --server');
    if (!/^https?:\/\/[^/]/.test(values.server)) throw new UsageError(`--server must be an http(s) URL, not '${values.server}'`);
    driver = httpDriver(values.server);
    try {
      await driver.check();
    } catch (err) {
      io.err(`motcua test: ${err instanceof MotcuaError ? `${err.code}: ${err.message}${err.hint ? `\n    hint: ${err.hint}` : ''}` : String(err)}`);
      return EXIT.failed;
    }
  }

  const paths = positionals.length > 0 ? positionals : existsSync(join(io.cwd, 'procedures')) ? ['procedures'] : ['.'];
  try {
    findScenarioFiles(paths, io.cwd);
  } catch (err) {
    if (err instanceof MotcuaError) throw new UsageError(err.message);
    throw err;
  }
  const collect = values.coverage || minCoverage !== undefined;
  let summary;
  try {
    summary = await runScenarioFiles(paths, { cwd: io.cwd, collectCoverage: collect, ...(driver ? { driver } : {}) });
  } catch (err) {
    // Bad scenarios never get here (they are diagnostics); this is the machine or a bug.
    io.err(`motcua test: ${err instanceof MotcuaError ? `${err.code}: ${err.message}${err.hint ? `\n    hint: ${err.hint}` : ''}` : `internal error: ${err instanceof Error ? err.message : String(err)}`}`);
    return EXIT.failed;
  }
  const text = formatText(summary);
  if (values.reporter === 'junit') {
    const xml = formatJUnit(summary);
    if (values.output) {
      if (!write(resolve(io.cwd, values.output), xml, io)) return EXIT.failed;
      io.out(text);
    } else {
      io.out(xml);
      io.err(text.split('\n').at(-1) ?? '');
    }
  } else {
    io.out(text);
  }
  let failed = summary.failed > 0;
  if (collect) {
    io.out(`\ncoverage\n${formatCoverage(summary.coverage)}`);
    if (minCoverage !== undefined) {
      const below = summary.coverage.filter((c) => c.percent < minCoverage);
      for (const c of below) io.err(`coverage of ${c.code}@${c.version} is ${c.percent}%, below --min-coverage ${minCoverage}`);
      if (below.length > 0) failed = true;
    }
  }
  return failed ? EXIT.failed : EXIT.ok;
};

/** Writes skeleton scenarios for the paths of a procedure that no scenario follows yet. */
async function scaffold(target: string, force: boolean, io: CliIO): Promise<number> {
  let loaded;
  try {
    loaded = loadProcedure(target, io.cwd);
  } catch (err) {
    if (err instanceof MotcuaError) {
      io.err(`motcua test --scaffold: ${err.code}: ${err.message}${err.hint ? `\n    hint: ${err.hint}` : ''}`);
      return EXIT.failed;
    }
    throw err;
  }
  const { compiled, file, library } = loaded;
  const dir = dirname(file);
  const name = basename(file).replace(/\.ya?ml$/, '');
  const out = join(dir, `${name}.scaffold.test.yaml`);
  if (existsSync(out) && !force) {
    io.err(`motcua test --scaffold: ${relative(io.cwd, out)} exists; pass --force to overwrite it`);
    return EXIT.failed;
  }
  // What the scenarios beside the procedure already follow (the old scaffold itself excluded).
  const coverage = new CoverageRecorder();
  const libraries = new LibraryCache();
  for (const f of findScenarioFiles([dir], io.cwd).filter((f) => resolve(f) !== resolve(out))) await runScenarioFile(f, { cwd: io.cwd, libraries, coverage });
  const followed = coverage.followedPaths(compiled.procedure.code);
  const all = simplePaths(flowGraphOf(compiled));
  const missing = all.filter((p) => !followed.has(pathKey(p.edges)));
  const schema = findUp(dir, join('schema', 'scenario.schema.json'));
  const text = scaffoldScenario(compiled, missing, {
    coveredCount: all.length - missing.length,
    resolve: (code) => {
      const entry = library.procedures.get(code)?.at(-1);
      return entry ? libraries.compile(entry) : undefined;
    },
    ...(schema ? { schemaPath: relative(dir, schema) } : {}),
  });
  if (!write(out, text, io)) return EXIT.failed;
  io.out(`wrote ${relative(io.cwd, out)}: ${missing.length} skeleton case(s) for the ${missing.length} of ${all.length} path(s) no scenario follows`);
  return EXIT.ok;
}

function findUp(from: string, rel: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, rel))) return join(dir, rel);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Writes a file, or says why it could not (no stack trace). */
function write(file: string, text: string, io: CliIO): boolean {
  try {
    writeFileSync(file, text);
    return true;
  } catch (err) {
    io.err(`motcua test: cannot write ${relative(io.cwd, file) || file}: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}
