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
  const r = spawnSync('npx', ['--no-install', 'motcua', ...args], { cwd: project, encoding: 'utf8', timeout: 60_000 });
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

// Each check starts `npx motcua` (node, tsx-free dist of the package) in a fresh process: on a
// loaded CI machine that alone can take tens of seconds, so each test gets the spawn's bound.
describe('the npm package installed in an empty folder', { timeout: 90_000 }, () => {
  it('validates a procedures folder with the library checks', () => {
    const r = npx(['validate', 'procedures']);
    expect(r.out).toContain('0 errors, 0 warnings in 1 file');
    expect(r.status).toBe(0);
  });

  it('runs its scenario files', () => {
    const r = npx(['test', 'procedures']);
    const cases = (readFileSync(join(project, 'procedures', `${procedure}.test.yaml`), 'utf8').match(/^ {2}- name:/gm) ?? []).length;
    expect(cases).toBeGreaterThan(0);
    expect(r.out).toContain(`${cases} passed, 0 failed`);
    expect(r.status).toBe(0);
  });

  it('refuses a role the catalogue does not hold', () => {
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
