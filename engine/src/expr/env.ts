import { Environment } from '@marcbachmann/cel-js';
import type { JsonSchema } from '../model/procedure';
import { registerShape, shapeOf, type CelShape } from './cel-types';
import { registerFormatFunctions } from './functions';

/** The variables every expression sees besides `data` (the format contract, "Expressions"). */
export const CASE_FIELDS = { submittedAt: 'string', unit: 'string', channel: 'string' } as const;

/**
 * A CEL environment for one procedure: `data` typed from its data schema, `case` and
 * `components`. Build it once per procedure and reuse it for every expression.
 */
export interface ExpressionEnv {
  readonly cel: Environment;
  readonly dataSchema: JsonSchema;
  /** The CEL shape of `data`, used to convert JSON input (integers to bigint). */
  readonly dataShape: CelShape;
}

let base: Environment | undefined;

/** The shared part (`case`, `components`), built once: cloning it is much cheaper than rebuilding. */
function baseEnv(): Environment {
  if (!base) {
    base = registerFormatFunctions(new Environment({ homogeneousAggregateLiterals: false }))
      .registerType({ name: '$case', fields: { ...CASE_FIELDS } })
      .registerVariable('case', '$case', { description: 'The case: submittedAt, unit, channel' })
      .registerVariable('components', 'map<string, string>', {
        description: 'Dossier component id -> provided | replaced | missing',
      });
  }
  return base;
}

// Validation and compilation of one procedure see the same schema object: build its env once.
const memo = new WeakMap<JsonSchema, ExpressionEnv>();

/** Options of {@link createExpressionEnv}. */
export interface EnvOptions {
  /**
   * For checking only: register with the type checker only the top-level fields of `data`
   * whose names are among these (the identifiers the expressions to check contain), each with
   * all of its sub-fields, plus any field whose name is not an identifier. A field that no
   * expression names cannot change the outcome of a check, and registering a form of 80,000
   * fields cost a fifth of its validation. `dataShape` stays whole ("did you mean" reads it).
   * Not memoized; never use such an env to evaluate.
   */
  onlyFields?: ReadonlySet<string>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Builds the environment in which a procedure's expressions are checked and evaluated.
 * Memoized per schema object (validate and compile share it): treat the result as read-only
 * and do not mutate the schema afterwards.
 */
export function createExpressionEnv(dataSchema: JsonSchema, options: EnvOptions = {}): ExpressionEnv {
  if (typeof dataSchema !== 'object' || dataSchema === null) return buildEnv({});
  if (options.onlyFields) return buildEnv(dataSchema, options.onlyFields);
  const known = memo.get(dataSchema);
  if (known) return known;
  const env = buildEnv(dataSchema);
  memo.set(dataSchema, env);
  return env;
}

function buildEnv(dataSchema: JsonSchema, onlyFields?: ReadonlySet<string>): ExpressionEnv {
  const cel = baseEnv().clone();
  const keep = onlyFields && ((k: string) => onlyFields.has(k) || !IDENTIFIER.test(k));
  const registered = dataShapeOf(dataSchema, keep);
  const type = registerShape(cel, registered, '$data');
  cel.registerVariable('data', type, { description: 'The case data (data.schema)' });
  if (!keep) return { cel, dataSchema, dataShape: registered };
  // Checking only: the whole shape is read by "did you mean" alone, i.e. only when an
  // expression names a field that does not exist; built then, not for every validation.
  let whole: CelShape | undefined;
  return {
    cel,
    dataSchema,
    get dataShape() {
      return (whole ??= dataShapeOf(dataSchema));
    },
  };
}

/** The shape of `data` (of the fields `keep` accepts): always a mapping, even when the schema says nothing about it. */
function dataShapeOf(dataSchema: JsonSchema, keep?: (key: string) => boolean): CelShape {
  const shape = shapeOf(dataSchema, dataSchema, 0, keep);
  return shape.kind === 'object' || shape.kind === 'map' ? shape : { kind: 'map', value: { kind: 'scalar', cel: 'dyn' } };
}
