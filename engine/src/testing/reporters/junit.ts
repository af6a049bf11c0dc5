import { formatDiagnostic, hasErrors } from '../../diagnostics/diagnostic';
import type { RunSummary } from '../run-files';
import { show } from './text';

/** XML 1.0 text: escapes markup and drops the control characters XML cannot hold. */
export function xmlEscape(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * JUnit XML (the dialect Jenkins, GitLab and GitHub Actions read): one `<testsuite>` per
 * scenario file, one `<testcase>` per case, `<failure>` with expected/actual and file:line:col.
 * A file that could not run is one failed test case named after the file, listing its diagnostics.
 */
export function formatJUnit(summary: RunSummary): string {
  const suites: string[] = [];
  let tests = 0, failures = 0, skipped = 0, time = 0;
  for (const file of summary.files) {
    const cases: string[] = [];
    let f = 0, s = 0, t = 0;
    if (hasErrors(file.diagnostics)) {
      f++;
      const body = file.diagnostics.map(formatDiagnostic).join('\n');
      const first = file.diagnostics.find((d) => d.severity === 'error');
      cases.push(`    <testcase classname="${xmlEscape(file.file)}" name="(scenario file)" time="0.000">\n      <failure message="${xmlEscape(first ? `${first.code}: ${first.message}` : 'invalid')}" type="${xmlEscape(first?.code ?? 'E_INVALID')}">${xmlEscape(body)}</failure>\n    </testcase>`);
    }
    for (const c of file.cases) {
      t += c.durationMs;
      const open = `    <testcase classname="${xmlEscape(file.file)}" name="${xmlEscape(c.name)}" time="${seconds(c.durationMs)}"`;
      if (c.status === 'passed') cases.push(`${open}/>`);
      else if (c.status === 'skipped') {
        s++;
        cases.push(`${open}>\n      <skipped/>\n    </testcase>`);
      } else {
        f++;
        const first = c.failures[0];
        const body = c.failures
          .map((x) => [x.message, ...('expected' in x ? [`expected: ${show(x.expected)}`] : []), ...('actual' in x ? [`actual: ${show(x.actual)}`] : []), ...(x.hint ? [`hint: ${x.hint}`] : []), `at ${x.file}:${x.line}:${x.column}`].join('\n'))
          .join('\n\n');
        cases.push(`${open}>\n      <failure message="${xmlEscape(first ? `${first.message} (${first.file}:${first.line}:${first.column})` : 'failed')}" type="${xmlEscape(first?.field ?? 'failure')}">${xmlEscape(body)}</failure>\n    </testcase>`);
      }
    }
    const n = file.cases.length + (hasErrors(file.diagnostics) ? 1 : 0);
    tests += n;
    failures += f;
    skipped += s;
    time += t;
    suites.push(`  <testsuite name="${xmlEscape(file.file)}" tests="${n}" failures="${f}" errors="0" skipped="${s}" time="${seconds(t)}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="motcua scenarios" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(time)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
