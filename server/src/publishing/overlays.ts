/**
 * Provinces' overlays of national procedures, as the server holds them: which overlays build on
 * a national code and whether a newer national version has made them stale (the engine's
 * `overlayStanding`, the rule `motcua validate` warns with), and the semantic diff of an
 * overlay against the national version it was built on (the engine's `diffProcedures`).
 * Nothing is stored for staleness: it is read from the versions held, so a national version
 * published on any process flags the overlays on every process.
 */
import { diffProcedures, overlayStanding, RefusalError, type ProcedureDiff } from 'motcua/engine';
import type { OverlayList, OverlayView } from 'motcua/contract';
import type { ProcedureRegistry, RegisteredProcedure } from '../procedures';

/** The national versions of a code that count for staleness: not retired, not overlays themselves. */
function nationalVersions(registry: ProcedureRegistry<unknown>, code: string): string[] {
  return registry.versions(code).filter((e) => e.retiredAt === undefined && !e.procedure.overlay).map((e) => e.procedure.version);
}

function viewOf(e: RegisteredProcedure<unknown>, national: readonly string[]): OverlayView | undefined {
  const origin = e.procedure.overlay;
  if (!origin) return undefined;
  const standing = overlayStanding(origin.base.version, national);
  return {
    code: e.procedure.code,
    version: e.procedure.version,
    scope: origin.scope,
    ...(e.procedure.effective ? { effective: e.procedure.effective } : {}),
    base: { ...origin.base, range: origin.range },
    latest: standing.latest,
    stale: standing.stale,
    ...(e.retiredAt === undefined ? {} : { retiredAt: new Date(e.retiredAt).toISOString() }),
  };
}

/** Every overlay version built on a version of `code` (404 when the code is unknown), stale ones flagged. */
export function overlaysOf(registry: ProcedureRegistry<unknown>, code: string, only?: { stale?: boolean }): OverlayList {
  if (!registry.versions(code).length) registry.resolve(code);
  const national = nationalVersions(registry, code);
  const items = registry
    .all()
    .filter((e) => e.procedure.overlay?.base.code === code)
    .map((e) => viewOf(e, national)!)
    .filter((v) => only?.stale === undefined || v.stale === only.stale)
    .sort((a, b) => a.code.localeCompare(b.code) || a.version.localeCompare(b.version));
  return { code, latest: national.at(-1) ?? '', items };
}

/** The overlays (not retired) a new national version of `code` has just made stale. */
export function staleAfterPublish(registry: ProcedureRegistry<unknown>, code: string): { code: string; version: string; builtOn: string }[] {
  return overlaysOf(registry, code, { stale: true }).items.filter((v) => v.retiredAt === undefined).map((v) => ({ code: v.code, version: v.version, builtOn: v.base.version }));
}

/**
 * What a province changed: the semantic diff from the national version an overlay was built on
 * to the overlay (422 E_NOT_AN_OVERLAY for a national procedure). `against: 'latest'` diffs
 * the overlay against the newest national version instead: what reviewing a stale overlay needs.
 */
export function overlayDiff(registry: ProcedureRegistry<unknown>, code: string, version: string | undefined, date: string, against: 'base' | 'latest' = 'base'): ProcedureDiff {
  const entry = registry.resolve(code, version, date);
  const origin = entry.procedure.overlay;
  if (!origin) {
    throw new RefusalError('E_NOT_AN_OVERLAY', `${code}@${entry.procedure.version} is a national procedure, not an overlay`, [], {
      path: 'code',
      hint: `GET /api/procedures/${code}/overlays lists the provinces' overlays of it; diff one of those.`,
    });
  }
  const latest = nationalVersions(registry, origin.base.code).at(-1) ?? origin.base.version;
  const base = registry.resolve(origin.base.code, against === 'latest' ? latest : origin.base.version);
  return diffProcedures(base.procedure, entry.procedure);
}
