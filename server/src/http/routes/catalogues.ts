import { Router } from '@koa/router';
import type { CataloguesView, ProcedureVersionsRef } from 'motcua/contract';
import type { AppServices, AppState } from '../context';

/**
 * `GET /api/catalogues`: what the in-browser validator checks a procedure against, as the
 * server loaded it: the roles, the national data sources, the working calendars and every
 * code with its versions not retired (cross-references between procedures). Public, like the
 * library itself; the web app reads it instead of a copy bundled at build time. The units are
 * `GET /api/units` (searched, thousands of communes). Built once per change of the library.
 */
export function catalogueRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  let cached: { revision: number; procedures: ProcedureVersionsRef[] } | undefined;
  const procedures = (): ProcedureVersionsRef[] => {
    if (cached?.revision === s.registry.revision) return cached.procedures;
    const byCode = new Map<string, ProcedureVersionsRef>();
    for (const e of s.registry.all()) {
      if (e.retiredAt !== undefined) continue;
      const p = e.procedure;
      const ref = byCode.get(p.code) ?? { code: p.code, name: { vi: p.name.vi, ...(p.name.en ? { en: p.name.en } : {}) }, versions: [] };
      ref.name = { vi: p.name.vi, ...(p.name.en ? { en: p.name.en } : {}) };
      ref.versions.push({ version: p.version, ...(p.effective ? { effective: p.effective } : {}) });
      byCode.set(p.code, ref);
    }
    cached = { revision: s.registry.revision, procedures: [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)) };
    return cached.procedures;
  };
  r.get('/api/catalogues', (ctx) => {
    const c = s.publishing.catalogues;
    const body: CataloguesView = {
      roles: [...c.roles.values()],
      sources: [...c.sources.values()],
      calendars: [...c.calendars.entries()].map(([id, spec]) => ({ ...spec, id })),
      procedures: procedures(),
    };
    ctx.body = body;
  });
  return r;
}
