/**
 * A worked example of testing a procedure from TypeScript with vitest. Copy this folder next
 * to your procedure, change the paths, and run `npx vitest run <folder>`.
 *
 * Two ways are shown: driving a simulated case step by step (`simulate`), and running the
 * procedure's YAML scenarios from a test (`runScenarioFile`), e.g. to add them to a CI suite.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProcedure, runScenarioFile, simulate } from 'motcua/testing';

// Loads the procedure with its library (the folder with calendars/ and catalogues/), validated and compiled.
const { compiled, library } = loadProcedure(resolve(__dirname, '9.000002-absence-declaration.yaml'));
const registry = { population: { '001090000001': { nationalId: '001090000001', fullName: 'Trần Thị B' } } };
const applicant = { nationalId: '001090000001' };

describe('temporary absence declaration (9.000002)', () => {
  it('is confirmed within one working day, skipping the National Day holidays', () => {
    const sim = simulate(compiled, { clock: '2026-08-31T16:00:00+07:00', library, registry });
    sim.submit({ data: { applicant, days: 10 }, upload: ['declaration'] });

    expect(sim.active).toEqual(['verify']);
    expect(sim.fees).toBe(0);
    expect(sim.deadline).toBe('2026-09-03T17:00:00+07:00');
    expect(sim.components['applicant-id']).toBe('replaced');
    // The name came from the population register and is locked, with its provenance.
    expect(sim.state.data).toMatchObject({ applicant: { fullName: 'Trần Thị B' } });

    sim.at('2026-09-03T09:00:00+07:00').act('verify', 'confirm', { role: 'police-officer' });
    expect(sim.outcome).toBe('confirmed');
    expect(sim.onTime).toBe(true);
  });

  it('charges paper copies when the result is issued', () => {
    const sim = simulate(compiled, { clock: '2026-08-31T09:00:00+07:00', library, registry });
    sim.submit({ data: { applicant, days: 3, copies: 2 }, upload: ['declaration'] });
    expect(sim.fees).toBe(10_000);
    sim.act('verify', 'confirm', 'police-officer');
    expect(sim.status).toBe('awaiting-payment');
    sim.pay();
    expect(sim.outcome).toBe('confirmed');
  });

  it('refuses a submission without the declaration, naming it', () => {
    const sim = simulate(compiled, { clock: '2026-08-31T09:00:00+07:00', library, registry });
    expect(() => sim.submit({ data: { applicant, days: 3 }, upload: [] })).toThrow(
      expect.objectContaining({ code: 'E_MISSING_COMPONENTS', problems: [expect.objectContaining({ path: 'declaration' })] }),
    );
  });

  it('lets only the commune police confirm', () => {
    const sim = simulate(compiled, { clock: '2026-08-31T09:00:00+07:00', library, registry });
    sim.submit({ data: { applicant, days: 3 }, upload: ['declaration'] });
    expect(() => sim.act('verify', 'confirm', { role: 'police-officer', level: 'province' })).toThrow(expect.objectContaining({ code: 'E_FORBIDDEN' }));
    expect(() => sim.act('verify', 'confirm', 'civil-status-officer')).toThrow(expect.objectContaining({ code: 'E_FORBIDDEN' }));
  });

  it('passes its YAML scenarios', async () => {
    const result = await runScenarioFile(resolve(__dirname, '9.000002-absence-declaration.test.yaml'));
    expect(result.diagnostics).toEqual([]);
    expect(result.cases.map((c) => [c.name, c.status, c.failures])).toEqual(result.cases.map((c) => [c.name, 'passed', []]));
    expect(result.cases.length).toBeGreaterThan(0);
  });
});
