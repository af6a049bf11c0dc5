import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoverageRecorder, formatCoverage } from './coverage';
import { loadProcedure } from './load-procedure';
import { simulate } from './simulator';

const { compiled, library } = loadProcedure(resolve(__dirname, '../../../test/fixtures/scenarios/permit/9.900001-signboard-permit.yaml'));
const registry = { population: { '001090000001': { nationalId: '001090000001', fullName: 'Nguyễn Văn A' } } };
const data = { applicant: { nationalId: '001090000001' }, area: 10 };

describe('simulate (the TypeScript API)', () => {
  it('runs a case through payment, a parallel review and a decision on the simulated clock', () => {
    const sim = simulate(compiled, { clock: '2026-04-27T09:00:00+07:00', library, registry });
    sim.submit({ data, upload: ['request-form'] });
    expect([sim.status, sim.fees, sim.deadline]).toEqual(['awaiting-payment', 50000, '2026-05-06T17:00:00+07:00']);
    expect(sim.components).toEqual({ 'request-form': 'provided', 'applicant-id': 'replaced', 'design-drawing': 'missing' });
    expect(sim.state.data).toMatchObject({ applicant: { fullName: 'Nguyễn Văn A' } });
    sim.pay();
    expect(sim.active.sort()).toEqual(['legal-check', 'tech-check']);
    sim.act('legal-check', 'done', 'legal-officer').act('tech-check', 'done', { role: 'technical-officer' });
    sim.wait({ for: { value: 5, unit: 'working-day' } });
    expect(sim.format()).toBe('2026-05-06T09:00:00+07:00');
    expect(sim.overdue).toBe(false);
    sim.wait({ until: '2026-05-07T08:30:00+07:00' });
    expect(sim.overdue).toBe(true);
    expect(sim.events.map((e) => e.type)).toContain('overdue');
    sim.act('decide', 'approve', 'director');
    expect([sim.outcome, sim.onTime]).toEqual(['approved', false]);
    expect(sim.effects).toContainEqual(expect.objectContaining({ type: 'issue-result', document: 'signboard-permit' }));
  });

  it('throws the runtime\'s refusals with their codes and leaves the case as it was', () => {
    const sim = simulate(compiled, { clock: '2026-04-27T09:00:00+07:00', library, registry });
    expect(() => sim.submit({ data: { ...data, area: 30 }, upload: [] })).toThrow(expect.objectContaining({ code: 'E_MISSING_COMPONENTS' }));
    expect(sim.submitted).toBe(false);
    sim.submit({ data, upload: ['request-form'] });
    expect(() => sim.act('decide', 'approve', 'director')).toThrow(expect.objectContaining({ code: 'E_ACTION_NOT_ALLOWED' }));
    sim.pay();
    sim.act('legal-check', 'done').act('tech-check', 'done');
    expect(() => sim.act('decide', 'approve', 'clerk')).toThrow(expect.objectContaining({ code: 'E_FORBIDDEN' }));
    expect(sim.active).toEqual(['decide']);
    expect(() => sim.at('2026-04-26T09:00:00+07:00')).toThrow(expect.objectContaining({ code: 'E_SCENARIO_CLOCK_BACKWARDS' }));
  });

  it('starts child cases from the procedure step and reports their outcome to the parent', () => {
    const sim = simulate(compiled, { clock: '2026-04-27T09:00:00+07:00', library, registry });
    sim.submit({ data: { ...data, needsInspection: true }, upload: ['request-form'] }).pay();
    expect([sim.active, sim.status, sim.children]).toEqual([['inspection'], 'awaiting-child', ['inspection']]);
    const child = sim.child('inspection');
    expect(child.state.data).toEqual({ site: '1 Tràng Tiền' });
    child.act('inspect', 'fail', 'inspector');
    expect([child.outcome, sim.outcome]).toEqual(['failed', 'rejected']);
    expect(() => sim.child('nothing')).toThrow(expect.objectContaining({ code: 'E_SCENARIO_UNKNOWN_CASE' }));
  });

  it('records coverage of steps, actions, outcomes and paths', () => {
    const coverage = new CoverageRecorder();
    const sim = simulate(compiled, { clock: '2026-04-27T09:00:00+07:00', library, registry, coverage });
    sim.submit({ data, upload: ['request-form'] }).pay().act('legal-check', 'done').act('tech-check', 'done');
    sim.act('decide', 'request-supplement').supplement().act('decide', 'approve');
    const [permit] = coverage.report();
    expect(permit?.steps.covered).toEqual(['pay', 'route', 'review', 'legal-check', 'tech-check', 'decide', 'supplement']);
    expect(permit?.actions.covered).toEqual(['legal-check.done', 'tech-check.done', 'decide.approve', 'decide.request-supplement']);
    expect(permit?.outcomes.covered).toEqual(['approved']);
    // The supplement loop is erased: the case followed the plain "otherwise ... approve" path.
    expect(permit?.paths).toEqual({ covered: 1, all: 8 });
    expect(permit?.percent).toBe(Math.floor(((7 + 4 + 1) / (8 + 6 + 3)) * 1000) / 10);
    const table = formatCoverage(coverage.report());
    expect(table).toMatch(/9\.900001@1\.0\.0 +7\/8 +4\/6 +1\/3 +70\.5% +1\/8 +12\.5%/);
    expect(table).toContain('9.900001: 7 path(s) no scenario follows');
    expect(table).toMatch(/^elements: the steps, actions and outcomes/m);
  });
});
