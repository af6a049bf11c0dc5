import { createExpressionEnv, compileExpression, prepareScope, type Evaluator, type ExpressionEnv, type ExpressionScope, type PreparedScope } from '../expr';
import { MotcuaError, RefusalError } from '../errors';
import type { Cel, JsonSchema } from '../model/procedure';

export type { Evaluator, ExpressionScope, PreparedScope };

/**
 * Every CEL expression of one procedure, compiled once against its data schema and cached
 * by source text. Evaluation errors become refusals naming the expression and where it is.
 */
export class ExpressionCache {
  readonly #env: ExpressionEnv;
  readonly #cache = new Map<string, Evaluator>();

  constructor(dataSchema: JsonSchema | undefined) {
    this.#env = createExpressionEnv(dataSchema ?? { type: 'object' });
  }

  /** The compiled form of `source` (compiled on first use, then cached). */
  get(source: Cel): Evaluator {
    let fn = this.#cache.get(source);
    if (!fn) {
      fn = compileExpression(this.#env, source);
      this.#cache.set(source, fn);
    }
    return fn;
  }

  /**
   * `scope` converted for CEL once (defaults, bigint), for evaluating several expressions on
   * the same data. A snapshot: prepare it after the data's last change in the transition.
   */
  prepare(scope: ExpressionScope): PreparedScope {
    return prepareScope(this.#env, scope);
  }

  /** Sources compiled so far, sorted (for tests and tooling). */
  sources(): string[] {
    return [...this.#cache.keys()].sort();
  }

  /**
   * Evaluates `source` in `scope`. `where` is the JSON path of the expression in the procedure;
   * it appears in the refusal when the expression reads a field the case data lacks.
   */
  evaluate(source: Cel, scope: ExpressionScope, where: string): unknown {
    try {
      return this.get(source)(scope);
    } catch (err) {
      throw asRefusal(err, source, where);
    }
  }

  /** Evaluates a condition; anything but `true` is false. */
  test(source: Cel | boolean | undefined, scope: ExpressionScope, where: string, fallback: boolean): boolean {
    if (source === undefined) return fallback;
    if (typeof source === 'boolean') return source;
    return this.evaluate(source, scope, where) === true;
  }
}

function asRefusal(err: unknown, source: string, where: string): MotcuaError {
  // The evaluator does not know where its expression stands in the procedure: say it here.
  if (err instanceof RefusalError && err.code === 'E_CEL_EVALUATION' && err.path === undefined) {
    return new RefusalError('E_CEL_EVALUATION', `${err.message} (at ${where})`, err.problems, { path: where, ...(err.hint ? { hint: err.hint } : {}), status: err.status });
  }
  if (err instanceof MotcuaError) return err;
  const message = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
  return new RefusalError('E_CEL_EVALUATION', `The expression \`${source}\` at ${where} failed: ${message}`, [], {
    path: where,
    hint: 'Check the expression against the data schema with `motcua validate`.',
  });
}
