import type { FlowEdge, FlowGraph } from './flow';

/** One simple path from submission to an outcome. */
export interface FlowPath {
  outcome: string;
  edges: FlowEdge[];
}

/** Options of `simplePaths`. */
export interface PathOptions {
  /** Stop after this many paths (a guard against flows with very many branches). Default 10,000. */
  limit?: number;
}

/**
 * Every simple path (no state visited twice) from the first step to each outcome, depth
 * first in the order the edges were written, so the listing is stable run after run.
 * Loops (request-supplement and back) are therefore not unrolled: a path visits each step once.
 */
export function simplePaths(graph: FlowGraph, options: PathOptions = {}): FlowPath[] {
  const limit = options.limit ?? 10_000;
  const out: FlowPath[] = [];
  const bySource = new Map<string, FlowEdge[]>();
  for (const e of graph.edges) bySource.set(e.from, [...(bySource.get(e.from) ?? []), e]);
  const onPath = new Set<string>();
  const walk = (at: string, path: FlowEdge[]): void => {
    if (out.length >= limit) return;
    if (graph.outcomes.has(at)) {
      out.push({ outcome: at, edges: path });
      return;
    }
    onPath.add(at);
    for (const e of bySource.get(at) ?? []) if (!onPath.has(e.to)) walk(e.to, [...path, e]);
    onPath.delete(at);
  };
  if (graph.initial) walk(graph.initial, []);
  return out;
}

/** A stable key of a path: its edges' from, label and to. */
export function pathKey(edges: readonly FlowEdge[]): string {
  return edges.map((e) => `${e.from}-[${e.kind}:${e.label}]->${e.to}`).join(' ');
}

/** `submit → verify --approve--> sign --sign--> approved`. */
export function formatPath(path: FlowPath, initial: string): string {
  let out = `submit → ${initial}`;
  for (const e of path.edges) out += ` --${e.kind === 'action' && e.step !== e.from ? `${e.step}.${e.label}` : e.label}--> ${e.to}`;
  return out;
}

/**
 * Chronological loop erasure of a walk (what one scenario case did): whenever the walk comes
 * back to a state it visited, the loop is cut out. The result is the simple path the case
 * followed, comparable with `simplePaths`.
 */
export function loopErase(walk: readonly FlowEdge[], initial: string): FlowEdge[] {
  const kept: FlowEdge[] = [];
  for (const e of walk) {
    if (e.to === initial) {
      kept.length = 0;
      continue;
    }
    const back = kept.findIndex((k) => k.to === e.to);
    if (back >= 0) {
      kept.length = back + 1;
      continue;
    }
    kept.push(e);
  }
  return kept;
}
