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
  return fill(schema, data, 0, false);
}

/**
 * {@link applyDefaults} for a reader that never changes what it gets (the conversion of the
 * data for CEL, which builds its own copy): where the schema gives no default at or below a
 * point, the data is returned as it is instead of copied. For a form without defaults that is
 * the data itself, at no cost.
 */
export function applyDefaultsShared(schema: JsonSchema, data: unknown): unknown {
  return fill(schema, data, 0, true);
}

/** Whether `fill` can add anything under `schema`: a property default at or below it. */
const withDefaults = new WeakMap<object, boolean>();

function hasDefaults(schema: Record<string, unknown>, depth: number): boolean {
  let known = withDefaults.get(schema);
  if (known === undefined) {
    known = depth > 32 ? true : computeHasDefaults(schema, depth);
    withDefaults.set(schema, known);
  }
  return known;
}

function computeHasDefaults(schema: Record<string, unknown>, depth: number): boolean {
  if (isObject(schema.items) && hasDefaults(schema.items, depth + 1)) return true;
  if (!isObject(schema.properties)) return false;
  for (const sub of Object.values(schema.properties)) if (isObject(sub) && ('default' in sub || hasDefaults(sub, depth + 1))) return true;
  return false;
}

function fill(schema: unknown, data: unknown, depth: number, share: boolean): unknown {
  if (!isObject(schema) || depth > 32) return data;
  if (share && !hasDefaults(schema, depth)) return data;
  if (Array.isArray(data)) return isObject(schema.items) ? data.map((d) => fill(schema.items, d, depth + 1, share)) : data;
  if (!isObject(data) || !isObject(schema.properties)) return data;
  const out: Record<string, unknown> = { ...data };
  for (const [key, sub] of Object.entries(schema.properties)) {
    if (!isObject(sub)) continue;
    if (out[key] === undefined && 'default' in sub) out[key] = copyOf(sub.default);
    if (out[key] !== undefined) out[key] = fill(sub, out[key], depth + 1, share);
  }
  return out;
}

// structuredClone costs microseconds even for a number: only objects need a copy of their own.
function copyOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}
