/**
 * Gzip for the public library reads a phone pages through (`GET /api/procedures`,
 * `/api/catalogues`, `/api/units`): lists of a few to tens of kilobytes of JSON, compressed
 * to about a fifth, which on a slow mobile network is the difference the citizen waits for.
 * Other routes answer small bodies or are measured per transition: left as they are.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Middleware } from 'koa';

const gzipped = promisify(gzip);
const PATHS = new Set(['/api/procedures', '/api/catalogues', '/api/units']);
/** Below one packet, compressing saves no round trip. */
const MIN_BYTES = 1400;

export function compressLibraryReads(): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.method !== 'GET' || !PATHS.has(ctx.path) || ctx.status !== 200 || ctx.body === null || typeof ctx.body !== 'object' || Buffer.isBuffer(ctx.body)) return;
    ctx.vary('Accept-Encoding');
    if (ctx.acceptsEncodings('gzip', 'identity') !== 'gzip') return;
    const raw = Buffer.from(JSON.stringify(ctx.body));
    if (raw.length < MIN_BYTES) return;
    const body = await gzipped(raw);
    ctx.type = 'application/json; charset=utf-8';
    ctx.set('Content-Encoding', 'gzip');
    ctx.body = body;
  };
}
