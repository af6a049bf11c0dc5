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
    expect(d.procedure?.code).toBe('9.999');
  });

  it('places an unknown target on the line of its `to`', () => {
    const d = diagnose(ok.replace('{ to: approved }', '{ to: aproved }'));
    expect(d.diagnostics).toHaveLength(1);
    expect(d.diagnostics[0]).toMatchObject({ code: 'E_UNKNOWN_TARGET', line: 12, column: 22, severity: 'error', path: 'steps[0].actions.approve.to' });
    expect(d.diagnostics[0]?.hint).toContain('approved');
  });

  it('reports YAML syntax errors with their line', () => {
    const d = diagnose(ok.replace('sector: test', 'sector: [test'));
    expect(d.diagnostics.some((x) => x.code === 'E_YAML_SYNTAX' && x.line >= 4)).toBe(true);
  });

  it('reports each missing required field', () => {
    const d = diagnose('code: "1"\n');
    expect(d.diagnostics.filter((x) => x.code === 'E_MISSING_FIELD').map((x) => x.message)).toHaveLength(7);
  });

  it('does not throw on text that is not a mapping', () => {
    expect(diagnose('- a\n- b\n').diagnostics[0]?.code).toBe('E_NOT_A_PROCEDURE');
    expect(diagnose('').diagnostics[0]?.code).toBe('E_NOT_A_PROCEDURE');
  });
});
