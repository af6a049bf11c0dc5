import { Router } from '@koa/router';
import { RefusalError } from 'motcua/engine';
import { checkDocument, documentPdf, DocumentStore } from '../../documents';
import { requirePrincipal } from '../authenticate';
import type { AppContext, AppServices, AppState } from '../context';
import { param, queryInt, queryString } from '../query';
import { revokeDocumentBody, verifyDocumentBody } from '../schemas';
import { validateBody } from '../validate';

/** The origin printed in QR codes: the configured public URL, else the request's own. */
export function publicOrigin(s: AppServices, ctx: AppContext): string {
  return s.config.publicUrl ?? `${ctx.protocol}://${ctx.host}`;
}

/** The data wallet: a citizen's result documents, one document and its PDF, verification for anyone, revocation. */
export function documentRoutes(s: AppServices): Router<AppState> {
  const documents = new DocumentStore(s.db, () => s.now().getTime());
  const procedureOf = (code: string, version: string) => s.registry.find(code, version)?.procedure;
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
  // The public page behind a printout's QR code: the number and its check code.
  r.get('/api/documents/:id/check', async (ctx) => {
    const code = queryString(ctx, 'code');
    if (!code || !/^[A-Za-z0-9_-]{1,64}$/.test(code)) {
      throw new RefusalError('E_BAD_QUERY', 'Query parameter code is missing or malformed', [], { status: 400, path: 'code', hint: 'Open the link of the QR code printed on the document as it is.' });
    }
    const row = await documents.find(param(ctx, 'id'));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = checkDocument(row, code, s.now().getTime(), row && procedureOf(row.procedure_code, row.procedure_version));
  });
  r.get('/api/documents/:id', async (ctx) => {
    ctx.body = await documents.get(await requirePrincipal(ctx, s), param(ctx, 'id'));
  });
  r.get('/api/documents/:id/pdf', async (ctx) => {
    const view = await documents.get(await requirePrincipal(ctx, s), param(ctx, 'id'));
    const pdf = await documentPdf(view, procedureOf(view.document.procedure.code, view.document.procedure.version), publicOrigin(s, ctx));
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `inline; filename="${view.id}.pdf"`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = pdf;
  });
  r.post('/api/documents/:id/revoke', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const body = validateBody<{ reason: string }>(revokeDocumentBody, ctx.request.body);
    ctx.body = await documents.revoke(principal, param(ctx, 'id'), body.reason);
  });
  return r;
}
