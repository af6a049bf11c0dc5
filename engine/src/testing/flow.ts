/**
 * A procedure's flow as a small graph read from its compiled XState machine: the top-level
 * states (steps and outcomes) and the transitions between them, each labelled with what
 * takes it. Paths, coverage and scaffolds all work on this graph, so they follow what the
 * machine really does rather than a second reading of the YAML.
 */
import type { CompiledProcedure } from '../compile';

/** What takes a transition. */
export const EDGE_KINDS = ['action', 'pay', 'supplement', 'auto', 'child-done', 'child-failed', 'branches-done', 'withdraw'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** One transition between top-level states. */
export interface FlowEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Human label: the action, the branch condition, `otherwise`, ... */
  label: string;
  /** For `action` edges: the task step that acts (inside a parallel step for escapes). */
  step?: string;
  action?: string;
}

/** The moves that take one branch of a parallel step from its first step to `end`. */
export interface Region {
  branch: string;
  moves: FlowEdge[];
}

export interface FlowGraph {
  initial: string;
  /** Top-level step ids in document order. */
  steps: string[];
  /** Outcome id -> status. */
  outcomes: Map<string, string>;
  edges: FlowEdge[];
  /** Parallel step id -> how each branch reaches its end. */
  regions: Map<string, Region[]>;
  /** Every step id (nested included) -> its kind, and task steps' role. */
  kinds: Map<string, { kind: string; role?: string }>;
}

/** The parts of an XState StateNode the traversal reads. */
interface NodeLike {
  id: string;
  key: string;
  type: string;
  parent?: NodeLike;
  states: Record<string, NodeLike>;
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
  initial?: { target: readonly NodeLike[] };
  meta?: Record<string, unknown>;
}
interface TransitionLike {
  target: readonly NodeLike[] | undefined;
  source: NodeLike;
  eventType: string;
  guard?: unknown;
}

/** Reads the flow graph of a compiled procedure from its machine. */
export function flowGraphOf(compiled: CompiledProcedure): FlowGraph {
  const root = compiled.machine.root as unknown as NodeLike;
  const top = (n: NodeLike): NodeLike => {
    let cur = n;
    while (cur.parent && cur.parent !== root) cur = cur.parent;
    return cur;
  };
  const edges: FlowEdge[] = [];
  const regions = new Map<string, Region[]>();
  const kinds = new Map<string, { kind: string; role?: string }>();
  const outcomes = new Map<string, string>();
  const steps: string[] = [];

  for (const node of Object.values(root.states)) {
    const meta = node.meta ?? {};
    if (typeof meta.outcome === 'string') {
      outcomes.set(node.id, String(meta.status));
      continue;
    }
    steps.push(node.id);
    const inner: TransitionLike[] = [];
    const visit = (n: NodeLike): void => {
      const m = n.meta;
      if (m && typeof m.kind === 'string') kinds.set(n.id, { kind: m.kind, ...(typeof m.role === 'string' ? { role: m.role } : {}) });
      for (const list of n.transitions.values()) inner.push(...list);
      inner.push(...(n.always ?? []));
      for (const child of Object.values(n.states)) visit(child);
    };
    visit(node);
    const internal = new Map<string, FlowEdge[]>();
    for (const t of inner) {
      const target = t.target?.[0];
      if (!target) continue;
      const edge = toEdge(t, node.id, top(target) === node ? target.id : top(target).id);
      if (!edge) continue;
      if (top(target) !== node) {
        // A payment step both waits for PAY and passes when nothing is due: one edge is enough.
        if (!edges.some((e) => e.from === edge.from && e.to === edge.to && e.kind === edge.kind && e.label === edge.label)) edges.push(edge);
      } else {
        const region = regionOf(t.source, node);
        if (region) internal.set(region.key, [...(internal.get(region.key) ?? []), { ...edge, from: t.source.id }]);
      }
    }
    if (node.type === 'parallel') {
      regions.set(
        node.id,
        Object.values(node.states).map((region) => ({
          branch: region.key,
          moves: shortestToEnd(region.initial?.target[0]?.id, internal.get(region.key) ?? [], region),
        })),
      );
    }
  }
  const initial = (root.initial?.target[0]?.id ?? steps[0]) ?? '';
  // WITHDRAW is accepted in every state; one edge from the first step keeps paths few.
  const withdraw = compiled.graph.withdrawOutcome;
  if (withdraw) edges.push({ from: initial, to: withdraw, kind: 'withdraw', label: 'applicant withdraws' });
  return { initial, steps, outcomes, edges, regions, kinds };
}

function regionOf(n: NodeLike, parallel: NodeLike): NodeLike | undefined {
  let cur: NodeLike | undefined = n;
  while (cur && cur.parent !== parallel) cur = cur.parent;
  return cur;
}

function toEdge(t: TransitionLike, from: string, to: string): FlowEdge | undefined {
  const ev = t.eventType;
  const stepId = t.source.id;
  if (ev.startsWith('act.')) return { from, to, kind: 'action', label: ev.slice(4), step: stepId, action: ev.slice(4) };
  if (ev === 'PAY') return { from, to, kind: 'pay', label: 'pay', step: stepId };
  if (ev === 'SUPPLEMENT') return { from, to, kind: 'supplement', label: 'supplement', step: stepId };
  if (ev === 'CHILD.DONE') return { from, to, kind: 'child-done', label: 'child done', step: stepId };
  if (ev === 'CHILD.FAILED') return { from, to, kind: 'child-failed', label: 'child failed', step: stepId };
  if (ev.startsWith('xstate.done.state')) return { from, to, kind: 'branches-done', label: 'all branches done', step: stepId };
  if (ev === '') {
    const g = t.guard as { type?: string; params?: { expr?: string } } | string | undefined;
    // The payment step's "nothing due" pass is the same move as paying.
    if (g === 'settled' || (typeof g === 'object' && g.type === 'settled')) return { from, to, kind: 'pay', label: 'pay', step: stepId };
    const label = typeof g === 'object' && g.params?.expr ? g.params.expr : 'otherwise';
    return { from, to, kind: 'auto', label, step: stepId };
  }
  return undefined;
}

/** Breadth-first: the fewest moves from a branch's first step to its `end`. */
function shortestToEnd(start: string | undefined, moves: FlowEdge[], region: NodeLike): FlowEdge[] {
  if (!start) return [];
  const endId = region.states.end?.id;
  const queue: { at: string; path: FlowEdge[] }[] = [{ at: start, path: [] }];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const { at, path } = queue.shift()!;
    if (at === endId) return path;
    for (const m of moves.filter((e) => e.from === at)) {
      if (seen.has(m.to)) continue;
      seen.add(m.to);
      queue.push({ at: m.to, path: [...path, m] });
    }
  }
  return [];
}
