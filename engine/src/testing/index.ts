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
export * from './pure';
export { runScenarioFile, runScenarioFiles, findScenarioFiles, LibraryCache, type FileResult, type RunSummary, type RunFilesOptions } from './run-files';
export { loadProcedure, type LoadedForTest } from './load-procedure';
