/** Resolves the bearer token of a request to a principal (once per request). */
import { unauthenticated, type Principal } from '../auth';
import type { AppContext, AppServices } from './context';

/** The caller, or undefined when no Authorization header was sent. A bad token is a 401. */
export async function optionalPrincipal(ctx: AppContext, s: AppServices): Promise<Principal | undefined> {
  if (ctx.state.principal) return ctx.state.principal;
  const header = ctx.get('Authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthenticated();
  ctx.state.principal = await s.auth.verify(match[1]);
  return ctx.state.principal;
}

/** The caller, or a 401. */
export async function requirePrincipal(ctx: AppContext, s: AppServices): Promise<Principal> {
  const p = await optionalPrincipal(ctx, s);
  if (!p) throw unauthenticated();
  return p;
}
