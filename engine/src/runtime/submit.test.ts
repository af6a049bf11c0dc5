import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import { MotcuaError } from '../errors';
import { APPLICANT, birthData, birthProcedure, envAt, registry, refusal } from './fixtures';
import { applyCommand, planLookups, submitCase } from '.';

const compiled = compileProcedure(birthProcedure());
const env = envAt('2026-02-12T09:00:00');

describe('submitCase', () => {
  it('prefills locked fields with provenance, replaces components from sources, computes fees and the due', () => {
    const { state, events } = submitCase(compiled, { data: birthData({ ageDays: 70 }, { extraCopies: 2 }), uploads: ['request-form'], actor: APPLICANT }, env);
    expect(state.data.applicant).toEqual({ nationalId: '001090000001', poor: false, fullName: 'Nguyen Van A', birthDate: '1990-01-01' });
    expect(state.prefilled).toEqual([
      { field: 'applicant', source: 'population', key: '001090000001', lock: true, readAt: '2026-02-12T09:00:00+07:00', value: { fullName: 'Nguyen Van A', birthDate: '1990-01-01' } },
    ]);
    expect(state.components['birth-certificate']).toMatchObject({ status: 'replaced', required: true, provenance: { source: 'health', key: 'BN-1' } });
    expect(state.components['request-form']?.status).toBe('provided');
    expect(state.components['abroad-proof']).toMatchObject({ status: 'missing', required: false });
    expect(state.fees.total).toBe(5000 + 2 * 8000);
    expect(state.fees.items.map((i) => i.id)).toEqual(['registration', 'late', 'copies']);
    // Thu 12 Feb + 3 working days, 16-17 Feb off: Thu 19 Feb at close.
    expect(state.due).toBe('2026-02-19T17:00:00+07:00');
    expect(state.active).toEqual(['pay']);
    expect(state.status).toBe('awaiting-payment');
    expect(events.map((e) => e.type)).toEqual(['submitted', 'transition']);
  });

  it('moves receipt into working time', () => {
    const { state } = submitCase(compiled, { data: birthData(), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-13T18:30:00'));
    expect(state.submittedAt).toBe('2026-02-13T18:30:00+07:00');
    expect(state.receivedAt).toBe('2026-02-18T08:00:00+07:00');
  });

  it('passes through a zero-fee payment and the choice to the first task', () => {
    const { state } = submitCase(compiled, { data: birthData(), uploads: ['request-form'], actor: APPLICANT }, env);
    expect(state.fees.total).toBe(0);
    expect(state.active).toEqual(['verify']);
    expect(state.status).toBe('processing');
    expect(Object.keys(state.steps)).toEqual(['pay', 'route', 'verify']);
    expect(state.steps.verify?.due).toBe('2026-02-12T13:00:00+07:00');
  });

  it('takes a choice branch whose condition holds', () => {
    const { state } = submitCase(compiled, { data: birthData({ bornAbroad: true }), uploads: ['request-form', 'abroad-proof'], actor: APPLICANT }, env);
    expect(state.active).toEqual(['province-review']);
  });

  it('lists every missing required component at once', () => {
    const none = registry({});
    const err = refusal(() => submitCase(compiled, { data: birthData({ bornAbroad: true }), uploads: [], actor: APPLICANT }, { ...env, sources: none }));
    expect(err.code).toBe('E_MISSING_COMPONENTS');
    expect(err.problems.map((p) => p.path)).toEqual(['request-form', 'birth-certificate', 'abroad-proof']);
  });

  it('lists every schema violation at once with JSON paths', () => {
    const err = refusal(() => submitCase(compiled, { data: { applicant: { nationalId: 'x' }, child: { ageDays: -1 } }, uploads: ['request-form'], actor: APPLICANT }, env));
    expect(err.code).toBe('E_INVALID_DATA');
    expect(err.problems.map((p) => p.path).sort()).toEqual(['data.applicant.nationalId', 'data.child.ageDays', 'data.child.name']);
  });

  it('refuses a change to a locked prefilled field', () => {
    const data = birthData();
    (data.applicant as Record<string, unknown>).fullName = 'Someone Else';
    const err = refusal(() => submitCase(compiled, { data, uploads: ['request-form'], actor: APPLICANT }, env));
    expect(err.code).toBe('E_LOCKED_FIELD');
    expect(err.problems[0]?.path).toBe('data.applicant.fullName');
  });

  it('refuses when an expression reads an absent field, naming it', () => {
    const p = birthProcedure();
    p.fees = [{ id: 'notice', amount: 1000, when: "data.child.birthNoticeNo == 'x'" }];
    const err = refusal(() => submitCase(compileProcedure(p), { data: birthData({ birthNoticeNo: undefined }), uploads: ['request-form', 'birth-certificate'], actor: APPLICANT }, env));
    expect(err.code).toBe('E_CEL_ABSENT_FIELD');
    expect(err.message).toContain('birthNoticeNo');
  });

  it('refuses when a choice branch reads an absent field (inside the machine)', () => {
    const p = birthProcedure();
    p.steps[1] = { id: 'route', kind: 'choice', branches: [{ when: "data.child.birthNoticeNo == 'x'", to: 'verify' }], otherwise: 'verify' };
    const err = refusal(() => submitCase(compileProcedure(p), { data: birthData({ birthNoticeNo: undefined }), uploads: ['request-form', 'birth-certificate'], actor: APPLICANT }, env));
    expect(err.code).toBe('E_CEL_ABSENT_FIELD');
    // The same choice reached later, by a command: refused the same way, state untouched.
    const c = compileProcedure(p);
    const waiting = submitCase(c, { data: birthData({ birthNoticeNo: undefined }, { extraCopies: 1 }), uploads: ['request-form', 'birth-certificate'], actor: APPLICANT }, env).state;
    expect(waiting.active).toEqual(['pay']);
    expect(refusal(() => applyCommand(c, waiting, { type: 'pay', amount: 8000, actor: APPLICANT }, env)).code).toBe('E_CEL_ABSENT_FIELD');
    expect(waiting.paid).toBe(0);
  });

  it('refuses uploads that name no component', () => {
    const err = refusal(() => submitCase(compiled, { data: birthData(), uploads: ['request-form', 'selfie'], actor: APPLICANT }, env));
    expect(err.code).toBe('E_UNKNOWN_COMPONENT');
  });

  it('emits start-linked effects for linked procedures whose condition holds', () => {
    const p = birthProcedure({ linked: [{ procedure: '1.004222', when: 'data.extraCopies > 0', data: { id: 'data.applicant.nationalId' } }] });
    const c = compileProcedure(p);
    expect(submitCase(c, { data: birthData(), uploads: ['request-form'], actor: APPLICANT }, env).effects).toEqual([]);
    const { effects } = submitCase(c, { data: birthData({}, { extraCopies: 1 }), uploads: ['request-form'], actor: APPLICANT }, env);
    expect(effects).toEqual([{ type: 'start-linked', procedure: '1.004222', data: { id: '001090000001' } }]);
  });

  it('never throws anything but a MotcuaError for bad input', () => {
    for (const data of [{}, { applicant: 5 }, { child: [] }, { applicant: { nationalId: 1 } }]) {
      expect(() => submitCase(compiled, { data, uploads: [], actor: APPLICANT }, env)).toThrow(MotcuaError);
    }
  });
});

describe('planLookups', () => {
  it('plans prefill first, then replacements from the prefilled data', () => {
    const p = birthProcedure();
    p.components = [{ id: 'residence', name: { vi: 'Cư trú' }, replaceableBy: { source: 'residence', key: 'data.applicant.fullName' } }];
    const c = compileProcedure(p);
    const data = { applicant: { nationalId: '001090000001' }, child: { name: 'B', ageDays: 1 } };
    expect(planLookups(c, data)).toEqual([{ source: 'population', key: '001090000001', for: { prefill: 'applicant' } }]);
    expect(planLookups(c, data, envAt('2026-02-12T09:00:00').sources)).toEqual([
      { source: 'population', key: '001090000001', for: { prefill: 'applicant' } },
      { source: 'residence', key: 'Nguyen Van A', for: { component: 'residence' } },
    ]);
  });
});
