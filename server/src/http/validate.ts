/**
 * Body validation with ajv: every problem at once, each with its JSON path. Request schemas
 * are the ones published in the OpenAPI document, so the docs and the checks cannot drift.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { MAX_PROBLEMS, RefusalError, type Problem } from 'motcua/engine';

const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: false });
addFormats(ajv);
const cache = new WeakMap<object, ValidateFunction>();

/** ajv errors as motcua problems (`/a/b` paths become `a.b`), the first MAX_PROBLEMS of them. */
export function toProblems(errors: readonly ErrorObject[] | null | undefined, prefix = ''): Problem[] {
  return (errors ?? []).slice(0, MAX_PROBLEMS).map((e) => {
    const missing = e.keyword === 'required' ? (e.params as { missingProperty?: string }).missingProperty : undefined;
    const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty?: string }).additionalProperty : undefined;
    const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const leaf = missing ?? extra;
    const path = [prefix, base, leaf].filter(Boolean).join('.');
    return {
      code: missing ? 'E_REQUIRED' : extra ? 'E_UNKNOWN_FIELD' : `E_SCHEMA_${e.keyword.toUpperCase()}`,
      message: missing ? `${path} is required` : extra ? `${path} is not allowed` : `${path || '(body)'} ${e.message ?? 'is invalid'}`,
      path: path || '(body)',
    };
  });
}

/** Validates `value` against `schema`; throws a 400 listing every problem. */
export function validateBody<T>(schema: object, value: unknown, what = 'request body'): T {
  let fn = cache.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    cache.set(schema, fn);
  }
  if (!fn(value)) {
    const problems = toProblems(fn.errors);
    throw new RefusalError('E_BAD_BODY', `The ${what} is invalid: ${problems.map((p) => p.message).join('; ')}`, problems, {
      status: 400,
      hint: 'See GET /api/openapi.json for the expected shape.',
    });
  }
  return value as T;
}

/** Validates case data against a procedure's e-form schema; throws a 422 listing every problem. */
export function dataProblems(schema: object, value: unknown, prefix = 'data'): Problem[] {
  let fn = cache.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    cache.set(schema, fn);
  }
  return fn(value) ? [] : toProblems(fn.errors, prefix);
}
