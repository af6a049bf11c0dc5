import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioFile, runScenarioFiles, LibraryCache, type FileResult } from './run-files';
import type { CaseResult } from './run-scenario';

const root = resolve(__dirname, '../../../test/fixtures/scenarios');
const cwd = resolve(__dirname, '../../..');
const libraries = new LibraryCache();
const run = (rel: string): Promise<FileResult> => runScenarioFile(join(root, rel), { cwd, libraries });
const byName = (f: FileResult, name: string): CaseResult => {
  const c = f.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no case '${name}' in ${f.file}: ${f.cases.map((x) => x.name).join(', ')}`);
  return c;
};

describe('the scenario runner on passing scenarios', () => {
  it('passes every case of the fixture that exercises every step kind', async () => {
    const f = await run('permit/9.900001-signboard-permit.test.yaml');
    expect(f.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const failed = f.cases.filter((c) => c.status !== 'passed');
    expect(failed.map((c) => [c.name, c.failures])).toEqual([]);
    expect(f.cases).toHaveLength(10);
  });
});

describe('nested cases', () => {
  it('reaches a case started by a child case with `case: child/name`, and checks such names', async () => {
    const f = await run('nested/nested-cases.test.yaml');
    expect(f.cases.map((c) => [c.status, c.failures])).toEqual([['passed', []]]);
    const bad = await run('invalid/bad-nested-case.test.yaml');
    expect(bad.diagnostics).toEqual([expect.objectContaining({ code: 'E_SCENARIO_UNKNOWN_CASE', line: 6, column: 15, hint: expect.stringMatching(/Did you mean '9\.900003'\?/) })]);
  });
});

describe('the scenario runner on scenarios that must fail', () => {
  it('reports a wrong fee with the expectation, the actual total and the line of the expect', async () => {
    const c = byName(await run('must-fail/wrong-fee.test.yaml'), 'a wrong fee');
    expect(c.status).toBe('failed');
    expect(c.failures).toEqual([
      expect.objectContaining({ field: 'fees', expected: 60000, actual: 50000, file: 'test/fixtures/scenarios/must-fail/wrong-fee.test.yaml', line: 10, column: 31 }),
    ]);
  });

  it('reports a wrong due and compares deadlines as instants, not strings', async () => {
    const f = await run('must-fail/wrong-due.test.yaml');
    const wrong = byName(f, 'a due that forgets the holidays');
    expect(wrong.failures).toEqual([expect.objectContaining({ field: 'deadline', expected: '2026-05-04T17:00:00+07:00', actual: '2026-05-06T17:00:00+07:00', line: 10 })]);
    expect(byName(f, 'the same due written in UTC passes').status).toBe('passed');
  });

  it('reports a forbidden role as an unexpected E_FORBIDDEN refusal at the act', async () => {
    const f = await run('must-fail/forbidden-role.test.yaml');
    const clerk = byName(f, 'a clerk approves');
    expect(clerk.failures[0]).toMatchObject({ field: 'error', expected: 'no refusal', line: 13, column: 9 });
    expect(String(clerk.failures[0]?.actual)).toMatch(/^E_FORBIDDEN: .*lacks role 'director'/);
    expect(clerk.failures[1]).toMatchObject({ field: 'outcome', expected: 'approved', line: 14 });
    const missing = byName(f, 'an expected refusal that does not come');
    expect(missing.failures[0]).toMatchObject({ field: 'error', expected: 'E_MISSING_COMPONENTS', actual: 'accepted (no refusal)' });
  });

  it('reports a child case that was never started at its `case:` line', async () => {
    const c = byName(await run('must-fail/child-not-started.test.yaml'), 'acting on a child case that was never started');
    expect(c.failures[0]).toMatchObject({ message: 'the case cannot be checked', field: 'error', line: 11, column: 9, actual: expect.stringMatching(/^E_SCENARIO_UNKNOWN_CASE: no child or linked case 'inspection'/) });
    expect(c.failures[1]).toMatchObject({ field: 'outcome', actual: 'no case (not submitted, or not started yet)' });
  });

  it('counts passes and failures over folders', async () => {
    const summary = await runScenarioFiles([join(root, 'must-fail')], { cwd, libraries });
    expect([summary.passed, summary.failed]).toEqual([1, 5]);
  });
});

describe('scenario files with errors', () => {
  it('gives a YAML syntax error file:line:col', async () => {
    const f = await run('invalid/syntax.test.yaml');
    expect(f.cases).toEqual([]);
    expect(f.diagnostics[0]).toMatchObject({ code: 'E_YAML_SYNTAX', file: 'test/fixtures/scenarios/invalid/syntax.test.yaml', line: 7, column: 1 });
  });

  it('names unknown keys with the closest allowed one, and impossible instants', async () => {
    const f = await run('invalid/unknown-key.test.yaml');
    expect(f.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['E_SCENARIO_UNKNOWN_KEY', 6, 39],
      ['E_SCENARIO_UNKNOWN_KEY', 7, 19],
      ['E_SCENARIO_INSTANT', 7, 41],
    ]);
    expect(f.diagnostics[0]?.hint).toMatch(/Did you mean 'upload'\?/);
    expect(f.diagnostics[1]?.hint).toMatch(/Did you mean 'fees'\?/);
  });

  it('checks the names of steps, actions, components, child cases and sources against the procedure', async () => {
    const f = await run('invalid/bad-reference.test.yaml');
    expect(f.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['E_SCENARIO_UNKNOWN_SOURCE', 'warning', 4, 3],
      ['E_SCENARIO_UNKNOWN_COMPONENT', 'error', 8, 48],
      ['E_SCENARIO_UNKNOWN_STEP', 'error', 9, 22],
      ['E_SCENARIO_UNKNOWN_ACTION', 'error', 10, 38],
      ['E_SCENARIO_UNKNOWN_CASE', 'error', 11, 15],
      ['E_SCENARIO_UNKNOWN_OUTCOME', 'error', 14, 28],
      ['E_SCENARIO_UNKNOWN_STEP', 'error', 14, 45],
      ['E_SCENARIO_UNKNOWN_COMPONENT', 'error', 14, 68],
    ]);
    expect(f.diagnostics.map((d) => d.hint)).toEqual([
      expect.stringMatching(/'population'/),
      expect.stringMatching(/'request-form'/),
      expect.stringMatching(/'decide'/),
      expect.stringMatching(/'approve'/),
      expect.stringMatching(/'inspection'/),
      expect.stringMatching(/'approved'/),
      expect.stringMatching(/'decide'/),
      expect.stringMatching(/Known: request-form, applicant-id, design-drawing/),
    ]);
  });

  it('checks an inline calendar once, pointing into `calendar:`', async () => {
    const f = await run('invalid/bad-calendar.test.yaml');
    expect(f.cases).toEqual([]);
    expect(f.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['E_CALENDAR_OVERLAP', 6, 31],
      ['E_CALENDAR_DATE', 7, 14],
    ]);
  });

  it('warns about registry records that do not match their source\'s record schema', async () => {
    const f = await run('invalid/registry.test.yaml');
    expect(f.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['E_SCENARIO_REGISTRY_FIELD', 'warning', 5, 51],
      ['E_SCENARIO_REGISTRY_RECORD', 'warning', 5, 85],
    ]);
    expect(f.diagnostics[0]?.hint).toMatch(/Did you mean 'fullName'\?/);
    // Warnings do not stop the run: the case runs and meets the bad record.
    expect(f.cases[0]?.failures[0]).toMatchObject({ field: 'error', actual: expect.stringMatching(/^E_INVALID_DATA: .*fullName must be string/) });
  });

  it('reports an unknown procedure code at the `procedure:` line', async () => {
    const f = await run('invalid/unknown-procedure.test.yaml');
    expect(f.diagnostics).toEqual([expect.objectContaining({ code: 'E_SCENARIO_UNKNOWN_PROCEDURE', line: 1, column: 12 })]);
  });
});
