/**
 * A case stepped by hand (the designer's simulator): each step runs through the same
 * `performStep` the scenario runner uses, what the case then shows is recorded as the step's
 * expectation, and the whole run becomes a scenario file that `motcua test` (and a draft's
 * check on the server) runs green. Pure: no files, no real clock.
 */
import { Document } from 'yaml';
import type { CompiledProcedure } from '../compile';
import type { Library } from '../library/catalog';
import { allowedActions, planLookups, type Lookup } from '../runtime';
import { performStep } from './driver';
import type { ActorSpec, Expectation, ScenarioStep, WaitSpan } from './scenario';
import { simulate, type CaseSimulation, type ProcedureResolver } from './simulator';

/** Records of national sources: source id -> key -> record (a scenario's `registry:`). */
export type Registry = Record<string, Record<string, Record<string, unknown>>>;

/** A step done by hand: a scenario step without its position, clock or expectation. */
export type HandStep =
  | { kind: 'submit'; data: Record<string, unknown>; upload: string[]; channel?: string }
  | { kind: 'act'; step: string; action: string; as?: ActorSpec; form?: Record<string, unknown> }
  | { kind: 'pay' }
  | { kind: 'supplement'; upload: string[] }
  | { kind: 'wait'; for: WaitSpan }
  | { kind: 'withdraw' };

/** Options of a hand run. */
export interface HandRunOptions {
  /** Where the simulated clock starts: an ISO instant with offset (the scenario's `clock:`). */
  clock: string;
  /** What the national sources hold (the scenario's `registry:`). */
  registry?: Registry;
  /** Calendars, sources and linked procedures, as the server's validator gives a draft's scenarios. */
  library?: Library;
  resolve?: ProcedureResolver;
}

/** What the person stepping the case may do now. */
export interface EnabledAction {
  step: string;
  /** `task` actions are the officer's; `pay`, `supplement` and `withdraw` the applicant's. */
  kind: 'task' | 'pay' | 'supplement' | 'withdraw';
  action: string;
}

/** What a case shows after a step: the expectation a scenario step checks. */
export function expectationOf(sim: CaseSimulation): Expectation {
  const s = sim.state;
  const state = s.outcome ?? (s.active.length === 1 ? s.active[0] : [...s.active]);
  return {
    ...(state !== undefined ? { state } : {}),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    status: s.status,
    fees: s.fees.total,
    ...(s.due ? { deadline: s.due } : {}),
  };
}

/** One case stepped by hand, recorded step by step. */
export class HandRun {
  readonly compiled: CompiledProcedure;
  readonly options: HandRunOptions;
  #sim: CaseSimulation;
  readonly #steps: ScenarioStep[] = [];

  constructor(compiled: CompiledProcedure, options: HandRunOptions) {
    this.compiled = compiled;
    this.options = options;
    this.#sim = this.#fresh();
  }

  /** The simulated case (read its `state`, `events`, `now` once submitted). */
  get sim(): CaseSimulation {
    return this.#sim;
  }

  /** The steps done so far, each with the expectation observed after it. */
  get steps(): readonly ScenarioStep[] {
    return this.#steps;
  }

  /**
   * Does a step. A refusal (a `MotcuaError`: missing components, an action not allowed now...)
   * is thrown as the runtime throws it and records nothing.
   */
  do(step: HandStep): void {
    const full = { ...step, index: this.#steps.length } as ScenarioStep;
    performStep(this.#sim, full);
    full.expect = expectationOf(this.#sim);
    this.#steps.push(full);
  }

  /** Undoes the last step (the run is replayed without it: the simulation has no way back). */
  undo(): void {
    const kept = this.#steps.slice(0, -1);
    this.#steps.length = 0;
    this.#sim = this.#fresh();
    for (const s of kept) {
      performStep(this.#sim, s);
      this.#steps.push(s);
    }
  }

  /** The actions the case allows now (none before submission or once closed). */
  enabled(): EnabledAction[] {
    if (!this.#sim.submitted) return [];
    const s = this.#sim.state;
    if (s.outcome) return s.resultHeld ? [{ step: s.active[0] ?? 'pay', kind: 'pay', action: 'pay' }] : [];
    const out: EnabledAction[] = [];
    for (const a of allowedActions(this.compiled, s)) {
      if (a.kind === 'task') out.push(...a.actions.map((action) => ({ step: a.step, kind: 'task' as const, action })));
      else if (a.kind === 'payment') out.push({ step: a.step, kind: 'pay', action: 'pay' });
      else if (a.kind === 'supplement') out.push({ step: a.step, kind: 'supplement', action: 'supplement' });
    }
    out.push({ step: s.active[0] ?? 'withdraw', kind: 'withdraw', action: 'withdraw' });
    return out;
  }

  /** The scenario file of this run: one case named `name`, whose steps expect what was seen. */
  toScenario(name: string): string {
    return scenarioText({ procedure: this.compiled.procedure.code, clock: this.options.clock, registry: this.options.registry ?? {}, name, steps: this.#steps });
  }

  #fresh(): CaseSimulation {
    const o = this.options;
    return simulate(this.compiled, { clock: o.clock, registry: o.registry ?? {}, ...(o.library ? { library: o.library } : {}), ...(o.resolve ? { resolve: o.resolve } : {}) });
  }
}

/** A scenario step as its YAML mapping (`{ act: {...}, expect: {...} }`). */
export function stepYaml(step: ScenarioStep): Record<string, unknown> {
  const body = ((): Record<string, unknown> => {
    switch (step.kind) {
      case 'submit':
        return { submit: { data: step.data, upload: step.upload, ...(step.unit ? { unit: step.unit } : {}), ...(step.channel ? { channel: step.channel } : {}), ...(step.as ? { as: step.as } : {}) } };
      case 'act':
        return { act: { step: step.step, action: step.action, ...(step.as && Object.keys(step.as).length ? { as: step.as } : {}), ...(step.form && Object.keys(step.form).length ? { form: step.form } : {}) } };
      case 'pay':
        return { pay: step.amount === undefined ? {} : { amount: step.amount } };
      case 'supplement':
        return { supplement: { upload: step.upload, ...(step.data ? { data: step.data } : {}) } };
      case 'wait':
        return { wait: step.until !== undefined ? { until: step.until } : { for: step.for } };
      case 'withdraw':
        return { withdraw: {} };
      case 'consent':
        return { consent: { subject: step.subject } };
      case 'check':
        return {};
    }
  })();
  return { ...(step.at ? { at: step.at } : {}), ...(step.case ? { case: step.case } : {}), ...body, ...(step.expect ? { expect: step.expect } : {}) };
}

/** The text of a one-case scenario file (`*.test.yaml`). */
export function scenarioText(o: { procedure: string; clock: string; registry: Registry; name: string; steps: readonly ScenarioStep[] }): string {
  const doc = new Document({
    procedure: o.procedure,
    clock: o.clock,
    ...(Object.keys(o.registry).length ? { registry: o.registry } : {}),
    cases: [{ name: o.name, steps: o.steps.map(stepYaml) }],
  });
  doc.commentBefore = ' Ghi lại từ bộ mô phỏng của trình thiết kế (recorded by hand in the designer\'s simulator).';
  return doc.toString({ lineWidth: 0 });
}

/**
 * The national records a submission of `data` would look up (components a source can replace,
 * prefills), as `planLookups` plans them on the server.
 */
export function lookupsFor(compiled: CompiledProcedure, data: Record<string, unknown>, registry: Registry, uploads: readonly string[] = []): Lookup[] {
  return planLookups(compiled, data, { get: (source, key) => registry[source]?.[key] }, { uploads });
}
