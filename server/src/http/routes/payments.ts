import { Router } from '@koa/router';
import { RefusalError } from 'motcua/engine';
import { completeSimulated, PaymentService, simulatorPage } from '../../payments';
import { requirePrincipal } from '../authenticate';
import type { AppContext, AppServices, AppState } from '../context';
import { param, queryInt } from '../query';
import { publicOrigin } from './documents';

/** The simulator's form posts are small: a few signed parameters. */
const MAX_FORM_BYTES = 16 * 1024;

/** Reads an `application/x-www-form-urlencoded` body (the JSON middleware leaves it unread). */
async function readForm(ctx: AppContext): Promise<Record<string, string>> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw new RefusalError('E_UNSUPPORTED_MEDIA_TYPE', 'Expected a form (application/x-www-form-urlencoded)', [], { status: 415, hint: 'Submit the simulator page\'s form.' });
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new RefusalError('E_TOO_LARGE', 'The form is too large', [], { status: 413, hint: `At most ${MAX_FORM_BYTES} bytes.` });
    chunks.push(chunk);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** The gateway's parameters: a JSON body, else the query string (gateways send either). */
function callbackParams(ctx: AppContext): unknown {
  const body = ctx.request.body;
  return body && typeof body === 'object' && Object.keys(body).length ? body : { ...ctx.query };
}

/** Online payments: start one, the gateway's IPN and return, the simulator, payments and receipts. */
export function paymentRoutes(s: AppServices): Router<AppState> {
  const payments = new PaymentService({ db: s.db, cases: s.cases, registry: s.registry, config: s.config.payments, now: s.now, log: s.log });
  const simulated = s.config.payments.gatewayUrl === undefined;
  const r = new Router<AppState>();
  r.post('/api/cases/:id/payments', async (ctx) => {
    ctx.body = await payments.start(await requirePrincipal(ctx, s), param(ctx, 'id'), publicOrigin(s, ctx));
    ctx.status = 201;
  });
  r.get('/api/cases/:id/payments', async (ctx) => {
    ctx.body = { items: await payments.forCase(await requirePrincipal(ctx, s), param(ctx, 'id')) };
  });
  r.get('/api/my/receipts', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    ctx.body = { items: await payments.receipts(principal, queryInt(ctx, 'limit', 20, 1, 200), queryInt(ctx, 'offset', 0, 0, 1_000_000)) };
  });
  // The gateway's server-to-server notification: its protocol's answer, always HTTP 200.
  const ipn = async (ctx: AppContext): Promise<void> => {
    ctx.body = await payments.notify(callbackParams(ctx));
  };
  r.post('/api/payments/simulator/ipn', ipn);
  r.post('/api/payments/ipn', ipn);
  r.get('/api/payments/ipn', ipn);
  // The citizen's browser back from the gateway: to the case page (the IPN settled it, or not).
  r.get('/api/payments/return', async (ctx) => {
    const back = await payments.returned({ ...ctx.query });
    ctx.redirect(back.caseId ? `/#/cases/${encodeURIComponent(back.caseId)}` : '/#/my');
  });
  if (simulated) {
    r.get('/api/payments/simulator/pay', (ctx) => {
      const query = Object.fromEntries(Object.entries(ctx.query).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const shown = simulatorPage(query, s.config.payments);
      ctx.status = shown.status;
      ctx.type = 'html';
      ctx.body = shown.html;
    });
    r.post('/api/payments/simulator/complete', async (ctx) => {
      const done = await completeSimulated(await readForm(ctx), payments, s.config.payments, s.now().getTime());
      if (done.location) {
        ctx.status = 303;
        ctx.set('Location', done.location);
        return;
      }
      ctx.status = done.status;
      ctx.type = 'html';
      ctx.body = done.html ?? '';
    });
  }
  return r;
}
