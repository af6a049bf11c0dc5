import type { CompiledProcedure } from '../compile';
import { MotcuaError } from '../errors';
import type { Library } from '../library/catalog';
import type { DocPath } from '../parse/source-document';
import type { CoverageRecorder } from './coverage';
import { simulationDriver, type CaseDriver, type CaseDriverFactory, type ObservedCase } from './driver';
import { compareExpectation } from './expect';
import { stepPath, type Scenario, type ScenarioCase } from './scenario';
import type { ProcedureResolver } from './simulator';

/** Why a case failed, and where in the scenario file. */
export interface CaseFailure {
  message: string;
  file: string;
  line: number;
  column: number;
  /** The `expect` key, for a mismatch. */
  field?: string;
  expected?: unknown;
  actual?: unknown;
  hint?: string;
  /** The 0-based index of the failing step in its case. */
  step: number;
}

export const CASE_STATUSES = ['passed', 'failed', 'skipped'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The result of one case of a scenario file. */
export interface CaseResult {
  file: string;
  name: string;
  procedure: string;
  status: CaseStatus;
  /** Empty when passed. The first failing step stops the case (later steps would only cascade). */
  failures: CaseFailure[];
  durationMs: number;
  /** Why a skipped case is skipped, when its `skip:` says. */
  skipReason?: string;
}

/** What `runScenario` needs besides the scenario. */
export interface ScenarioContext {
  compiled: CompiledProcedure;
  library?: Library;
  resolve?: ProcedureResolver;
  coverage?: CoverageRecorder;
  /** What runs the cases (default: the in-process simulator). */
  driver?: CaseDriverFactory;
  /** Returns the time in ms for durations (default `performance.now`). */
  timer?: () => number;
}

/** Runs every case of a parsed, checked scenario against its compiled procedure, one after the other. */
export async function runScenario(scenario: Scenario, ctx: ScenarioContext): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of scenario.cases) out.push(await runCase(scenario, c, ctx));
  return out;
}

async function runCase(scenario: Scenario, c: ScenarioCase, ctx: ScenarioContext): Promise<CaseResult> {
  const timer = ctx.timer ?? (() => performance.now());
  const started = timer();
  const base = { file: scenario.file, name: c.name, procedure: scenario.procedure };
  if (c.skip) return { ...base, status: 'skipped', failures: [], durationMs: 0, ...(typeof c.skip === 'string' ? { skipReason: c.skip } : {}) };
  const src = scenario.source;
  const failAt = (path: DocPath, step: number, message: string, extra: Partial<CaseFailure> = {}, key = true): CaseResult => {
    const pos = key ? src.keyPositionOf(path) : src.positionOf(path);
    return { ...base, status: 'failed', failures: [{ message, file: scenario.file, line: pos.line, column: pos.column, step, ...extra }], durationMs: timer() - started };
  };

  let driver: CaseDriver;
  try {
    driver = await (ctx.driver ?? simulationDriver).start({
      scenario,
      case: c,
      compiled: ctx.compiled,
      ...(ctx.library ? { library: ctx.library } : {}),
      ...(ctx.resolve ? { resolve: ctx.resolve } : {}),
      ...(ctx.coverage ? { coverage: ctx.coverage } : {}),
    });
  } catch (err) {
    return failAt(scenario.calendar === undefined ? ['procedure'] : ['calendar'], 0, describe(err), hintOf(err));
  }

  try {
    for (const step of c.steps) {
      const path = stepPath(c.index, step.index);
      if (step.at !== undefined) {
        try {
          await driver.at(step.at);
        } catch (err) {
          return failAt([...path, 'at'], step.index, describe(err), hintOf(err));
        }
      }
      let error: MotcuaError | undefined;
      try {
        await driver.perform(step.case, step);
      } catch (err) {
        if (!(err instanceof MotcuaError)) return failAt([...path, step.kind], step.index, `internal error: ${describe(err)}`, { hint: 'This is a bug of motcua, not of the scenario: please report it with the scenario file.' });
        error = err;
      }
      const expect = step.expect ?? {};
      // The case is read only when an expectation needs it (over HTTP, each read is a request).
      const needsCase = Object.keys(expect).some((k) => k !== 'error' && k !== 'missing');
      let seen: ObservedCase | undefined;
      if (needsCase && error?.code !== 'E_SCENARIO_UNKNOWN_CASE') {
        try {
          seen = await driver.observe(step.case);
        } catch (err) {
          return failAt([...path, step.kind], step.index, `internal error: ${describe(err)}`, hintOf(err));
        }
      }
      const mismatches = compareExpectation(expect, { sim: seen, error });
      if (mismatches.length > 0) {
        const failures = mismatches.map((m): CaseFailure => {
          const unexpected = m.field === 'error' && expect.error === undefined;
          const where = unexpected ? [...path, error?.code === 'E_SCENARIO_UNKNOWN_CASE' ? 'case' : step.kind] : [...path, 'expect', ...m.field.split('.')];
          const pos = src.keyPositionOf(where);
          return {
            message: unexpected ? (step.kind === 'check' ? 'the case cannot be checked' : `the ${step.kind} was refused`) : `expect.${m.field} does not hold`,
            file: scenario.file, line: pos.line, column: pos.column, field: m.field, expected: m.expected, actual: m.actual, step: step.index,
            ...(m.field === 'error' && error?.hint ? { hint: error.hint } : {}),
          };
        });
        return { ...base, status: 'failed', failures, durationMs: timer() - started };
      }
    }
    return { ...base, status: 'passed', failures: [], durationMs: timer() - started };
  } finally {
    await driver.close();
  }
}

function describe(err: unknown): string {
  if (err instanceof MotcuaError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

function hintOf(err: unknown): Partial<CaseFailure> {
  return err instanceof MotcuaError && err.hint ? { hint: err.hint } : {};
}
