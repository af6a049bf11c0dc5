/**
 * A live estimate of the fees while the citizen fills the e-form, with the engine's own CEL
 * (engine/src/expr). The server computes the binding figure at submission; an item whose
 * condition cannot be decided yet (a field not filled) is shown as "depends" instead of a guess.
 */
import { applyDefaults, compileExpression, createExpressionEnv, type Fee, type JsonSchema } from 'motcua/engine';

export interface FeeEstimateLine {
  id: string;
  fee: Fee;
  /** true / false once decided, 'unknown' while a field it reads is empty. */
  applies: boolean | 'unknown';
  quantity: number | 'unknown';
  exempt: boolean | 'unknown';
  total: number | 'unknown';
}

export interface FeeEstimate {
  lines: FeeEstimateLine[];
  /** Sum of the decided lines. */
  total: number;
  /** True when some line could not be decided yet. */
  partial: boolean;
}

/**
 * Estimates the fees of `fees` for form `data` under the data schema. Never throws. `facts`
 * are the case's facts expressions may read (`case.channel`): the portal files `online`.
 */
export function estimateFees(fees: readonly Fee[] | undefined, schema: JsonSchema | undefined, data: unknown, facts: { channel: string } = { channel: 'online' }): FeeEstimate {
  let env: ReturnType<typeof createExpressionEnv> | undefined;
  try {
    env = createExpressionEnv(schema ?? { type: 'object' });
  } catch {
    env = undefined;
  }
  const full = schema ? applyDefaults(schema, data ?? {}) : (data ?? {});
  const run = (source: string | undefined, fallback: unknown): unknown => {
    if (source === undefined) return fallback;
    if (!env) return undefined;
    try {
      return compileExpression(env, source)({ data: full, case: { channel: facts.channel }, components: {} });
    } catch {
      return undefined;
    }
  };
  const lines = (fees ?? []).map((fee): FeeEstimateLine => {
    const when = run(fee.when, true);
    const applies = typeof when === 'boolean' ? when : 'unknown';
    const q = run(fee.quantity, 1);
    const quantity = typeof q === 'number' || typeof q === 'bigint' ? Number(q) : 'unknown';
    const ex = run(fee.exempt, false);
    const exempt = typeof ex === 'boolean' ? ex : 'unknown';
    const total = applies === false ? 0 : applies === 'unknown' || quantity === 'unknown' || exempt === 'unknown' ? 'unknown' : exempt ? 0 : fee.amount * quantity;
    return { id: fee.id, fee, applies, quantity, exempt, total };
  });
  return {
    lines,
    total: lines.reduce((s, l) => s + (typeof l.total === 'number' ? l.total : 0), 0),
    partial: lines.some((l) => l.total === 'unknown'),
  };
}
