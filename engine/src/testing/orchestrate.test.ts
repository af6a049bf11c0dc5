import { describe, expect, it } from 'vitest';
/**
 * The one orchestrator (engine/src/runtime/orchestrate): routing, child cases, roll-up and
 * refusal, action mapping; and the simulator doing exactly what the engine's functions say.
 */
import { compileProcedure } from '../compile';
import type { Procedure } from '../model/procedure';
import { actionCommand, applyCommand, childFinishedCommand, childUploads, planChild, routeUnit, startChild, submitCase, type UnitDirectory } from '../runtime';
import { APPLICANT, envAt, OFFICER, testCalendar } from '../runtime/fixtures';
import { simulate } from './simulator';

const UNITS: UnitDirectory = new Map([
  ['ministry-x', { id: 'ministry-x', level: 'ministry' }],
  ['prov', { id: 'prov', level: 'province', parent: null }],
  ['prov-health', { id: 'prov-health', level: 'province', parent: 'prov', sectors: ['health'] }],
  ['commune', { id: 'commune', level: 'commune', parent: 'prov' }],
  ['police-post', { id: 'police-post', level: 'commune', parent: 'commune', sectors: ['residence'] }],
] as const);

describe('routeUnit (one rule for filings and child cases)', () => {
  it('goes up to the level that handles the procedure, never down', () => {
    expect(routeUnit(UNITS, 'commune', { level: 'commune' })).toEqual({ kind: 'unit', unit: 'commune' });
    expect(routeUnit(UNITS, 'commune', { level: 'province' })).toEqual({ kind: 'unit', unit: 'prov' });
    expect(routeUnit(UNITS, 'prov', { level: 'commune' })).toMatchObject({ kind: 'none', problem: { code: 'E_UNIT_CANNOT_HANDLE', path: 'unit' } });
    expect(routeUnit(UNITS, 'ministry-x', { level: 'commune' })).toMatchObject({ kind: 'none', problem: { code: 'E_UNIT_CANNOT_HANDLE' } });
    expect(routeUnit(UNITS, 'commune', { level: 'ministry' })).toMatchObject({ kind: 'none' });
    expect(routeUnit(UNITS, 'nowhere', { level: 'commune' })).toMatchObject({ kind: 'none', problem: { code: 'E_UNKNOWN_UNIT' } });
  });

  it('picks the agency of the sector under the unit at that level', () => {
    expect(routeUnit(UNITS, 'commune', { level: 'province', sector: 'health' })).toEqual({ kind: 'unit', unit: 'prov-health' });
    expect(routeUnit(UNITS, 'commune', { level: 'province', sector: 'land' })).toEqual({ kind: 'unit', unit: 'prov' });
    expect(routeUnit(UNITS, 'prov-health', { level: 'province', sector: 'land' })).toEqual({ kind: 'unit', unit: 'prov' });
    expect(routeUnit(UNITS, 'commune', { level: 'commune', sector: 'residence' })).toEqual({ kind: 'unit', unit: 'police-post' });
    expect(routeUnit(UNITS, 'police-post', { level: 'commune', sector: 'civil-status' })).toEqual({ kind: 'unit', unit: 'commune' });
  });
});

/** A parent whose procedure step starts a child that needs an uploaded proof. */
const PARENT: Procedure = {
  code: '9.000500',
  version: '1.0.0',
  name: { vi: 'Cha (thử)' },
  sector: 'test',
  level: 'commune',
  data: { schema: { type: 'object', properties: { name: { type: 'string' } } } },
  components: [
    { id: 'proof', name: { vi: 'Chứng cứ' }, required: false },
    { id: 'form', name: { vi: 'Tờ khai' }, required: false },
  ],
  deadline: { value: 2, unit: 'working-day' },
  steps: [{ id: 'child', kind: 'procedure', procedure: '9.000501', data: { name: 'data.name' }, to: 'approved', onFail: 'partly' }],
  outcomes: { approved: { status: 'done' }, partly: { status: 'done' }, rejected: { status: 'rejected' }, withdrawn: { status: 'withdrawn' } },
};
const CHILD: Procedure = {
  code: '9.000501',
  version: '1.0.0',
  name: { vi: 'Con (thử)' },
  sector: 'residence',
  level: 'commune',
  data: { schema: { type: 'object', properties: { name: { type: 'string' } } } },
  components: [{ id: 'proof', name: { vi: 'Chứng cứ' }, required: true }],
  deadline: { value: 1, unit: 'working-day' },
  steps: [{ id: 'register', kind: 'task', role: 'police-officer', actions: { ok: { to: 'done' }, no: { to: 'refused' } } }],
  outcomes: { done: { status: 'done' }, refused: { status: 'rejected' } },
};
const parent = compileProcedure(PARENT);
const child = compileProcedure(CHILD);
const calendar = testCalendar();
const resolve = (code: string) => (code === CHILD.code ? child : undefined);

describe('child cases', () => {
  it('receive the components the parent holds as uploaded, with their files, and only those they declare', () => {
    const env = envAt('2026-03-02T09:00');
    const filed = submitCase(parent, { data: { name: 'A' }, uploads: { proof: { hash: 'h1', type: 'application/pdf' }, form: { hash: 'h2' } }, actor: APPLICANT, unit: 'commune', channel: 'online' }, env);
    expect(childUploads(filed.state, child)).toEqual({ proof: { hash: 'h1', type: 'application/pdf' } });
    const plan = planChild(filed.state, filed.effects[0] as never, child, UNITS);
    // Routed by the child's sector to the commune's police post; filed for the parent's applicant, through its channel.
    expect(plan).toMatchObject({ kind: 'submit', input: { unit: 'police-post', actor: APPLICANT, channel: 'online', data: { name: 'A' } } });
    const started = startChild(child, plan, env);
    expect(started.kind).toBe('started');
  });

  it('a refused child fails the parent step by onFail, the same way in the simulator as in the engine', () => {
    const env = envAt('2026-03-02T09:00');
    const filed = submitCase(parent, { data: { name: 'A' }, uploads: [], actor: APPLICANT }, env);
    const started = startChild(child, planChild(filed.state, filed.effects[0] as never, child), env);
    expect(started).toMatchObject({ kind: 'refused', error: { code: 'E_MISSING_COMPONENTS' }, parentCommand: { type: 'child-finished', step: 'child', status: 'rejected', outcome: 'refused' } });
    const moved = applyCommand(parent, filed.state, started.kind === 'refused' ? started.parentCommand! : (undefined as never), env);
    expect(moved.state.outcome).toBe('partly');

    const sim = simulate(parent, { clock: '2026-03-02T09:00:00+07:00', calendar, resolve });
    sim.submit({ data: { name: 'A' }, upload: [] });
    expect(sim.outcome).toBe('partly');
    expect(sim.events.find((e) => e.type === 'child-finished')?.detail).toMatchObject({ outcome: 'refused', status: 'rejected', refusal: { code: 'E_MISSING_COMPONENTS' } });
    expect(() => sim.child('child')).toThrow(expect.objectContaining({ code: 'E_SCENARIO_CHILD_REFUSED' }));

    const ok = simulate(parent, { clock: '2026-03-02T09:00:00+07:00', calendar, resolve });
    ok.submit({ data: { name: 'A' }, upload: ['proof'] });
    expect(ok.child('child').components).toEqual({ proof: 'provided' });
    ok.child('child').act('register', 'no', 'police-officer');
    expect(ok.outcome).toBe('partly');
  });

  it('roll up once, and not to a parent that no longer waits', () => {
    const env = envAt('2026-03-02T09:00');
    const filed = submitCase(parent, { data: { name: 'A' }, uploads: ['proof'], actor: APPLICANT }, env);
    const kid = startChild(child, planChild(filed.state, filed.effects[0] as never, child), env);
    if (kid.kind !== 'started') throw new Error('child refused');
    expect(childFinishedCommand(child, kid.result.state, filed.state, 'child')).toBeUndefined();
    const done = applyCommand(child, kid.result.state, { type: 'act', step: 'register', action: 'ok', actor: { kind: 'officer', id: 'p', roles: ['police-officer'] } }, env);
    expect(childFinishedCommand(child, done.state, filed.state, 'child')).toEqual({ type: 'child-finished', step: 'child', outcome: 'done', status: 'done', actor: { kind: 'system', id: 'child-case' } });
    const withdrawn = applyCommand(parent, filed.state, { type: 'withdraw', actor: APPLICANT }, env);
    expect(childFinishedCommand(child, done.state, withdrawn.state, 'child')).toBeUndefined();
  });
});

describe('actionCommand', () => {
  it("maps the applicant's withdraw, pay and supplement before a task's action of the same name", () => {
    const p = compileProcedure({ ...CHILD, code: '9.000502', components: [], steps: [{ id: 'register', kind: 'task', role: 'civil-status-officer', actions: { withdraw: { to: 'withdrawn' }, ok: { to: 'done' } } }], outcomes: { ...CHILD.outcomes, withdrawn: { status: 'withdrawn' } } });
    const state = submitCase(p, { data: {}, uploads: [], actor: APPLICANT }, envAt('2026-03-02T09:00')).state;
    expect(actionCommand(p, state, { step: 'register', action: 'withdraw', actor: APPLICANT, form: { reason: 'r' } })).toEqual({ type: 'withdraw', actor: APPLICANT, reason: 'r' });
    expect(actionCommand(p, state, { step: 'register', action: 'withdraw', actor: OFFICER })).toMatchObject({ type: 'act', action: 'withdraw' });
    expect(actionCommand(p, state, { step: 'register', action: 'pay', actor: APPLICANT })).toEqual({ type: 'pay', amount: 0, actor: APPLICANT });
    expect(actionCommand(p, state, { step: 'register', action: 'extend', actor: OFFICER, form: { value: 2 } })).toMatchObject({ type: 'extend', value: 2 });
  });
});
