/**
 * Validate + compile over a generated library of 5,000 procedures (scripts/generate-library.ts).
 * Target: at most 1 ms per procedure, and at most 3 times the time of a plain `yaml.parse` of
 * the same texts, measured in the same run (the baseline). BENCH_ROUNDS > 1 repeats the
 * phases, alternating, and keeps the medians, so that a busy machine distorts the ratio less.
 */
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateProcedures } from '../../scripts/generate-library';
import { compileProcedure, validateProcedureText, type LibraryContext, type ProcedureRef } from 'motcua/engine';
import { loadCatalogues } from 'motcua/engine/node';
import { median } from './measure';

/** BENCH_COUNT / BENCH_ROUNDS override the defaults for a quick look. */
const COUNT = Number(process.env.BENCH_COUNT ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);


export function run(): Promise<void> {
  const files = generateProcedures(COUNT, 42);
  const { library } = loadCatalogues(join(import.meta.dirname, '..', '..', 'procedures'));
  const procedures = new Map<string, ProcedureRef[]>();
  for (const f of files) {
    const v = parse(f.text) as { code: string; version: string };
    procedures.set(v.code, [...(procedures.get(v.code) ?? []), { version: v.version }]);
  }
  const context: LibraryContext = { roles: library.roles, sources: library.sources, calendars: library.calendars, procedures };

  let sink = 0;
  const baseline = (): void => {
    for (const f of files) sink += (parse(f.text) as object) ? 1 : 0;
  };
  let errors = 0;
  let warnings = 0;
  const validateOnly = (): void => {
    errors = warnings = 0;
    for (const f of files) {
      const r = validateProcedureText(f.text, f.file, context);
      for (const d of r.diagnostics) {
        if (d.severity === 'error') errors++;
        else warnings++;
      }
    }
  };
  let compiled = 0;
  const validateAndCompile = (): void => {
    compiled = 0;
    for (const f of files) {
      const r = validateProcedureText(f.text, f.file, context);
      if (r.procedure) {
        compileProcedure(r.procedure, { file: f.file });
        compiled++;
      }
    }
  };

  // compileProcedure alone, on the procedures validation returned (as a server does it).
  let validated: { procedure: NonNullable<ReturnType<typeof validateProcedureText>['procedure']>; file: string }[] = [];
  const compileOnly = (): void => {
    for (const v of validated) compileProcedure(v.procedure, { file: v.file });
  };

  const time = (fn: () => void): number => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  // Warm-up on a slice, so that the JIT has seen every path before timing.
  const all = files.splice(0);
  files.push(...all.slice(0, Math.min(300, COUNT)));
  baseline();
  validateAndCompile();
  files.splice(0, files.length, ...all);
  validated = files.flatMap((f) => {
    const r = validateProcedureText(f.text, f.file, context);
    return r.procedure ? [{ procedure: r.procedure, file: f.file }] : [];
  });
  compileOnly();

  const t = { parse: [] as number[], validate: [] as number[], both: [] as number[], compile: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    t.parse.push(time(baseline));
    t.validate.push(time(validateOnly));
    t.both.push(time(validateAndCompile));
    t.compile.push(time(compileOnly));
  }
  const parseMs = median(t.parse);
  const validateMs = median(t.validate);
  const bothMs = median(t.both);
  const compileMs = median(t.compile);
  const per = (ms: number): string => `${(ms / COUNT).toFixed(3)} ms/procedure`;
  console.log(`${COUNT} generated procedures (${errors} errors, ${warnings} warnings; ${compiled} compiled)`);
  console.log(`yaml.parse (baseline)      ${parseMs.toFixed(0).padStart(6)} ms  ${per(parseMs)}`);
  console.log(`validate                   ${validateMs.toFixed(0).padStart(6)} ms  ${per(validateMs)}  ratio ${(validateMs / parseMs).toFixed(2)}`);
  console.log(`validate + compile         ${bothMs.toFixed(0).padStart(6)} ms  ${per(bothMs)}  ratio ${(bothMs / parseMs).toFixed(2)}  (targets: <= 1 ms, ratio <= 3)`);
  console.log(`compile alone (validated)  ${compileMs.toFixed(0).padStart(6)} ms  ${per(compileMs)}  ratio ${(compileMs / parseMs).toFixed(2)}`);
  if (sink < 0) console.log(sink);
  return Promise.resolve();
}
