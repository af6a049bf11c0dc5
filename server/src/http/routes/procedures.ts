import { Router } from '@koa/router';
import { InvalidDefinitionError, type Procedure } from 'motcua/engine';
import { requireKind } from '../../auth';
import { foldVietnamese } from '../../procedures';
import { requirePrincipal } from '../authenticate';
import type { AppServices, AppState } from '../context';
import { param, queryInt, queryString } from '../query';
import { procedureBody } from '../schemas';
import { validateBody } from '../validate';

interface ProcedureRow {
  code: string;
  version: string;
  name_vi: string;
  name_en: string | null;
  sector: string | null;
  level: string | null;
  status: string;
}

/** Search and read procedures (public); authors publish new versions. */
export function procedureRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  r.get('/api/procedures', async (ctx) => {
    const q = queryString(ctx, 'q');
    const limit = queryInt(ctx, 'limit', 50, 1, 500);
    const offset = queryInt(ctx, 'offset', 0, 0, 1_000_000);
    const qb = s.db.knex('procedures').select('code', 'version', 'name_vi', 'name_en', 'sector', 'level', 'status');
    for (const word of q ? foldVietnamese(q).split(' ').filter(Boolean) : []) {
      void qb.andWhere('search_text', 'like', `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const rows = (await qb.orderBy('code').orderBy('version').limit(limit).offset(offset)) as ProcedureRow[];
    ctx.body = {
      items: rows.map((p) => ({
        code: p.code,
        version: p.version,
        name: { vi: p.name_vi, ...(p.name_en ? { en: p.name_en } : {}) },
        sector: p.sector,
        level: p.level,
        status: p.status,
      })),
    };
  });
  r.get('/api/procedures/:code', (ctx) => {
    const entry = s.registry.resolve(param(ctx, 'code'), queryString(ctx, 'version'), s.now().toISOString().slice(0, 10));
    ctx.body = {
      status: entry.compiled === undefined ? 'broken' : 'ok',
      versions: s.registry.all().filter((e) => e.procedure.code === entry.procedure.code).map((e) => e.procedure.version),
      procedure: entry.procedure,
      diagnostics: entry.diagnostics,
    };
  });
  // Authors publish a procedure version (JSON of the YAML format); it is compiled before it is kept.
  r.post('/api/procedures', async (ctx) => {
    requireKind(await requirePrincipal(ctx, s), 'author');
    const procedure = validateBody<Procedure>(procedureBody, ctx.request.body, 'procedure');
    const { broken } = s.registry.add([{ file: `api:${procedure.code}@${procedure.version}`, procedure, diagnostics: [] }]);
    const bad = broken[0];
    if (bad) throw new InvalidDefinitionError(`Procedure ${procedure.code}@${procedure.version} does not compile`, bad.diagnostics);
    await s.registry.persist(s.db);
    ctx.status = 201;
    ctx.body = { code: procedure.code, version: procedure.version, status: 'ok' };
  });
  return r;
}

