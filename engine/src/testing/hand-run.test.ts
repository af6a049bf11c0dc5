import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HandRun, lookupsFor } from './hand-run';
import { loadProcedure } from './load-procedure';
import { parseScenario } from './parse-scenario';
import { runScenarioText } from './run-text';

const { compiled, library } = loadProcedure(resolve(__dirname, '../../../test/fixtures/scenarios/permit/9.900001-signboard-permit.yaml'));
const registry = { population: { '001090000001': { nationalId: '001090000001', fullName: 'Nguyễn Văn A' } } };
const data = { applicant: { nationalId: '001090000001' }, area: 10 };
const clock = '2026-04-27T09:00:00+07:00';

describe('a hand run (the designer simulator)', () => {
  it('records each step with what the case showed, and its scenario file parses and runs green', async () => {
    const run = new HandRun(compiled, { clock, registry, library });
    expect(run.enabled()).toEqual([]);
    run.do({ kind: 'submit', data, upload: ['request-form'] });
    expect(run.enabled()).toEqual([{ step: 'pay', kind: 'pay', action: 'pay' }, { step: 'pay', kind: 'withdraw', action: 'withdraw' }]);
    run.do({ kind: 'pay' });
    expect(run.enabled().filter((a) => a.kind === 'task').map((a) => `${a.step}.${a.action}`).sort()).toEqual(['legal-check.done', 'legal-check.reject', 'tech-check.done']);
    run.do({ kind: 'act', step: 'legal-check', action: 'done' });
    run.do({ kind: 'act', step: 'tech-check', action: 'done' });
    run.do({ kind: 'wait', for: { value: 2, unit: 'working-day' } });
    run.do({ kind: 'act', step: 'decide', action: 'approve' });
    expect(run.steps.map((s) => s.expect)).toEqual([
      { state: 'pay', status: 'awaiting-payment', fees: 50000, deadline: '2026-05-06T17:00:00+07:00' },
      expect.objectContaining({ status: 'processing', fees: 50000 }),
      expect.objectContaining({ status: 'processing' }),
      expect.objectContaining({ state: 'decide' }),
      expect.objectContaining({ state: 'decide' }),
      { state: 'approved', outcome: 'approved', status: 'done', fees: 50000, deadline: '2026-05-06T17:00:00+07:00' },
    ]);
    expect(run.enabled()).toEqual([]);

    const text = run.toScenario('cấp phép, thẩm định song song');
    const parsed = parseScenario(text, 'hand.test.yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.scenario?.cases[0]?.steps.map((s) => s.kind)).toEqual(['submit', 'pay', 'act', 'act', 'wait', 'act']);
    const result = await runScenarioText(text, 'hand.test.yaml', compiled, library);
    expect(result.diagnostics).toEqual([]);
    expect(result.cases.map((c) => [c.name, c.status, c.failures])).toEqual([['cấp phép, thẩm định song song', 'passed', []]]);
  });

  it('a scenario of the run fails when the procedure changes under it', async () => {
    const run = new HandRun(compiled, { clock, registry, library });
    run.do({ kind: 'submit', data, upload: ['request-form'] });
    const text = run.toScenario('nộp').replace('fees: 50000', 'fees: 40000');
    const result = await runScenarioText(text, 'hand.test.yaml', compiled, library);
    expect(result.cases[0]?.status).toBe('failed');
    expect(result.cases[0]?.failures[0]).toMatchObject({ field: 'fees', expected: 40000, actual: 50000 });
  });

  it('records nothing for a refused step, and undo replays the run without its last step', () => {
    const run = new HandRun(compiled, { clock, registry, library });
    expect(() => run.do({ kind: 'submit', data: { ...data, area: 30 }, upload: [] })).toThrow(expect.objectContaining({ code: 'E_MISSING_COMPONENTS' }));
    expect(run.steps).toEqual([]);
    run.do({ kind: 'submit', data, upload: ['request-form'] });
    run.do({ kind: 'pay' });
    expect(() => run.do({ kind: 'act', step: 'decide', action: 'approve' })).toThrow(expect.objectContaining({ code: 'E_ACTION_NOT_ALLOWED' }));
    expect(run.steps).toHaveLength(2);
    run.undo();
    expect(run.steps).toHaveLength(1);
    expect(run.sim.status).toBe('awaiting-payment');
  });

  it('plans the national lookups of a submission', () => {
    expect(lookupsFor(compiled, data, {}).map((l) => [l.source, l.key])).toContainEqual(['population', '001090000001']);
    expect(lookupsFor(compiled, { ...data, applicant: { nationalId: '001090000002' } }, {}).map((l) => l.key)).not.toContain('001090000001');
  });
});
