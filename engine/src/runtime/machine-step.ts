import { createActor, type SnapshotFrom } from 'xstate';
import type { MachineContext, MachineEvent, ProcedureMachine } from '../compile/machine';

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
