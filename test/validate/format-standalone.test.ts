/**
 * The format's validators generated at build time for the designer's worker
 * (`standaloneFormatValidators`, engine/src/validate/format-standalone.ts) must accept and reject exactly what the runtime ajv compiles
 * from the same schema (`compileFormatValidators`), with the same errors: the designer and
 * `motcua validate` never disagree. Inputs: every procedure of the library and every invalid
 * fixture, each also broken in the ways authors break files, and user JSON Schemas for `meta`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { validateProcedureText } from 'motcua/engine';
import { compileFormatValidators, standaloneFormatValidators, type FormatValidators } from 'motcua/engine/node';

const REPO = resolve(import.meta.dirname, '../..');
// Inside the repository so that the generated module's bare imports (ajv's runtime, ajv-formats) resolve.
const DIR = join(REPO, 'node_modules/.cache', `motcua-standalone-${process.pid}`);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml') && !e.name.endsWith('.test.yaml'))
    .map((e) => join(e.parentPath, e.name));
}

function values(): { name: string; value: unknown }[] {
  const out: { name: string; value: unknown }[] = [];
  for (const file of [...yamlFiles(join(REPO, 'procedures')), ...yamlFiles(join(REPO, 'test/fixtures/invalid'))]) {
    let value: unknown;
    try {
      value = parse(readFileSync(file, 'utf8'));
    } catch {
      continue; // a YAML syntax fixture: no value to validate
    }
    out.push({ name: file.slice(REPO.length + 1), value });
  }
  return out;
}

/** A procedure broken the ways authors break one: a key missing, a wrong type, an unknown key, a bad enum. */
function broken(value: Record<string, unknown>): { name: string; value: unknown }[] {
  const out: { name: string; value: unknown }[] = [];
  for (const key of Object.keys(value)) {
    const { [key]: _, ...rest } = value;
    out.push({ name: `without ${key}`, value: rest });
    for (const wrong of [1, 'x', [], {}, null]) out.push({ name: `${key}: ${JSON.stringify(wrong)}`, value: { ...value, [key]: wrong } });
  }
  out.push({ name: 'unknown top-level key', value: { ...value, stpes: [] } });
  const steps = value.steps;
  if (Array.isArray(steps) && steps.length > 0) {
    const first = steps[0] as Record<string, unknown>;
    out.push({ name: 'unknown step key', value: { ...value, steps: [{ ...first, rol: 'x' }, ...steps.slice(1)] } });
    out.push({ name: 'bad step kind', value: { ...value, steps: [{ ...first, kind: 'tsk' }, ...steps.slice(1)] } });
    out.push({ name: 'step without id', value: { ...value, steps: [{ ...first, id: undefined }, ...steps.slice(1)] } });
  }
  return out;
}

const SCHEMAS: unknown[] = [
  { type: 'object', properties: { a: { type: 'string', pattern: '^[0-9]+$' } }, required: ['a'] },
  { type: 'strin' },
  { properties: 1 },
  { required: 'a' },
  { minimum: 'a' },
  { type: 'object', properties: { a: { type: ['string', 'nul'] } } },
  { $defs: { x: { enum: 3 } } },
  { items: [{ type: 'string' }] },
];

describe('the format validators generated at build time', () => {
  let runtime: FormatValidators;
  let standalone: FormatValidators;
  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    const file = join(DIR, 'format-validators.mjs');
    writeFileSync(file, standaloneFormatValidators());
    standalone = ((await import(pathToFileURL(file).href)) as { formatValidators: () => FormatValidators }).formatValidators();
    runtime = compileFormatValidators();
  });
  afterAll(() => rmSync(DIR, { recursive: true, force: true }));

  it('holds no require() and no ajv compiler, only its runtime helpers and formats', () => {
    const code = standaloneFormatValidators();
    expect(code).not.toMatch(/require\(/);
    const imports = [...code.matchAll(/^import \* as [\w$]+ from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const spec of imports) expect(spec).toMatch(/^ajv\/dist\/runtime\/\w+\.js$|^ajv-formats\/dist\/formats\.js$/);
  });

  it('accepts and rejects what the runtime ajv does, with the same errors', () => {
    const inputs = values();
    const procedures = inputs.filter((i) => typeof i.value === 'object' && i.value !== null && !Array.isArray(i.value));
    const cases = [...inputs, ...procedures.slice(0, 12).flatMap((p) => broken(p.value as Record<string, unknown>).map((b) => ({ name: `${p.name}: ${b.name}`, value: b.value })))];
    let valid = 0;
    let invalid = 0;
    for (const { name, value } of cases) {
      for (const which of ['procedure', 'overlay'] as const) {
        const expected = runtime[which](value);
        expect(standalone[which](value), `${which}: ${name}`).toBe(expected);
        expect(standalone[which].errors ?? null, `${which} errors: ${name}`).toEqual(runtime[which].errors ?? null);
        if (which === 'procedure' && expected) valid++;
        else if (which === 'procedure') invalid++;
      }
    }
    // Both sides were exercised: the library is valid, the fixtures and the broken copies are not.
    expect(valid).toBeGreaterThan(30);
    expect(invalid).toBeGreaterThan(100);
  });

  it('checks user JSON Schemas against the 2020-12 meta-schema as the runtime ajv does', () => {
    const fromLibrary = values().flatMap(({ value }) => {
      const schema = (value as { data?: { schema?: unknown } } | null)?.data?.schema;
      return schema === undefined ? [] : [schema];
    });
    let rejected = 0;
    for (const schema of [...SCHEMAS, ...fromLibrary]) {
      const expected = runtime.meta(schema);
      expect(standalone.meta(schema), JSON.stringify(schema).slice(0, 80)).toBe(expected);
      expect(standalone.meta.errors ?? null).toEqual(runtime.meta.errors ?? null);
      if (!expected) rejected++;
    }
    expect(rejected).toBeGreaterThanOrEqual(SCHEMAS.length - 1);
  });
});

describe('a user JSON Schema naming another meta-schema', () => {
  it('is E_DATA_SCHEMA at its $schema, not an internal error (ajv knows only draft 2020-12 here)', () => {
    const value = parse(readFileSync(join(REPO, 'test/fixtures/invalid/E_DATA_SCHEMA.yaml'), 'utf8')) as { data: { schema: unknown } };
    value.data.schema = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' };
    const found = validateProcedureText(stringify(value), 'draft07.yaml').diagnostics.filter((d) => d.code === 'E_DATA_SCHEMA' || d.code === 'E_INTERNAL');
    expect(found.map((d) => [d.code, d.path])).toEqual([['E_DATA_SCHEMA', 'data.schema["$schema"]']]);
  });
});
