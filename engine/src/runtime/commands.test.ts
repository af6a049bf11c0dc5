import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import type { RefusalError } from '../errors';
import { AccessError } from '../errors';
import { APPLICANT, birthData, birthProcedure, CHAIR, envAt, OFFICER } from './fixtures';
import { applyCommand, submitCase, type CaseCommand, type CaseState, type TransitionResult } from '.';

const compiled = compileProcedure(birthProcedure());

function submitted(extraCopies = 0, at = '2026-02-12T09:00:00'): CaseState {
  return submitCase(compiled, { data: birthData({}, { extraCopies }), uploads: ['request-form'], actor: APPLICANT }, envAt(at)).state;
}
const run = (state: CaseState, command: CaseCommand, at = '2026-02-12T10:00:00'): TransitionResult => applyCommand(compiled, state, command, envAt(at));

function thrown(fn: () => unknown): { code: string; error: unknown } {
  try {
    fn();
  } catch (error) {
    return { code: (error as { code: string }).code, error };
  }
  throw new Error('expected an error');
}

describe('task actions', () => {
  it('moves on an allowed action by an officer with the role and level', () => {
    const r = run(submitted(), { type: 'act', step: 'verify', action: 'approve', actor: OFFICER });
    expect(r.state.active).toEqual(['sign']);
    expect(r.events).toEqual([expect.objectContaining({ type: 'transition', step: 'verify', action: 'approve', from: ['verify'], to: ['sign'] })]);
    expect(r.state.steps.verify?.finishedAt).toBe('2026-02-12T10:00:00+07:00');
  });

  it('does not modify the state it was given', () => {
    const before = submitted();
    const copy = structuredClone(before);
    run(before, { type: 'act', step: 'verify', action: 'approve', actor: OFFICER });
    expect(before).toEqual(copy);
  });

  it('closes in an outcome with a result: issue-result effect, onTime, closedAt', () => {
    const signed = run(run(submitted(), { type: 'act', step: 'verify', action: 'approve', actor: OFFICER }).state, { type: 'act', step: 'sign', action: 'sign', actor: CHAIR }, '2026-02-13T09:00:00');
    expect(signed.state).toMatchObject({ status: 'done', outcome: 'approved', onTime: true, closedAt: '2026-02-13T09:00:00+07:00', active: [] });
    expect(signed.state.result).toMatchObject({ outcome: 'approved', document: 'birth-certificate', issuedAt: '2026-02-13T09:00:00+07:00' });
    expect(signed.effects).toEqual([{ type: 'issue-result', outcome: 'approved', document: 'birth-certificate', issuer: 'commune', store: 'wallet' }]);
    expect(signed.events.map((e) => e.type)).toEqual(['transition', 'closed']);
  });

  it('is late when the outcome comes after the due', () => {
    const signed = run(run(submitted(), { type: 'act', step: 'verify', action: 'approve', actor: OFFICER }).state, { type: 'act', step: 'sign', action: 'sign', actor: CHAIR }, '2026-02-20T09:00:00');
    expect(signed.state.onTime).toBe(false);
  });

  it('refuses an action of an inactive step or an unknown action, naming what is allowed', () => {
    const s = submitted();
    const a = thrown(() => run(s, { type: 'act', step: 'sign', action: 'sign', actor: CHAIR }));
    expect(a.code).toBe('E_ACTION_NOT_ALLOWED');
    expect((a.error as RefusalError).message).toContain('verify (approve, request-supplement, reject, extend-time)');
    expect(thrown(() => run(s, { type: 'act', step: 'verify', action: 'sign', actor: OFFICER })).code).toBe('E_ACTION_NOT_ALLOWED');
  });

  it('refuses an officer without the role or at another level, and applicants', () => {
    const s = submitted();
    for (const actor of [CHAIR, { ...OFFICER, level: 'province' as const }, APPLICANT]) {
      const { error } = thrown(() => run(s, { type: 'act', step: 'verify', action: 'approve', actor }));
      expect(error).toBeInstanceOf(AccessError);
      expect((error as AccessError).code).toBe('E_FORBIDDEN');
    }
  });

  it('checks the action form against its schema, listing every problem', () => {
    const s = submitted();
    const { code, error } = thrown(() => run(s, { type: 'act', step: 'verify', action: 'reject', form: { reason: 'no' }, actor: OFFICER }));
    expect(code).toBe('E_INVALID_FORM');
    expect((error as RefusalError).problems[0]?.path).toBe('form.reason');
    expect(thrown(() => run(s, { type: 'act', step: 'verify', action: 'reject', actor: OFFICER })).code).toBe('E_INVALID_FORM');
    const ok = run(s, { type: 'act', step: 'verify', action: 'reject', form: { reason: 'forged certificate' }, actor: OFFICER });
    expect(ok.state).toMatchObject({ outcome: 'rejected', status: 'rejected' });
    expect(ok.events[0]?.form).toEqual({ reason: 'forged certificate' });
    expect(ok.effects).toEqual([]);
  });

  it("extends the due with an action's `extend`", () => {
    const r = run(submitted(), { type: 'act', step: 'verify', action: 'extend-time', actor: OFFICER });
    expect(r.state.due).toBe('2026-02-23T17:00:00+07:00');
    expect(r.events.map((e) => e.type)).toEqual(['extended', 'transition']);
    expect(r.state.active).toEqual(['verify']);
  });

  it('refuses anything on a closed case', () => {
    const closed = run(submitted(), { type: 'withdraw', actor: APPLICANT }).state;
    for (const command of [
      { type: 'act', step: 'verify', action: 'approve', actor: OFFICER },
      { type: 'withdraw', actor: APPLICANT },
      { type: 'pay', amount: 1, actor: APPLICANT },
    ] as CaseCommand[]) {
      expect(thrown(() => run(closed, command)).code).toBe('E_CASE_CLOSED');
    }
  });
});

describe('payment', () => {
  it('waits for exactly the fees, then moves on', () => {
    const s = submitted(2);
    expect(s.active).toEqual(['pay']);
    expect(thrown(() => run(s, { type: 'pay', amount: 1000, actor: APPLICANT })).code).toBe('E_PAYMENT_AMOUNT');
    const paid = run(s, { type: 'pay', amount: 16000, reference: 'VNPAY-1', actor: APPLICANT });
    expect(paid.state).toMatchObject({ paid: 16000, active: ['verify'], status: 'processing' });
    expect(paid.state.payments).toEqual([{ amount: 16000, reference: 'VNPAY-1', at: '2026-02-12T10:00:00+07:00' }]);
    expect(paid.events.map((e) => e.type)).toEqual(['paid', 'transition']);
    expect(thrown(() => run(paid.state, { type: 'pay', amount: 16000, actor: APPLICANT })).code).toBe('E_ALREADY_PAID');
  });

  it('refuses payment when nothing is due', () => {
    expect(thrown(() => run(submitted(0), { type: 'pay', amount: 0, actor: APPLICANT })).code).toBe('E_ALREADY_PAID');
  });
});

describe('supplement', () => {
  const asked = (): CaseState => run(submitted(), { type: 'act', step: 'verify', action: 'request-supplement', actor: OFFICER }).state;

  it('suspends the clock while waiting and resumes it with the time left (stop)', () => {
    const s = asked();
    expect(s.status).toBe('suspended');
    expect(s.clock.suspendedAt).toBeDefined();
    // Asked Thu 12 Feb 10:00 with 3 working days and 7 hours left; answered Wed 18 Feb 10:00.
    const r = run(s, { type: 'supplement', uploads: { 'abroad-proof': { hash: 'h1' } }, data: { extraCopies: 1 }, actor: APPLICANT }, '2026-02-18T10:00:00');
    expect(r.state.active).toEqual(['verify']);
    expect(r.state.due).toBe('2026-02-23T17:00:00+07:00');
    expect(r.state.components['abroad-proof']).toMatchObject({ status: 'provided', file: { hash: 'h1' } });
    expect(r.state.fees.total).toBe(8000);
    expect(r.events.map((e) => e.type)).toEqual(['transition', 'resumed']);
  });

  it('routes on the data the supplement just gave (the guards read the data of this transition)', () => {
    const procedure = birthProcedure();
    const steps = procedure.steps.map((s) => (s.id === 'supplement' ? { ...s, to: 'route' } : s));
    const rerouted = compileProcedure({ ...procedure, steps });
    const go = (state: CaseState, command: CaseCommand): CaseState => applyCommand(rerouted, state, command, envAt('2026-02-12T10:00:00')).state;
    const filed = submitCase(rerouted, { data: birthData(), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-12T09:00:00')).state;
    expect(filed.active).toEqual(['verify']);
    const waiting = go(filed, { type: 'act', step: 'verify', action: 'request-supplement', actor: OFFICER });
    const abroad = go(waiting, { type: 'supplement', uploads: { 'abroad-proof': { hash: 'h' } }, data: { child: { name: 'B', ageDays: 10, birthNoticeNo: 'BN-1', bornAbroad: true } }, actor: APPLICANT });
    expect(abroad.active).toEqual(['province-review']);
    const home = go(waiting, { type: 'supplement', data: { extraCopies: 1 }, actor: APPLICANT });
    expect(home.active).toEqual(['verify']);
    expect(waiting.data).toEqual(filed.data);
  });

  it('refuses a supplement nobody asked for, from an officer, or that changes locked data', () => {
    expect(thrown(() => run(submitted(), { type: 'supplement', uploads: [], actor: APPLICANT })).code).toBe('E_ACTION_NOT_ALLOWED');
    expect(thrown(() => run(asked(), { type: 'supplement', uploads: [], actor: OFFICER })).code).toBe('E_FORBIDDEN');
    const locked = thrown(() => run(asked(), { type: 'supplement', data: { applicant: { nationalId: '001090000001', fullName: 'X' } }, actor: APPLICANT }));
    expect(locked.code).toBe('E_LOCKED_FIELD');
    expect(thrown(() => run(asked(), { type: 'supplement', data: { extraCopies: -1 }, actor: APPLICANT })).code).toBe('E_INVALID_DATA');
  });
});

describe('withdraw', () => {
  it('closes the case as withdrawn, from any step', () => {
    const r = run(submitted(2), { type: 'withdraw', actor: APPLICANT, reason: 'moved away' });
    expect(r.state).toMatchObject({ outcome: 'withdrawn', status: 'withdrawn', active: [] });
    expect(r.events.map((e) => e.type)).toEqual(['withdrawn', 'transition', 'closed']);
  });

  it('is refused when the procedure has no withdrawn outcome, or to an officer', () => {
    const p = birthProcedure();
    delete p.outcomes.withdrawn;
    const c = compileProcedure(p);
    const s = submitCase(c, { data: birthData(), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-12T09:00:00')).state;
    expect(thrown(() => applyCommand(c, s, { type: 'withdraw', actor: APPLICANT }, envAt('2026-02-12T10:00:00'))).code).toBe('E_ACTION_NOT_ALLOWED');
    expect(thrown(() => run(submitted(), { type: 'withdraw', actor: OFFICER })).code).toBe('E_FORBIDDEN');
  });
});

describe('tick', () => {
  it('emits due-soon and overdue once each', () => {
    const s = submitted();
    expect(run(s, { type: 'tick' }, '2026-02-12T12:00:00').events).toEqual([]);
    // The SLA of verify (4 working hours) is past at 13:00.
    const sla = run(s, { type: 'tick' }, '2026-02-12T14:00:00');
    expect(sla.events).toEqual([expect.objectContaining({ type: 'overdue', step: 'verify' })]);
    const soon = run(sla.state, { type: 'tick' }, '2026-02-19T12:00:00');
    expect(soon.events.map((e) => e.type)).toEqual(['due-soon']);
    expect(run(soon.state, { type: 'tick' }, '2026-02-19T13:00:00').events).toEqual([]);
    const late = run(soon.state, { type: 'tick' }, '2026-02-19T17:30:00');
    expect(late.events.map((e) => e.type)).toEqual(['overdue']);
    expect(run(late.state, { type: 'tick' }, '2026-02-20T09:00:00').events).toEqual([]);
  });

  it('re-arms after an extension moves the due', () => {
    const late = run(submitted(), { type: 'tick' }, '2026-02-20T09:00:00');
    expect(late.events.map((e) => e.type)).toEqual(['overdue', 'overdue']);
    const extended = run(late.state, { type: 'extend', value: 5, actor: OFFICER, reason: 'consultation' }, '2026-02-20T09:00:00');
    expect(extended.state.due).toBe('2026-02-26T17:00:00+07:00');
    expect(run(extended.state, { type: 'tick' }, '2026-02-27T09:00:00').events.map((e) => e.type)).toEqual(['overdue']);
  });

  it('refuses an extension past the procedure\'s max, however large, at once', () => {
    const s = submitted();
    for (const value of [11, 1_000_000, 100_000_000, Number.MAX_SAFE_INTEGER]) {
      expect(thrown(() => run(s, { type: 'extend', value, actor: OFFICER })).code, String(value)).toBe('E_EXTENSION_MAX');
    }
    const six = run(s, { type: 'extend', value: 6, actor: OFFICER }).state;
    expect(thrown(() => run(six, { type: 'extend', value: 5, actor: OFFICER })).code).toBe('E_EXTENSION_MAX');
    expect(run(six, { type: 'extend', value: 4, actor: OFFICER }).state.clock.extensions).toEqual([6, 4]);
  });

  it('stays silent while suspended', () => {
    const s = run(submitted(), { type: 'act', step: 'verify', action: 'request-supplement', actor: OFFICER }).state;
    expect(run(s, { type: 'tick' }, '2026-03-30T09:00:00').events).toEqual([]);
  });
});

describe('malformed input', () => {
  it('refuses commands and submissions of the wrong shape with E_INVALID_COMMAND, naming the field', () => {
    const s = submitted();
    const cases: [unknown, string][] = [
      [{ type: 'act', step: 'verify', action: 'approve' }, 'actor'],
      [{ type: 'act', step: 'verify', action: 'approve', actor: { kind: 'officer', id: 'x' } }, 'actor.roles'],
      [{ type: 'pay', amount: '8000', actor: APPLICANT }, 'amount'],
      [{ type: 'supplement', uploads: 'x', actor: APPLICANT }, 'uploads'],
      [{ type: 'act', step: '', action: 'approve', actor: OFFICER }, 'step'],
    ];
    for (const [command, path] of cases) {
      const { code, error } = thrown(() => applyCommand(compiled, s, command as CaseCommand, envAt('2026-02-12T10:00:00')));
      expect(code).toBe('E_INVALID_COMMAND');
      expect((error as RefusalError).problems[0]?.path).toBe(path);
    }
    expect(thrown(() => applyCommand(compiled, s, { type: 'fly' } as unknown as CaseCommand, envAt('2026-02-12T10:00:00'))).code).toBe('E_UNKNOWN_COMMAND');
    const bad = thrown(() => submitCase(compiled, { data: 'x', uploads: 5, actor: {} } as never, envAt('2026-02-12T10:00:00')));
    expect(bad.code).toBe('E_INVALID_COMMAND');
    expect((bad.error as RefusalError).problems.map((p) => p.path)).toEqual(['data', 'uploads', 'actor']);
  });
});
