/**
 * The library (`procedures/`) and the examples, over HTTP: every scenario file runs through
 * `motcua test --server`'s HTTP driver against a server started in test-clock mode, once on
 * SQLite and once on PostgreSQL, and in process with the simulator. Every case must pass both
 * ways; and beyond what each `expect` asserts, the root case must look the same after every
 * step (state, status, outcome, fees, due, on time, overdue, components; or the same refusal
 * code): what the scenario tests say is what the server does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MotcuaError } from 'motcua/engine';
import { runScenarioFiles, simulationDriver, type CaseDriverFactory, type RunSummary } from 'motcua/testing';
import { createServer, loadConfig, loadServerLibrary, type MotcuaServer } from 'motcua/server';
import { httpDriver } from '../../cli/src/scenario-http';
import { forEachDatabase } from '../../server/test/databases';

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['procedures', 'examples'];

/** JSON with keys sorted: the same case reads the same whichever driver built the object. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));

/** `file > case` -> what the root case looked like after each step, in order. */
type Trace = Map<string, unknown[]>;

/** The same instant, whichever offset it was written with (the API answers UTC; the simulator the calendar's time zone). */
const instant = (iso: string) => (iso ? new Date(iso).toISOString() : iso);

/** Wraps a driver so that, after each step, it records the root case as the runner sees it. */
function recording(inner: CaseDriverFactory, trace: Trace): CaseDriverFactory {
  const code = (err: unknown) => (err instanceof MotcuaError ? err.code : String(err));
  return {
    ...(inner.target ? { target: inner.target } : {}),
    async start(setup) {
      const driver = await inner.start(setup);
      const log: unknown[] = [];
      trace.set(`${setup.scenario.file} > ${setup.case.name}`, log);
      const see = async (refused?: unknown) => {
        const seen = await driver.observe(undefined).then(
          (c) => (c ? { active: c.active, outcome: c.outcome, status: c.status, fees: c.fees, deadline: instant(c.deadline), onTime: c.onTime, overdue: c.overdue, components: c.components } : null),
          (err: unknown) => ({ error: code(err) }),
        );
        log.push({ ...(refused === undefined ? {} : { refused: code(refused) }), case: seen });
      };
      return {
        at: (instant) => driver.at(instant),
        async perform(target, step) {
          try {
            await driver.perform(target, step);
          } catch (err) {
            await see(err);
            throw err;
          }
          await see();
        },
        observe: (target) => driver.observe(target),
        close: () => driver.close(),
      };
    },
  };
}

const inProcess: Trace = new Map();
let local: RunSummary;

beforeAll(async () => {
  local = await runScenarioFiles(FOLDERS, { cwd: ROOT, driver: recording(simulationDriver, inProcess) });
}, 600_000);

forEachDatabase('every library and example scenario over HTTP', (db) => {
  let server: MotcuaServer;
  let summary: RunSummary;
  const overHttp: Trace = new Map();

  beforeAll(async () => {
    const library = join(ROOT, 'procedures');
    const config = loadConfig({}, { dataDir: mkdtempSync(join(tmpdir(), 'motcua-live-')), library, webDir: join(tmpdir(), 'motcua-no-web'), host: '127.0.0.1', demo: false, testClock: true });
    server = await createServer({ config, library: await loadServerLibrary(library), database: await db().open(), log: () => undefined });
    const url = await server.listen(0, '127.0.0.1');
    const driver = httpDriver(url);
    await driver.check();
    summary = await runScenarioFiles(FOLDERS, { cwd: ROOT, driver: recording(driver, overHttp) });
  }, 600_000);
  afterAll(() => server?.close());

  it('runs every scenario file, and every case passes as it does in process', () => {
    const results = summary.files.flatMap((f) => f.cases.map((c) => ({ key: `${f.file} > ${c.name}`, c })));
    expect(summary.files.filter((f) => f.diagnostics.some((d) => d.severity === 'error')).map((f) => [f.file, f.diagnostics])).toEqual([]);
    expect(results.length).toBeGreaterThan(200);
    // No list of known divergences: a case that differs over HTTP is a bug of the server or the engine.
    const failed = results.filter((r) => r.c.status === 'failed').map((r) => [r.key, r.c.failures.map((f) => `${f.message}: expected ${JSON.stringify(f.expected)}, actual ${JSON.stringify(f.actual)} (${f.file}:${f.line})`)]);
    expect(failed).toEqual([]);
    const statuses = (s: RunSummary) => s.files.flatMap((f) => f.cases.map((c) => `${f.file} > ${c.name}: ${c.status}`));
    expect(statuses(summary)).toEqual(statuses(local));
  });

  it('shows the same case after every step as the in-process run: states, status, outcome, fees, due, components, refusals', () => {
    expect(overHttp.size).toBe(inProcess.size);
    const differ = [...inProcess].flatMap(([key, steps]) => {
      const other = overHttp.get(key) ?? [];
      const at = steps.findIndex((step, i) => canonical(step) !== canonical(other[i]));
      if (at < 0 && other.length === steps.length) return [];
      const i = at < 0 ? steps.length : at;
      return [`${key}, after step ${i + 1}:\n  in process: ${canonical(steps[i])}\n  over HTTP:  ${canonical(other[i])}`];
    });
    expect(differ.join('\n')).toBe('');
  });
});
