import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose';

const ok = `code: "9.999"
version: 1.0.0
name: { vi: Thử }
sector: test
level: commune
deadline: { value: 1, unit: working-day }
steps:
  - id: check
    kind: task
    role: officer
    actions:
      approve: { to: approved }
outcomes:
  approved: { status: done }
`;

describe('diagnose', () => {
  it('finds nothing wrong in a small valid procedure', () => {
    const d = diagnose(ok);
    expect(d.diagnostics).toEqual([]);
    expect(d.valid).toBe(true);
    expect(d.procedure?.code).toBe('9.999');
  });

  it('places an unknown target on the line of its `to`', () => {
    const d = diagnose(ok.replace('{ to: approved }', '{ to: aproved }'));
    expect(d.valid).toBe(false);
    expect(d.procedure?.steps?.[0]?.id).toBe('check');
    expect(d.diagnostics.find((x) => x.code === 'E_UNKNOWN_TARGET')).toMatchObject({ code: 'E_UNKNOWN_TARGET', line: 12, column: 22, severity: 'error', path: 'steps[0].actions.approve.to' });
  });

  it('reports YAML syntax errors with their line', () => {
    const d = diagnose(ok.replace('sector: test', 'sector: [test'));
    expect(d.diagnostics.some((x) => x.code === 'E_YAML_SYNTAX' && x.line >= 4)).toBe(true);
  });

  it('checks roles against the library context', () => {
    const roles = new Map([['civil-status-officer', { id: 'civil-status-officer', name: { vi: 'Hộ tịch' } }]]);
    expect(diagnose(ok, 'x.yaml', { roles }).diagnostics.map((x) => x.path)).toContain('steps[0].role');
    expect(diagnose(ok, 'x.yaml').diagnostics).toEqual([]);
  });

  it('reports each missing required field', () => {
    const d = diagnose('code: "1"\n');
    expect(d.diagnostics.filter((x) => x.code === 'E_MISSING_KEY')).toHaveLength(7);
  });

  it('does not throw on text that is not a mapping', () => {
    expect(diagnose('- a\n- b\n').diagnostics[0]?.code).toBe('E_NOT_A_MAPPING');
    expect(diagnose('').diagnostics[0]?.code).toBe('E_NOT_A_MAPPING');
    expect(diagnose('').procedure).toBeUndefined();
  });
});
