import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import type { Actor } from './types';
import { APPLICANT, childProcedure, consultProcedure, envAt } from './fixtures';
import { applyCommand, submitCase, type CaseState, type Effect } from '.';

const parent = compileProcedure(consultProcedure());
const child = compileProcedure(childProcedure());
const POLICE: Actor = { kind: 'officer', id: 'p1', roles: ['police-officer'], level: 'province' };
const TAX: Actor = { kind: 'officer', id: 't1', roles: ['tax-officer'], level: 'province' };

function filed(name = 'An'): CaseState {
  return submitCase(parent, { data: { name }, uploads: [], actor: APPLICANT }, envAt('2026-02-12T09:00:00')).state;
}

describe('parallel steps', () => {
  it('waits in every branch; tasks sharing an action name move only their own branch', () => {
    const s = filed();
    expect(s.active).toEqual(['police-check', 'tax-check']);
    const police = applyCommand(parent, s, { type: 'act', step: 'police-check', action: 'done', actor: POLICE }, envAt('2026-02-12T10:00:00'));
    expect(police.state.active).toEqual(['tax-check']);
    expect(police.state.status).toBe('processing');
  });

  it('leaves for `to` when every branch ended', () => {
    const s1 = applyCommand(parent, filed(), { type: 'act', step: 'tax-check', action: 'done', actor: TAX }, envAt('2026-02-12T10:00:00')).state;
    const s2 = applyCommand(parent, s1, { type: 'act', step: 'police-check', action: 'done', actor: POLICE }, envAt('2026-02-12T11:00:00'));
    expect(s2.state.active).toEqual(['residence']);
    expect(s2.state.status).toBe('awaiting-child');
  });

  it('closes the whole case when a branch reaches an outcome', () => {
    const r = applyCommand(parent, filed(), { type: 'act', step: 'police-check', action: 'refuse', actor: POLICE }, envAt('2026-02-12T10:00:00'));
    expect(r.state).toMatchObject({ outcome: 'rejected', active: [] });
  });

  it("times the parallel step's own SLA, once", () => {
    const p = consultProcedure();
    p.steps[0] = { ...p.steps[0], sla: { value: 2, unit: 'working-hour' } } as (typeof p.steps)[0];
    const c = compileProcedure(p);
    const s = submitCase(c, { data: { name: 'An' }, uploads: [], actor: APPLICANT }, envAt('2026-02-12T09:00:00')).state;
    expect(s.steps.consult?.due).toBe('2026-02-12T11:00:00+07:00');
    const late = applyCommand(c, s, { type: 'tick' }, envAt('2026-02-12T11:30:00'));
    expect(late.events).toEqual([expect.objectContaining({ type: 'overdue', step: 'consult' })]);
    expect(applyCommand(c, late.state, { type: 'tick' }, envAt('2026-02-12T12:30:00')).events).toEqual([]);
  });

  it('restarts the whole limit after a supplement in a branch (suspension: restart)', () => {
    const asked = applyCommand(parent, filed(), { type: 'act', step: 'tax-check', action: 'ask', actor: TAX }, envAt('2026-02-12T10:00:00')).state;
    expect(asked.active).toEqual(['police-check', 'tax-supplement']);
    expect(asked.status).toBe('suspended');
    const back = applyCommand(parent, asked, { type: 'supplement', actor: APPLICANT }, envAt('2026-02-13T14:00:00')).state;
    expect(back.active).toEqual(['police-check', 'tax-check']);
    // 8 working hours from Fri 13 Feb 14:00 (16-17 Feb off): Wed 18 Feb 13:00.
    expect(back.due).toBe('2026-02-18T13:00:00+07:00');
  });
});

describe('child procedures', () => {
  it('round trip: start-child effect, the child runs, child-finished moves the parent', () => {
    let s = filed('Binh');
    s = applyCommand(parent, s, { type: 'act', step: 'tax-check', action: 'done', actor: TAX }, envAt('2026-02-12T10:00:00')).state;
    const entered = applyCommand(parent, s, { type: 'act', step: 'police-check', action: 'done', actor: POLICE }, envAt('2026-02-12T11:00:00'));
    const start = entered.effects.find((e): e is Extract<Effect, { type: 'start-child' }> => e.type === 'start-child');
    expect(start).toEqual({ type: 'start-child', step: 'residence', procedure: '9.000300', data: { applicantName: 'Binh' } });
    expect(entered.state.children.residence).toEqual({ procedure: '9.000300', status: 'running' });

    // The caller runs the child case with the same runtime.
    const c0 = submitCase(child, { data: start?.data ?? {}, uploads: [], actor: { kind: 'system' } }, envAt('2026-02-12T11:00:00'));
    const c1 = applyCommand(child, c0.state, { type: 'act', step: 'register', action: 'ok', actor: POLICE }, envAt('2026-02-12T15:00:00'));
    expect(c1.state.status).toBe('done');

    const done = applyCommand(parent, entered.state, { type: 'child-finished', step: 'residence', outcome: c1.state.outcome ?? '', status: c1.state.status as 'done' }, envAt('2026-02-12T15:00:00'));
    expect(done.state).toMatchObject({ outcome: 'approved', onTime: true });
    expect(done.state.children.residence).toEqual({ procedure: '9.000300', status: 'finished', outcome: 'done', outcomeStatus: 'done' });
    expect(done.events.map((e) => e.type)).toEqual(['child-finished', 'transition', 'closed']);
  });

  it('takes onFail when the child did not end done', () => {
    let s = filed();
    s = applyCommand(parent, s, { type: 'act', step: 'tax-check', action: 'done', actor: TAX }, envAt('2026-02-12T10:00:00')).state;
    s = applyCommand(parent, s, { type: 'act', step: 'police-check', action: 'done', actor: POLICE }, envAt('2026-02-12T10:00:00')).state;
    const failed = applyCommand(parent, s, { type: 'child-finished', step: 'residence', outcome: 'refused', status: 'rejected' }, envAt('2026-02-12T12:00:00'));
    expect(failed.state.outcome).toBe('rejected');
  });

  it('refuses child-finished for a step that is not waiting for a child', () => {
    expect(() => applyCommand(parent, filed(), { type: 'child-finished', step: 'residence', outcome: 'done', status: 'done' }, envAt('2026-02-12T12:00:00'))).toThrow(/not an active procedure step/);
  });

  it('starts linked procedures at submission when their condition holds', () => {
    const r = submitCase(parent, { data: { name: 'link' }, uploads: [], actor: APPLICANT }, envAt('2026-02-12T09:00:00'));
    expect(r.effects).toEqual([{ type: 'start-linked', procedure: '9.000400', data: { who: 'link' } }]);
  });
});

describe('supplements in two branches', () => {
  const p = consultProcedure();
  const consult = p.steps[0];
  if (consult?.kind === 'parallel') {
    consult.branches.police = [
      { id: 'police-check', kind: 'task', role: 'police-officer', actions: { done: { to: 'end' }, ask: { to: 'police-supplement' } } },
      { id: 'police-supplement', kind: 'supplement', to: 'police-check' },
    ];
  }
  const c = compileProcedure(p);

  it('keeps the clock stopped until every branch got its answer; answers name their step', () => {
    let s = submitCase(c, { data: { name: 'An' }, uploads: [], actor: APPLICANT }, envAt('2026-02-12T09:00:00')).state;
    s = applyCommand(c, s, { type: 'act', step: 'police-check', action: 'ask', actor: POLICE }, envAt('2026-02-12T10:00:00')).state;
    s = applyCommand(c, s, { type: 'act', step: 'tax-check', action: 'ask', actor: TAX }, envAt('2026-02-12T11:00:00')).state;
    expect(s.active).toEqual(['police-supplement', 'tax-supplement']);
    expect(() => applyCommand(c, s, { type: 'supplement', step: 'police-check', actor: APPLICANT }, envAt('2026-02-13T09:00:00'))).toThrow(/not a supplement waiting/);
    const one = applyCommand(c, s, { type: 'supplement', step: 'tax-supplement', actor: APPLICANT }, envAt('2026-02-13T09:00:00'));
    expect(one.state.active).toEqual(['police-supplement', 'tax-check']);
    expect(one.state.status).toBe('suspended');
    expect(one.state.clock.suspendedAt).toBeDefined();
    expect(one.events.map((e) => e.type)).toEqual(['transition']);
    const both = applyCommand(c, one.state, { type: 'supplement', actor: APPLICANT }, envAt('2026-02-13T10:00:00'));
    expect(both.state.active).toEqual(['police-check', 'tax-check']);
    expect(both.state.clock.suspendedAt).toBeUndefined();
    expect(both.events.map((e) => e.type)).toEqual(['transition', 'resumed']);
  });
});
