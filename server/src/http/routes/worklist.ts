import { Router } from '@koa/router';
import { worklist } from '../../cases';
import { requirePrincipal } from '../authenticate';
import type { AppServices, AppState } from '../context';
import { queryBool, queryInt, queryString } from '../query';

/** `GET /api/worklist`: an officer's open tasks, soonest due first. */
export function worklistRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  r.get('/api/worklist', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const overdue = queryBool(ctx, 'overdue');
    const dueSoon = queryBool(ctx, 'dueSoon');
    const procedure = queryString(ctx, 'procedure');
    const step = queryString(ctx, 'step');
    const unit = queryString(ctx, 'unit');
    const after = queryString(ctx, 'after');
    ctx.body = await worklist(
      s.db.knex,
      principal,
      {
        limit: queryInt(ctx, 'limit', 50, 1, 500),
        ...(overdue === undefined ? {} : { overdue }),
        ...(dueSoon === undefined ? {} : { dueSoon }),
        ...(procedure ? { procedure } : {}),
        ...(step ? { step } : {}),
        ...(unit ? { unit } : {}),
        ...(after ? { after } : {}),
      },
      s.now().getTime(),
    );
  });
  return r;
}
