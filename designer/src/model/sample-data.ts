/**
 * Sample data for an e-form, to file a case in the simulator: each field's first example, else
 * its default, else its first choice, else a value of its type that its pattern accepts where
 * that is easy to tell (digits of a given count, such as a 12-digit national ID). Required
 * fields and those with an example or a default are filled; the author edits the rest.
 */
type Schema = Record<string, unknown>;

/** A national ID that the demo population data knows, for `^[0-9]{12}$` fields. */
const SAMPLE_ID = '001090000001';

function digits(n: number): string {
  return (SAMPLE_ID + '0'.repeat(Math.max(0, n - SAMPLE_ID.length))).slice(0, n);
}

function leaf(s: Schema): unknown {
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if ('default' in s) return s.default;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const oneOf = Array.isArray(s.oneOf) ? (s.oneOf as Schema[]) : [];
  if (oneOf[0] && 'const' in oneOf[0]) return oneOf[0].const;
  switch (s.type) {
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'string': {
      if (s.format === 'date') return '2000-01-01';
      if (s.format === 'email') return 'cong.dan@example.vn';
      const count = typeof s.pattern === 'string' ? /^\^\[0-9\]\{(\d+)\}\$$/.exec(s.pattern)?.[1] : undefined;
      if (count) return digits(Number(count));
      return typeof s.minLength === 'number' && s.minLength > 3 ? 'mẫu'.padEnd(s.minLength, '.') : 'mẫu';
    }
    default:
      return undefined;
  }
}

/** Sample data for `schema` (an e-form's `data.schema`). */
export function sampleData(schema: unknown): Record<string, unknown> {
  const v = sample(schema, true);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function sample(schema: unknown, wanted: boolean): unknown {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const s = schema as Schema;
  if (s.type !== 'object' || typeof s.properties !== 'object' || s.properties === null) return wanted || 'default' in s || Array.isArray(s.examples) ? leaf(s) : undefined;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(s.properties as Record<string, unknown>)) {
    const v = sample(p, required.has(k));
    const empty = typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
    if (v !== undefined && !(empty && !required.has(k))) out[k] = v;
  }
  return out;
}
