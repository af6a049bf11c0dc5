import type { ErrorObject } from 'ajv/dist/2020';
import { didYouMean } from '../expr/suggest';
import procedureSchema from '../../../schema/procedure.schema.json' with { type: 'json' };
import { formatPath, type DocPath } from '../parse/source-document';
import type { DiagnosticCode } from './codes';
import { META_SCHEMA_ID } from './format-refs';
// Compiled on first use rather than at import (a page that imports the engine only to parse or
// draw never pays it); generated at build time in the designer's worker (format-ajv.ts).
import { formatValidators } from './format-validators';
import type { Reporter } from './report';

/**
 * The procedure format's JSON Schema (draft 2020-12, `schema/procedure.schema.json`), for tools
 * that generate editors from it (the designer's properties panel). Read-only: never mutate it.
 */
export const PROCEDURE_SCHEMA: Readonly<Record<string, unknown>> = procedureSchema;

/** Top-level keys of the procedure format, and those an overlay file may have. */
export const PROCEDURE_KEYS: readonly string[] = Object.keys(procedureSchema.properties);
export const OVERLAY_KEYS: readonly string[] = Object.keys(procedureSchema.$defs.overlay.properties);

/**
 * A meta-schema check for the user's JSON Schemas (data.schema, action forms): the first
 * problem, with its path inside the schema, or undefined when the schema is valid.
 */
export function checkJsonSchema(schema: unknown): { message: string; path: (string | number)[] } | undefined {
  if (typeof schema === 'boolean') return undefined;
  // Only draft 2020-12 is known here (ajv would throw on another meta-schema's id).
  const declared = (schema as { $schema?: unknown } | null)?.$schema;
  if (declared !== undefined && declared !== META_SCHEMA_ID) return { message: `$schema must be '${META_SCHEMA_ID}' (draft 2020-12) or left out`, path: ['$schema'] };
  const meta = formatValidators().meta;
  if (meta(schema)) return undefined;
  const errors = meta.errors ?? [];
  // The deepest error is the most precise one; anyOf/oneOf wrappers sit above it.
  const first = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  if (!first) return { message: 'is not a valid JSON Schema', path: [] };
  const path = toPath(first.instancePath);
  return { message: `${path.length ? formatPath(path) : '(root)'} ${first.message ?? 'is invalid'}`, path };
}

/** `/steps/2/actions/approve` -> ['steps', 2, 'actions', 'approve']. */
function toPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, path: DocPath): unknown {
  let node = root;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** Keys whose value is a CEL expression: a wrong type there is E_CEL_TYPE. */
const CEL_KEYS = new Set(['when', 'quantity', 'exempt', 'key']);

/** Which code an `enum` failure gets, by where it is. */
function enumCode(path: DocPath): DiagnosticCode {
  const last = path[path.length - 1];
  if (last === 'unit') return 'E_DEADLINE_UNIT';
  if (last === 'kind' && path.includes('steps')) return 'E_STEP_KIND';
  if (last === 'status' && path[0] === 'outcomes') return 'E_OUTCOME_STATUS';
  return 'E_INVALID_VALUE';
}

/**
 * Validates the plain value of a procedure file against the format's JSON Schema and reports
 * one diagnostic per real problem: `if/then` and `oneOf` noise is collapsed, unknown keys
 * get a "did you mean" from the keys allowed there. Returns the number of errors.
 */
export function checkSchema(value: unknown, reporter: Reporter, format: 'procedure' | 'overlay' = 'procedure'): number {
  const validate = format === 'overlay' ? formatValidators().overlay : formatValidators().procedure;
  if (validate(value)) return 0;
  const errors = validate.errors ?? [];
  // A oneOf failing at a path explains every branch error at that same path.
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  let count = 0;
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (oneOfPaths.has(e.instancePath) && e.keyword !== 'oneOf') continue;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report(e, value, reporter);
    count++;
  }
  return count;
}

function report(e: ErrorObject, root: unknown, reporter: Reporter): void {
  const path = toPath(e.instancePath);
  const where = path.length ? formatPath(path) : 'the file';
  const actual = valueAt(root, path);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      const allowed = props ? Object.keys(props) : [];
      const suggestion = didYouMean(key, allowed);
      reporter.add('E_UNKNOWN_KEY', [...path, key], `unknown key '${key}' in ${where}`, {
        at: 'key',
        hint: suggestion
          ? `Did you mean '${suggestion}'? Allowed here: ${allowed.join(', ')}.`
          : `Remove the key or fix its spelling. Allowed here: ${allowed.join(', ') || 'none'}.`,
      });
      return;
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      reporter.add('E_MISSING_KEY', path, `${where} lacks the required key '${missing}'`, {
        at: 'key',
        hint: `Add \`${missing}:\`; see docs/procedure-format.md.`,
      });
      return;
    }
    case 'type': {
      const expected = String((e.params as { type: string | string[] }).type);
      const last = path[path.length - 1];
      if (last === 'amount' && path[0] === 'fees') {
        reporter.add('E_FEE_AMOUNT', path, `the fee amount must be a whole number of VND, not ${describeValue(actual)}`);
        return;
      }
      if (typeof last === 'string' && CEL_KEYS.has(last) && expected === 'string') {
        reporter.add('E_CEL_TYPE', path, `${where} must be a CEL expression in quotes, not ${describeValue(actual)}`, {
          hint: typeof actual === 'boolean' ? `Write "${String(actual)}" (a CEL string), or leave the key out.` : 'Write the expression as a quoted string, e.g. "data.x > 0".',
        });
        return;
      }
      const quoteHint =
        typeof actual === 'number' && expected.includes('string')
          ? `Quote it: "${String(actual)}" (YAML reads unquoted 1.001193 as a number).`
          : undefined;
      reporter.add('E_WRONG_TYPE', path, `${where} must be ${expected === 'object' ? 'a mapping' : expected === 'array' ? 'a list' : `a ${expected}`}, not ${describeValue(actual)}`, quoteHint ? { hint: quoteHint } : {});
      return;
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String);
      const suggestion = typeof actual === 'string' ? didYouMean(actual, allowed) : undefined;
      reporter.add(enumCode(path), path, `${where} is ${describeValue(actual)}; allowed: ${allowed.join(', ')}`, {
        ...(suggestion ? { hint: `Did you mean '${suggestion}'?` } : {}),
      });
      return;
    }
    case 'oneOf': {
      const last = path[path.length - 1];
      if (last === 'required' && path[0] === 'components') {
        reporter.add('E_CEL_TYPE', path, `required must be true, false or a CEL condition, not ${describeValue(actual)}`);
      } else {
        reporter.add('E_WRONG_TYPE', path, `${where} has the wrong type (${describeValue(actual)})`, {});
      }
      return;
    }
    case 'minimum':
    case 'multipleOf':
      if (path[0] === 'fees' && path[path.length - 1] === 'amount') {
        reporter.add('E_FEE_AMOUNT', path, `the fee amount must be a whole non-negative number of VND, not ${describeValue(actual)}`);
        return;
      }
      break;
    default:
      break;
  }
  const detail = e.keyword === 'pattern' || e.keyword === 'format' ? ` (${describeValue(actual)})` : '';
  reporter.add('E_INVALID_VALUE', path, `${where} ${e.message ?? 'is invalid'}${detail}`);
}
