/**
 * A linked procedure's data (liên thông): the procedure step's `data` maps each field of the
 * child case's data to a CEL expression over this case (`applicant: "data.applicant"`). The
 * designer offers, for each field of the child's e-form, the fields and groups of this
 * procedure's e-form, so an author maps them by name, and says where the types differ.
 */
import { formFields } from './conditions';

/** A field or group of this case's e-form that a child field can be given. */
export interface MappingSource {
  /** The CEL written: `data.<path>`. */
  expr: string;
  /** Its title as the form writes it (a group's fields read `Group › field`). */
  title: string;
  /** JSON Schema type: `object` for a group. */
  type: string;
}

/** A field of the child's e-form (top level: the keys the mapping may have). */
export interface ChildField {
  key: string;
  title: string;
  type: string;
  required: boolean;
}

type Schema = { type?: unknown; title?: unknown; properties?: Record<string, unknown>; required?: unknown };

const typeOf = (s: Schema): string => (typeof s.type === 'string' ? s.type : s.properties ? 'object' : 'other');

/** Groups of an e-form (objects, nested ones included), by dotted path, with their titles. */
function groups(schema: unknown, prefix = '', titles: string[] = [], depth = 0): MappingSource[] {
  const props = (schema as Schema | null)?.properties;
  if (!props || typeof props !== 'object' || depth > 6) return [];
  return Object.entries(props).flatMap(([key, raw]) => {
    const s = (raw ?? {}) as Schema;
    if (typeOf(s) !== 'object') return [];
    const path = prefix ? `${prefix}.${key}` : key;
    const named = [...titles, typeof s.title === 'string' ? s.title : key];
    return [{ expr: `data.${path}`, title: named.join(' › '), type: 'object' }, ...groups(s, path, named, depth + 1)];
  });
}

/** Every group and field of this procedure's e-form a child field can take, in the form's order. */
export function mappingSources(schema: unknown): MappingSource[] {
  const leaves = formFields(schema).map((f) => ({ expr: `data.${f.path}`, title: f.title, type: f.type }));
  return [...groups(schema), ...leaves].sort((a, b) => order(schema, a.expr) - order(schema, b.expr) || a.expr.length - b.expr.length);
}

/** Position of a dotted path in the form's own order (a group before its fields). */
function order(schema: unknown, expr: string): number {
  const all: string[] = [];
  const walk = (s: unknown, prefix: string, depth: number): void => {
    const props = (s as Schema | null)?.properties;
    if (!props || depth > 6) return;
    for (const [k, v] of Object.entries(props)) {
      const path = prefix ? `${prefix}.${k}` : k;
      all.push(`data.${path}`);
      walk(v, path, depth + 1);
    }
  };
  walk(schema, '', 0);
  return all.indexOf(expr);
}

/** The top-level fields of the child's e-form (its `data.schema`). */
export function childFields(schema: unknown): ChildField[] {
  const s = (schema ?? {}) as Schema;
  const required = Array.isArray(s.required) ? (s.required as unknown[]) : [];
  return Object.entries(s.properties ?? {}).map(([key, raw]) => {
    const f = (raw ?? {}) as Schema;
    return { key, title: typeof f.title === 'string' ? f.title : key, type: typeOf(f), required: required.includes(key) };
  });
}

/** True when a source of type `from` may fill a field of type `to` (an integer fills a number). */
export function typesFit(from: string, to: string): boolean {
  return from === to || from === 'other' || to === 'other' || (from === 'integer' && to === 'number');
}
