/**
 * Validation of an overlay file (a mapping with `extends`): keys a procedure has but an
 * overlay may not set, the overlay's schema, its national base in the library, the merge's
 * problems (`resolveOverlay`), its scope, and whether a newer national version has come out.
 */
import semver from 'semver';
import type { OverlayFile, Procedure } from '../model/procedure';
import { overlayStanding, selectBaseVersion, isVersionSpec } from '../overlay/base';
import { describeOverridable, resolveOverlay } from '../overlay/resolve';
import { given, type LibraryContext } from './context';
import type { Reporter } from './report';
import { checkSchema, OVERLAY_KEYS, PROCEDURE_KEYS } from './schema-check';
import type { Loose } from './walk';

/**
 * Validates an overlay's value and, when it has no error, resolves it against its base:
 * the full procedure, as the library, the server and scenarios run it.
 */
export function validateOverlay(value: Loose, reporter: Reporter, context: LibraryContext): Procedure | undefined {
  const own = { ...value };
  for (const key of Object.keys(value)) {
    if (OVERLAY_KEYS.includes(key) || !PROCEDURE_KEYS.includes(key)) continue;
    reporter.add('E_OVERLAY_NOT_OVERRIDABLE', [key], `an overlay does not set '${key}': it comes from the national procedure`, {
      at: 'key',
      hint: 'An overlay changes only what its national procedure lists in `overridable`, under `overrides:` (e.g. `fees.<id>.amount`, `agency`, `addresses`, `components`).',
    });
    delete own[key];
  }
  if (checkSchema(own, reporter, 'overlay') > 0) return undefined;
  const overlay = own as unknown as OverlayFile;
  const base = findBase(overlay, reporter, context);
  checkScope(overlay, reporter, context);
  if (!base) return undefined;
  const { procedure, problems } = resolveOverlay(overlay, base.procedure);
  for (const p of problems) reporter.add(p.code, p.path, p.message, { ...(p.hint ? { hint: p.hint } : {}), ...(p.at ? { at: p.at } : {}) });
  if (!procedure) return undefined;
  const standing = overlayStanding(base.procedure.version, base.versions);
  if (standing.stale) {
    reporter.add('W_OVERLAY_STALE', ['extends', 'version'], `built on ${base.procedure.code}@${standing.builtOn}, but the national procedure is now at ${standing.latest}`, {
      hint: `Review what changed (motcua diff with ${base.procedure.code}@${standing.latest}), then set extends.version to ${standing.latest} (or a range that takes it) and bump this overlay's version.`,
    });
  }
  return procedure;
}

function findBase(overlay: OverlayFile, reporter: Reporter, context: LibraryContext): { procedure: Procedure; versions: string[] } | undefined {
  const { code, version: spec } = overlay.extends;
  if (!context.procedureOf || !given(context.procedures)) {
    reporter.add('E_OVERLAY_UNKNOWN_BASE', ['extends', 'code'], `no library to find the national procedure ${code} in`, { hint: 'Validate the overlay within its library (motcua validate --library DIR).' });
    return undefined;
  }
  const refs = context.procedures.get(code);
  if (!refs?.length) {
    reporter.add('E_OVERLAY_UNKNOWN_BASE', ['extends', 'code'], `the library has no procedure ${code} to extend`);
    return undefined;
  }
  const versions = refs.map((r) => r.version).sort((a, b) => (semver.valid(a) && semver.valid(b) ? semver.compare(a, b) : a.localeCompare(b)));
  if (!isVersionSpec(spec)) {
    reporter.add('E_OVERLAY_BASE_VERSION', ['extends', 'version'], `'${spec}' is neither a version nor a semver range`, { hint: `Write a version of ${code} (${versions.join(', ')}) or a range such as ^${versions.at(-1) ?? '1.0.0'}.` });
    return undefined;
  }
  const chosen = selectBaseVersion(versions, spec);
  if (!chosen) {
    reporter.add('E_OVERLAY_BASE_VERSION', ['extends', 'version'], `${code} has no version ${spec}; the library has ${versions.join(', ')}`, { hint: `Build on a version the library has: set extends.version to one of ${versions.join(', ')} (or a range that matches one).` });
    return undefined;
  }
  const procedure = context.procedureOf(code, chosen);
  if (!procedure) {
    reporter.add('E_OVERLAY_UNKNOWN_BASE', ['extends', 'code'], `the national procedure ${code}@${chosen} does not validate, so nothing can be built on it`, { hint: `Fix ${code}@${chosen} first (motcua validate).` });
    return undefined;
  }
  if (!procedure.overridable && !procedure.overlay) {
    reporter.add('E_OVERLAY_NOT_OVERRIDABLE', ['extends', 'code'], `${code}@${chosen} marks nothing overridable: no overlay can change it`, { hint: `Ask the ministry to list in ${code}'s \`overridable\` what provinces may set (${describeOverridable(procedure)} today).` });
    return undefined;
  }
  return { procedure, versions: refs.filter((r) => !r.retired).map((r) => r.version) };
}

function checkScope(overlay: OverlayFile, reporter: Reporter, context: LibraryContext): void {
  if (!given(context.units)) return;
  const unit = context.units.get(overlay.scope.province);
  if (unit?.level === 'province') return;
  reporter.add('E_OVERLAY_SCOPE', ['scope', 'province'], unit ? `'${unit.id}' is a ${unit.level}-level unit, not a province` : `no unit '${overlay.scope.province}' among the units in force`);
}
