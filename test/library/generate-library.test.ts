import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { generateLibrary, generateProcedures, main } from '../../scripts/generate-library';
import { main as cli } from '../../cli/src/main';
import { compileProcedure, checkExpression, createExpressionEnv, type Procedure, type Step, contextOf, validateProcedureText } from 'motcua/engine';
import { loadCatalogues } from 'motcua/engine/node';

const root = join(import.meta.dirname, '..', '..', 'procedures', 'catalogues');
const roles = new Map((parse(readFileSync(join(root, 'roles.yaml'), 'utf8')) as { id: string; levels: string[] }[]).map((r) => [r.id, r.levels]));
const sources = new Set((parse(readFileSync(join(root, 'sources.yaml'), 'utf8')) as { id: string }[]).map((s) => s.id));

function allSteps(steps: Step[]): Step[] {
  return steps.flatMap((s) => (s.kind === 'parallel' ? [s, ...Object.values(s.branches).flatMap(allSteps)] : [s]));
}

function celOf(p: Procedure): { source: string; expected: 'bool' | 'int' | undefined }[] {
  const out: { source: string; expected: 'bool' | 'int' | undefined }[] = [];
  for (const c of p.components ?? []) {
    if (typeof c.required === 'string') out.push({ source: c.required, expected: 'bool' });
    if (c.replaceableBy) out.push({ source: c.replaceableBy.key, expected: undefined });
  }
  for (const f of p.fees ?? []) {
    if (f.when) out.push({ source: f.when, expected: 'bool' });
    if (f.exempt) out.push({ source: f.exempt, expected: 'bool' });
    if (f.quantity) out.push({ source: f.quantity, expected: 'int' });
  }
  for (const s of allSteps(p.steps)) if (s.kind === 'choice') for (const b of s.branches) out.push({ source: b.when, expected: 'bool' });
  for (const r of p.data?.prefill ?? []) out.push({ source: r.key, expected: undefined });
  return out;
}

describe('generateProcedures', () => {
  const files = generateProcedures(120, 42);
  const procs = files.map((f) => parse(f.text) as Procedure);

  it('is deterministic for a seed and varies with the seed', () => {
    expect(generateProcedures(20, 42)).toEqual(files.slice(0, 20));
    expect(generateProcedures(20, 43).map((f) => f.text)).not.toEqual(files.slice(0, 20).map((f) => f.text));
  });

  it('writes the requested number of files with unique codes, each with the schema line', () => {
    expect(files).toHaveLength(120);
    expect(new Set(procs.map((p) => p.code)).size).toBe(120);
    for (const f of files) {
      expect(f.text.startsWith('# yaml-language-server: $schema=../../schema/procedure.schema.json\n')).toBe(true);
      expect(f.file).toMatch(/^[a-z-]+\/9\.\d{6}-[a-z0-9-]+\.yaml$/);
    }
  });

  it('uses only catalogue roles at their levels and catalogue sources', () => {
    for (const p of procs) {
      for (const s of allSteps(p.steps)) {
        if (s.kind !== 'task') continue;
        expect(roles.get(s.role), `${p.code} ${s.id} ${s.role}`).toContain(s.level);
      }
      for (const c of p.components ?? []) if (c.replaceableBy) expect(sources.has(c.replaceableBy.source)).toBe(true);
      for (const r of p.data?.prefill ?? []) expect(sources.has(r.source)).toBe(true);
    }
  });

  it('type-checks every expression against the data schema', () => {
    for (const p of procs) {
      const env = createExpressionEnv(p.data!.schema);
      for (const { source, expected } of celOf(p)) {
        const res = checkExpression(env, source, expected);
        expect(res.ok, `${p.code}: ${source}: ${res.ok ? '' : res.message}`).toBe(true);
      }
    }
  });

  it('passes the validator with the library catalogues: no errors, no warnings', () => {
    const { library } = loadCatalogues(join(root, '..'));
    const context = contextOf(library);
    const problems = files.flatMap((f) => validateProcedureText(f.text, f.file, context).diagnostics.map((d) => `${f.file}:${d.line}:${d.column} ${d.code} ${d.message}`));
    expect(problems).toEqual([]);
  });

  it('compiles every procedure to a state machine', () => {
    for (const p of procs.slice(0, 40)) expect(() => compileProcedure(p)).not.toThrow();
  });

  it('is varied: payment, choice, parallel and supplement steps, conditional fees and replaceable components all occur', () => {
    const kinds = new Set(procs.flatMap((p) => allSteps(p.steps).map((s) => s.kind)));
    expect([...kinds].sort()).toEqual(['choice', 'parallel', 'payment', 'procedure', 'supplement', 'task']);
    expect(procs.some((p) => (p.linked ?? []).length > 0)).toBe(true);
    const fees = procs.flatMap((p) => p.fees ?? []);
    expect(fees.some((f) => f.when) && fees.some((f) => f.exempt) && fees.some((f) => f.quantity)).toBe(true);
    expect(procs.some((p) => (p.components ?? []).some((c) => c.replaceableBy))).toBe(true);
    expect(new Set(procs.map((p) => p.deadline.unit)).size).toBe(3);
  });

  it('links only earlier codes of the same run, so links never form a cycle', () => {
    const codes = procs.map((p) => p.code);
    procs.forEach((p, i) => {
      const targets = [...allSteps(p.steps).flatMap((s) => (s.kind === 'procedure' ? [s.procedure] : [])), ...(p.linked ?? []).map((l) => l.procedure)];
      for (const t of targets) {
        expect(codes.indexOf(t), `${p.code} -> ${t}`).toBeGreaterThanOrEqual(0);
        expect(codes.indexOf(t), `${p.code} -> ${t}`).toBeLessThan(i);
      }
    });
  });

  it('refuses a negative count', () => {
    expect(() => generateProcedures(-1)).toThrow(RangeError);
  });
});

describe('generate-library command line', () => {
  it('writes a library on its own under --out: procedures, their scenarios, catalogues and calendars; the scenarios pass', async () => {
    const out = mkdtempSync(join(tmpdir(), 'motcua-gen-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(main(['--count', '60', '--out', out, '--seed', '3'])).toBe(0);
      const written = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml') && !/^(catalogues|calendars)\//.test(f)).sort();
      expect(written).toEqual(generateLibrary(60, 3).map((f) => f.file).sort());
      expect(written.filter((f) => f.endsWith('.test.yaml'))).toHaveLength(60);
      for (const f of ['catalogues/roles.yaml', 'catalogues/sources.yaml', 'catalogues/units.yaml', 'calendars/vn.yaml']) expect(existsSync(join(out, f)), f).toBe(true);
      const lines: string[] = [];
      const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t), isTTY: false, cwd: out };
      expect(await cli(['validate', '.'], io)).toBe(0);
      expect(lines.join('\n')).toContain('0 errors, 0 warnings in 60 files');
      lines.length = 0;
      expect(await cli(['test', '.'], io)).toBe(0);
      // Three cases each: approval (or up to the child case), rejection, withdrawal.
      expect(lines.join('\n')).toContain('180 passed, 0 failed');
    } finally {
      log.mockRestore();
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('answers a usage error (exit 2) for a missing --out or a bad --count', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(main(['--count', '5'])).toBe(2);
      expect(main(['--count', 'many', '--out', tmpdir()])).toBe(2);
      expect(main(['--bogus'])).toBe(2);
      expect(err).toHaveBeenCalledTimes(3);
    } finally {
      err.mockRestore();
    }
  });
});
