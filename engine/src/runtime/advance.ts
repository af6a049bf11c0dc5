import type { CompiledProcedure } from '../compile/compile-procedure';
import type { MachineContext, MachineEvent } from '../compile/machine';
import { MotcuaError } from '../errors';
import { statusMap } from './components';
import { closeClock, dueOf, resumeCaseClock, stepDue, suspendCaseClock } from './clock';
import { move, type Marker, type Move } from './machine-step';
import { formatAt } from './time';
import type { CaseEvent, CaseState, CaseStatus, Effect, RuntimeEnv } from './types';
import type { ResultSpec } from '../model/procedure';

/** A transition being built: the next state (mutable copy) and what it produced. */
export interface Draft {
  state: CaseState;
  events: CaseEvent[];
  effects: Effect[];
}

/** What the machine's guards read, rebuilt from the case state (the case state is the truth). */
export function machineContext(state: CaseState): MachineContext {
  return {
    data: state.data,
    components: statusMap(state.components),
    case: { submittedAt: state.submittedAt, ...(state.unit ? { unit: state.unit } : {}), ...(state.channel ? { channel: state.channel } : {}) },
    fees: state.fees.total,
    paid: state.paid,
  };
}

/** The step ids a machine state value waits in (leaves; a parallel step contributes its branches'). */
export function activeSteps(value: unknown): string[] {
  if (typeof value === 'string') return value === 'end' ? [] : [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(activeSteps);
  return [];
}

/** The error a guard threw, out of XState's wrapper, so that refusals keep their code. */
function unwrap(err: unknown): unknown {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e instanceof MotcuaError) return e;
  return err;
}

/**
 * Moves the machine: the initial transition (`event` undefined) or one event. Then applies the
 * meaning of the marker actions the machine went through, in order: leaving a step closes its
 * run (and resumes the clock after a supplement), entering a step starts a run with its SLA
 * (and suspends the clock, or starts a child case), reaching an outcome closes the case.
 */
export function advance(compiled: CompiledProcedure, draft: Draft, env: RuntimeEnv, event: MachineEvent | undefined, entry: Omit<CaseEvent, 'type' | 'at' | 'from' | 'to'> = {}): void {
  const { machine } = compiled;
  const context = machineContext(draft.state);
  // Converted for CEL once for every guard of this transition (the commands changed the data
  // before calling us; nothing changes it until the transition is over).
  context.scope = compiled.expressions.prepare(context);
  let next: Move;
  try {
    const value = event === undefined ? undefined : (draft.state.snapshot as { value?: unknown } | undefined)?.value;
    next = move(machine, value, event, context);
  } catch (err) {
    throw unwrap(err);
  }
  // The initial transition reports a guard's error in the snapshot instead of throwing it.
  if (next.status === 'error') throw unwrap(next.error);
  const from = draft.state.active;
  const to = activeSteps(next.value);
  const later: CaseEvent[] = [];
  const at = formatAt(env);
  const stillSuspended = to.some((id) => compiled.graph.steps.get(id)?.step.kind === 'supplement');
  for (const action of next.markers) interpret(compiled, draft, env, action, later, at, stillSuspended);
  // Persisted without its context: the case state holds data, components and fees, and
  // `machineContext(state)` rebuilds the context (stored twice, it would double the state).
  draft.state.snapshot = next.persisted;
  draft.state.active = next.status === 'done' ? [] : to;
  draft.state.status = statusOf(compiled, draft.state);
  if (event !== undefined || to.length > 0) {
    draft.events.push({ type: 'transition', at, ...entry, from, to: draft.state.outcome ? [draft.state.outcome] : to });
  }
  draft.events.push(...later);
}

function interpret(compiled: CompiledProcedure, draft: Draft, env: RuntimeEnv, action: Marker, events: CaseEvent[], at: string, stillSuspended: boolean): void {
  const state = draft.state;
  const params = (action.params ?? {}) as { step?: string; outcome?: string };
  if (action.type === 'exit' && params.step) {
    const run = state.steps[params.step];
    if (run) run.finishedAt = at;
    // Another branch of a parallel step may still wait for a supplement: the clock stays stopped.
    if (compiled.graph.steps.get(params.step)?.step.kind === 'supplement' && !stillSuspended) {
      state.clock = resumeCaseClock(state.clock, env);
      events.push({ type: 'resumed', at, step: params.step, detail: { due: dueIso(state, env) } });
    }
  } else if (action.type === 'enter' && params.step) {
    const step = compiled.graph.steps.get(params.step)?.step;
    if (!step) return;
    const due = step.sla ? stepDue(env, step.sla) : undefined;
    state.steps[step.id] = { startedAt: at, ...(due ? { due } : {}) };
    if (step.kind === 'supplement') {
      state.clock = suspendCaseClock(state.clock, env);
      events.push({ type: 'suspended', at, step: step.id });
    } else if (step.kind === 'procedure') {
      const place = compiled.graph.steps.get(step.id);
      const scope = compiled.expressions.prepare({ data: state.data, components: statusMap(state.components), case: { submittedAt: state.submittedAt } });
      const data = Object.fromEntries(
        Object.entries(step.data ?? {}).map(([field, source]) => [field, compiled.expressions.evaluate(source, scope, `${place?.path ?? step.id}.data.${field}`)]),
      );
      state.children[step.id] = { procedure: step.procedure, status: 'running' };
      draft.effects.push({ type: 'start-child', step: step.id, procedure: step.procedure, data });
      events.push({ type: 'child-started', at, step: step.id, detail: { procedure: step.procedure } });
    }
  } else if (action.type === 'close' && params.outcome) {
    const outcome = compiled.graph.outcomes.get(params.outcome);
    if (!outcome) return;
    const closed = closeClock(state.clock, env);
    state.clock = closed.clock;
    state.onTime = closed.onTime;
    state.outcome = params.outcome;
    state.closedAt = at;
    events.push({ type: 'closed', at, detail: { outcome: params.outcome, status: outcome.status, onTime: closed.onTime } });
    if (outcome.result) {
      const balance = state.fees.total - state.paid;
      if (compiled.procedure.payment === 'on-result' && balance > 0) {
        // The decision stands (the clock stopped), but the document waits for the fees.
        state.resultHeld = { outcome: params.outcome, heldAt: at, ...outcome.result };
        events.push({ type: 'result-held', at, detail: { outcome: params.outcome, document: outcome.result.document, balance } });
      } else {
        issueResult(draft, params.outcome, outcome.result, at);
      }
    }
  }
}

/** Records the outcome's result on the case and asks the caller to issue the document. */
export function issueResult(draft: Draft, outcome: string, spec: ResultSpec, at: string): void {
  draft.state.result = { outcome, issuedAt: at, ...spec };
  draft.effects.push({
    type: 'issue-result',
    outcome,
    document: spec.document,
    ...(spec.issuer ? { issuer: spec.issuer } : {}),
    ...(spec.store ? { store: spec.store } : {}),
  });
}

function dueIso(state: CaseState, env: RuntimeEnv): string {
  state.due = formatAt(env, dueOf(state.clock));
  return state.due;
}

/** The case's overall status from its outcome or the kinds of the steps it waits in. */
export function statusOf(compiled: CompiledProcedure, state: CaseState): CaseStatus {
  if (state.outcome) return state.resultHeld ? 'awaiting-payment' : (compiled.graph.outcomes.get(state.outcome)?.status ?? 'done');
  const kinds = new Set(state.active.map((id) => compiled.graph.steps.get(id)?.step.kind));
  if (kinds.has('supplement')) return 'suspended';
  if (kinds.has('payment')) return 'awaiting-payment';
  if (kinds.size > 0 && [...kinds].every((k) => k === 'procedure')) return 'awaiting-child';
  return 'processing';
}
