import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Problem } from '../errors';
import type { JsonSchema, Procedure } from '../model/procedure';

/** A compiled JSON Schema check that reports every violation at once. */
export type SchemaCheck = (value: unknown) => Problem[];

/** The e-form's schema and each action form's schema, compiled once per procedure. */
export interface CompiledSchemas {
  data: SchemaCheck;
  /** Keyed by `<step>.<action>`. */
  forms: ReadonlyMap<string, SchemaCheck>;
}

/** The key of an action's form in `CompiledSchemas.forms`. */
export const formKey = (step: string, action: string): string => `${step}.${action}`;

/**
 * Compiles the data schema and the action forms with ajv (draft 2020-12, all errors, formats).
 * One ajv instance per procedure so that `$id`s of different procedures never collide.
 */
export function compileSchemas(procedure: Procedure, forEachTask: (fn: (step: string, action: string, form: JsonSchema) => void) => void): CompiledSchemas {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  const data = toCheck(ajv.compile(procedure.data?.schema ?? { type: 'object' }), 'data');
  const forms = new Map<string, SchemaCheck>();
  forEachTask((step, action, form) => forms.set(formKey(step, action), toCheck(ajv.compile(form), 'form')));
  return { data, forms };
}

function toCheck(validate: ValidateFunction, root: string): SchemaCheck {
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((e) => toProblem(e, root)));
}

/** `/applicant/nationalId` becomes `data.applicant.nationalId`; `required` names the missing key. */
function toProblem(e: ErrorObject, root: string): Problem {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') parts.push(String((e.params as { missingProperty: string }).missingProperty));
  const path = [root, ...parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))].join('').replace(/\.\[/g, '[');
  return {
    code: e.keyword === 'required' ? 'E_REQUIRED' : `E_SCHEMA_${e.keyword.toUpperCase()}`,
    message: e.keyword === 'required' ? `${path} is required` : `${path} ${e.message ?? 'is invalid'}`,
    path,
  };
}
