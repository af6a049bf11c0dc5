import { RefusalError } from '../errors';
import type { ExpressionEnv } from './env';
import { fromCelValue, toCelValue } from './cel-types';
import { describe } from './check';
import { applyDefaultsShared } from './defaults';

/** What an expression can read when it runs. */
export interface ExpressionScope {
  data: unknown;
  case?: { submittedAt?: string; unit?: string; channel?: string };
  /** Component id -> provided | replaced | missing. */
  components?: Record<string, string>;
}

/**
 * A scope converted for CEL once (see `prepareScope`): the data schema's defaults applied and
 * integers turned into bigint on the first evaluation, then kept for every later one. The
 * conversion is a snapshot of the data at that first evaluation: prepare a scope for a stretch
 * of code that does not change the data (one transition's guards, fees, components).
 */
export class PreparedScope implements ExpressionScope {
  readonly data: unknown;
  readonly case: ExpressionScope['case'];
  readonly components: ExpressionScope['components'];
  /** The environment the conversion follows; an evaluator of another environment converts again. */
  readonly env: ExpressionEnv;
  #ctx: Readonly<Record<string, unknown>> | undefined;

  constructor(env: ExpressionEnv, scope: ExpressionScope) {
    this.data = scope.data;
    this.case = scope.case;
    this.components = scope.components;
    this.env = env;
  }

  /** What the CEL program reads (converted on first use: a transition without guards pays nothing). */
  get ctx(): Readonly<Record<string, unknown>> {
    return (this.#ctx ??= celContext(this.env, this));
  }
}

/**
 * Wraps `scope` so that several expressions evaluated on the same data (the guards, fees and
 * components of one transition) convert it for CEL once instead of each time. The conversion
 * is a snapshot taken at the first evaluation: a later change to `scope.data` is not seen
 * through this scope (a plain scope is always read afresh, and so is a new prepared one).
 */
export function prepareScope(env: ExpressionEnv, scope: ExpressionScope): PreparedScope {
  return scope instanceof PreparedScope && scope.env === env ? scope : new PreparedScope(env, scope);
}

// The contract applies the schema's defaults before any expression is evaluated.
function celContext(env: ExpressionEnv, scope: ExpressionScope): Record<string, unknown> {
  return {
    data: toCelValue(applyDefaultsShared(env.dataSchema, scope.data ?? {}), env.dataShape),
    case: { submittedAt: '', unit: '', channel: '', ...(scope.case ?? {}) },
    components: scope.components ?? {},
  };
}

/** A compiled expression: parse once, evaluate many times. */
export type Evaluator = (scope: ExpressionScope) => unknown;

interface CelEvalError {
  name?: string;
  message?: string;
  node?: { pos?: number; op?: string; args?: unknown };
}

/**
 * Compiles `source` once into a reusable evaluator. The evaluator applies the data schema's
 * defaults, converts integers to bigint as CEL wants (unless given a `PreparedScope` of the
 * same environment, which has done both), and converts the result back (bigint -> number). Reading an absent field refuses with `E_CEL_ABSENT_FIELD`; any other evaluation
 * failure refuses with `E_CEL_EVALUATION`. Throws `RefusalError('E_CEL_SYNTAX')` if the
 * source does not parse (validation reports that earlier, with a position).
 */
export function compileExpression(env: ExpressionEnv, source: string): Evaluator {
  let program: (ctx: Record<string, unknown>) => unknown;
  try {
    program = env.cel.parse(source);
  } catch (err) {
    throw new RefusalError('E_CEL_SYNTAX', `The expression "${source}" does not parse: ${firstLine(err)}`, [], {
      status: 500,
      hint: 'Run `motcua validate` on the procedure.',
    });
  }
  const path = dataPath(source);
  return (scope) => {
    if (path && !(scope instanceof PreparedScope)) {
      const found = readScalar(scope.data, path);
      if (found !== undefined) return found;
    }
    const ctx = scope instanceof PreparedScope && scope.env === env ? scope.ctx : celContext(env, scope);
    let value: unknown;
    try {
      value = program(ctx);
    } catch (err) {
      throw toRefusal(err as CelEvalError, source);
    }
    if (value instanceof Promise) throw new RefusalError('E_CEL_EVALUATION', `The expression "${source}" is asynchronous`);
    return fromCelValue(value);
  };
}

const DATA_PATH = /^\s*data((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*$/;

/**
 * The field names of an expression that only reads a field of the data (`data.applicant.nationalId`,
 * the usual lookup key); undefined for any other expression.
 */
function dataPath(source: string): string[] | undefined {
  const m = DATA_PATH.exec(source);
  const path = m?.[1]?.slice(1).split('.');
  return path && !path.includes('__proto__') ? path : undefined;
}

/**
 * The field at `path` when it holds a string, a number or a boolean: what CEL gives for it,
 * without converting the whole data for CEL first (defaults only fill absent fields, and such a
 * value converts back to itself). Undefined for anything else (an absent or null field, an
 * object, a list): then CEL evaluates it, with its defaults and its errors. The lookup keys of
 * every filing are such paths, evaluated several times per filing.
 */
function readScalar(data: unknown, path: readonly string[]): string | number | boolean | undefined {
  let at: unknown = data;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'string' || typeof at === 'boolean' || (typeof at === 'number' && Number.isFinite(at)) ? at : undefined;
}

function toRefusal(err: CelEvalError, source: string): RefusalError {
  const message = firstLine(err);
  const noKey = /^No such key: (.+)$/.exec(message);
  if (noKey) {
    const parent = describe(err.node);
    const field = parent ? `${parent}.${noKey[1] ?? ''}` : (noKey[1] ?? '');
    return new RefusalError(
      'E_CEL_ABSENT_FIELD',
      `The expression "${source}" reads ${field}, which is absent from the case data`,
      [{ code: 'E_CEL_ABSENT_FIELD', message: `${field} is absent`, path: field, hint: 'Provide the field.' }],
      { hint: `Provide ${field}, or have the procedure guard it with has(${field}) or a default in data.schema.`, path: field },
    );
  }
  return new RefusalError('E_CEL_EVALUATION', `The expression "${source}" failed: ${message}`, [], {
    hint: 'Check that the case data matches data.schema.',
  });
}

function firstLine(err: unknown): string {
  const m = err instanceof Error ? err.message : typeof err === 'object' && err && 'message' in err ? String((err).message) : String(err);
  return m.split('\n')[0] ?? m;
}
