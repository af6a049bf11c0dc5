/**
 * The one home of the overlay merge: a province's overlay file plus the national version it
 * builds on give a full procedure. Pure. The validator reports its problems at the overlay's
 * lines; the loader, the server and the CLI all resolve overlays through it.
 */
import type { AmountBounds, Component, FeeAmountPath, OverlayFile, Procedure } from '../model/procedure';
import type { DocPath } from '../parse/source-document';

/**
 * The codes of overlays' problems (registered with the validator's codes, and in the API's
 * registry: they reach it inside E_INVALID_DEFINITION when an overlay is published).
 */
export const OVERLAY_CODES = ['E_OVERLAY_NOT_OVERRIDABLE', 'E_OVERLAY_OUT_OF_BOUNDS', 'E_OVERLAY_UNKNOWN_BASE', 'E_OVERLAY_BASE_VERSION', 'E_OVERLAY_SCOPE', 'E_OVERRIDABLE_INVALID'] as const;

/** The codes `resolveOverlay` and `checkOverridable` give. */
export type OverlayProblemCode = Exclude<(typeof OVERLAY_CODES)[number], 'E_OVERLAY_BASE_VERSION' | 'E_OVERLAY_SCOPE'>;

/** One problem of an overlay (or of a base's `overridable`), at a path of its own file. */
export interface OverlayProblem {
  code: OverlayProblemCode;
  path: DocPath;
  message: string;
  hint?: string;
  /** Point at the key rather than the value. */
  at?: 'key';
}

/** The outcome of a merge: the procedure when there is no problem. */
export interface ResolvedOverlay {
  procedure?: Procedure;
  problems: OverlayProblem[];
}

const FEE_PATH = /^fees\.([A-Za-z0-9][A-Za-z0-9_-]*)\.amount$/;

/** The fee id of a `fees.<id>.amount` path, or undefined for another path. */
export function feeOfPath(path: string): string | undefined {
  return FEE_PATH.exec(path)?.[1];
}

/** The overridable paths of a procedure, as the text of a hint. */
export function describeOverridable(base: Procedure): string {
  const paths = Object.entries(base.overridable ?? {}).map(([path, v]) => {
    const b = v as AmountBounds;
    if (feeOfPath(path) !== undefined) return `${path} (${b.min ?? 0}..${b.max ?? '∞'} VND)`;
    return path === 'components' ? 'components (optional ones added)' : path;
  });
  return paths.length ? paths.join(', ') : 'nothing';
}

/**
 * Problems of a procedure's own `overridable`: a fee path naming no fee, bounds that do not
 * hold the national amount itself (min > max included). Paths are of the procedure's file.
 */
export function checkOverridable(procedure: Procedure): OverlayProblem[] {
  const out: OverlayProblem[] = [];
  for (const [path, value] of Object.entries(procedure.overridable ?? {})) {
    const fee = feeOfPath(path);
    if (fee === undefined) continue;
    const item = procedure.fees?.find((f) => f.id === fee);
    const at: DocPath = ['overridable', path];
    if (!item) {
      out.push({ code: 'E_OVERRIDABLE_INVALID', path: at, at: 'key', message: `overridable names the fee '${fee}', which this procedure does not have`, hint: `Fees here: ${(procedure.fees ?? []).map((f) => f.id).join(', ') || 'none'}.` });
      continue;
    }
    const { min = 0, max } = value as AmountBounds;
    if ((max !== undefined && min > max) || item.amount < min || (max !== undefined && item.amount > max)) {
      out.push({ code: 'E_OVERRIDABLE_INVALID', path: at, message: `the bounds ${min}..${max ?? '∞'} of fee '${fee}' do not hold its own amount ${item.amount}` });
    }
  }
  return out;
}

/**
 * Resolves `overlay` against `base`, the national version it builds on: checks that every
 * override is at a path `base.overridable` lists and within its bounds, then merges. The
 * result is `base` with the overlay's identity (code, version, and its effective dates and name
 * when it gives them, else the base's), its legal
 * basis appended, its overrides applied, `overridable` dropped (an overlay is not extended
 * in turn) and `overlay` saying what it was built from. Never throws.
 */
export function resolveOverlay(overlay: OverlayFile, base: Procedure): ResolvedOverlay {
  const problems: OverlayProblem[] = [];
  const baseName = `${base.code}@${base.version}`;
  if (base.overlay) {
    problems.push({ code: 'E_OVERLAY_UNKNOWN_BASE', path: ['extends', 'code'], message: `${base.code} is itself an overlay (of ${base.overlay.base.code}); an overlay extends a national procedure` });
    return { problems };
  }
  const allowed = base.overridable ?? {};
  const refuse = (path: DocPath, message: string, at?: 'key'): void => {
    problems.push({ code: 'E_OVERLAY_NOT_OVERRIDABLE', path, message, hint: `${baseName} lets overlays change only: ${describeOverridable(base)}. Remove this override, or ask the ministry to mark it overridable.`, ...(at ? { at } : {}) });
  };
  const merged: Procedure = structuredClone(base);
  const fees = merged.fees ?? [];
  let added: Component[] = [];
  for (const [path, value] of Object.entries(overlay.overrides ?? {})) {
    const at: DocPath = ['overrides', path];
    if (!(path in allowed)) {
      const fee = feeOfPath(path);
      const why = fee !== undefined && !base.fees?.some((f) => f.id === fee) ? `${baseName} has no fee '${fee}'` : `${baseName} does not mark '${path}' overridable`;
      refuse(at, why, 'key');
      continue;
    }
    const fee = feeOfPath(path);
    if (fee !== undefined) {
      const { min = 0, max } = allowed[path as FeeAmountPath] ?? {};
      const amount = value as number;
      if (amount < min || (max !== undefined && amount > max)) {
        problems.push({ code: 'E_OVERLAY_OUT_OF_BOUNDS', path: at, message: `the amount ${amount} VND of fee '${fee}' is outside the bounds ${min}..${max ?? '∞'} VND that ${baseName} sets`, hint: `Set an amount from ${min} to ${max ?? 'any'} VND, or ask the ministry to change the bounds.` });
      }
      const item = fees.find((f) => f.id === fee);
      if (item) item.amount = amount;
    } else if (path === 'components') {
      const ids = new Set((base.components ?? []).map((c) => c.id));
      added = (value as Component[]).map((c, i) => {
        if (ids.has(c.id)) refuse(['overrides', 'components', i, 'id'], `the component '${c.id}' is the national one: an overlay adds components, it does not replace them`);
        ids.add(c.id);
        return { ...c, required: false };
      });
    } else if (path === 'agency') merged.agency = structuredClone(overlay.overrides.agency!);
    else if (path === 'addresses') merged.addresses = structuredClone(overlay.overrides.addresses!);
  }
  if (problems.length) return { problems };
  if (added.length) merged.components = [...(merged.components ?? []), ...structuredClone(added)];
  merged.code = overlay.code;
  merged.version = overlay.version;
  // Without its own dates an overlay is in force when its national version is.
  if (overlay.effective) merged.effective = structuredClone(overlay.effective);
  if (overlay.name) merged.name = structuredClone(overlay.name);
  if (overlay.legalBasis?.length) merged.legalBasis = [...(merged.legalBasis ?? []), ...structuredClone(overlay.legalBasis)];
  if (overlay.notes !== undefined) merged.notes = structuredClone(overlay.notes);
  else delete merged.notes;
  delete merged.overridable;
  merged.overlay = { base: { code: base.code, version: base.version }, range: overlay.extends.version, scope: { ...overlay.scope } };
  return { procedure: merged, problems };
}

/** True for the plain value of an overlay file: a mapping with `extends`. */
export function isOverlayValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'extends' in value;
}
