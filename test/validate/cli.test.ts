import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/src/main';
import type { CliIO } from '../../cli/src/io';
import type { Diagnostic } from 'motcua/engine';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'invalid');

function recorder(isTTY = false): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), isTTY, cwd: root };
}

describe('motcua validate', () => {
  it('exits 0 on a clean file and prints a summary', async () => {
    const io = recorder();
    expect(await main(['validate', 'test/fixtures/invalid/sample.yaml'], io)).toBe(0);
    expect(io.stdout).toEqual(['0 errors, 0 warnings in 1 file']);
  });

  it('exits 1 with tsc-like lines for a broken file', async () => {
    const io = recorder();
    expect(await main(['validate', 'test/fixtures/invalid/E_UNKNOWN_ROLE.yaml'], io)).toBe(1);
    expect(io.stdout[0]).toMatch(/^test\/fixtures\/invalid\/E_UNKNOWN_ROLE\.yaml:\d+:\d+ - error E_UNKNOWN_ROLE: role 'commune-chairman'/);
    expect(io.stdout.at(-1)).toBe('1 error, 0 warnings in 1 file');
  });

  it('validates a folder against its catalogues and prints json', async () => {
    const io = recorder();
    expect(await main(['validate', 'test/fixtures/invalid', '--format', 'json'], io)).toBe(1);
    const diagnostics = JSON.parse(io.stdout.join('')) as Diagnostic[];
    const codes = new Set(diagnostics.map((d) => d.code));
    // Each fixture gives its code; the library-dependent ones need the catalogues found upwards.
    for (const code of ['E_UNKNOWN_ROLE', 'E_UNKNOWN_SOURCE', 'E_UNKNOWN_CALENDAR', 'E_EFFECTIVE_OVERLAP', 'W_SLA_EXCEEDS_DEADLINE']) {
      expect(codes).toContain(code);
    }
    expect(diagnostics.every((d) => d.file.startsWith('test/fixtures/invalid/'))).toBe(true);
  });

  it('exits 0 when there are only warnings', async () => {
    const io = recorder();
    expect(await main(['validate', 'test/fixtures/invalid/W_SLA_EXCEEDS_DEADLINE.yaml'], io)).toBe(0);
    expect(io.stdout.at(-1)).toBe('0 errors, 1 warning in 1 file');
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [['validate'], ['validate', 'no/such/path.yaml'], ['validate', 'x', '--bogus'], ['validate', '.', '--format', 'xml']]) {
      const io = recorder();
      expect(await main(args, io)).toBe(2);
      expect(io.stderr.join('')).toContain('Usage: motcua validate');
    }
  });

  it('shows progress on a terminal only, on stderr', async () => {
    const tty = recorder(true);
    await main(['validate', 'test/fixtures/invalid'], tty);
    expect(tty.stderr.join('')).toMatch(/\[\d+\/\d+\] validating/);
    const pipe = recorder(false);
    await main(['validate', 'test/fixtures/invalid'], pipe);
    expect(pipe.stderr).toEqual([]);
  });

  it('validates a file outside any library without library checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-validate-'));
    const text = readFileSync(join(fixtures, 'E_UNKNOWN_ROLE.yaml'), 'utf8');
    writeFileSync(join(dir, 'p.yaml'), text);
    const io = { ...recorder(), cwd: dir };
    const out: string[] = [];
    io.out = (t: string) => void out.push(t);
    const err: string[] = [];
    io.err = (t: string) => void err.push(t);
    expect(await main(['validate', 'p.yaml'], io)).toBe(0);
    // Never silently: the summary and a note on stderr name what was not checked.
    expect(out.at(-1)).toBe('0 errors, 0 warnings in 1 file (library checks skipped for 1)');
    expect(err.join('\n')).toMatch(/no library found for 1 file.*roles, sources, units.*NOT checked.*--library/);
    // With --library the catalogue applies again.
    mkdirSync(join(dir, 'lib'));
    expect(await main(['validate', 'p.yaml', '--library', fixtures], io)).toBe(1);
  });
});

describe('motcua validate finds the library of a draft outside procedures/', () => {
  const draft = readFileSync(join(fixtures, 'E_UNKNOWN_ROLE.yaml'), 'utf8');

  it('uses the procedures/ library beside a folder above the file', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'motcua-repo-'));
    mkdirSync(join(repo, 'procedures', 'catalogues'), { recursive: true });
    writeFileSync(join(repo, 'procedures', 'catalogues', 'roles.yaml'), readFileSync(join(fixtures, 'catalogues', 'roles.yaml')));
    mkdirSync(join(repo, 'drafts'));
    writeFileSync(join(repo, 'drafts', 'p.yaml'), draft);
    const io = { ...recorder(), cwd: join(repo, 'drafts') };
    const err: string[] = [];
    io.err = (t: string) => void err.push(t);
    expect(await main(['validate', 'p.yaml'], io)).toBe(1);
    expect(io.stdout.join('\n')).toContain('E_UNKNOWN_ROLE');
    expect(err.join('\n')).toContain('the library checks use ../procedures');
  });

  it("uses the working directory's procedures/ for a file elsewhere", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'motcua-elsewhere-'));
    writeFileSync(join(elsewhere, 'p.yaml'), draft);
    const io = recorder();
    expect(await main(['validate', join(elsewhere, 'p.yaml')], io)).toBe(1);
    expect(io.stdout.join('\n')).toContain("error E_UNKNOWN_ROLE: role 'commune-chairman'");
  });
});

describe('motcua validate on one file of a library', () => {
  it('reports a clash with another file of the library', async () => {
    const io = recorder();
    expect(await main(['validate', 'test/fixtures/invalid/E_DUPLICATE_CODE_VERSION.yaml', '--format', 'json'], io)).toBe(1);
    const codes = (JSON.parse(io.stdout.join('')) as Diagnostic[]).map((d) => d.code);
    expect(codes).toEqual(['E_DUPLICATE_CODE_VERSION']);
  });
});
