import { END } from '../model/procedure';
import type { Reporter } from './report';
import { isRecord, type Loose, type StepSite } from './walk';

/** Step ids are unique across the procedure (parallel branches included) and distinct from outcome ids. */
export function checkIds(procedure: Loose, sites: readonly StepSite[], reporter: Reporter): void {
  const first = new Map<string, StepSite>();
  const outcomes = isRecord(procedure.outcomes) ? procedure.outcomes : {};
  for (const site of sites) {
    if (site.id === undefined) continue;
    const earlier = first.get(site.id);
    if (earlier) {
      const line = reporter.doc.positionOf([...earlier.path, 'id']).line;
      reporter.add('E_DUPLICATE_STEP_ID', [...site.path, 'id'], `step id '${site.id}' is already used by the step at line ${line}`);
      continue;
    }
    first.set(site.id, site);
    if (site.id === END) {
      reporter.add('E_ID_CONFLICT', [...site.path, 'id'], `'${END}' is reserved: it ends a parallel branch`);
    } else if (Object.hasOwn(outcomes, site.id)) {
      reporter.add('E_ID_CONFLICT', [...site.path, 'id'], `step id '${site.id}' is also an outcome id, so \`to: ${site.id}\` would be ambiguous`);
    }
  }
}
