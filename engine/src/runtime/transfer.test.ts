import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import { APPLICANT, birthData, birthProcedure, envAt, OFFICER } from './fixtures';
import { applyCommand, submitCase, type CaseState } from '.';

const compiled = compileProcedure(birthProcedure());
const ADMIN = { kind: 'system', id: 'reorganization:test' } as const;

function filedAt(unit: string): CaseState {
  return submitCase(compiled, { data: birthData(), uploads: ['request-form'], actor: APPLICANT, unit }, envAt('2026-02-12T09:00:00')).state;
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as { code: string }).code;
  }
  throw new Error('expected a refusal');
}

describe('transfer (a reorganization moves the case to another unit)', () => {
  it('changes the unit only: same steps, data and due; the timeline says from where to where', () => {
    const before = filedAt('minh-tri');
    const r = applyCommand(compiled, before, { type: 'transfer', unit: 'kim-anh', unitName: 'Xã Kim Anh', plan: 'p1', actor: ADMIN }, envAt('2026-02-13T09:00:00'));
    expect(r.state.unit).toBe('kim-anh');
    expect({ ...r.state, unit: before.unit }).toEqual(before);
    expect(r.events).toEqual([{ type: 'transferred', at: '2026-02-13T09:00:00+07:00', actor: ADMIN, detail: { from: 'minh-tri', to: 'kim-anh', toName: 'Xã Kim Anh', plan: 'p1' } }]);
    expect(r.effects).toEqual([]);
  });

  it('extends the due only when told to', () => {
    const before = filedAt('minh-tri');
    const r = applyCommand(compiled, before, { type: 'transfer', unit: 'kim-anh', extend: 2, reason: 'sáp nhập', actor: ADMIN }, envAt('2026-02-13T09:00:00'));
    expect(r.events.map((e) => e.type)).toEqual(['transferred', 'extended']);
    expect(Date.parse(r.state.due)).toBeGreaterThan(Date.parse(before.due));
  });

  it('refuses a closed case, an applicant, a bad extension and a missing unit', () => {
    const open = filedAt('a');
    const closed = applyCommand(compiled, open, { type: 'withdraw', actor: APPLICANT }, envAt('2026-02-12T10:00:00')).state;
    expect(code(() => applyCommand(compiled, closed, { type: 'transfer', unit: 'b', actor: ADMIN }, envAt('2026-02-13T09:00:00')))).toBe('E_CASE_CLOSED');
    expect(code(() => applyCommand(compiled, open, { type: 'transfer', unit: 'b', actor: APPLICANT }, envAt('2026-02-13T09:00:00')))).toBe('E_FORBIDDEN');
    expect(code(() => applyCommand(compiled, open, { type: 'transfer', unit: 'b', extend: 0, actor: OFFICER }, envAt('2026-02-13T09:00:00')))).toBe('E_INVALID_EXTENSION');
    expect(code(() => applyCommand(compiled, open, { type: 'transfer', unit: '', actor: ADMIN } as never, envAt('2026-02-13T09:00:00')))).toBe('E_INVALID_COMMAND');
  });
});
