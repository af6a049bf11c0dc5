import type { Reporter } from './report';
import { isRecord, type Loose, type StepSite } from './walk';

/**
 * E_EXTENSION_MAX: an action's `extend` larger than the procedure's `extension.max` could
 * never be granted (the runtime refuses it), so the action could never be taken.
 */
export function checkExtensions(procedure: Loose, sites: readonly StepSite[], reporter: Reporter): void {
  const max = isRecord(procedure.extension) && typeof procedure.extension.max === 'number' ? procedure.extension.max : undefined;
  if (max === undefined) return;
  for (const s of sites) {
    if (s.kind !== 'task' || !isRecord(s.step.actions)) continue;
    for (const [name, action] of Object.entries(s.step.actions)) {
      if (isRecord(action) && typeof action.extend === 'number' && action.extend > max) {
        reporter.add('E_EXTENSION_MAX', [...s.path, 'actions', name, 'extend'], `action '${name}' extends the deadline by ${action.extend}, more than extension.max (${max})`);
      }
    }
  }
}
