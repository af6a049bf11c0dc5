import { didYouMean } from '../expr/suggest';
import { END } from '../model/procedure';
import type { Reporter } from './report';
import { edgesOf, isRecord, type Loose, type StepSite } from './walk';

/**
 * Every `to`, `onFail`, `otherwise` and branch `to` names a step of the same scope, an
 * outcome, or `end` inside a parallel branch. A step inside a branch cannot jump out of it
 * except to an outcome.
 */
export function checkTargets(procedure: Loose, sites: readonly StepSite[], reporter: Reporter): void {
  const outcomes = new Set(isRecord(procedure.outcomes) ? Object.keys(procedure.outcomes) : []);
  const byScope = new Map<string, Set<string>>();
  const allIds = new Map<string, StepSite>();
  for (const s of sites) {
    if (s.id === undefined) continue;
    let set = byScope.get(s.scope);
    if (!set) byScope.set(s.scope, (set = new Set()));
    set.add(s.id);
    if (!allIds.has(s.id)) allIds.set(s.id, s);
  }
  for (const site of sites) {
    const local = byScope.get(site.scope) ?? new Set<string>();
    for (const edge of edgesOf(site)) {
      const t = edge.target;
      if (outcomes.has(t) || local.has(t)) continue;
      if (t === END) {
        if (site.scope !== 'top') continue;
        reporter.add('E_UNKNOWN_TARGET', edge.path, `'end' is only valid inside a parallel branch`, {
          hint: `Name an outcome (${[...outcomes].join(', ') || 'none declared'}) or a step.`,
        });
        continue;
      }
      const elsewhere = allIds.get(t);
      if (elsewhere) {
        reporter.add('E_UNKNOWN_TARGET', edge.path, `'${t}' is a step ${elsewhere.scope === 'top' ? 'outside this parallel branch' : 'inside another parallel branch'}`, {
          hint: site.scope === 'top'
            ? 'Steps inside a parallel branch are entered through the parallel step.'
            : 'Inside a branch, name a step of the same branch, `end`, or an outcome.',
        });
        continue;
      }
      const candidates = [...local, ...outcomes, ...(site.scope === 'top' ? [] : [END])];
      const suggestion = didYouMean(t, candidates);
      reporter.add('E_UNKNOWN_TARGET', edge.path, `'${t}' names no step or outcome`, {
        hint: suggestion ? `Did you mean '${suggestion}'?` : `Name one of: ${candidates.join(', ') || 'no step or outcome is declared'}.`,
      });
    }
  }
}
