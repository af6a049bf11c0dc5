/**
 * Validation scales linearly (issue 15, finding 8): a procedure file with 80,000 mapping keys
 * in its e-form (about 1.4 MB) and one with 8,000 steps in a chain, each validated whole. The
 * baseline, measured in the same run, is yaml's parse of the same text without its
 * duplicate-key check (`uniqueKeys: false`; yaml's own check compares each key with every
 * earlier one, so `yaml.parse` with its defaults is itself quadratic: printed for the smaller
 * inputs only).
 * A valid file is read by the fast path (engine/src/parse/fast-value.ts) and never given to
 * yaml's full parser; a file with a diagnostic is, for its positions (the last row).
 * Targets: 80,000 keys < 2 s and 8,000 steps < 1 s of CPU on a developer machine; the ratio to
 * the baseline is the figure that travels between machines. CPU time (process.cpuUsage) is
 * measured rather than wall time, so that other work on a shared machine counts less.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MAX_SOURCE_CHARS, validateProcedureText } from 'motcua/engine';

const sample = readFileSync(join(import.meta.dirname, '../fixtures/invalid/sample.yaml'), 'utf8');

/** The sample procedure with `n` more fields (of any type: `{}`) in its e-form's schema. */
function manyKeys(n: number): string {
  const props = Array.from({ length: n }, (_, i) => `      f${i}: {}`).join('\n');
  return sample.replace('    required: [applicant]\n    properties:\n', `    required: [applicant]\n    properties:\n${props}\n`);
}

/** The sample procedure whose steps are a chain of `n` tasks. */
function manySteps(n: number): string {
  const steps = Array.from({ length: n }, (_, i) => `  - { id: s${i}, kind: task, role: civil-status-officer, level: commune, actions: { go: { to: ${i + 1 < n ? `s${i + 1}` : 'approved'} } } }`).join('\n');
  return sample.replace(/\nsteps:\n[\s\S]*?\noutcomes:/, `\nsteps:\n${steps}\noutcomes:`);
}

/** CPU time of each of `runs` runs: the least is the figure (the least disturbed by other work), min-max its spread. */
function cpuMs<T>(fn: () => T, runs = RUNS): { ms: number; max: number; value: T } {
  const times: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const a = process.cpuUsage();
    value = fn();
    const b = process.cpuUsage(a);
    times.push((b.user + b.system) / 1000);
  }
  return { ms: Math.min(...times), max: Math.max(...times), value: value as T };
}

const RUNS = 3;

function measure(label: string, text: string, targetMs: number): void {
  parse(text, { uniqueKeys: false }); // warm-up
  const base = cpuMs(() => parse(text, { uniqueKeys: false }) as unknown);
  // yaml's own duplicate-key check is quadratic: measured on the smaller inputs only.
  const strict = text.length < 400_000 ? cpuMs(() => parse(text) as unknown, 1) : undefined;
  const validated = cpuMs(() => validateProcedureText(text, `${label}.yaml`));
  const errors = validated.value.diagnostics.filter((d) => d.severity === 'error');
  console.log(`${label}: ${(text.length / 1e6).toFixed(2)} MB, ${errors.length} errors${errors[0] ? ` (first: ${errors[0].code})` : ''}; least CPU time of ${RUNS} runs (spread min-max)`);
  const row = (what: string, r: { ms: number; max: number }, target = Infinity) =>
    console.log(
      `  ${what.padEnd(44)} ${r.ms.toFixed(0).padStart(7)} ms (${r.ms.toFixed(0)}-${r.max.toFixed(0)})  x${(r.ms / base.ms).toFixed(2).padStart(6)} baseline` +
        (Number.isFinite(target) ? `  target < ${target} ms: ${r.ms < target ? 'met' : 'NOT met (compare the ratio: on a loaded machine the baseline is slow too)'}` : ''),
    );
  row('baseline: yaml parse (uniqueKeys: false)', base);
  if (strict) row('yaml.parse with its defaults (quadratic)', strict);
  row('validateProcedureText', validated, targetMs);
}

/** A file one character over the size limit: refused before anything parses it. */
function tooLarge(): void {
  const text = `${sample}\n#${'x'.repeat(MAX_SOURCE_CHARS)}`;
  const r = cpuMs(() => validateProcedureText(text, 'too-large.yaml'));
  const codes = r.value.diagnostics.map((d) => d.code).join(', ');
  console.log(`over the size limit (${(text.length / 1e6).toFixed(2)} MB > ${MAX_SOURCE_CHARS / 1e6} MB): ${codes} in ${r.ms.toFixed(1)} ms  target: refused at once with E_FILE_TOO_LARGE: ${codes === 'E_FILE_TOO_LARGE' ? 'met' : 'NOT met'}`);
}

export function run(): Promise<void> {
  for (const n of [10_000, 80_000]) measure(`${n} keys`, manyKeys(n), n === 80_000 ? 2000 : Infinity);
  for (const n of [1_000, 8_000]) measure(`${n} steps`, manySteps(n), n === 8_000 ? 1000 : Infinity);
  // With an error, the diagnostic's position needs yaml's full parse: no target, for comparison.
  measure('8000 steps, one broken reference', manySteps(8_000).replace('to: s7999 }', 'to: s-missing }'), Infinity);
  tooLarge();
  return Promise.resolve();
}
