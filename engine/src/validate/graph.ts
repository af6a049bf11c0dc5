import { END } from '../model/procedure';
import type { Reporter } from './report';
import { edgesOf, isRecord, scopeIndex, type Loose, type StepSite } from './walk';

/**
 * Flow checks: every step is reachable from the first one (E_UNREACHABLE_STEP) and from
 * every reachable step some outcome can be reached (E_NO_OUTCOME_REACHABLE). A parallel
 * step moves on to its `to` only when every branch can reach `end`.
 */
export function checkGraph(procedure: Loose, sites: readonly StepSite[], reporter: Reporter): void {
  if (sites.length === 0) return;
  const outcomes = new Set(isRecord(procedure.outcomes) ? Object.keys(procedure.outcomes) : []);
  const byScope = scopeIndex(sites);
  const local = (site: StepSite, id: string): StepSite | undefined => byScope.get(site.scope)?.get(id);
  // The first step of each branch, by its parallel step (one pass: branchEntries per parallel would scan every step each time).
  const entries = new Map<StepSite, StepSite[]>();
  for (const s of sites) if (s.parent && s.path[s.path.length - 1] === 0) push(entries, s.parent, s);
  const edges = new Map<StepSite, string[]>(sites.map((s) => [s, edgesOf(s).map((e) => e.target)]));

  // Reachability from the first top-level step.
  const start = sites.find((s) => s.scope === 'top');
  const reachable = new Set<StepSite>();
  const queue: StepSite[] = start ? [start] : [];
  while (queue.length) {
    const s = queue.pop() as StepSite;
    if (reachable.has(s)) continue;
    reachable.add(s);
    for (const t of edges.get(s) ?? []) {
      const next = local(s, t);
      if (next && !reachable.has(next)) queue.push(next);
    }
    for (const e of entries.get(s) ?? []) if (!reachable.has(e)) queue.push(e);
  }

  // Which steps can finish their branch, which parallels can complete, which lead to an
  // outcome: a worklist over reverse edges (a step is looked at again only when a step it
  // depends on changed), linear in the steps and edges, where rounds over every step until
  // nothing changes took one round per step of a long chain.
  const finishable = new Set<StepSite>();
  const good = new Set<StepSite>();
  const complete = (p: StepSite): boolean => {
    const es = entries.get(p) ?? [];
    return es.length > 0 && es.length === countBranches(p) && es.every((e) => finishable.has(e));
  };
  const goodAfter = (p: StepSite): boolean =>
    complete(p) && (edges.get(p) ?? []).some((t) => outcomes.has(t) || good.has(local(p, t) as StepSite));
  // Who to look at again when a step changes: the steps with an edge to it, the parallel it
  // is an entry of, and, for a parallel, the steps of its branches that end them.
  const predecessors = new Map<StepSite, StepSite[]>();
  const enders = new Map<StepSite, StepSite[]>();
  for (const s of sites) {
    for (const t of edges.get(s) ?? []) {
      const next = local(s, t);
      if (next) push(predecessors, next, s);
      if (t === END && s.parent) push(enders, s.parent, s);
    }
  }
  const wasGoodAfter = new Set<StepSite>();
  const queue2: StepSite[] = [...sites];
  const queued = new Set<StepSite>(sites);
  const wake = (list: readonly StepSite[] | undefined): void => {
    for (const x of list ?? []) {
      if (!queued.has(x)) {
        queued.add(x);
        queue2.push(x);
      }
    }
  };
  while (queue2.length) {
    const s = queue2.pop() as StepSite;
    queued.delete(s);
    let changed = false;
    const canMove = s.kind !== 'parallel' || complete(s);
    const targets = canMove ? (edges.get(s) ?? []) : [];
    if (!finishable.has(s) && s.scope !== 'top' && targets.some((t) => t === END || finishable.has(local(s, t) as StepSite))) {
      finishable.add(s);
      changed = true;
    }
    if (!good.has(s)) {
      const viaEdge = targets.some((t) => outcomes.has(t) || good.has(local(s, t) as StepSite) || (t === END && s.parent !== undefined && goodAfter(s.parent)));
      const viaBranch = (entries.get(s) ?? []).some((e) => good.has(e));
      if (viaEdge || viaBranch) {
        good.add(s);
        changed = true;
      }
    }
    if (s.kind === 'parallel' && !wasGoodAfter.has(s) && goodAfter(s)) {
      wasGoodAfter.add(s);
      wake(enders.get(s));
    }
    if (changed) {
      wake(predecessors.get(s));
      if (s.parent) wake([s.parent]);
    }
  }

  for (const s of sites) {
    // A duplicate id is reported once, as E_DUPLICATE_STEP_ID; the flow follows the first.
    if (s.id !== undefined && local(s, s.id) !== s) continue;
    if (!reachable.has(s)) {
      if (s.parent && !reachable.has(s.parent)) continue; // the parallel step is reported instead
      reporter.add('E_UNREACHABLE_STEP', [...s.path, 'id'], `step '${s.id ?? String(s.path[s.path.length - 1])}' cannot be reached from the first step`);
    } else if (!good.has(s)) {
      if (s.parent && !good.has(s.parent)) continue;
      const inBranch = s.scope !== 'top';
      reporter.add('E_NO_OUTCOME_REACHABLE', [...s.path, 'id'], inBranch
        ? `from step '${s.id ?? '?'}' neither an outcome nor the end of its branch can be reached`
        : `from step '${s.id ?? '?'}' no outcome can be reached`);
    }
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function countBranches(p: StepSite): number {
  return isRecord(p.step.branches) ? Object.values(p.step.branches).filter((b) => Array.isArray(b) && b.length > 0).length : 0;
}
