/** Resolves the bearer token of a request to a principal (once per request). */
import { unauthenticated, type Principal } from '../auth';
import type { AppContext, AppServices } from './context';

/**
 * The principal of an `Authorization` header's bearer token, or undefined when the header is
 * empty; anything but `Bearer <token>`, or a bad token, is a 401. Shared by the router's
 * requests (below) and the hot routes' dispatch (hot-routes.ts).
 */
export async function principalOfHeader(header: string, s: AppServices): Promise<Principal | undefined> {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthenticated();
  return s.auth.verify(match[1]);
}

/** The caller, or undefined when no Authorization header was sent. A bad token is a 401. */
export async function optionalPrincipal(ctx: AppContext, s: AppServices): Promise<Principal | undefined> {
  if (ctx.state.principal) return ctx.state.principal;
  const principal = await principalOfHeader(ctx.get('Authorization'), s);
  if (principal) ctx.state.principal = principal;
  return principal;
}

/** The caller, or a 401. */
export async function requirePrincipal(ctx: AppContext, s: AppServices): Promise<Principal> {
  const p = await optionalPrincipal(ctx, s);
  if (!p) throw unauthenticated();
  return p;
}
