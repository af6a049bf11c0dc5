/**
 * The library a draft's scenarios see in the browser, built as the server's validator builds it
 * for a draft (server/src/publishing/validator.ts): the catalogues' calendars, roles and
 * sources, no units, and the candidate as its code's only version. Child and linked
 * procedures are not fetched: a scenario that starts one says so (E_SCENARIO_UNKNOWN_PROCEDURE).
 */
import type { CataloguesView } from 'motcua/contract';
import type { CalendarSpec, Library, Procedure } from 'motcua/engine';

/** The library of `candidate` in the browser. */
export function simulationLibrary(catalogues: Pick<CataloguesView, 'calendars' | 'roles' | 'sources'>, candidate: Procedure): Library {
  return {
    procedures: new Map([[candidate.code, [{ file: `${candidate.code}@${candidate.version}`, procedure: candidate }]]]),
    calendars: new Map(catalogues.calendars.filter((c): c is CalendarSpec & { id: string } => typeof c.id === 'string').map((c) => [c.id, c])),
    roles: new Map(catalogues.roles.map((r) => [r.id, r])),
    sources: new Map(catalogues.sources.map((s) => [s.id, s])),
    units: new Map(),
  };
}

/** The file name a new scenario gets among those a draft holds: `<base>.test.yaml`, numbered when taken. */
export function scenarioFileName(base: string, taken: readonly string[]): string {
  const slug = base.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'kich-ban';
  const names = new Set(taken);
  if (!names.has(`${slug}.test.yaml`)) return `${slug}.test.yaml`;
  for (let i = 2; ; i++) if (!names.has(`${slug}-${i}.test.yaml`)) return `${slug}-${i}.test.yaml`;
}
