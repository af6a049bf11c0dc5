import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import type { Procedure } from '../model/procedure';
import { APPLICANT, OFFICER, birthProcedure, envAt, refusal } from './fixtures';
import { withoutComputed } from './computed';
import { applyCommand, submitCase } from '.';

/** The fixture's birth registration with the child's age computed from its birth date. */
function computedBirth(): Procedure {
  const p = birthProcedure();
  const schema = structuredClone(p.data?.schema ?? {}) as { properties: { child: { properties: Record<string, unknown>; required: string[] } } };
  schema.properties.child.properties.birthDate = { type: 'string', format: 'date' };
  schema.properties.child.required = ['name', 'birthDate', 'ageDays'];
  return {
    ...p,
    data: { ...p.data, schema, computed: [{ field: 'child.ageDays', value: 'daysBetween(data.child.birthDate, case.submittedAt)' }] },
  };
}

const compiled = compileProcedure(computedBirth());
const data = (child: Record<string, unknown>): Record<string, unknown> => ({ applicant: { nationalId: '001090000001' }, child: { name: 'B', birthNoticeNo: 'BN-1', ...child } });

describe('computed fields (data.computed)', () => {
  it('computes the age in days from the birth date and the filing time (Vietnam dates), and the fees follow it', () => {
    const late = submitCase(compiled, { data: data({ birthDate: '2025-12-01' }), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-12T09:00:00'));
    expect((late.state.data.child as { ageDays: number }).ageDays).toBe(73);
    expect(late.state.fees.items.map((i) => i.id)).toContain('late');
    // 23:30 on 11 Feb in Vietnam is still 11 Feb: 72 days, not 73.
    const evening = submitCase(compiled, { data: data({ birthDate: '2025-12-01' }), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-11T23:30:00'));
    expect((evening.state.data.child as { ageDays: number }).ageDays).toBe(72);
    const onTime = submitCase(compiled, { data: data({ birthDate: '2026-02-01' }), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-12T09:00:00'));
    expect((onTime.state.data.child as { ageDays: number }).ageDays).toBe(11);
    expect(onTime.state.fees.items.map((i) => i.id)).not.toContain('late');
  });

  it('refuses a submission that types a computed field, naming it', () => {
    const err = refusal(() => submitCase(compiled, { data: data({ birthDate: '2025-12-01', ageDays: 5 }), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-12T09:00:00')));
    expect(err.code).toBe('E_COMPUTED_FIELD');
    expect(err.problems.map((p) => p.path)).toEqual(['data.child.ageDays']);
  });

  it('refuses an impossible date with the expression and where it is', () => {
    const err = refusal(() => submitCase(compiled, { data: data({ birthDate: '2025-02-30' }), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-12T09:00:00')));
    expect(err.code).toBe('E_CEL_EVALUATION');
    expect(err.path).toBe('data.computed[0].value');
  });

  it('recomputes after a supplement corrects the birth date, as of the filing time; a typed age is refused there too', () => {
    const filed = submitCase(compiled, { data: data({ birthDate: '2026-02-01' }), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-12T09:00:00'));
    const asked = applyCommand(compiled, filed.state, { type: 'act', step: 'verify', action: 'request-supplement', actor: OFFICER }, envAt('2026-02-12T10:00:00'));
    const typed = refusal(() => applyCommand(compiled, asked.state, { type: 'supplement', data: { child: { name: 'B', birthDate: '2025-11-01', ageDays: 1 } }, actor: APPLICANT }, envAt('2026-02-20T10:00:00')));
    expect(typed.code).toBe('E_COMPUTED_FIELD');
    const fixed = applyCommand(compiled, asked.state, { type: 'supplement', data: { child: { name: 'B', birthDate: '2025-11-01', birthNoticeNo: 'BN-1' } }, actor: APPLICANT }, envAt('2026-02-20T10:00:00'));
    expect((fixed.state.data.child as { ageDays: number }).ageDays).toBe(103);
    expect(fixed.state.fees.items.map((i) => i.id)).toContain('late');
  });

  it('drops computed fields from what a parent passes to a child (the child computes its own)', () => {
    expect(withoutComputed(compiled.procedure.data?.computed, { child: { name: 'B', ageDays: 3 }, x: 1 })).toEqual({ child: { name: 'B' }, x: 1 });
    expect(withoutComputed(compiled.procedure.data?.computed, { x: 1 })).toEqual({ x: 1 });
  });
});
