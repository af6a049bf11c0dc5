/**
 * The API's routers, dispatched by the request path's first two segments. Mounted one after
 * the other, each of the eighteen routers would try its routes' patterns on every request and
 * wrap it in its `allowedMethods` (a promise each): a transition went through seven routers
 * that cannot answer it before reaching the cases router. Here a request runs only the
 * routers that have a route under its first two segments (`/api/cases`), in their order, with
 * their `allowedMethods`; a router with a pattern in those segments runs for every path. A
 * path no router has a route for runs the whole chain as before (405, 501 and 404 answers
 * are unchanged).
 */
import type { Middleware } from 'koa';
import type { Router } from '@koa/router';
import type { AppState } from './context';

type Mw = Middleware<AppState>;

/** `/api/cases` of `/api/cases/:id/actions`, lower-cased (routes match case-insensitively). */
function keyOf(path: string): string {
  const segments = path.toLowerCase().split('/').filter(Boolean);
  return '/' + segments.slice(0, 2).join('/');
}

/** The keys a router answers under, or undefined when a pattern makes that unknowable. */
function keysOf(router: Router<AppState>): Set<string> | undefined {
  const keys = new Set<string>();
  for (const layer of router.stack) {
    const path: unknown = layer.path;
    if (typeof path !== 'string') return undefined;
    const key = keyOf(path);
    // A parameter, wildcard or group in the first two segments, or a middleware (no method: a prefix match).
    if (/[:*({?]/.test(key) || layer.methods.length === 0) return undefined;
    keys.add(key);
  }
  return keys;
}

/** Runs `mws` in order, then `next`. */
function chain(mws: readonly Mw[]): Mw {
  return (ctx, next) => {
    const run = (i: number): Promise<unknown> => (i === mws.length ? next() : Promise.resolve(mws[i]!(ctx, () => run(i + 1))));
    return run(0);
  };
}

/** One middleware for all `routers`, equivalent to mounting each router's routes and allowedMethods in order. */
export function routersByPath(routers: readonly Router<AppState>[]): Mw {
  const mounted = routers.map((r) => ({ keys: keysOf(r), mws: [r.routes() as unknown as Mw, r.allowedMethods() as unknown as Mw] }));
  const everything = chain(mounted.flatMap((m) => m.mws));
  const byKey = new Map<string, Mw>();
  for (const key of new Set(mounted.flatMap((m) => [...(m.keys ?? [])]))) {
    byKey.set(key, chain(mounted.filter((m) => !m.keys || m.keys.has(key)).flatMap((m) => m.mws)));
  }
  return (ctx, next): Promise<unknown> => (byKey.get(keyOf(ctx.path)) ?? everything)(ctx, next) as Promise<unknown>;
}
