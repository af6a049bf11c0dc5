import type { CompiledProcedure } from '../compile/compile-procedure';
import type { ExpressionScope } from '../compile/expressions';
import { RefusalError } from '../errors';
import { PreparedScope } from '../expr';
import type { FeeLine, FeeSummary } from '../runtime/types';

/**
 * The fees of a case, per the format contract: total = sum over items whose `when` holds
 * (default true) of `amount * quantity` (default 1); exempt items count 0. Items whose `when`
 * does not hold are left out of `items`. Amounts are whole VND.
 *
 * Throws `RefusalError('E_CEL_ABSENT_FIELD')` when an expression reads a field the data lacks,
 * and `RefusalError('E_FEE_QUANTITY')` when a quantity is not a whole number >= 0.
 */
export function computeFees(compiled: CompiledProcedure, data: Record<string, unknown>, scope: Partial<ExpressionScope> = {}): FeeSummary {
  const { expressions, procedure } = compiled;
  // Up to three expressions per fee read the same data: converted for CEL once.
  // (submitCase passes the scope it prepared for the same data: reused as it is).
  const full = scope instanceof PreparedScope && scope.data === data ? scope : expressions.prepare({ components: {}, case: {}, ...scope, data });
  const items: FeeLine[] = [];
  (procedure.fees ?? []).forEach((fee, i) => {
    if (!expressions.test(fee.when, full, `fees[${i}].when`, true)) return;
    const quantity = fee.quantity === undefined ? 1 : expressions.evaluate(fee.quantity, full, `fees[${i}].quantity`);
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0) {
      throw new RefusalError('E_FEE_QUANTITY', `The quantity of fee '${fee.id}' is ${JSON.stringify(quantity)}, not a whole number >= 0`, [], {
        path: `fees[${i}].quantity`,
        hint: 'Make the quantity expression give a whole number (e.g. an integer field of the data schema).',
      });
    }
    const exempt = expressions.test(fee.exempt, full, `fees[${i}].exempt`, false);
    items.push({ id: fee.id, amount: fee.amount, quantity, exempt, total: exempt ? 0 : fee.amount * quantity });
  });
  return { items, total: items.reduce((sum, line) => sum + line.total, 0) };
}
