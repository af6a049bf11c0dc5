import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../run-files';
import { formatJUnit, xmlEscape } from './junit';
import { formatText } from './text';

const summary: RunSummary = {
  passed: 1,
  failed: 2,
  skipped: 1,
  coverage: [],
  files: [
    {
      file: 'a.test.yaml',
      diagnostics: [],
      cases: [
        { file: 'a.test.yaml', name: 'fees <& "quotes">', procedure: '1', status: 'passed', failures: [], durationMs: 12 },
        { file: 'a.test.yaml', name: 'late', procedure: '1', status: 'failed', durationMs: 3, failures: [{ message: 'expect.onTime does not hold', field: 'onTime', expected: true, actual: false, file: 'a.test.yaml', line: 9, column: 19, step: 2 }] },
        { file: 'a.test.yaml', name: 'later', procedure: '1', status: 'skipped', failures: [], durationMs: 0 },
      ],
    },
    { file: 'b.test.yaml', diagnostics: [{ file: 'b.test.yaml', line: 2, column: 3, code: 'E_SCENARIO_UNKNOWN_KEY', severity: 'error', message: "unknown key 'fee'", hint: "Did you mean 'fees'?" }], cases: [] },
  ],
};

describe('formatText', () => {
  it('prints one line per case, failures with expected/actual/location, and the exact last line', () => {
    const lines = formatText(summary).split('\n');
    expect(lines).toEqual([
      '✓ a.test.yaml > fees <& "quotes">',
      '✗ a.test.yaml > late',
      '    expect.onTime does not hold',
      '      expected: true',
      '      actual:   false',
      '      at a.test.yaml:9:19',
      '- a.test.yaml > later (skipped)',
      '✗ b.test.yaml',
      "    b.test.yaml:2:3 - error E_SCENARIO_UNKNOWN_KEY: unknown key 'fee'",
      "        hint: Did you mean 'fees'?",
      '',
      '1 skipped',
      '1 passed, 2 failed',
    ]);
  });
});

describe('formatJUnit', () => {
  it('escapes names and messages and counts tests, failures and skips per suite', () => {
    const xml = formatJUnit(summary);
    expect(xml).toContain('<testsuites name="motcua scenarios" tests="4" failures="2" errors="0" skipped="1" time="0.015">');
    expect(xml).toContain('<testsuite name="a.test.yaml" tests="3" failures="1" errors="0" skipped="1" time="0.015">');
    expect(xml).toContain('<testcase classname="a.test.yaml" name="fees &lt;&amp; &quot;quotes&quot;&gt;" time="0.012"/>');
    expect(xml).toContain('<failure message="expect.onTime does not hold (a.test.yaml:9:19)" type="onTime">expect.onTime does not hold\nexpected: true\nactual: false\nat a.test.yaml:9:19</failure>');
    expect(xml).toContain('<testcase classname="b.test.yaml" name="(scenario file)" time="0.000">');
  });

  it('drops characters XML 1.0 cannot hold', () => {
    expect(xmlEscape('a\u0001b\u001Fc\td\ne')).toBe('abc\td\ne');
  });
});
