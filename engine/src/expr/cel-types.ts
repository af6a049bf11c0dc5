import type { Environment } from '@marcbachmann/cel-js';
import type { JsonSchema } from '../model/procedure';

/**
 * How a JSON Schema maps onto CEL types. Objects with declared `properties` become closed
 * message types (so that `data.child.ageDayz` is a type error at validation time, as the
 * format contract demands); objects without properties become `map<string, ...>`; anything
 * the mapping cannot express precisely (unions, `anyOf`, `null`) becomes `dyn`.
 */
export type CelShape =
  | { kind: 'scalar'; cel: 'int' | 'double' | 'string' | 'bool' | 'dyn' }
  | { kind: 'list'; item: CelShape }
  | { kind: 'map'; value: CelShape }
  | { kind: 'object'; fields: Record<string, CelShape> };

const MAX_REF_DEPTH = 16;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follows a local `$ref` (`#/$defs/x`, `#/definitions/x`); unknown refs give undefined. */
function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return isObject(node) ? node : undefined;
}

/**
 * The CEL shape of a JSON Schema; `root` resolves local `$ref`s. `keep`, when given, keeps
 * only the properties it accepts of the schema's own object (not of those nested in it): the
 * shape of a few fields of a form of 80,000 is computed without walking the others.
 */
export function shapeOf(schema: unknown, root: JsonSchema, depth = 0, keep?: (key: string) => boolean): CelShape {
  const dyn: CelShape = { kind: 'scalar', cel: 'dyn' };
  if (!isObject(schema) || depth > MAX_REF_DEPTH) return dyn;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(root, schema.$ref);
    return target ? shapeOf(target, root, depth + 1, keep) : dyn;
  }
  let type = schema.type;
  if (Array.isArray(type)) {
    // ["string", "null"] is how optional values are often written: keep the non-null type.
    const nonNull = type.filter((t) => t !== 'null');
    type = nonNull.length === 1 ? nonNull[0] : undefined;
  }
  if (type === undefined && isObject(schema.properties)) type = 'object';
  switch (type) {
    case 'integer':
      return { kind: 'scalar', cel: 'int' };
    case 'number':
      return { kind: 'scalar', cel: 'double' };
    case 'string':
      return { kind: 'scalar', cel: 'string' };
    case 'boolean':
      return { kind: 'scalar', cel: 'bool' };
    case 'array':
      return { kind: 'list', item: shapeOf(schema.items, root, depth + 1) };
    case 'object': {
      const props = schema.properties;
      if (isObject(props) && Object.keys(props).length > 0) {
        const fields: Record<string, CelShape> = {};
        for (const [key, sub] of Object.entries(props)) if (!keep || keep(key)) fields[key] = shapeOf(sub, root, depth + 1);
        return { kind: 'object', fields };
      }
      const extra = schema.additionalProperties;
      return { kind: 'map', value: isObject(extra) ? shapeOf(extra, root, depth + 1) : dyn };
    }
    default:
      return dyn;
  }
}

/**
 * Registers the message types a shape needs in `env` and returns the CEL type string.
 * `name` is the type's name for objects (e.g. `$data.child`), unique within the env.
 */
export function registerShape(env: Environment, shape: CelShape, name: string): string {
  switch (shape.kind) {
    case 'scalar':
      return shape.cel;
    case 'list':
      return `list<${registerShape(env, shape.item, `${name}[]`)}>`;
    case 'map':
      return `map<string, ${registerShape(env, shape.value, `${name}{}`)}>`;
    case 'object': {
      const fields: Record<string, string> = {};
      let n = 0;
      for (const [key, sub] of Object.entries(shape.fields)) {
        // Type names must parse inside `list<...>`: odd property names get a numbered name.
        const part = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `#${n++}`;
        fields[key] = registerShape(env, sub, `${name}.${part}`);
      }
      env.registerType({ name, fields });
      return name;
    }
  }
}

/**
 * Converts JSON data to what cel-js expects for a shape: integers as bigint, `null` fields
 * dropped (so that `has()` sees them as absent). Data that does not fit the shape is passed
 * through unchanged; evaluation then reports the mismatch.
 */
export function toCelValue(value: unknown, shape: CelShape): unknown {
  switch (shape.kind) {
    case 'scalar':
      if (shape.cel === 'int' && typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
      return value;
    case 'list':
      return Array.isArray(value) ? value.map((v) => toCelValue(v, shape.item)) : value;
    case 'map': {
      if (!isObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = toCelValue(v, shape.value);
      return out;
    }
    case 'object': {
      if (!isObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (v === null || v === undefined) continue;
        const sub = shape.fields[k];
        out[k] = sub ? toCelValue(v, sub) : v;
      }
      return out;
    }
  }
}

/** Converts a CEL result back to JSON-friendly JavaScript: bigint -> number, Map -> object. */
export function fromCelValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(fromCelValue);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = fromCelValue(v);
    return out;
  }
  if (value instanceof Uint8Array || value instanceof Date) return value;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromCelValue(v);
    return out;
  }
  return value;
}
