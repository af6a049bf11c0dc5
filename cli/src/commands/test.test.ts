import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import type { CliIO } from '../io';

const repo = resolve(__dirname, '../../..');
const fixtures = 'test/fixtures/scenarios';

async function run(args: string[], cwd = repo): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false, cwd };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// The first case runs the whole bundled library in-process: give a loaded machine time.
describe('motcua test', { timeout: 60_000 }, () => {
  it('prints one line per case and ends with exactly "N passed, N failed"; exit 0 when all pass', async () => {
    const r = await run(['test', `${fixtures}/permit`]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.filter((l) => l.startsWith('✓ test/fixtures/scenarios/permit/9.900001-signboard-permit.test.yaml > '))).toHaveLength(10);
    expect(lines.at(-1)).toBe('10 passed, 0 failed');
  });

  it('exits 1 on failures and shows expected, actual and file:line:col', async () => {
    const r = await run(['test', `${fixtures}/must-fail/wrong-fee.test.yaml`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ test/fixtures/scenarios/must-fail/wrong-fee.test.yaml > a wrong fee\n    expect.fees does not hold\n      expected: 60000\n      actual:   50000\n      at test/fixtures/scenarios/must-fail/wrong-fee.test.yaml:10:31');
    expect(r.out.split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('writes JUnit XML with one testcase per case and failures carrying the location', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-junit-'));
    const r = await run(['test', `${fixtures}/must-fail`, '--reporter', 'junit', '--output', join(dir, 'junit.xml')]);
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="motcua scenarios" tests="6" failures="5" /);
    expect(xml).toContain('<testcase classname="test/fixtures/scenarios/must-fail/wrong-due.test.yaml" name="the same due written in UTC passes"');
    expect(xml).toMatch(/<failure message="expect.deadline does not hold \(test\/fixtures\/scenarios\/must-fail\/wrong-due.test.yaml:10:19\)" type="deadline">/);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(6);
  });

  it('reports coverage and fails below --min-coverage', async () => {
    const ok = await run(['test', `${fixtures}/permit`, '--min-coverage', '100']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/9\.900001@1\.0\.0 +8\/8 +6\/6 +3\/3 +100% +5\/8 +62\.5%/);
    const low = await run(['test', `${fixtures}/must-fail/wrong-fee.test.yaml`, '--coverage', '--min-coverage', '50']);
    expect(low.code).toBe(1);
    expect(low.err).toMatch(/coverage of 9\.900001@1\.0\.0 is \d+(\.\d)?%, below --min-coverage 50/);
  });

  it('counts a procedure without scenarios as 0% covered, and runs the scenarios beside a procedure file', async () => {
    const bare = await run(['test', `${fixtures}/inspection`, '--min-coverage', '1']);
    expect(bare.code).toBe(1);
    expect(bare.out).toMatch(/9\.900002@1\.0\.0 +0\/1 +0\/2 +0\/2 +0% +0\/2 +0%/);
    const beside = await run(['test', `${fixtures}/permit/9.900001-signboard-permit.yaml`]);
    expect(beside.out.split('\n').at(-1)).toBe('10 passed, 0 failed');
    const none = await run(['test', `${fixtures}/inspection/9.900002-site-inspection.yaml`]);
    expect([none.code, none.err]).toEqual([2, expect.stringMatching(/is not a \*\.test\.yaml scenario and has none beside it/)]);
  });

  it('prints diagnostics of invalid scenario files like a procedure file\'s', async () => {
    const r = await run(['test', `${fixtures}/invalid/unknown-key.test.yaml`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("test/fixtures/scenarios/invalid/unknown-key.test.yaml:6:39 - error E_SCENARIO_UNKNOWN_KEY: unknown key 'uplaod' in cases[0].steps[0].submit");
  });

  it.each([
    [['test', '--reporter', 'xml'], /--reporter must be text or junit/],
    [['test', '--min-coverage', 'lots'], /--min-coverage must be a number/],
    [['test', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['test', 'no/such/folder'], /no such file or folder: no\/such\/folder/],
    [['paths'], /give exactly one procedure/],
  ])('exits 2 on usage errors (%#)', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});

describe('motcua paths and --scaffold', () => {
  it('lists the paths grouped by outcome', async () => {
    const r = await run(['paths', `${fixtures}/permit/9.900001-signboard-permit.yaml`]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('9.900001 1.0.0: 8 path(s) from submission to 3 outcome(s)');
    expect(r.out).toContain('withdrawn (withdrawn): 1 path(s)\n  submit → pay --applicant withdraws--> withdrawn');
    const json = await run(['paths', '9.900002', '--format', 'json'], resolve(repo, fixtures));
    expect(JSON.parse(json.out)).toMatchObject({ procedure: '9.900002', paths: [{ outcome: 'passed' }, { outcome: 'failed' }] });
  });

  it('writes skeletons for the uncovered paths only, and never overwrites without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-scaffold-'));
    cpSync(resolve(repo, fixtures), dir, { recursive: true });
    const target = join(dir, 'permit/9.900001-signboard-permit.scaffold.test.yaml');
    const first = await run(['test', '--scaffold', 'permit/9.900001-signboard-permit.yaml'], dir);
    expect(first.code).toBe(0);
    expect(first.out).toBe('wrote permit/9.900001-signboard-permit.scaffold.test.yaml: 3 skeleton case(s) for the 3 of 8 path(s) no scenario follows');
    const text = readFileSync(target, 'utf8');
    expect((text.match(/^ {2}- name: /gm) ?? []).length).toBe(3);
    writeFileSync(target, '# mine\n');
    const again = await run(['test', '--scaffold', 'permit/9.900001-signboard-permit.yaml'], dir);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/exists; pass --force/);
    expect(readFileSync(target, 'utf8')).toBe('# mine\n');
    const forced = await run(['test', '--scaffold', '9.900001', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(existsSync(target) && readFileSync(target, 'utf8')).toContain('procedure: "9.900001"');
    // The drafts never turn the suite red: reported as skipped, with why, until filled in.
    const suite = await run(['test', 'permit'], dir);
    expect(suite.code).toBe(0);
    expect(suite.out.split('\n').filter((l) => l.startsWith('- permit/9.900001-signboard-permit.scaffold.test.yaml > ') && l.includes('(skipped: draft from --scaffold'))).toHaveLength(3);
    expect(suite.out).toMatch(/^3 skipped$/m);
    expect(suite.out.split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    // Filled in and unskipped, a draft runs like any case (here it fails on its TODO data).
    writeFileSync(target, readFileSync(target, 'utf8').replace(/^ {4}skip: .*\n/m, ''));
    const filled = await run(['test', 'permit'], dir);
    expect(filled.out).toMatch(/^2 skipped$/m);
    expect(filled.code).toBe(1);
  });
});
