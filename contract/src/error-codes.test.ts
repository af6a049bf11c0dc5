import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, errorCodeInfo } from './error-codes';

const repo = resolve(import.meta.dirname, '../..');

/**
 * Where the codes the API can answer with are written: the server, and the engine's runtime
 * (refusals and their problems) and errors, and the overlay codes (problems of publishing an
 * overlay, docs/procedure-format.md#overlays). The validator's and the calendar compiler's
 * diagnostics are not scanned: they are documented with the formats (docs/procedure-format.md,
 * docs/calendars.md) and reach the API only inside E_INVALID_DEFINITION's details.
 */
const SCANNED = ['server/src', 'engine/src/runtime', 'engine/src/fees', 'engine/src/expr', 'engine/src/overlay', 'engine/src/errors.ts', 'contract/src'];

function sources(path: string): string[] {
  const full = join(repo, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full, { recursive: true }).map(String).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('error-codes.ts')).map((f) => join(full, f));
}

/** Every code written in the sources, a template's prefix (`E_SCHEMA_${...}`) as `E_SCHEMA_*`. */
function codesInSources(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of SCANNED.flatMap(sources)) {
    // Comments cite codes as examples (`E_DEADLINE_UNIT`): only code counts.
    const text = readFileSync(file, 'utf8').split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join('\n');
    for (const m of text.matchAll(/['"`](E_[A-Z0-9_]*[A-Z0-9])(['"`]|_\$\{)/g)) {
      const code = m[2] === '_${' ? `${m[1]}_*` : m[1]!;
      if (!found.has(code)) found.set(code, file.slice(repo.length + 1));
    }
  }
  return found;
}

describe('the registry of error codes', () => {
  const found = codesInSources();

  it('registers every code the server and the runtime can answer with', () => {
    expect(found.size).toBeGreaterThan(50);
    const missing = [...found].filter(([code]) => !(code in ERROR_CODES)).map(([code, file]) => `${code} (${file})`);
    expect(missing, 'register these in contract/src/error-codes.ts').toEqual([]);
  });

  it('documents each code with its HTTP status and a meaning, and keeps none that nothing answers', () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^E_[A-Z0-9_]+(\*)?$/);
      expect(info.status, code).toBeGreaterThanOrEqual(400);
      expect(info.status, code).toBeLessThan(600);
      expect(info.meaning.length, code).toBeGreaterThan(10);
    }
    const stale = Object.keys(ERROR_CODES).filter((code) => !found.has(code));
    expect(stale, 'no source answers these any more: remove them').toEqual([]);
  });

  it('finds a JSON Schema keyword code under its family', () => {
    expect(errorCodeInfo('E_SCHEMA_PATTERN')).toBe(ERROR_CODES['E_SCHEMA_*']);
    expect(errorCodeInfo('E_NOT_A_CODE')).toBeUndefined();
  });
});
