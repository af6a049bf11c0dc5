import { Router } from '@koa/router';
import type { SignInProviders } from 'motcua/contract';
import { NotFoundError } from 'motcua/engine';
import { CALLBACK_PATH, START_PATH, STATE_COOKIE, type RelyingParty, type RequestSite } from '../../oidc';
import type { AppContext, AppServices, AppState } from '../context';

/**
 * Sign-in through OpenID Connect: the providers the sign-in page offers, the start (a redirect
 * to the provider, the state bound to the browser by a cookie) and the callback (a redirect to
 * the web app's `#/signin/<code>`, which redeems a one-time code for the session token).
 */
export function oidcRoutes(s: AppServices, rp: RelyingParty | undefined): Router<AppState> {
  const r = new Router<AppState>();
  r.get('/api/auth/providers', (ctx) => {
    const body: SignInProviders = { demo: s.config.demo, ...(rp ? { oidc: { kind: rp.kind, startUrl: START_PATH } } : {}) };
    ctx.body = body;
  });
  const enabled = (): RelyingParty => {
    if (!rp) throw new NotFoundError('E_NOT_FOUND', 'Sign-in through OpenID Connect is not configured', { hint: 'Set MOTCUA_OIDC_ISSUER and MOTCUA_OIDC_CLIENT_ID (docs/server.md).' });
    return rp;
  };
  r.get(START_PATH, async (ctx) => {
    const { url, state } = await enabled().start(siteOf(ctx), s.now().getTime());
    // Lax: sent back on the provider's top-level redirect, never on a cross-site sub-request.
    ctx.cookies.set(STATE_COOKIE, state, { httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: CALLBACK_PATH, maxAge: 10 * 60 * 1000, overwrite: true });
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(url);
  });
  r.get(CALLBACK_PATH, async (ctx) => {
    const callbackUrl = new URL(ctx.originalUrl, 'http://callback.invalid');
    const cookie = ctx.cookies.get(STATE_COOKIE);
    ctx.cookies.set(STATE_COOKIE, null, { path: CALLBACK_PATH, overwrite: true });
    const { code } = await enabled().finish(siteOf(ctx), callbackUrl, cookie, s.now().getTime());
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 303;
    ctx.redirect(`/#/signin/${code}`);
  });
  return r;
}

/** The request's public origin and the local socket it reached. */
function siteOf(ctx: AppContext): RequestSite {
  const address = ctx.req.socket.localAddress ?? '127.0.0.1';
  const host = address.includes(':') ? `[${address}]` : address;
  return { origin: `${ctx.protocol}://${ctx.host}`, local: `http://${host}:${ctx.req.socket.localPort ?? 80}` };
}
