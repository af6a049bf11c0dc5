/**
 * Unit-testing procedures without a server: scenario files (`*.test.yaml`) run with a
 * simulated clock, and a TypeScript API for vitest.
 *
 * ```ts
 * import { loadProcedure, simulate } from '../../engine/src/testing'; // from examples/<name>/
 * const { compiled, library } = loadProcedure('procedures/civil-status/1.001193-birth-registration.yaml');
 * const sim = simulate(compiled, { clock: '2026-02-12T09:00:00+07:00', library, registry });
 * sim.submit({ data, upload: ['medical-birth-certificate'] });
 * expect(sim.fees).toBe(0);
 * sim.at('2026-02-13T10:00:00+07:00').act('verify', 'approve', { role: 'civil-status-officer' });
 * expect(sim.outcome).toBe('approved');
 * ```
 */
export type { ActorSpec, Expectation, Scenario, ScenarioCase, ScenarioStep, ScenarioStepKind, WaitSpan } from './scenario';
export { parseScenario, type ParsedScenario } from './parse-scenario';
export { checkScenarioReferences, checkScenarioCalendar, checkRegistry, stepsById } from './references';
export { SimulatedClock, advanceBy } from './clock';
export { simulate, calendarResolver, CaseSimulation, type SimulationOptions, type SubmitOptions, type ProcedureResolver } from './simulator';
export { simulationDriver, type CaseDriver, type CaseDriverFactory, type CaseSetup, type ObservedCase } from './driver';
export { compareExpectation, type Mismatch, type Observation } from './expect';
export { runScenario, type CaseResult, type CaseFailure, type CaseStatus, type ScenarioContext } from './run-scenario';
export { runScenarioText, checkAndRunScenario, type ScenarioTextResult } from './run-text';
export { runScenarioFile, runScenarioFiles, findScenarioFiles, LibraryCache, type FileResult, type RunSummary, type RunFilesOptions } from './run-files';
export { CoverageRecorder, formatCoverage, type ProcedureCoverage } from './coverage';
export { flowGraphOf, type FlowGraph, type FlowEdge, type EdgeKind, type Region } from './flow';
export { simplePaths, pathKey, formatPath, loopErase, type FlowPath, type PathOptions } from './paths';
export { scaffoldScenario, sampleOf, type ScaffoldOptions } from './scaffold';
export { loadProcedure, type LoadedForTest } from './load-procedure';
export { formatText, formatJUnit } from './reporters';
