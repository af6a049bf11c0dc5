/**
 * The two routes of every transition, `POST /api/cases` and `POST /api/cases/:id/actions`,
 * answered without Koa. Through Koa a transition paid for its context objects (three
 * `Object.create`s and the `delegates` getters behind every `ctx.x`), `on-finished`'s
 * listeners, koa-compose's promise per middleware, the router's matching and `allowedMethods`
 * (issue 16, item 4; docs/server.md, "The HTTP layer"). Here the same steps run in the same
 * order, each through the function the Koa chain itself calls, so that the two paths cannot
 * drift:
 *
 * 1. the JSON body, bounded (`readJsonBody`, json-body.ts);
 * 2. the library kept in step with other processes (`sync.maybeRefresh`);
 * 3. the caller (`principalOfHeader`, authenticate.ts), a 401 without one;
 * 4. the route (`fileCase` / `actOnCase`, routes/cases.ts: the body's schema, then the id's bound);
 * 5. any error mapped by `errorToResponse` and `errorHeader` (errors.ts), the one mapping;
 * 6. the answer with `X-Content-Type-Options: nosniff` (app.ts sets it on every answer).
 *
 * Only requests whose answer cannot depend on anything else come here: the exact paths (no
 * query string, no trailing slash, no other letter case) and an id of unreserved characters
 * (nothing to percent-decode, so no `%00` either) within the router's bound, and no
 * `Idempotency-Key` header (its lookup and replay stay in idempotency.ts). Everything else,
 * and every other route, goes to Koa. `server/test/hot-routes.test.ts` sends the same requests
 * through both paths and compares status, headers and body byte for byte.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { unauthenticated } from '../auth';
import type { CaseView } from '../cases';
import { NOSNIFF } from './app';
import { principalOfHeader } from './authenticate';
import type { AppServices } from './context';
import { errorHeader, errorToResponse } from './errors';
import { readJsonBody } from './json-body';
import { PATH_PARAM_MAX } from './query';
import { actOnCase, caseLocation, fileCase } from './routes/cases';

/** Node's request handler. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** `/api/cases/<id>/actions` with an id @koa/router would pass on unchanged (unreserved characters) and `param` would accept. */
const ACTION_PATH = new RegExp(`^/api/cases/([A-Za-z0-9._~-]{1,${PATH_PARAM_MAX}})/actions$`);

/** What Koa sets for a JSON body (`ctx.type = 'json'`). */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Which hot route `req` is, or undefined for Koa. */
function hotRoute(req: IncomingMessage): { kind: 'file' } | { kind: 'act'; id: string } | undefined {
  if (req.method !== 'POST' || req.headers['idempotency-key'] !== undefined) return undefined;
  const url = req.url ?? '';
  if (url === '/api/cases') return { kind: 'file' };
  const id = ACTION_PATH.exec(url)?.[1];
  return id === undefined ? undefined : { kind: 'act', id };
}

/**
 * Writes a JSON answer with the headers Koa would write, in its order: `nosniff` (set first by
 * app.ts), Content-Type, then the route's or the error's header, then Content-Length (set by
 * Koa's `respond` last). One `writeHead` with a flat list: no header map built and read back.
 */
function send(res: ServerResponse, status: number, body: unknown, header: readonly [string, string] | undefined): void {
  // Koa's `ctx.writable`: a socket the client closed gets no body.
  if (res.writableEnded || (res.socket !== null && !res.socket.writable)) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  const length = String(Buffer.byteLength(text));
  res.writeHead(
    status,
    header
      ? [NOSNIFF[0], NOSNIFF[1], 'Content-Type', JSON_CONTENT_TYPE, header[0], header[1], 'Content-Length', length]
      : [NOSNIFF[0], NOSNIFF[1], 'Content-Type', JSON_CONTENT_TYPE, 'Content-Length', length],
  );
  res.end(text);
}

async function answer(s: AppServices, req: IncomingMessage, res: ServerResponse, route: NonNullable<ReturnType<typeof hotRoute>>): Promise<void> {
  let status: number;
  let body: unknown;
  let header: readonly [string, string] | undefined;
  try {
    const raw = await readJsonBody(req);
    await s.sync.maybeRefresh();
    const principal = await principalOfHeader(req.headers.authorization ?? '', s);
    if (!principal) throw unauthenticated();
    let view: CaseView;
    if (route.kind === 'file') {
      view = await fileCase(s, principal, raw, undefined);
      status = 201;
      header = ['Location', caseLocation(view)];
    } else {
      view = await actOnCase(s, principal, { id: route.id }, raw, undefined);
      status = 200;
    }
    body = view;
  } catch (err) {
    ({ status, body } = errorToResponse(err, s.log));
    header = errorHeader(status);
  }
  send(res, status, body, header);
}

/**
 * `generic` (Koa's callback) with the two hot routes answered directly. `lean: false` sends
 * everything to `generic` (the comparison test; the route's behaviour is the same either way).
 */
export function withHotRoutes(s: AppServices, generic: RequestHandler, options: { lean?: boolean } = {}): RequestHandler {
  if (options.lean === false) return generic;
  return (req, res) => {
    const route = hotRoute(req);
    if (!route) {
      generic(req, res);
      return;
    }
    answer(s, req, res, route).catch((err: unknown) => {
      // Only a failure to write the answer gets here (the route's own errors are answered above).
      s.log(`motcua: the answer to ${req.method} ${req.url} could not be written: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.writableEnded) res.destroy();
    });
  };
}
