import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario';

const head = 'procedure: "1.001193"\nclock: 2026-02-12T09:00:00+07:00\n';

describe('parseScenario', () => {
  it('turns each step into a command with its index, `at`, `case` and `expect`', () => {
    const { scenario, diagnostics } = parseScenario(
      `${head}cases:\n  - name: one\n    steps:\n      - submit: { data: { a: 1 }, upload: [x] }\n        expect: { fees: 0 }\n      - at: 2026-02-13T10:00:00+07:00\n        case: child\n        act: { step: verify, action: approve, as: { role: officer } }\n      - pay:\n      - wait: { for: { value: 2, unit: working-hour } }\n      - expect: { outcome: approved }\n`,
      's.test.yaml',
    );
    expect(diagnostics).toEqual([]);
    expect(scenario?.cases[0]?.steps).toEqual([
      { index: 0, kind: 'submit', data: { a: 1 }, upload: ['x'], expect: { fees: 0 } },
      { index: 1, kind: 'act', at: '2026-02-13T10:00:00+07:00', case: 'child', step: 'verify', action: 'approve', as: { role: 'officer' } },
      { index: 2, kind: 'pay' },
      { index: 3, kind: 'wait', for: { value: 2, unit: 'working-hour' } },
      { index: 4, kind: 'check', expect: { outcome: 'approved' } },
    ]);
  });

  it.each([
    [`${head}cases:\n  - name: x\n    steps:\n      - pay: {}\n        submit: {}\n`, 'E_SCENARIO_STEP_KIND', 6, 9],
    [`${head}cases:\n  - name: x\n    steps:\n      - {}\n`, 'E_SCENARIO_STEP_KIND', 6, 9],
    [`${head}cases:\n  - name: x\n    steps:\n      - pay: 5\n`, 'E_SCENARIO_TYPE', 6, 14],
    [`${head}cases:\n  - name: x\n    steps:\n      - pay: {}\n        expect: { status: finished }\n`, 'E_SCENARIO_VALUE', 7, 27],
    [`${head}cases:\n  - name: x\n    steps:\n      - pay: {}\n        expect: { error: missing }\n`, 'E_SCENARIO_FORMAT', 7, 26],
    [`procedure: "1"\ncases: [{ name: x, steps: [{ pay: {} }] }]\n`, 'E_SCENARIO_REQUIRED', 1, 1],
    [`${head}cases:\n  - name: x\n    steps:\n      - at: 2026-02-13T10:00:00\n`, 'E_SCENARIO_FORMAT', 6, 13],
    ['', 'E_SCENARIO_EMPTY', 1, 1],
  ])('reports problems with positions (%#)', (text, code, line, column) => {
    const { scenario, diagnostics } = parseScenario(text, 'bad.test.yaml');
    expect(scenario).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code, line, column, file: 'bad.test.yaml', severity: 'error' })]);
  });
});
