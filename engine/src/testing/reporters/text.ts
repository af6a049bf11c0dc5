import { formatDiagnostic, hasErrors } from '../../diagnostics/diagnostic';
import type { RunSummary } from '../run-files';
import type { CaseFailure } from '../run-scenario';

/** A value as the scenario would write it: strings bare, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function failureLines(f: CaseFailure): string[] {
  const lines = [`    ${f.message}`];
  if ('expected' in f) lines.push(`      expected: ${show(f.expected)}`);
  if ('actual' in f) lines.push(`      actual:   ${show(f.actual)}`);
  if (f.hint) lines.push(`      hint: ${f.hint}`);
  lines.push(`      at ${f.file}:${f.line}:${f.column}`);
  return lines;
}

/**
 * The runner's text output: one line per case (`✓ file > name`, `✗ ...`, `- ... (skipped)`),
 * each failure with what was expected, what happened and the file:line:col of the `expect`;
 * files that could not run with their diagnostics; and the last line, alone and exact,
 * `N passed, N failed`.
 */
export function formatText(summary: RunSummary): string {
  const out: string[] = [];
  for (const file of summary.files) {
    if (hasErrors(file.diagnostics)) {
      out.push(`✗ ${file.file}`);
      for (const d of file.diagnostics) out.push(...formatDiagnostic(d).split('\n').map((l) => `    ${l}`));
      continue;
    }
    for (const d of file.diagnostics) out.push(formatDiagnostic(d));
    for (const c of file.cases) {
      if (c.status === 'passed') out.push(`✓ ${file.file} > ${c.name}`);
      else if (c.status === 'skipped') out.push(`- ${file.file} > ${c.name} (skipped${c.skipReason ? `: ${c.skipReason}` : ''})`);
      else {
        out.push(`✗ ${file.file} > ${c.name}`);
        for (const f of c.failures) out.push(...failureLines(f));
      }
    }
  }
  if (summary.files.length === 0) out.push('no *.test.yaml scenario found');
  out.push('');
  if (summary.skipped > 0) out.push(`${summary.skipped} skipped`);
  out.push(`${summary.passed} passed, ${summary.failed} failed`);
  return out.join('\n');
}
