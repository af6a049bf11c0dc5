/**
 * Expressions are type-checked in an env that registers only the fields they name (a form of
 * 80,000 fields would otherwise cost a fifth of its validation): the checks must come out as
 * with every field registered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProcedureText } from 'motcua/engine';

const sample = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'invalid', 'sample.yaml'), 'utf8');

/** The sample with `n` more integer fields in its e-form and `when` of the `late` fee replaced. */
function withFields(n: number, when: string): string {
  const props = Array.from({ length: n }, (_, i) => `      f${i}: { type: integer }`).join('\n');
  return sample
    .replace('    required: [applicant]\n    properties:\n', `    required: [applicant]\n    properties:\n${props}\n      odd-name: { type: string }\n`)
    .replace('when: "data.child.ageDays > 60"', `when: ${JSON.stringify(when)}`);
}

const codes = (text: string) => validateProcedureText(text, 'x.yaml').diagnostics.map((d) => d.code);

describe('expressions among many fields', () => {
  it('a declared field, deep or at the end of the form, or with an odd name, checks; its type is still checked', () => {
    expect(codes(withFields(2_000, 'data.f1999 > 3 && data.child.ageDays > 60'))).toEqual([]);
    expect(codes(withFields(2_000, "data['odd-name'] == 'x'"))).toEqual([]);
    expect(codes(withFields(2_000, "data.f7 == 'seven'"))).toEqual(['E_CEL_TYPE']);
  });

  it('an undeclared field is refused and the closest declared one suggested, even one no expression names', () => {
    const r = validateProcedureText(withFields(2_000, 'data.extraCopie > 1'), 'x.yaml');
    const unknown = r.diagnostics.find((d) => d.code === 'E_CEL_UNKNOWN_FIELD');
    expect(unknown?.hint).toContain("Did you mean 'extraCopies'?");
  });
});
