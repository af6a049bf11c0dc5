import { END } from '../model/procedure';
import type { Reporter } from './report';
import { branchEntries, edgesOf, isRecord, scopeIndex, type Loose, type StepSite } from './walk';

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
  const entries = new Map<StepSite, StepSite[]>();
  for (const s of sites) if (s.kind === 'parallel') entries.set(s, branchEntries(sites, s));
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

  // Fixpoint: which steps can finish their branch, which parallels can complete, which lead to an outcome.
  const finishable = new Set<StepSite>();
  const good = new Set<StepSite>();
  const complete = (p: StepSite): boolean => {
    const es = entries.get(p) ?? [];
    return es.length > 0 && es.length === countBranches(p) && es.every((e) => finishable.has(e));
  };
  const goodAfter = (p: StepSite): boolean =>
    complete(p) && (edges.get(p) ?? []).some((t) => outcomes.has(t) || good.has(local(p, t) as StepSite));
  let changed = true;
  for (let round = 0; changed && round <= sites.length + 1; round++) {
    changed = false;
    for (const s of sites) {
      const canMove = s.kind !== 'parallel' || complete(s);
      const targets = canMove ? (edges.get(s) ?? []) : [];
      if (!finishable.has(s) && s.scope !== 'top') {
        if (targets.some((t) => t === END || finishable.has(local(s, t) as StepSite))) {
          finishable.add(s);
          changed = true;
        }
      }
      if (!good.has(s)) {
        const viaEdge = targets.some((t) =>
          outcomes.has(t) || good.has(local(s, t) as StepSite) || (t === END && s.parent !== undefined && goodAfter(s.parent)),
        );
        const viaBranch = (entries.get(s) ?? []).some((e) => good.has(e));
        if (viaEdge || viaBranch) {
          good.add(s);
          changed = true;
        }
      }
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

function countBranches(p: StepSite): number {
  return isRecord(p.step.branches) ? Object.values(p.step.branches).filter((b) => Array.isArray(b) && b.length > 0).length : 0;
}
