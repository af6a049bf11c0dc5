/**
 * The format's validators, compiled at first use. The designer's validation worker replaces this
 * module, at build time, by the code `standaloneFormatValidators()` generates from the same
 * schema and options (`designer/vite.config.ts`): keep its only export's name and shape.
 */
import { compileFormatValidators, type FormatValidators } from './format-ajv';

let compiled: FormatValidators | undefined;

/** The `procedure`, `overlay` and `meta` validators (see format-ajv.ts), compiled once. */
export function formatValidators(): FormatValidators {
  compiled ??= compileFormatValidators();
  return compiled;
}
