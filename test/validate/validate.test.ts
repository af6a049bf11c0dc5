import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyLibrary, type Procedure, validateLibrary, validateProcedureText } from 'motcua/engine';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'invalid');
const sample = readFileSync(join(fixtures, 'sample.yaml'), 'utf8');

describe('validateProcedureText', () => {
  it('returns the procedure of a valid file', () => {
    const r = validateProcedureText(sample, 'sample.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.procedure?.code).toBe('9.000001');
    expect(r.procedure?.steps.map((s) => s.id)).toContain('consult');
  });

  it('suggests the closest allowed key for an unknown key', () => {
    const r = validateProcedureText(sample.replace('    role: civil-status-officer', '    rol: civil-status-officer'), 'x.yaml');
    const unknown = r.diagnostics.find((d) => d.code === 'E_UNKNOWN_KEY');
    expect(unknown?.message).toContain("'rol'");
    expect(unknown?.hint).toContain("Did you mean 'role'?");
    expect(unknown?.path).toBe('steps[1].rol');
    // The missing role is reported too, on the same step: one diagnostic per real problem.
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['E_MISSING_KEY', 'E_UNKNOWN_KEY']);
    expect(r.procedure).toBeUndefined();
  });

  it('reports every error of a file in one run', () => {
    const broken = sample
      .replace('level: commune\ncalendar', 'level: county\ncalendar')
      .replace('unit: working-day }\nsuspension', 'unit: workday }\nsuspension')
      .replace('suspension:', 'suspention:')
      .replace('"data.child.ageDays > 60"', '"data.child.ageDayz > 60"')
      .replace('refuse: { to: rejected }', 'refuse: { to: rejectd }')
      .replace('amount: 5000,', 'amount: -5,');
    const codes = validateProcedureText(broken, 'x.yaml').diagnostics.map((d) => d.code).sort();
    expect(codes).toEqual(['E_CEL_UNKNOWN_FIELD', 'E_DEADLINE_UNIT', 'E_FEE_AMOUNT', 'E_INVALID_VALUE', 'E_UNKNOWN_KEY', 'E_UNKNOWN_TARGET']);
  });

  it('points a CEL diagnostic at the token inside the YAML string, with a did-you-mean', () => {
    const text = sample.replace('"data.child.ageDays > 60"', '"data.child.ageDayz > 60"');
    const d = validateProcedureText(text, 'x.yaml').diagnostics[0];
    const line = text.split('\n').findIndex((l) => l.includes('ageDayz')) + 1;
    const column = (text.split('\n')[line - 1] ?? '').indexOf('ageDayz') + 1;
    expect(d).toMatchObject({ code: 'E_CEL_UNKNOWN_FIELD', line, column });
    expect(d?.hint).toContain("'ageDays'");
  });

  it("checks data.applicantId as a CEL expression over the form, at its own line", () => {
    const at = '    - { field: applicant.fullName, source: population, key: "data.applicant.nationalId", select: fullName, lock: true }\n';
    const ok = sample.replace(at, `${at}  applicantId: data.applicant.nationalId\n`);
    expect(validateProcedureText(ok, 'x.yaml').diagnostics).toEqual([]);
    const typo = sample.replace(at, `${at}  applicantId: data.applicant.nationalID\n`);
    const d = validateProcedureText(typo, 'x.yaml').diagnostics;
    const line = typo.split('\n').findIndex((l) => l.includes('nationalID')) + 1;
    expect(d).toMatchObject([{ code: 'E_CEL_UNKNOWN_FIELD', path: 'data.applicantId', line }]);
    expect(d[0]?.hint).toContain("'nationalId'");
  });

  it('skips library checks without a catalogue, runs them with one', () => {
    const text = sample.replace('role: commune-chair', 'role: mayor');
    expect(validateProcedureText(text, 'x.yaml').diagnostics).toEqual([]);
    const roles = new Map([['commune-chair', { id: 'commune-chair', name: { vi: 'x' } }]]);
    const withRoles = validateProcedureText(text, 'x.yaml', { roles });
    expect(withRoles.diagnostics.map((d) => d.code)).toEqual(['E_UNKNOWN_ROLE', 'E_UNKNOWN_ROLE', 'E_UNKNOWN_ROLE', 'E_UNKNOWN_ROLE']);
  });

  it('accepts `end` inside a parallel branch and refuses a jump out of it', () => {
    const text = sample.replace('done: { to: end }, refuse', 'done: { to: sign }, refuse');
    const d = validateProcedureText(text, 'x.yaml').diagnostics;
    expect(d.map((x) => x.code)).toContain('E_UNKNOWN_TARGET');
    expect(d.find((x) => x.code === 'E_UNKNOWN_TARGET')?.message).toContain('outside this parallel branch');
  });

  it('reports empty files, lists and YAML errors without throwing', () => {
    expect(validateProcedureText('', 'x.yaml').diagnostics.map((d) => d.code)).toEqual(['E_NOT_A_MAPPING']);
    expect(validateProcedureText('- a', 'x.yaml').diagnostics.map((d) => d.code)).toEqual(['E_NOT_A_MAPPING']);
    expect(validateProcedureText('a: [', 'x.yaml').diagnostics[0]?.code).toBe('E_YAML_SYNTAX');
  });

  it('converts working hours to days through the calendar for the SLA warning', () => {
    const text = sample.replace('deadline: { value: 3,', 'deadline: { value: 1,');
    // Without the calendar the units cannot be compared: no warning.
    expect(validateProcedureText(text, 'x.yaml').diagnostics).toEqual([]);
    const calendars = new Map([['vn', { timezone: 'Asia/Ho_Chi_Minh', week: ['mon' as const], hours: [['08:00', '12:00'] as [string, string]] }]]);
    // 4 working hours a day: 4h + 1 day = 2 days > 1.
    const d = validateProcedureText(text, 'x.yaml', { calendars }).diagnostics;
    expect(d.map((x) => [x.code, x.severity])).toEqual([['W_SLA_EXCEEDS_DEADLINE', 'warning']]);
    expect(d[0]?.message).toContain('2 working-day');
    // A warning does not withhold the procedure.
    expect(validateProcedureText(text, 'x.yaml', { calendars }).procedure).toBeDefined();
  });
});

describe('validateLibrary', () => {
  const proc = (version: string, from: string, to: string | null): Procedure =>
    ({ ...(validateProcedureText(sample, 's.yaml').procedure as Procedure), version, effective: { from, to } });

  it('reports overlapping effective periods and accepts adjacent ones', () => {
    const library = emptyLibrary();
    library.procedures.set('9.000001', [
      { file: 'a.yaml', procedure: proc('1.0.0', '2025-01-01', '2025-12-31') },
      { file: 'b.yaml', procedure: proc('2.0.0', '2026-01-01', null) },
    ]);
    expect(validateLibrary(library)).toEqual([]);
    library.procedures.get('9.000001')?.push({ file: 'c.yaml', procedure: proc('3.0.0', '2026-06-01', null) });
    const d = validateLibrary(library);
    expect(d.map((x) => [x.file, x.code])).toEqual([['c.yaml', 'E_EFFECTIVE_OVERLAP']]);
  });
});

describe('the JSON Schema', () => {
  it('is itself valid JSON Schema 2020-12 with a description on every property', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020');
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schema', 'procedure.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(new Ajv2020({ strict: false }).validateSchema(schema)).toBe(true);
    const props = schema.properties as Record<string, { description?: string }>;
    expect(Object.entries(props).filter(([, p]) => !p.description).map(([k]) => k)).toEqual([]);
  });

  it('reports a non-string condition as E_CEL_TYPE', () => {
    const d = validateProcedureText(sample.replace('when: "data.child.ageDays > 60"', 'when: true'), 'x.yaml').diagnostics;
    expect(d.map((x) => [x.code, x.path])).toEqual([['E_CEL_TYPE', 'fees[1].when']]);
  });
});

describe('computed fields', () => {
  const withComputed = (rule: string): string => sample.replace('components:\n', `  computed:\n    - ${rule}\ncomponents:\n`);

  it('accepts a computed integer field given an int expression', () => {
    const r = validateProcedureText(withComputed('{ field: child.ageDays, value: "daysBetween(\'2026-01-01\', case.submittedAt)" }'), 'x.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.procedure?.data?.computed).toEqual([{ field: 'child.ageDays', value: "daysBetween('2026-01-01', case.submittedAt)" }]);
  });

  it('refuses an expression of the wrong type for the field (E_CEL_TYPE at the value)', () => {
    const r = validateProcedureText(withComputed('{ field: child.ageDays, value: "case.submittedAt" }'), 'x.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['E_CEL_TYPE', 'data.computed[0].value']]);
  });

  it('refuses a field computed twice or both prefilled and computed', () => {
    const twice = validateProcedureText(withComputed('{ field: child.ageDays, value: "1" }\n    - { field: child.ageDays, value: "2" }'), 'x.yaml');
    expect(twice.diagnostics.map((d) => [d.code, d.message])).toEqual([['E_COMPUTED_FIELD', "'child.ageDays' is computed twice"]]);
    const both = validateProcedureText(withComputed('{ field: applicant.fullName, value: "\'x\'" }'), 'x.yaml');
    expect(both.diagnostics.map((d) => [d.code, d.message])).toEqual([['E_COMPUTED_FIELD', "'applicant.fullName' is both prefilled and computed"]]);
    const inside = validateProcedureText(withComputed('{ field: applicant, value: "{\'fullName\': \'x\'}" }'), 'x.yaml');
    expect(inside.diagnostics.map((d) => d.message)).toContain("'applicant' overlaps the prefilled field 'applicant.fullName'");
  });
});
