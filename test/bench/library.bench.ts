/**
 * A large library: 300 generated procedures (scripts/generate-library.ts, seed 1), held in
 * memory. Measures generating them, validating each with the library's catalogues, and
 * compiling each to its state machine. The baseline, measured in the same run, is parsing the
 * same YAML texts (the least any consumer of the files must do). Ratios are times the
 * baseline's cost per file: lower is cheaper.
 */
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateProcedures } from '../../scripts/generate-library';
import { compileProcedure, type Procedure, contextOf, validateProcedureText } from 'motcua/engine';
import { loadCatalogues } from 'motcua/engine/node';

const N = 300;

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

function line(label: string, ms: number, baselineMs: number): void {
  const perFile = (ms / N) * 1000;
  console.log(`${label.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms  ${perFile.toFixed(0).padStart(6)} µs/file  x${(ms / baselineMs).toFixed(1).padStart(6)} baseline`);
}

export function run(): Promise<void> {
  const gen = time(() => generateProcedures(N, 1));
  const files = gen.value;
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  console.log(`${N} procedures, ${(bytes / 1e6).toFixed(1)} MB of YAML`);

  parse(files[0]?.text ?? ''); // warm-up
  const base = time(() => files.map((f) => parse(f.text) as Procedure));
  const procedures = base.value;
  const { library } = loadCatalogues(join(import.meta.dirname, '../../procedures'));
  const context = contextOf(library);
  const validated = time(() => files.reduce((n, f) => n + validateProcedureText(f.text, f.file, context).diagnostics.length, 0));
  const compiled = time(() => procedures.reduce((n, p) => n + compileProcedure(p).graph.steps.size, 0));

  line('baseline: parse YAML', base.ms, base.ms);
  line('generate (seeded)', gen.ms, base.ms);
  line(`validate with catalogues (${validated.value} diagnostics)`, validated.ms, base.ms);
  line(`compile to XState (${compiled.value} steps)`, compiled.ms, base.ms);
  return Promise.resolve();
}
