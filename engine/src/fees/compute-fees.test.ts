import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import { birthData, birthProcedure } from '../runtime/fixtures';
import { computeFees } from '.';

const compiled = compileProcedure(birthProcedure());

describe('computeFees', () => {
  it('sums amount * quantity over items whose `when` holds; exempt items count 0', () => {
    expect(computeFees(compiled, birthData({ ageDays: 70 }, { extraCopies: 3, applicant: { nationalId: '1', poor: false } }))).toEqual({
      items: [
        { id: 'registration', amount: 0, quantity: 1, exempt: false, total: 0 },
        { id: 'late', amount: 5000, quantity: 1, exempt: false, total: 5000 },
        { id: 'copies', amount: 8000, quantity: 3, exempt: false, total: 24000 },
      ],
      total: 29000,
    });
    const poor = computeFees(compiled, birthData({ ageDays: 70 }, { applicant: { nationalId: '1', poor: true } }));
    expect(poor.items.find((i) => i.id === 'late')).toEqual({ id: 'late', amount: 5000, quantity: 1, exempt: true, total: 0 });
    expect(poor.total).toBe(0);
  });

  it('applies schema defaults before evaluating (extraCopies defaults to 0)', () => {
    expect(computeFees(compiled, birthData()).total).toBe(0);
  });

  it('total equals the sum of the lines, for any data', () => {
    fc.assert(
      fc.property(fc.nat(400), fc.nat(10), fc.boolean(), (ageDays, extraCopies, poor) => {
        const fees = computeFees(compiled, birthData({ ageDays }, { extraCopies, applicant: { nationalId: '1', poor } }));
        expect(fees.total).toBe(fees.items.reduce((s, l) => s + l.total, 0));
        expect(fees.total).toBe((ageDays > 60 && !poor ? 5000 : 0) + 8000 * extraCopies);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a quantity that is not a whole number', () => {
    const p = birthProcedure({ fees: [{ id: 'x', amount: 10, quantity: 'data.child.ageDays - 100' }] });
    expect(() => computeFees(compileProcedure(p), birthData({ ageDays: 5 }))).toThrow(/not a whole number/);
  });
});
