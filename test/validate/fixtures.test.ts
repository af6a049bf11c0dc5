/**
 * One failing fixture per diagnostic code: `test/fixtures/invalid/<CODE>.yaml` starts with
 * `# expect: <CODE> <line>:<col>` and must give exactly that diagnostic. The folder is a small
 * library (catalogues/, calendars/) so that library checks run; files not named after a code
 * are valid and must give nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrarySync } from 'motcua/engine/node';
import { CODES } from 'motcua/engine';

const dir = join(import.meta.dirname, '..', 'fixtures', 'invalid');
const loaded = loadLibrarySync(dir);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function expectation(file: string): { code: string; line: number; column: number } | undefined {
  const m = /^# expect: (\w+) (\d+):(\d+)/.exec(readFileSync(join(dir, file), 'utf8'));
  return m ? { code: m[1] ?? '', line: Number(m[2]), column: Number(m[3]) } : undefined;
}

describe('invalid fixtures', () => {
  it('has a fixture for every code the validator emits (but the internal one)', () => {
    const covered = new Set(files.map((f) => expectation(f)?.code).filter(Boolean));
    const missing = Object.keys(CODES).filter((c) => c !== 'E_INTERNAL' && !covered.has(c));
    expect(missing).toEqual([]);
  });

  it('loads no catalogue or calendar problem', () => {
    expect(loaded.diagnostics.filter((d) => !loaded.docs.has(d.file))).toEqual([]);
  });

  it.each(files)('%s', (file) => {
    const full = join(dir, file);
    const got = loaded.diagnostics.filter((d) => d.file === full).map((d) => ({ code: d.code, line: d.line, column: d.column }));
    const want = expectation(file);
    if (!want) {
      expect(got).toEqual([]);
      return;
    }
    expect(basename(file, '.yaml')).toBe(want.code);
    expect(got).toEqual([want]);
  });
});
