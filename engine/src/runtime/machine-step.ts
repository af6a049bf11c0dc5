import { createActor, type SnapshotFrom } from 'xstate';
import { guardProbe, type MachineContext, type MachineEvent, type ProcedureMachine } from '../compile/machine';
import { cloneState } from './clone';

/** A marker action the machine went through (`enter`, `exit`, `close`) with its params. */
export interface Marker {
  type: string;
  params?: unknown;
}

type Snapshot = SnapshotFrom<ProcedureMachine>;
type Scope = Parameters<ProcedureMachine['transition']>[2];

/**
 * The pure transition functions of XState (`initialTransition`, `transition`), with one
 * difference: the inert actor scope they need is built once per machine instead of once per
 * call. XState's helpers create a throw-away actor (which computes an initial snapshot) on every
 * call; that was two thirds of the cost of a command. Our machines spawn, invoke and delay
 * nothing, so the scope only collects the actions to execute, which is all we read.
 */
const scopes = new WeakMap<ProcedureMachine, { scope: Scope; sink: Marker[] }>();

function scopeOf(machine: ProcedureMachine, context: MachineContext): { scope: Scope; sink: Marker[] } {
  let entry = scopes.get(machine);
  if (!entry) {
    const self = createActor(machine, { input: context });
    const sink: Marker[] = [];
    const scope: Scope = {
      self,
      id: '',
      sessionId: '',
      logger: () => undefined,
      defer: () => undefined,
      emit: () => undefined,
      system: self.system,
      stopChild: () => undefined,
      actionExecutor: (action) => void sink.push({ type: action.type, params: action.params }),
    };
    entry = { scope, sink };
    scopes.set(machine, entry);
  }
  entry.sink.length = 0;
  return entry;
}

/** The initial snapshot for `context`, and the actions the machine went through. */
export function initialStep(machine: ProcedureMachine, context: MachineContext): [Snapshot, Marker[]] {
  const { scope, sink } = scopeOf(machine, context);
  const next = machine.getInitialSnapshot(scope, context);
  return [next, [...sink]];
}

/** The snapshot after `event`, and the actions the machine went through. */
export function nextStep(machine: ProcedureMachine, snapshot: Snapshot, event: MachineEvent, context: MachineContext): [Snapshot, Marker[]] {
  const { scope, sink } = scopeOf(machine, context);
  const next = machine.transition(snapshot, event, scope);
  return [next, [...sink]];
}

/**
 * What XState's `machine.getPersistedSnapshot` gives for `snapshot` without its context (the
 * case state holds the data; `machineContext` rebuilds the context), built directly: the same
 * fields in the same order (status, output, error, value, historyValue, context, children).
 * XState's copies the whole snapshot twice on the way, on every transition. A snapshot with
 * children (our machines spawn none) still goes through XState's.
 */
export function persistedSnapshot(machine: ProcedureMachine, snapshot: Snapshot): unknown {
  for (const _child in snapshot.children) return machine.getPersistedSnapshot({ ...snapshot, context: {} } as Snapshot);
  const history: Record<string, { id: string }[]> = {};
  for (const [key, nodes] of Object.entries(snapshot.historyValue ?? {})) {
    if (Array.isArray(nodes)) history[key] = nodes.map((n: { id: string }) => ({ id: n.id }));
  }
  return { status: snapshot.status, output: snapshot.output, error: snapshot.error, value: snapshot.value, historyValue: history, context: {}, children: {} };
}

/** What the runtime reads of one move of the machine (see {@link move}). */
export interface Move {
  /** The state value after the move (a step id, or an object for parallel steps). */
  value: unknown;
  status: Snapshot['status'];
  /** The error a guard raised (status `error`, initial transition only). */
  error: unknown;
  /** The snapshot to store in the case state: {@link persistedSnapshot} of the move's. */
  persisted: unknown;
  /** The marker actions the machine went through, in order. */
  markers: Marker[];
}

/** The moves memoized per machine, by state value and event (see {@link move}). */
const memos = new WeakMap<ProcedureMachine, Map<string, Move>>();

/**
 * Bounds each machine's memo. A machine has finitely many state values and events, a few
 * hundred moves for the largest procedure of the library; past the bound moves are still
 * correct, only no longer memoized.
 */
export const MAX_MEMOIZED_MOVES = 2_000;

/**
 * One move of the machine, as the runtime applies a command: the initial transition (`event`
 * undefined) or `event` from the stored state value `value`. It is XState's (`initialStep`,
 * `resolveState` then `nextStep`), memoized: a move during which no guard read the context
 * (the `guardProbe` of the machine did not change) depends only on the state value and the
 * event (its type and step: all a guard or a transition reads of it), so the next one from the
 * same value with the same event gives the same value, status and markers without XState.
 * That skips `resolveState` and `transition`, a third of the engine's time per command. Moves
 * through a payment step's `settled` or a choice's `when` read the context and are never
 * memoized; neither are errors. `memo: false` always asks XState (the property test compares
 * both, `test/library/machine-memo.test.ts`).
 */
export function move(machine: ProcedureMachine, value: unknown, event: MachineEvent | undefined, context: MachineContext, memo = true): Move {
  const probe = memo ? guardProbe(machine) : undefined;
  let moves: Map<string, Move> | undefined;
  let key: string | undefined;
  if (probe) {
    moves = memos.get(machine);
    if (!moves) memos.set(machine, (moves = new Map<string, Move>()));
    key = event === undefined ? '' : `${typeof value === 'string' ? value : JSON.stringify(value)}\u0000${event.type}\u0000${'step' in event ? event.step : ''}`;
    const hit = moves.get(key);
    if (hit) return copyMove(hit);
  }
  const reads = probe?.contextReads;
  let next: Snapshot;
  let markers: Marker[];
  if (event === undefined) [next, markers] = initialStep(machine, context);
  else [next, markers] = nextStep(machine, machine.resolveState({ value: value as never, context }), event, context);
  const result: Move = { value: next.value, status: next.status, error: next.error, persisted: next.status === 'error' ? undefined : persistedSnapshot(machine, next), markers };
  if (probe && moves && key !== undefined && probe.contextReads === reads && next.status !== 'error' && !hasChildren(next) && moves.size < MAX_MEMOIZED_MOVES) {
    moves.set(key, copyMove(result));
  }
  return result;
}

function hasChildren(snapshot: Snapshot): boolean {
  for (const _child in snapshot.children) return true;
  return false;
}

/**
 * A move's copy: the memo's entries are never handed out, so a caller that changes the state
 * it stored (its snapshot, its value) cannot change the next case's. Markers' params are
 * XState's config objects, shared by every move as XState shares them.
 */
function copyMove(m: Move): Move {
  return { value: cloneState(m.value), status: m.status, error: m.error, persisted: cloneState(m.persisted), markers: m.markers.slice() };
}
