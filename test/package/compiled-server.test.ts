/**
 * `npm start` runs the compiled server (`npm run build:server`, dist/server), not the sources
 * the other suites run through vitest: an import Node's ESM loader refuses there (a directory
 * import such as `ajv/dist/standalone`, a CommonJS name it cannot see) passes every other test
 * and kills the server at its first line. This builds it and links every one of its modules.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');
const DIST = join(REPO, 'dist', 'server');

describe('the compiled server', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'motcua-compiled-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('builds, and every module of dist/server links under Node ESM', () => {
    execFileSync(process.execPath, [join(REPO, 'scripts', 'build-server.mjs')], { cwd: REPO, stdio: 'pipe' });
    const modules = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs') && f !== 'main.mjs' && f !== 'library-worker.mjs');
    expect(modules.length).toBeGreaterThan(0);
    // The format's validators are ajv's standalone code, not compiled with ajv at start.
    const code = modules.map((f) => readFileSync(join(DIST, f), 'utf8')).join('\n');
    expect(code).toMatch(/function formatValidators\(\) \{\s*return \{ procedure, overlay, meta \};/);
    expect(code).not.toMatch(/function compileFormatValidators/);
    const script = modules.map((f) => `await import(${JSON.stringify(pathToFileURL(join(DIST, f)).href)});`).join('\n');
    const linked = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: scratch, encoding: 'utf8', timeout: 60_000 });
    expect(linked.stderr, linked.stderr).not.toMatch(/ERR_|Error:/);
    expect(linked.status).toBe(0);
    // The entry itself: the CLI's help goes through main.mjs and its own imports.
    const help = spawnSync(process.execPath, [join(DIST, 'main.mjs'), '--help'], { cwd: scratch, encoding: 'utf8', timeout: 60_000 });
    expect(help.stderr, help.stderr).not.toMatch(/ERR_|Error:/);
    expect(help.status).toBe(0);
  }, 120_000);
});
