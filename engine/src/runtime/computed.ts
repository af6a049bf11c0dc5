/**
 * Fields the procedure computes (`data.computed`): the applicant never types them, the engine
 * evaluates them from the data and the case's submission time, at filing and after each
 * supplement, in the order they are listed (a later rule may read an earlier one).
 */
import type { CompiledProcedure } from '../compile/compile-procedure';
import { RefusalError, type Problem } from '../errors';
import type { ComputedField } from '../model/procedure';
import { getPath, isRecord, setPath } from './paths';

/**
 * Refuses (`E_COMPUTED_FIELD`, 422) input that sets a computed field, listing every one: a
 * value the citizen typed must never pass for one the procedure computed.
 */
export function refuseTypedComputed(compiled: CompiledProcedure, input: Record<string, unknown>): void {
  const problems: Problem[] = (compiled.procedure.data?.computed ?? [])
    .filter((c) => getPath(input, c.field) !== undefined)
    .map((c) => ({
      code: 'E_COMPUTED_FIELD',
      message: `data.${c.field} is computed by the procedure and cannot be sent`,
      path: `data.${c.field}`,
      hint: `Leave data.${c.field} out: it is computed from \`${c.value}\`.`,
    }));
  if (problems.length > 0) {
    throw new RefusalError('E_COMPUTED_FIELD', `${problems.length} computed field(s) were sent: ${problems.map((p) => p.path).join(', ')}`, problems, {
      path: problems[0]?.path,
      hint: 'Computed fields are filled by the system; send the other fields only.',
    });
  }
}

/** `data` with every computed field evaluated (as of `submittedAt`), in the listed order. */
export function applyComputed(compiled: CompiledProcedure, data: Record<string, unknown>, submittedAt: string): Record<string, unknown> {
  let out = data;
  (compiled.procedure.data?.computed ?? []).forEach((c, i) => {
    const value = compiled.expressions.evaluate(c.value, { data: out, case: { submittedAt } }, `data.computed[${i}].value`);
    out = setPath(out, c.field, value);
  });
  return out;
}

/**
 * `data` without the computed fields of `rules` (a procedure's `data.computed`): what a parent
 * case passes to a child it starts (the child computes its own, as of its own filing), and what
 * a form sends.
 */
export function withoutComputed(rules: readonly ComputedField[] | undefined, data: Record<string, unknown>): Record<string, unknown> {
  let out = data;
  for (const c of rules ?? []) {
    if (getPath(out, c.field) === undefined) continue;
    const parts = c.field.split('.');
    const last = parts.pop() as string;
    const parentPath = parts.join('.');
    const holder = parentPath === '' ? out : getPath(out, parentPath);
    if (!isRecord(holder)) continue;
    const { [last]: _dropped, ...rest } = holder;
    out = parentPath === '' ? rest : setPath(out, parentPath, rest);
  }
  return out;
}
