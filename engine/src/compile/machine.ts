import { setup } from 'xstate';
import { END, type Outcome, type Procedure, type Step } from '../model/procedure';
import type { ExpressionCache, ExpressionScope } from './expressions';
import type { ProcedureGraph } from './graph';

/**
 * What the machine's guards read. The runtime rebuilds it from the case state before each
 * transition, so the machine itself never owns case data.
 */
export interface MachineContext {
  data: Record<string, unknown>;
  case: { submittedAt?: string; unit?: string; channel?: string };
  components: Record<string, string>;
  /** Total fees due (VND) and what has been paid: a payment step passes through when settled. */
  fees: number;
  paid: number;
  /**
   * `data`, `case` and `components` already converted for CEL (`ExpressionCache.prepare`), so
   * that the guards of one transition convert the data once; built from the same fields.
   */
  scope?: ExpressionScope;
}

/**
 * The machine's events. Every event aimed at a step names it (`step`), so that two tasks in
 * the branches of a parallel step may share an action name (`done`) without both moving.
 */
export type MachineEvent =
  | { type: `act.${string}`; step: string }
  | { type: 'PAY'; step: string }
  | { type: 'SUPPLEMENT'; step: string }
  | { type: 'CHILD.DONE'; step: string }
  | { type: 'CHILD.FAILED'; step: string }
  | { type: 'WITHDRAW' };

/** The event type of a task action. */
export const actEvent = (action: string): `act.${string}` => `act.${action}`;

/** Machine action params: which step was entered or left, which outcome closed the case. */
export interface StepParams {
  step: string;
}
export interface OutcomeParams {
  outcome: string;
}

type TransitionConfig = { target: string; guard?: string | { type: string; params: Record<string, unknown> } };
type StateConfig = Record<string, unknown>;

/**
 * The machine config of a procedure (plain JSON): one state per step (id = step id), parallel
 * steps as parallel states, outcomes as final states, named guards and marker actions.
 */
export function buildMachineConfig(procedure: Procedure, graph: ProcedureGraph): MachineConfigJSON {
  const targetOf = (to: string): string => (to === END ? END : `#${to}`);
  const forStep = (step: string) => ({ type: 'isStep', params: { step } });

  const stepState = (step: Step): StateConfig => {
    const base: StateConfig = {
      id: step.id,
      meta: { kind: step.kind, ...(step.kind === 'task' ? { role: step.role, ...(step.level ? { level: step.level } : {}) } : {}) },
      entry: [{ type: 'enter', params: { step: step.id } }],
      exit: [{ type: 'exit', params: { step: step.id } }],
    };
    switch (step.kind) {
      case 'task':
        return {
          ...base,
          on: Object.fromEntries(
            Object.entries(step.actions).map(([action, spec]) => [
              actEvent(action),
              { target: targetOf(spec.to), guard: forStep(step.id) } satisfies TransitionConfig,
            ]),
          ),
        };
      case 'supplement':
        return { ...base, on: { SUPPLEMENT: { target: targetOf(step.to), guard: forStep(step.id) } } };
      case 'payment':
        return {
          ...base,
          always: [{ target: targetOf(step.to), guard: 'settled' }],
          on: { PAY: { target: targetOf(step.to), guard: forStep(step.id) } },
        };
      case 'choice': {
        const branches: TransitionConfig[] = step.branches.map((b, i) => ({
          target: targetOf(b.to),
          guard: { type: 'when', params: { step: step.id, branch: i, expr: b.when } },
        }));
        return { ...base, always: [...branches, { target: targetOf(step.otherwise) }] };
      }
      case 'procedure': {
        const onFail = step.onFail ?? graph.rejectOutcome;
        return {
          ...base,
          on: {
            'CHILD.DONE': { target: targetOf(step.to), guard: forStep(step.id) },
            ...(onFail ? { 'CHILD.FAILED': { target: targetOf(onFail), guard: forStep(step.id) } } : {}),
          },
        };
      }
      case 'parallel':
        return {
          ...base,
          type: 'parallel',
          states: Object.fromEntries(
            Object.entries(step.branches).map(([branch, list]) => [
              branch,
              {
                initial: list[0]?.id ?? END,
                states: { ...Object.fromEntries(list.map((s) => [s.id, stepState(s)])), [END]: { type: 'final' } },
              },
            ]),
          ),
          onDone: { target: targetOf(step.to) },
        };
    }
  };

  const outcomeState = (id: string, outcome: Outcome): StateConfig => ({
    id,
    type: 'final',
    meta: { outcome: id, status: outcome.status, ...(outcome.result ? { result: outcome.result } : {}) },
    entry: [{ type: 'close', params: { outcome: id } }],
    output: { outcome: id, status: outcome.status },
  });

  const states: Record<string, StateConfig> = {};
  for (const step of procedure.steps) states[step.id] = stepState(step);
  for (const [id, outcome] of Object.entries(procedure.outcomes)) states[id] = outcomeState(id, outcome);

  const config: MachineConfigJSON = {
    id: procedure.code,
    initial: graph.initial,
    ...(graph.withdrawOutcome ? { on: { WITHDRAW: { target: `#${graph.withdrawOutcome}` } } } : {}),
    states,
  };
  return config;
}

/**
 * Creates the XState machine from its config. Guards and actions are named (implemented in
 * `setup`) so that the definition serialises to JSON and Mermaid unchanged run after run.
 * The actions do nothing inside the machine: the runtime reads them from the transition's
 * result and applies their meaning (SLA starts, clock suspension, child cases, closing).
 */
export function createProcedureMachine(config: MachineConfigJSON, graph: ProcedureGraph, expressions: ExpressionCache) {
  const probe: GuardProbe = { contextReads: 0 };
  // The return type is inferred: it is the typed machine `setup()` produces.
  const machine = setup({
    types: { context: {} as MachineContext, input: {} as MachineContext, events: {} as MachineEvent },
    guards: {
      isStep: ({ event }, params: StepParams) => 'step' in event && event.step === params.step,
      settled: ({ context }) => {
        probe.contextReads++;
        return context.paid >= context.fees;
      },
      when: ({ context }, params: { step: string; branch: number; expr: string }) => {
        probe.contextReads++;
        const place = graph.steps.get(params.step);
        const scope = context.scope ?? { data: context.data, case: context.case, components: context.components };
        return expressions.test(params.expr, scope, `${place?.path ?? params.step}.branches[${params.branch}].when`, false);
      },
    },
    actions: {
      // Markers only: the runtime interprets them (see runtime/advance.ts).
      enter: (_args, _params: StepParams) => undefined,
      exit: (_args, _params: StepParams) => undefined,
      close: (_args, _params: OutcomeParams) => undefined,
    },
  }).createMachine({
    id: config.id,
    initial: config.initial,
    ...(config.on ? { on: config.on as never } : {}),
    context: ({ input }) => input,
    // The config is assembled from data; setup() typed the guards and actions it may name.
    states: config.states as never,
  });
  probes.set(machine, probe);
  return machine;
}

/** How many times the guards of one machine read its context (see {@link guardProbe}). */
export interface GuardProbe {
  contextReads: number;
}

const probes = new WeakMap<object, GuardProbe>();

/**
 * The counter of context reads of `machine`'s guards. Only `settled` and `when` read the
 * context; `isStep` reads the event's step. A move during which the counter did not change
 * depended only on the state value and the event, which is what lets `runtime/machine-step.ts`
 * memoize it. Undefined for a machine `createProcedureMachine` did not make.
 */
export function guardProbe(machine: object): GuardProbe | undefined {
  return probes.get(machine);
}

/**
 * The machine's config as plain JSON (what `createMachine` took, minus the context factory):
 * what XState tooling imports. Guards and actions appear by name with their params.
 */
export interface MachineConfigJSON {
  id: string;
  initial: string;
  on?: Record<string, unknown>;
  states: Record<string, unknown>;
}

/** The machine type of a compiled procedure. */
export type ProcedureMachine = ReturnType<typeof createProcedureMachine>;
