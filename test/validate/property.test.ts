/**
 * Property: whatever text it is given, the validator returns an array of well-formed
 * diagnostics and never throws. Texts are mutations of real procedure files: deleted, swapped
 * and duplicated lines, swapped values, random keys, truncations and random characters.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES, validateProcedureText } from 'motcua/engine';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'invalid');
const seeds = readdirSync(fixtures)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(fixtures, f), 'utf8'));

const VALUES = ['', 'null', '~', '0', '-1', '3.5', 'true', '[]', '{}', '"x"', 'end', 'task', 'parallel', '"data.x >"', '"has(data)"', '[a, [b]]', '{ to: end }', '&a x', '*a', '!!binary AA==', "'", '"', '|', '-', ': :'];
const KEYS = ['id', 'kind', 'to', 'when', 'steps', 'branches', 'actions', 'outcomes', 'data', 'schema', 'sla', 'unit', 'value', 'procedure', 'onFail', 'otherwise', 'effective', 'calendar', '$ref', 'properties', 'type', 'x'];

type Mutation = (lines: string[]) => string[];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((i): Mutation => (ls) => ls.filter((_, j) => j !== i % Math.max(ls.length, 1))),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]): Mutation => (ls) => {
    const out = [...ls];
    const a = i % Math.max(out.length, 1);
    const b = j % Math.max(out.length, 1);
    [out[a], out[b]] = [out[b] ?? '', out[a] ?? ''];
    return out;
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...VALUES)).map(([i, v]): Mutation => (ls) =>
    ls.map((l, j) => (j === i % Math.max(ls.length, 1) ? l.replace(/:\s.*$/, `: ${v}`) : l)),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), fc.nat(8)).map(([i, k, v, indent]): Mutation => (ls) => {
    const out = [...ls];
    out.splice(i % (out.length + 1), 0, `${' '.repeat(indent)}${k}: ${v}`);
    return out;
  }),
  fc.nat().map((i): Mutation => (ls) => ls.slice(0, i % (ls.length + 1))),
  fc.tuple(fc.nat(), fc.string({ maxLength: 6 })).map(([i, s]): Mutation => (ls) =>
    ls.map((l, j) => (j === i % Math.max(ls.length, 1) ? l.slice(0, Math.floor(l.length / 2)) + s + l.slice(Math.floor(l.length / 2)) : l)),
  ),
  fc.nat().map((i): Mutation => (ls) => {
    const out = [...ls];
    const at = i % Math.max(out.length, 1);
    out.splice(at, 0, out[at] ?? '');
    return out;
  }),
  fc.constant<Mutation>((ls) => ls.map((l) => l.replace(/"data\.[\w.]+/g, '"data.nope'))),
);

describe('validateProcedureText on mutated files', () => {
  it('always returns diagnostics and never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        const text = mutations.reduce((ls, m) => m(ls), seed.split('\n')).join('\n');
        const r = validateProcedureText(text, 'mutated.yaml');
        expect(Array.isArray(r.diagnostics)).toBe(true);
        for (const d of r.diagnostics) {
          expect(d.file).toBe('mutated.yaml');
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.code).toMatch(/^[EW]_[A-Z_]+$/);
          expect(SEVERITIES).toContain(d.severity);
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.code).not.toBe('E_INTERNAL');
        }
        // A procedure comes back only when there is no error.
        if (r.procedure) expect(r.diagnostics.every((d) => d.severity !== 'error')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  }, 300_000);

  it('survives arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(Array.isArray(validateProcedureText(text, 'any.yaml').diagnostics)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});
