/**
 * A scenario held as text (a draft's, sent to the server) run against a procedure that is not
 * in a library on disk yet: the same checks and run as `motcua test` does for a file. Pure.
 */
import type { CompiledProcedure } from '../compile';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic';
import type { Library } from '../library/catalog';
import { diagnosticAt, parseScenario } from './parse-scenario';
import { checkRegistry, checkScenarioCalendar, checkScenarioReferences } from './references';
import { runScenario, type CaseResult, type ScenarioContext } from './run-scenario';
import type { Scenario } from './scenario';

/** What a scenario run gives: its diagnostics (when it could not run) and its cases. */
export interface ScenarioTextResult {
  diagnostics: Diagnostic[];
  cases: CaseResult[];
}

/**
 * Checks a parsed scenario against its library (calendar, registry records, steps and actions
 * of the procedure) and runs its cases: the part `motcua test` and a draft's check share.
 */
export async function checkAndRunScenario(scenario: Scenario, ctx: ScenarioContext & { library: Library }): Promise<ScenarioTextResult> {
  const { library } = ctx;
  const refs = [
    ...checkScenarioCalendar(scenario, library),
    ...checkRegistry(scenario, library),
    ...checkScenarioReferences(scenario, ctx.compiled.procedure, (code) => library.procedures.get(code)?.at(-1)?.procedure, library),
  ];
  if (hasErrors(refs)) return { diagnostics: refs, cases: [] };
  return { diagnostics: refs, cases: await runScenario(scenario, ctx) };
}

/**
 * Parses and runs scenario `text` (shown as `file`) against `compiled`, with `library` for
 * calendars, records' sources and linked procedures. A scenario of another procedure code is
 * a diagnostic. Failed cases are returned as cases, not diagnostics.
 */
export async function runScenarioText(text: string, file: string, compiled: CompiledProcedure, library: Library, resolve?: ScenarioContext['resolve']): Promise<ScenarioTextResult> {
  const parsed = parseScenario(text, file);
  const scenario = parsed.scenario;
  if (!scenario || hasErrors(parsed.diagnostics)) return { diagnostics: sortDiagnostics(parsed.diagnostics), cases: [] };
  const { code, version } = compiled.procedure;
  if (scenario.procedure !== code || (scenario.version !== undefined && scenario.version !== version)) {
    const d = diagnosticAt(scenario.source, ['procedure'], 'E_SCENARIO_UNKNOWN_PROCEDURE', `this scenario tests ${scenario.procedure}${scenario.version ? `@${scenario.version}` : ''}, not ${code}@${version}`, `Set procedure: "${code}" (and no version, or version: ${version}).`);
    return { diagnostics: [...parsed.diagnostics, d], cases: [] };
  }
  const r = await checkAndRunScenario(scenario, { compiled, library, ...(resolve ? { resolve } : {}) });
  return { diagnostics: sortDiagnostics([...parsed.diagnostics, ...r.diagnostics]), cases: r.cases };
}
