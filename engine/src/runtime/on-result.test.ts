import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import { APPLICANT, CHAIR, OFFICER, birthData, birthProcedure, envAt, refusal } from './fixtures';
import { applyCommand, submitCase, type CaseState } from '.';

/** The fixture with `payment: on-result` and no payment step: the fees are due with the result. */
const base = birthProcedure();
const compiled = compileProcedure({
  ...base,
  payment: 'on-result',
  steps: [{ id: 'verify', kind: 'task', role: 'civil-status-officer', level: 'commune', actions: { approve: { to: 'sign' }, reject: { to: 'rejected' } } }, ...base.steps.filter((s) => s.id === 'sign')],
});

function decided(extra: Record<string, unknown>): CaseState {
  const filed = submitCase(compiled, { data: birthData({}, extra), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-12T09:00:00'));
  const verified = applyCommand(compiled, filed.state, { type: 'act', step: 'verify', action: 'approve', actor: OFFICER }, envAt('2026-02-12T10:00:00'));
  return verified.state;
}

describe('payment: on-result', () => {
  it('holds the result of a decided case until the fees are paid, then issues it', () => {
    const signed = applyCommand(compiled, decided({ extraCopies: 2 }), { type: 'act', step: 'sign', action: 'sign', actor: CHAIR }, envAt('2026-02-12T11:00:00'));
    expect(signed.state.outcome).toBe('approved');
    expect(signed.state.onTime).toBe(true);
    expect(signed.state.status).toBe('awaiting-payment');
    expect(signed.state.result).toBeUndefined();
    expect(signed.effects.filter((e) => e.type === 'issue-result')).toEqual([]);
    expect(signed.events.find((e) => e.type === 'result-held')?.detail).toEqual({ outcome: 'approved', document: 'birth-certificate', balance: 16000 });

    // Nothing else moves a decided case: only the exact balance.
    expect(refusal(() => applyCommand(compiled, signed.state, { type: 'pay', amount: 1000, actor: APPLICANT }, envAt('2026-02-13T09:00:00'))).code).toBe('E_PAYMENT_AMOUNT');
    expect(refusal(() => applyCommand(compiled, signed.state, { type: 'withdraw', actor: APPLICANT }, envAt('2026-02-13T09:00:00'))).code).toBe('E_CASE_CLOSED');

    const paid = applyCommand(compiled, signed.state, { type: 'pay', amount: 16000, actor: APPLICANT, reference: 'VNP-1' }, envAt('2026-02-13T09:00:00'));
    expect(paid.state.status).toBe('done');
    expect(paid.state.resultHeld).toBeUndefined();
    expect(paid.state.result).toMatchObject({ outcome: 'approved', document: 'birth-certificate', issuedAt: '2026-02-13T09:00:00+07:00' });
    expect(paid.effects).toEqual([{ type: 'issue-result', outcome: 'approved', document: 'birth-certificate', issuer: 'commune', store: 'wallet' }]);
    // The decision's time, not the payment's, judges the deadline.
    expect(paid.state.onTime).toBe(true);
    expect(paid.state.closedAt).toBe(signed.state.closedAt);
    expect(refusal(() => applyCommand(compiled, paid.state, { type: 'pay', amount: 16000, actor: APPLICANT }, envAt('2026-02-13T10:00:00'))).code).toBe('E_CASE_CLOSED');
  });

  it('issues at once when nothing is due', () => {
    const signed = applyCommand(compiled, decided({}), { type: 'act', step: 'sign', action: 'sign', actor: CHAIR }, envAt('2026-02-12T11:00:00'));
    expect(signed.state.status).toBe('done');
    expect(signed.effects.map((e) => e.type)).toEqual(['issue-result']);
  });

  it('holds nothing on an outcome without a result (a rejection)', () => {
    const refused = applyCommand(compiled, decided({ extraCopies: 2 }), { type: 'act', step: 'sign', action: 'refuse', actor: CHAIR }, envAt('2026-02-12T11:00:00'));
    expect(refused.state.status).toBe('rejected');
    expect(refused.state.resultHeld).toBeUndefined();
  });
});
