import type { JsonSchema } from '../model/procedure';

/** Keywords whose value is one subschema that describes a whole value (not a part of a sibling's). */
const SINGLE = ['items', 'additionalItems', 'contains', 'additionalProperties', 'unevaluatedItems', 'propertyNames'] as const;
/** Keywords whose value maps names to whole-value subschemas. */
const MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'] as const;
/** Keywords whose subschemas combine with their parent: closing them would refuse the siblings' fields. */
const COMBINED_SINGLE = ['not', 'if', 'then', 'else'] as const;
const COMBINED_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;

const isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A copy of a form's JSON Schema in which every object schema that does not say what it does
 * with undeclared fields refuses them (`unevaluatedProperties: false`): a case holds the data
 * its procedure declares, nothing else (an attacker's extra field, nested thousands of levels
 * deep, would otherwise be stored and handed to every later reader). `unevaluatedProperties`
 * sees through `allOf`/`anyOf`/`oneOf`/`if`, so fields declared by a combined subschema stay
 * allowed; those subschemas are walked but not closed themselves. A schema that sets
 * `additionalProperties` or `unevaluatedProperties` is kept as written.
 */
export function closeObjects(schema: JsonSchema): JsonSchema {
  return close(schema, true);
}

function close(schema: JsonSchema, whole: boolean): JsonSchema {
  const out: JsonSchema = { ...schema };
  for (const k of SINGLE) if (isSchema(out[k])) out[k] = close(out[k], true);
  for (const k of MAPS) {
    const m = out[k];
    if (isSchema(m)) out[k] = Object.fromEntries(Object.entries(m).map(([n, s]) => [n, isSchema(s) ? close(s, true) : s]));
  }
  if (Array.isArray(out.prefixItems)) out.prefixItems = out.prefixItems.map((s: unknown) => (isSchema(s) ? close(s, true) : s));
  for (const k of COMBINED_SINGLE) if (isSchema(out[k])) out[k] = close(out[k], false);
  for (const k of COMBINED_LISTS) if (Array.isArray(out[k])) out[k] = (out[k] as unknown[]).map((s) => (isSchema(s) ? close(s, false) : s));
  const objectLike = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object')) || isSchema(out.properties);
  if (whole && objectLike && !('additionalProperties' in out) && !('unevaluatedProperties' in out) && !('patternProperties' in out)) {
    out.unevaluatedProperties = false;
  }
  return out;
}
