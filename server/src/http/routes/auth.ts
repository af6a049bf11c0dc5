import { Router } from '@koa/router';
import { NotFoundError } from 'motcua/engine';
import { appendAudit } from '../../audit';
import { findPrincipal, redeemSignInLink, unauthenticated } from '../../auth';
import { requirePrincipal } from '../authenticate';
import type { AppServices, AppState } from '../context';
import { devLoginBody, signInLinkBody } from '../schemas';
import { validateBody } from '../validate';

/** Sign-in for demos, the caller's identity, and the local issuer's public keys. */
export function authRoutes(s: AppServices, publicJwk: object): Router<AppState> {
  const r = new Router<AppState>();
  // Outside demo mode the demo routes do not exist, as far as callers can tell.
  const demoOnly = (): void => {
    if (!s.config.demo) throw new NotFoundError('E_NOT_FOUND', 'Not found', { hint: 'See GET /api/openapi.json.' });
  };
  r.post('/api/auth/dev-login', async (ctx) => {
    demoOnly();
    const body = validateBody<{ user: string }>(devLoginBody, ctx.request.body);
    // Only seeded demo users: a real user of a database run with --demo is never signed in without a password.
    const isDemo = (await s.db.knex('users').where({ id: body.user, demo: true }).first<{ id: string } | undefined>('id')) !== undefined;
    const principal = isDemo ? await s.db.query((sql) => findPrincipal(sql, body.user)) : undefined;
    if (!principal) throw unauthenticated();
    ctx.body = { token: await s.auth.issue(principal.id), tokenType: 'Bearer', user: principal };
  });
  r.post('/api/auth/sign-in-link', async (ctx) => {
    const body = validateBody<{ code: string }>(signInLinkBody, ctx.request.body);
    const at = s.now().getTime();
    const userId = await redeemSignInLink(s.db.knex, body.code, at);
    const principal = userId ? await s.db.query((sql) => findPrincipal(sql, userId)) : undefined;
    if (!principal) throw unauthenticated();
    await s.db.knex.transaction((trx) => appendAudit(trx, [{ actor: principal.id, action: 'auth.sign-in-link.redeem', subject: principal.id, payload: null, at }]));
    ctx.body = { token: await s.auth.issue(principal.id), tokenType: 'Bearer', user: principal };
  });
  r.get('/api/auth/dev-users', async (ctx) => {
    demoOnly();
    const users = await s.db.knex('users').where({ demo: true, active: true }).orderBy('id').limit(500).select<{ id: string; name: string; kind: string }[]>('id', 'name', 'kind');
    ctx.body = { users };
  });
  r.get('/api/auth/me', async (ctx) => {
    ctx.body = await requirePrincipal(ctx, s);
  });
  r.get('/api/auth/jwks', (ctx) => {
    ctx.body = { keys: [publicJwk] };
  });
  return r;
}
