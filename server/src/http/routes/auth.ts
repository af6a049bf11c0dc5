import { Router } from '@koa/router';
import { NotFoundError } from 'motcua/engine';
import { findPrincipal, unauthenticated } from '../../auth';
import { requirePrincipal } from '../authenticate';
import type { AppServices, AppState } from '../context';
import { devLoginBody } from '../schemas';
import { validateBody } from '../validate';

/** Sign-in for demos, the caller's identity, and the local issuer's public keys. */
export function authRoutes(s: AppServices, publicJwk: object): Router<AppState> {
  const r = new Router<AppState>();
  r.post('/api/auth/dev-login', async (ctx) => {
    // Outside demo mode the route does not exist, as far as callers can tell.
    if (!s.config.demo) throw new NotFoundError('E_NOT_FOUND', 'Not found', { hint: 'See GET /api/openapi.json.' });
    const body = validateBody<{ user: string }>(devLoginBody, ctx.request.body);
    const principal = await s.db.query((sql) => findPrincipal(sql, body.user));
    if (!principal) throw unauthenticated();
    ctx.body = { token: await s.auth.issue(principal.id), tokenType: 'Bearer', user: principal };
  });
  r.get('/api/auth/me', async (ctx) => {
    ctx.body = await requirePrincipal(ctx, s);
  });
  r.get('/api/auth/jwks', (ctx) => {
    ctx.body = { keys: [publicJwk] };
  });
  return r;
}
