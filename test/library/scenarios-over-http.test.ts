/**
 * The library (`procedures/`) and the examples, over HTTP: every scenario file runs through
 * `motcua test --server`'s HTTP driver against a server started in test-clock mode, once on
 * SQLite and once on PostgreSQL. The in-process run is `npm run library:check` (and the
 * examples' own vitest file); the same expectations passing both ways is what proves that
 * what the scenario tests say is what the server does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runScenarioFiles, type RunSummary } from 'motcua/testing';
import { createServer, loadConfig, loadServerLibrary, type MotcuaServer } from 'motcua/server';
import { httpDriver } from '../../cli/src/scenario-http';
import { forEachDatabase } from '../../server/test/databases';

const ROOT = resolve(import.meta.dirname, '../..');

forEachDatabase('every library and example scenario over HTTP', (db) => {
  let server: MotcuaServer;
  let summary: RunSummary;

  beforeAll(async () => {
    const library = join(ROOT, 'procedures');
    const config = loadConfig({}, { dataDir: mkdtempSync(join(tmpdir(), 'motcua-live-')), library, webDir: join(tmpdir(), 'motcua-no-web'), host: '127.0.0.1', demo: false, testClock: true });
    server = await createServer({ config, library: await loadServerLibrary(library), database: await db().open(), log: () => undefined });
    const url = await server.listen(0, '127.0.0.1');
    const driver = httpDriver(url);
    await driver.check();
    summary = await runScenarioFiles(['procedures', 'examples'], { cwd: ROOT, driver });
  }, 600_000);
  afterAll(() => server?.close());

  it('runs every scenario file, and every case passes as it does in process', () => {
    const results = summary.files.flatMap((f) => f.cases.map((c) => ({ key: `${f.file} > ${c.name}`, c })));
    expect(summary.files.filter((f) => f.diagnostics.some((d) => d.severity === 'error')).map((f) => [f.file, f.diagnostics])).toEqual([]);
    expect(results.length).toBeGreaterThan(200);
    // No list of known divergences: a case that differs over HTTP is a bug of the server or the engine.
    const failed = results.filter((r) => r.c.status === 'failed').map((r) => [r.key, r.c.failures.map((f) => `${f.message}: expected ${JSON.stringify(f.expected)}, actual ${JSON.stringify(f.actual)} (${f.file}:${f.line})`)]);
    expect(failed).toEqual([]);
  });
});
