/**
 * The seam between the scenario runner and what runs the cases. The runner parses a scenario,
 * walks its steps and checks each `expect`; a case driver carries out the steps and shows
 * the case back. Two drivers exist: the in-process simulator (`simulationDriver`, the
 * default) and the HTTP driver of `motcua test --server` (cli/src/scenario-http/), which
 * runs the same steps against a live server started with `motcua serve --test-clock`.
 */
import type { CompiledProcedure } from '../compile';
import type { Library } from '../library/catalog';
import type { ComponentStatus } from '../runtime/types';
import type { CoverageRecorder } from './coverage';
import type { Scenario, ScenarioCase, ScenarioStep } from './scenario';
import { simulate, type CaseSimulation, type ProcedureResolver } from './simulator';

/** What `expect` compares: a case as the runner sees it, whoever runs it. */
export interface ObservedCase {
  /** The steps the case waits in (several inside a parallel step). */
  readonly active: readonly string[];
  readonly outcome: string | undefined;
  readonly status: string;
  /** Total fees, VND. */
  readonly fees: number;
  /** The statutory due, an ISO instant. */
  readonly deadline: string;
  readonly onTime: boolean | undefined;
  /** Open: the running clock is past the due. Closed: it closed late. */
  readonly overdue: boolean;
  readonly components: Readonly<Record<string, ComponentStatus>>;
}

/** Everything a driver needs to run one case of a scenario. */
export interface CaseSetup {
  scenario: Scenario;
  case: ScenarioCase;
  /** The procedure version under test, compiled from the scenario's library. */
  compiled: CompiledProcedure;
  library?: Library;
  /** Child and linked procedures, by code (the library's newest version). */
  resolve?: ProcedureResolver;
  coverage?: CoverageRecorder;
}

/**
 * Runs the steps of one scenario case. Every method throws the refusal a command meets as a
 * `MotcuaError` with its code (`E_FORBIDDEN`, `E_MISSING_COMPONENTS` with its problems...),
 * and `E_SCENARIO_UNKNOWN_CASE` when `target` names no child or linked case.
 */
export interface CaseDriver {
  /** Sets the clock (never backwards: `E_SCENARIO_CLOCK_BACKWARDS`); every open case sees the time. */
  at(instant: string): Promise<void>;
  /**
   * Carries out one step's command on the root case (`target` undefined) or on the case
   * `target` names (`case:`); a `check` step only makes sure that the case exists.
   */
  perform(target: string | undefined, step: ScenarioStep): Promise<void>;
  /** The case as it is now; undefined when it was not submitted or not started. */
  observe(target: string | undefined): Promise<ObservedCase | undefined>;
  /** Frees what the case held (nothing in process). */
  close(): Promise<void>;
}

/** Starts a driver per scenario case. */
export interface CaseDriverFactory {
  /** Shown by reporters next to the results, e.g. `http://localhost:3000`; absent in process. */
  readonly target?: string;
  start(setup: CaseSetup): Promise<CaseDriver>;
}

/** The in-process driver: the engine's runtime with a simulated clock (`simulate`). */
export const simulationDriver: CaseDriverFactory = {
  start(setup: CaseSetup): Promise<CaseDriver> {
    const { scenario } = setup;
    const root = simulate(setup.compiled, {
      clock: scenario.clock,
      registry: scenario.registry,
      ...(scenario.calendar ? { calendar: scenario.calendar } : {}),
      ...(setup.library ? { library: setup.library } : {}),
      ...(setup.resolve ? { resolve: setup.resolve } : {}),
      ...(setup.coverage ? { coverage: setup.coverage } : {}),
    });
    const find = (target: string | undefined): CaseSimulation => (target === undefined ? root : root.child(target));
    return Promise.resolve({
      at: (instant) => Promise.resolve(void root.at(instant)),
      perform: (target, step) => Promise.resolve(performStep(find(target), step)),
      observe(target) {
        let sim: CaseSimulation;
        try {
          sim = find(target);
        } catch {
          return Promise.resolve(undefined);
        }
        return Promise.resolve(sim.submitted ? sim : undefined);
      },
      close: () => Promise.resolve(),
    });
  },
};

/**
 * Runs one scenario step on a simulated case. Throws the runtime's refusals as they are. The
 * scenario runner and the designer's hand run (`HandRun`) both step cases through it.
 */
export function performStep(sim: CaseSimulation, step: ScenarioStep): void {
  switch (step.kind) {
    case 'submit':
      sim.submit({
        data: step.data,
        upload: step.upload,
        ...(step.unit ? { unit: step.unit } : {}),
        ...(step.channel ? { channel: step.channel } : {}),
        ...(step.as?.id ? { applicant: step.as.id } : {}),
        ...(step.as?.nationalId ? { filer: step.as.nationalId } : {}),
      });
      return;
    case 'act':
      sim.act(step.step, step.action, step.as, step.form);
      return;
    case 'pay':
      sim.pay(step.amount);
      return;
    case 'supplement':
      sim.supplement({ upload: step.upload, ...(step.data ? { data: step.data } : {}) });
      return;
    case 'wait':
      if (step.until !== undefined) sim.at(step.until);
      else if (step.for) sim.wait(step.for);
      return;
    case 'withdraw':
      sim.withdraw();
      return;
    case 'consent':
      sim.consent(step.subject);
      return;
    case 'check':
      return;
  }
}
