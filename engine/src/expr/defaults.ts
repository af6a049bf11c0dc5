import type { JsonSchema } from '../model/procedure';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Returns a copy of `data` with the `default`s of `schema` filled in wherever a property is
 * absent, recursively through objects and array items. The input is never mutated. The format
 * contract applies defaults before any expression is evaluated.
 */
export function applyDefaults(schema: JsonSchema, data: unknown): unknown {
  return fill(schema, data, 0);
}

function fill(schema: unknown, data: unknown, depth: number): unknown {
  if (!isObject(schema) || depth > 32) return data;
  if (Array.isArray(data)) return isObject(schema.items) ? data.map((d) => fill(schema.items, d, depth + 1)) : data;
  if (!isObject(data) || !isObject(schema.properties)) return data;
  const out: Record<string, unknown> = { ...data };
  for (const [key, sub] of Object.entries(schema.properties)) {
    if (!isObject(sub)) continue;
    if (out[key] === undefined && 'default' in sub) out[key] = copyOf(sub.default);
    if (out[key] !== undefined) out[key] = fill(sub, out[key], depth + 1);
  }
  return out;
}

// structuredClone costs microseconds even for a number: only objects need a copy of their own.
function copyOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}
