/**
 * motcua as a province's IT team or a ministry's developers adopt it: `npm pack`, install the
 * tarball in an empty folder, and run `npx motcua validate` and `npx motcua test` on a
 * procedures folder there. Proves that the package's `files`, `bin` and `exports` (the
 * engine's public entries resolved by self-reference) work outside this checkout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'motcua-adopt-'));
const project = join(work, 'province-procedures');
const procedure = 'certification/2.000884-certify-signature';

function npx(args: string[]): { status: number | null; out: string } {
  const r = spawnSync('npx', ['--no-install', 'motcua', ...args], { cwd: project, encoding: 'utf8', timeout: 150_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
  const tarball = join(work, packed[0]!.filename);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'province-procedures', private: true }));
  // Scripts are skipped: validating and testing procedures needs no native module (the server's SQLite driver is loaded only by `serve`).
  execFileSync('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, stdio: 'pipe', timeout: 170_000 });
  for (const dir of ['catalogues', 'calendars']) cpSync(join(repo, 'procedures', dir), join(project, 'procedures', dir), { recursive: true });
  mkdirSync(join(project, 'procedures', 'certification'));
  for (const ext of ['.yaml', '.test.yaml']) cpSync(join(repo, 'procedures', procedure + ext), join(project, 'procedures', procedure + ext));
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

// Each test starts `npx motcua` (killed after 150 s): a loaded machine took over 60 s to start
// Node, resolve the package and validate one file, far past vitest's default 20 s.
const NPX_TEST = { timeout: 180_000 };

describe('the npm package installed in an empty folder', () => {
  it('validates a procedures folder with the library checks', NPX_TEST, () => {
    const r = npx(['validate', 'procedures']);
    expect(r.out).toContain('0 errors, 0 warnings in 1 file');
    expect(r.status).toBe(0);
  });

  it('runs its scenario files', NPX_TEST, () => {
    const r = npx(['test', 'procedures']);
    const cases = (readFileSync(join(project, 'procedures', `${procedure}.test.yaml`), 'utf8').match(/^ {2}- name:/gm) ?? []).length;
    expect(cases).toBeGreaterThan(0);
    expect(r.out).toContain(`${cases} passed, 0 failed`);
    expect(r.status).toBe(0);
  });

  it('refuses a role the catalogue does not hold', NPX_TEST, () => {
    const file = join(project, 'procedures', `${procedure}.yaml`);
    const text = readFileSync(file, 'utf8');
    const role = /role: ([a-z-]+)/.exec(text)![1]!;
    writeFileSync(file, text.replace(`role: ${role}`, `role: ${role}x`));
    try {
      const r = npx(['validate', 'procedures']);
      expect(r.out).toContain('E_UNKNOWN_ROLE');
      expect(r.status).toBe(1);
    } finally {
      writeFileSync(file, text);
    }
  });
});
