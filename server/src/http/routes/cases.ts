import { Router } from '@koa/router';
import type { Principal } from '../../auth';
import type { ActionInput, CaseView, FileCaseInput } from '../../cases';
import { requirePrincipal } from '../authenticate';
import type { AppServices, AppState } from '../context';
import type { IdempotencyClaim } from '../idempotency';
import { param, queryInt } from '../query';
import { actionBody, fileCaseBody } from '../schemas';
import { validateBody } from '../validate';

/**
 * POST /api/cases once the caller is known: the body checked, the case filed (201). Shared by
 * the router below and the hot routes' dispatch (hot-routes.ts), so that both answer alike.
 */
export async function fileCase(s: AppServices, principal: Principal, rawBody: unknown, claim: IdempotencyClaim | undefined): Promise<CaseView> {
  const body = validateBody<FileCaseInput>(fileCaseBody, rawBody);
  return s.cases.file(principal, body, claim && ((sql, view) => claim.record(sql, 201, view)));
}

/** Where a filed case is read: the Location of POST /api/cases's 201. */
export function caseLocation(view: CaseView): string {
  return `/api/cases/${view.id}`;
}

/** POST /api/cases/:id/actions once the caller is known (the body checked before the id, as always); shared like `fileCase`. */
export async function actOnCase(s: AppServices, principal: Principal, params: { id?: string }, rawBody: unknown, claim: IdempotencyClaim | undefined): Promise<CaseView> {
  const body = validateBody<ActionInput>(actionBody, rawBody);
  return s.cases.act(principal, param({ params }, 'id'), body, claim && ((sql, view) => claim.record(sql, 200, view)));
}

/** File a case, read it, act on it; a citizen's own cases. */
export function caseRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  r.post('/api/cases', async (ctx) => {
    const view = await fileCase(s, await requirePrincipal(ctx, s), ctx.request.body, ctx.state.idempotency);
    ctx.body = view;
    ctx.status = 201;
    ctx.set('Location', caseLocation(view));
  });
  r.get('/api/cases/:id', async (ctx) => {
    ctx.body = await s.cases.get(await requirePrincipal(ctx, s), param(ctx, 'id'));
  });
  r.post('/api/cases/:id/actions', async (ctx) => {
    ctx.body = await actOnCase(s, await requirePrincipal(ctx, s), ctx.params, ctx.request.body, ctx.state.idempotency);
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
