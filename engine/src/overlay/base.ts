/**
 * Which national version an overlay builds on, and whether a newer one has come out since:
 * the one rule the validator (W_OVERLAY_STALE), the loader, the server's overlay listing and
 * the CLI share.
 */
import semver from 'semver';

/**
 * The newest of `versions` that `spec` names: the version itself when `spec` is a version,
 * the newest match when it is a semver range (`^1.0.0`, `1.x`). Undefined when none matches
 * or `spec` is neither.
 */
export function selectBaseVersion(versions: readonly string[], spec: string): string | undefined {
  if (semver.valid(spec)) return versions.includes(spec) ? spec : undefined;
  if (!semver.validRange(spec)) return undefined;
  return semver.maxSatisfying(versions.filter((v) => semver.valid(v)), spec) ?? undefined;
}

/** True when `spec` is a version or a semver range. */
export function isVersionSpec(spec: string): boolean {
  return semver.valid(spec) !== null || semver.validRange(spec) !== null;
}

/** Where an overlay stands against the national versions there are now. */
export interface OverlayStanding {
  /** The national version it was built on. */
  builtOn: string;
  /** The newest national version. */
  latest: string;
  /** A national version newer than the one it was built on exists: the overlay must be reviewed and rebuilt. */
  stale: boolean;
}

/** Compares the version an overlay was built on with the national versions (not retired) there are now. */
export function overlayStanding(builtOn: string, nationalVersions: readonly string[]): OverlayStanding {
  let latest = builtOn;
  for (const v of nationalVersions) if (semver.valid(v) && semver.valid(latest) && semver.gt(v, latest)) latest = v;
  return { builtOn, latest, stale: latest !== builtOn };
}
