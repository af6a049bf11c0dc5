import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Problem } from '../errors';
import { MAX_JSON_DEPTH, MAX_PROBLEMS, exceedsDepth } from '../limits';
import { closeObjects } from './close-schema';
import type { JsonSchema, Procedure } from '../model/procedure';

/** A compiled JSON Schema check that reports every violation at once. */
export type SchemaCheck = (value: unknown) => Problem[];

/** The e-form's schema and each action form's schema, compiled once per procedure. */
export interface CompiledSchemas {
  /** The e-form's schema as written: checks the case data once national records are merged in. */
  data: SchemaCheck;
  /**
   * What the applicant sends, before records are merged in: only fields the e-form does not
   * declare (`E_SCHEMA_UNEVALUATEDPROPERTIES`, see {@link closeObjects}) and nesting past
   * MAX_JSON_DEPTH (`E_TOO_DEEP`); what is missing or wrong is for `data` to say.
   */
  undeclared: SchemaCheck;
  /** Keyed by `<step>.<action>`. */
  forms: ReadonlyMap<string, SchemaCheck>;
}

/** The key of an action's form in `CompiledSchemas.forms`. */
export const formKey = (step: string, action: string): string => `${step}.${action}`;

/**
 * Prepares the data schema and the action forms for ajv (draft 2020-12, all errors, formats).
 * Objects refuse fields their schema does not declare (see {@link closeObjects}), and a value
 * nested deeper than MAX_JSON_DEPTH is refused before ajv (which recurses) reads it.
 * Each schema is compiled on its first use, then kept: ajv's code generation costs tens of
 * milliseconds per schema, which a server loading a whole library, or a tool compiling
 * procedures only to draw them, should not pay up front. One ajv instance per procedure so that
 * `$id`s of different procedures never collide.
 */
export function compileSchemas(procedure: Procedure, forEachTask: (fn: (step: string, action: string, form: JsonSchema) => void) => void): CompiledSchemas {
  const open = lazyAjv();
  // The closed copy of the e-form keeps its `$id`s: it needs an ajv of its own.
  const closed = lazyAjv();
  const schema = procedure.data?.schema ?? { type: 'object' };
  const data = lazyCheck(() => open().compile(schema), 'data');
  const undeclaredAll = lazyCheck(() => closed().compile(closeObjects(schema)), 'data');
  const undeclared: SchemaCheck = (value) => undeclaredAll(value).filter((p) => p.code === 'E_SCHEMA_UNEVALUATEDPROPERTIES' || p.code === 'E_TOO_DEEP');
  const forms = new Map<string, SchemaCheck>();
  // Officers' forms are never merged with records: they are checked closed, whole.
  forEachTask((step, action, form) => forms.set(formKey(step, action), lazyCheck(() => open().compile(closeObjects(form)), 'form')));
  return { data, undeclared, forms };
}

function lazyAjv(): () => Ajv2020 {
  let ajv: Ajv2020 | undefined;
  return () => {
    if (!ajv) {
      ajv = new Ajv2020({ allErrors: true, strict: false });
      (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    }
    return ajv;
  };
}

function lazyCheck(compile: () => ValidateFunction, root: string): SchemaCheck {
  let validate: ValidateFunction | undefined;
  return (value) => {
    if (exceedsDepth(value, MAX_JSON_DEPTH)) {
      return [{ code: 'E_TOO_DEEP', message: `${root} nests deeper than ${MAX_JSON_DEPTH} levels`, path: root }];
    }
    validate ??= compile();
    return validate(value) ? [] : (validate.errors ?? []).slice(0, MAX_PROBLEMS).map((e) => toProblem(e, root));
  };
}

/** `/applicant/nationalId` becomes `data.applicant.nationalId`; `required` names the missing key. */
function toProblem(e: ErrorObject, root: string): Problem {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') parts.push(String((e.params as { missingProperty: string }).missingProperty));
  if (e.keyword === 'unevaluatedProperties') parts.push(String((e.params as { unevaluatedProperty: string }).unevaluatedProperty));
  if (e.keyword === 'additionalProperties') parts.push(String((e.params as { additionalProperty: string }).additionalProperty));
  const path = [root, ...parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))].join('').replace(/\.\[/g, '[');
  return {
    code: e.keyword === 'required' ? 'E_REQUIRED' : `E_SCHEMA_${e.keyword.toUpperCase()}`,
    message:
      e.keyword === 'required' ? `${path} is required`
        : e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties' ? `${path} is not a field of this form`
          : `${path} ${e.message ?? 'is invalid'}`,
    path,
  };
}
