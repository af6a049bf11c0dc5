import { Router } from '@koa/router';
import { DocumentStore } from '../../documents';
import { requirePrincipal } from '../authenticate';
import type { AppServices, AppState } from '../context';
import { param, queryInt } from '../query';
import { revokeDocumentBody, verifyDocumentBody } from '../schemas';
import { validateBody } from '../validate';

/** The data wallet: a citizen's result documents, one document, verification for anyone, revocation. */
export function documentRoutes(s: AppServices): Router<AppState> {
  const documents = new DocumentStore(s.db, () => s.now().getTime());
  const r = new Router<AppState>();
  r.get('/api/my/documents', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const limit = queryInt(ctx, 'limit', 20, 1, 200);
    const offset = queryInt(ctx, 'offset', 0, 0, 1_000_000);
    ctx.body = { items: await documents.wallet(principal, limit, offset) };
  });
  // Anyone shown a document (a bank, another agency) checks it: no sign-in needed.
  r.post('/api/documents/verify', async (ctx) => {
    const body = validateBody<{ jws: string }>(verifyDocumentBody, ctx.request.body);
    ctx.body = await documents.verify(body.jws);
  });
  r.get('/api/documents/:id', async (ctx) => {
    ctx.body = await documents.get(await requirePrincipal(ctx, s), param(ctx, 'id'));
  });
  r.post('/api/documents/:id/revoke', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const body = validateBody<{ reason: string }>(revokeDocumentBody, ctx.request.body);
    ctx.body = await documents.revoke(principal, param(ctx, 'id'), body.reason);
  });
  return r;
}
