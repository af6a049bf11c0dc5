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
 * Prepares the data schema and the action forms for ajv (draft 2020-12, all errors, formats).
 * Each schema is compiled on its first use, then kept: ajv's code generation costs tens of
 * milliseconds per schema, which a server loading a whole library, or a tool compiling
 * procedures only to draw them, should not pay up front. One ajv instance per procedure so that
 * `$id`s of different procedures never collide.
 */
export function compileSchemas(procedure: Procedure, forEachTask: (fn: (step: string, action: string, form: JsonSchema) => void) => void): CompiledSchemas {
  let ajv: Ajv2020 | undefined;
  const instance = (): Ajv2020 => {
    if (!ajv) {
      ajv = new Ajv2020({ allErrors: true, strict: false });
      (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    }
    return ajv;
  };
  const data = lazyCheck(() => instance().compile(procedure.data?.schema ?? { type: 'object' }), 'data');
  const forms = new Map<string, SchemaCheck>();
  forEachTask((step, action, form) => forms.set(formKey(step, action), lazyCheck(() => instance().compile(form), 'form')));
  return { data, forms };
}

function lazyCheck(compile: () => ValidateFunction, root: string): SchemaCheck {
  let validate: ValidateFunction | undefined;
  return (value) => {
    validate ??= compile();
    return validate(value) ? [] : (validate.errors ?? []).map((e) => toProblem(e, root));
  };
}

/** `/applicant/nationalId` becomes `data.applicant.nationalId`; `required` names the missing key. */
function toProblem(e: ErrorObject, root: string): Problem {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') parts.push(String((e.params as { missingProperty: string }).missingProperty));
  if (e.keyword === 'additionalProperties') parts.push(String((e.params as { additionalProperty: string }).additionalProperty));
  const path = [root, ...parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))].join('').replace(/\.\[/g, '[');
  return {
    code: e.keyword === 'required' ? 'E_REQUIRED' : `E_SCHEMA_${e.keyword.toUpperCase()}`,
    message:
      e.keyword === 'required' ? `${path} is required`
        : e.keyword === 'additionalProperties' ? `${path} is not a field of this form`
          : `${path} ${e.message ?? 'is invalid'}`,
    path,
  };
}
