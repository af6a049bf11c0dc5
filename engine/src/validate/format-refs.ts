/**
 * Which validation functions are made from the procedure format's JSON Schema, by name: plain
 * constants, apart from ajv, so that code that only runs the validators (schema-check.ts, the
 * designer's worker) never imports ajv's compiler (format-ajv.ts does).
 */
import procedureSchema from '../../../schema/procedure.schema.json' with { type: 'json' };

/** The draft 2020-12 meta-schema's id: user JSON Schemas (`data.schema`, action forms) are checked against it. */
export const META_SCHEMA_ID = 'https://json-schema.org/draft/2020-12/schema';

/** The validation functions made from the format's schema, by name (the standalone module's exports). */
export const FORMAT_VALIDATOR_REFS = {
  procedure: procedureSchema.$id,
  // The overlay format's definitions live in the procedure schema (one file for editors too).
  overlay: `${procedureSchema.$id}#/$defs/overlay`,
  meta: META_SCHEMA_ID,
} as const;
