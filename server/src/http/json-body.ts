/**
 * Reads a JSON request body into `ctx.request.body`, up to a size limit. Bodies of other media
 * types are left unread: the uploads route streams its body to disk, and the routes that take
 * JSON refuse a missing body with a 400 naming the expected shape. Written here rather than
 * with @koa/bodyparser because every filing and action goes through it and that parser's
 * stream and media-type machinery cost about a fifth of a millisecond per request.
 */
import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';
import { MAX_JSON_DEPTH, MotcuaError, textExceedsDepth, tooDeep } from 'motcua/engine';
import { nulCharacter, textHasNul } from './nul';

declare module 'koa' {
  interface Request {
    /** The parsed JSON body; undefined when the request had none or was not JSON. */
    body?: unknown;
  }
}

/**
 * The largest JSON body read: 64 KiB. The largest real body is a procedure published by an
 * author (the library's largest, 1.012766, is 9.3 KB as JSON); a filing's e-form data is a few
 * KB. Reading, validating and refusing a body costs time on the one event loop in proportion
 * to its size (a 277 KB object of 20,000 keys took about 100 ms of CPU to refuse), so the cap
 * is set from what real requests need, seven times the largest, not from what a socket can
 * carry. Files go through POST /api/uploads, streamed to disk.
 */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function tooLarge(limit: number): MotcuaError {
  return new MotcuaError('E_TOO_LARGE', `The request body is larger than ${limit} bytes`, {
    status: 413,
    hint: 'Send large files through POST /api/uploads and refer to them by hash.',
  });
}

/** The whole body, refused past `limit` bytes (events rather than async iteration: cheaper per request). */
function readAll(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
    // A client that goes away mid-body: nothing to parse, and no promise left hanging.
    req.once('close', () => {
      if (!req.complete) reject(new MotcuaError('E_BODY_ABORTED', 'The request body was not received in full', { status: 400, hint: 'Send the request again.' }));
    });
  });
}

/**
 * The JSON body of `req` (`application/json` and `+json`, at most `limit` bytes, nested at most
 * MAX_JSON_DEPTH levels, without U+0000), or undefined when it sent none or another media type
 * (left unread). Shared by the middleware below and the hot routes' dispatch (hot-routes.ts).
 */
export async function readJsonBody(req: IncomingMessage, limit: number = MAX_JSON_BODY_BYTES): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD' || !JSON_TYPE.test(req.headers['content-type'] ?? '')) return undefined;
  if (Number(req.headers['content-length'] ?? '') > limit) throw tooLarge(limit);
  // JSON is UTF-8 (RFC 8259); an empty body is no body.
  const text = (await readAll(req, limit)).toString('utf8');
  if (text.trim() === '') return undefined;
  // Before anything parses or hashes it (the Idempotency-Key's canonical JSON recurses).
  if (textExceedsDepth(text, MAX_JSON_DEPTH)) throw tooDeep(MAX_JSON_DEPTH);
  if (textHasNul(text)) throw nulCharacter('body');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MotcuaError('E_MALFORMED_JSON', 'The request body is not valid JSON', {
      status: 400,
      hint: 'Send a JSON document with Content-Type: application/json.',
    });
  }
}

/** Sets `ctx.request.body` from `readJsonBody`. */
export function jsonBody(limit: number = MAX_JSON_BODY_BYTES): Middleware {
  return async (ctx, next) => {
    const body = await readJsonBody(ctx.req, limit);
    if (body !== undefined) ctx.request.body = body;
    await next();
  };
}
