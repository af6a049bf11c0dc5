/**
 * The scenario runner without its file-system edge: parse and run scenario texts, simulate
 * cases, step a case by hand and write it down as a scenario. This is what a browser imports
 * (`motcua/testing/pure`: the designer's simulator), so that its verdicts are exactly those of
 * `motcua test` and of a draft's check on the server. `motcua/testing` adds reading files.
 */
export type { ActorSpec, Expectation, Scenario, ScenarioCase, ScenarioStep, ScenarioStepKind, WaitSpan } from './scenario';
export { parseScenario, type ParsedScenario } from './parse-scenario';
export { checkScenarioReferences, checkScenarioCalendar, checkRegistry, stepsById } from './references';
export { SimulatedClock, advanceBy } from './clock';
export { simulate, calendarResolver, CaseSimulation, type SimulationOptions, type SubmitOptions, type ProcedureResolver } from './simulator';
export { simulationDriver, performStep, type CaseDriver, type CaseDriverFactory, type CaseSetup, type ObservedCase } from './driver';
export { compareExpectation, type Mismatch, type Observation } from './expect';
export { runScenario, type CaseResult, type CaseFailure, type CaseStatus, type ScenarioContext } from './run-scenario';
export { runScenarioText, checkAndRunScenario, type ScenarioTextResult } from './run-text';
export { CoverageRecorder, formatCoverage, type ProcedureCoverage } from './coverage';
export { flowGraphOf, type FlowGraph, type FlowEdge, type EdgeKind, type Region } from './flow';
export { simplePaths, pathKey, formatPath, loopErase, type FlowPath, type PathOptions } from './paths';
export { scaffoldScenario, sampleOf, type ScaffoldOptions } from './scaffold';
export { HandRun, expectationOf, scenarioText, stepYaml, lookupsFor, type HandStep, type HandRunOptions, type EnabledAction, type Registry } from './hand-run';
export { formatText, formatJUnit } from './reporters';
