import { Router } from '@koa/router';
import { RefusalError } from 'motcua/engine';
import { accessOf } from '../../access';
import { requireKind } from '../../auth';
import { requirePrincipal } from '../authenticate';
import type { AppServices, AppState } from '../context';
import { queryInt, queryString } from '../query';

/** Who read my data: the citizen's own list; administrators (auditors) anyone's. */
export function dataAccessRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  r.get('/api/my/data-access', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const limit = queryInt(ctx, 'limit', 50, 1, 500);
    const offset = queryInt(ctx, 'offset', 0, 0, 1_000_000);
    // Only one's own: the list is keyed by the signed-in account's national ID, never by a parameter.
    ctx.body = { items: principal.nationalId ? await accessOf(s.db, principal.nationalId, limit, offset) : [] };
  });
  r.get('/api/admin/data-access', async (ctx) => {
    requireKind(await requirePrincipal(ctx, s), 'admin');
    const nationalId = queryString(ctx, 'nationalId');
    if (!nationalId || !/^\d{9,12}$/.test(nationalId)) {
      throw new RefusalError('E_BAD_QUERY', 'Query parameter nationalId must be a national ID (9 to 12 digits)', [], { status: 400, path: 'nationalId', hint: 'Name the person whose reads to list.' });
    }
    ctx.body = { items: await accessOf(s.db, nationalId, queryInt(ctx, 'limit', 50, 1, 500), queryInt(ctx, 'offset', 0, 0, 1_000_000)) };
  });
  return r;
}
