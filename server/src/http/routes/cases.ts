import { Router } from '@koa/router';
import type { ActionInput, FileCaseInput } from '../../cases';
import { requirePrincipal } from '../authenticate';
import type { AppServices, AppState } from '../context';
import { param, queryInt } from '../query';
import { actionBody, fileCaseBody } from '../schemas';
import { validateBody } from '../validate';

/** File a case, read it, act on it; a citizen's own cases. */
export function caseRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  r.post('/api/cases', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const body = validateBody<FileCaseInput>(fileCaseBody, ctx.request.body);
    const claim = ctx.state.idempotency;
    ctx.body = await s.cases.file(principal, body, claim && ((sql, view) => claim.record(sql, 201, view)));
    ctx.status = 201;
    ctx.set('Location', `/api/cases/${(ctx.body as { id: string }).id}`);
  });
  r.get('/api/cases/:id', async (ctx) => {
    ctx.body = await s.cases.get(await requirePrincipal(ctx, s), param(ctx, 'id'));
  });
  r.post('/api/cases/:id/actions', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const body = validateBody<ActionInput>(actionBody, ctx.request.body);
    const claim = ctx.state.idempotency;
    ctx.body = await s.cases.act(principal, param(ctx, 'id'), body, claim && ((sql, view) => claim.record(sql, 200, view)));
  });
  r.post('/api/cases/:id/consents/:subject', async (ctx) => {
    ctx.body = await s.cases.consent(await requirePrincipal(ctx, s), param(ctx, 'id'), param(ctx, 'subject'));
  });
  r.get('/api/my/consents', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    ctx.body = { items: await s.cases.myConsents(principal, queryInt(ctx, 'limit', 50, 1, 100)) };
  });
  r.get('/api/my/cases', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const limit = queryInt(ctx, 'limit', 20, 1, 200);
    const offset = queryInt(ctx, 'offset', 0, 0, 1_000_000);
    ctx.body = { items: await s.cases.mine(principal, limit, offset) };
  });
  return r;
}
