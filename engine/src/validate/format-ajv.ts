/**
 * The one home of how the procedure format's JSON Schema (`schema/procedure.schema.json`) is
 * turned into validation code: ajv's options and formats, and which functions are made from it.
 * Two paths use it and must agree: Node (the CLI, the server, the tests) compiles at first use
 * ({@link compileFormatValidators}); the designer's validation worker ships code generated from
 * the same schema with the same options at build time (`standaloneFormatValidators` in
 * format-standalone.ts, by a vite plugin in `designer/vite.config.ts`), so that a browser neither downloads ajv's compiler
 * for this schema nor spends 0.3-0.9 s compiling it when the designer opens.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import procedureSchema from '../../../schema/procedure.schema.json' with { type: 'json' };
import { FORMAT_VALIDATOR_REFS } from './format-refs';

/** A validation function of each name in {@link FORMAT_VALIDATOR_REFS}. */
export type FormatValidators = Record<keyof typeof FORMAT_VALIDATOR_REFS, ValidateFunction>;

/**
 * The ajv instance for the format's schema. `verbose` because the diagnostics read
 * `parentSchema` (the keys allowed where an unknown key is); `strict: false` because the schema
 * carries editor annotations ajv does not know.
 */
export function formatAjv(source: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, validateSchema: false, ...(source ? { code: { source: true, esm: true } } : {}) });
  addFormats(ajv, ['date', 'date-time', 'time', 'uri', 'email']);
  ajv.addSchema(procedureSchema);
  return ajv;
}

/** Compiles the format's validators now (hundreds of milliseconds: call it on first use). */
export function compileFormatValidators(): FormatValidators {
  const ajv = formatAjv(false);
  const get = (ref: string): ValidateFunction => {
    const fn = ajv.getSchema(ref);
    if (!fn) throw new Error(`the format's schema has no ${ref}`);
    return fn;
  };
  return { procedure: get(FORMAT_VALIDATOR_REFS.procedure), overlay: get(FORMAT_VALIDATOR_REFS.overlay), meta: get(FORMAT_VALIDATOR_REFS.meta) };
}
