import { Router } from '@koa/router';
import { RefusalError } from 'motcua/engine';
import { dayOfInstant, narrowTo, overdueCases, parseStatsQuery, rateCase, runStats, scopeOf, statsCsv, type ProcedureInfo, type StatsScope } from '../../stats';
import type { Principal } from '../../auth';
import { requirePrincipal } from '../authenticate';
import type { AppContext, AppServices, AppState } from '../context';
import { param, queryInt, queryString } from '../query';
import { ratingBody } from '../schemas';
import { validateBody } from '../validate';

/** Statistics for leaders (their scope only), the overdue cases behind them, citizens' ratings. */
export function statsRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  const procedures = (): Map<string, ProcedureInfo> => {
    const out = new Map<string, ProcedureInfo>();
    // The newest version names the procedure (versions are registered oldest first).
    for (const e of s.registry.all()) {
      const p = e.procedure;
      out.set(p.code, { sector: p.sector ?? null, level: p.level, name: { vi: p.name.vi, ...(p.name.en ? { en: p.name.en } : {}) } });
    }
    return out;
  };
  const scoped = async (ctx: AppContext, unit: string | undefined): Promise<{ scope: StatsScope; units: Awaited<ReturnType<AppServices['cases']['unitMap']>>; principal: Principal }> => {
    const principal = await requirePrincipal(ctx, s);
    const units = await s.cases.unitMap();
    const scope = scopeOf(principal, units);
    return { scope: unit ? narrowTo(scope, unit, units) : scope, units, principal };
  };

  r.get('/api/stats', async (ctx) => {
    const now = s.now().getTime();
    const q = parseStatsQuery(ctx.query, dayOfInstant(now), ctx.get('Accept') || undefined);
    const { scope, units } = await scoped(ctx, q.unit);
    const answer = await runStats({ db: s.db, units, procedures: procedures(), now }, q, scope);
    if (q.format === 'csv') {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="thong-ke-${answer.from}-${answer.to}.csv"`);
      ctx.body = statsCsv(answer);
    } else ctx.body = answer;
  });

  r.get('/api/stats/overdue', async (ctx) => {
    for (const name of Object.keys(ctx.query)) {
      if (!['unit', 'procedure', 'limit', 'offset'].includes(name)) {
        throw new RefusalError('E_BAD_QUERY', `Unknown query parameter ${name.slice(0, 40)}`, [], { status: 400, path: name, hint: 'Use unit, procedure, limit, offset.' });
      }
    }
    const limit = queryInt(ctx, 'limit', 50, 1, 500);
    const offset = queryInt(ctx, 'offset', 0, 0, 100_000);
    const procedure = queryString(ctx, 'procedure');
    if (procedure !== undefined && !/^[A-Za-z0-9._-]{1,32}$/.test(procedure)) {
      throw new RefusalError('E_BAD_QUERY', 'Query parameter procedure is not a procedure code', [], { status: 400, path: 'procedure', hint: 'Use a code of GET /api/procedures.' });
    }
    const unit = queryString(ctx, 'unit');
    if (unit !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(unit)) {
      throw new RefusalError('E_BAD_QUERY', 'Query parameter unit is not a unit id', [], { status: 400, path: 'unit', hint: 'Use an id of GET /api/units.' });
    }
    const { scope, units, principal } = await scoped(ctx, unit);
    ctx.body = await overdueCases(s.db, { principal, units }, scope, procedure ? { procedure } : {}, s.now().getTime(), limit, offset);
  });

  r.post('/api/cases/:id/rating', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const body = validateBody<{ score: number }>(ratingBody, ctx.request.body);
    ctx.body = await rateCase(s.db, principal, param(ctx, 'id'), body.score, s.now().getTime());
    ctx.status = 201;
  });
  return r;
}
