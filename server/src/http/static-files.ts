/**
 * Serves the designer's built web app (`designer/dist`) when it exists: files by path, and
 * `index.html` for any other non-API GET so that client-side routes work on reload.
 * Text files go gzipped to a browser that accepts it (compressed once per file version and
 * kept: a phone on a slow network downloads a third of the bytes); the hashed files under
 * `assets/` never change, so browsers keep them for a year.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { extname, join, normalize, sep } from 'node:path';
import type { Middleware } from 'koa';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.map']);
const gzipped = promisify(gzip);

export function staticFiles(root: string): Middleware {
  const base = normalize(root + sep);
  // path -> gzipped bytes of the version seen (mtime and size): the build rewrites files in place.
  const compressed = new Map<string, { version: string; body: Promise<Buffer> }>();
  const gzipOf = (file: { path: string; size: number; mtimeMs: number }): Promise<Buffer> => {
    const version = `${file.mtimeMs}:${file.size}`;
    const held = compressed.get(file.path);
    if (held?.version === version) return held.body;
    const body = readFile(file.path).then((raw) => gzipped(raw, { level: 9 }));
    body.catch(() => compressed.delete(file.path));
    compressed.set(file.path, { version, body });
    return body;
  };
  return async (ctx, next) => {
    const file = await pick(base, ctx.method, ctx.path);
    if (!file) {
      await next();
      return;
    }
    const ext = extname(file.path);
    ctx.type = TYPES[ext] ?? 'application/octet-stream';
    if (file.path.startsWith(join(base, 'assets') + sep)) ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    if (COMPRESSIBLE.has(ext)) {
      ctx.vary('Accept-Encoding');
      if (ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
        const body = await gzipOf(file);
        ctx.set('Content-Encoding', 'gzip');
        ctx.length = body.length;
        ctx.body = body;
        return;
      }
    }
    ctx.length = file.size;
    ctx.body = createReadStream(file.path);
  };
}

/** The file to send for a GET of `path`, or undefined to let the next middleware answer. */
async function pick(base: string, method: string, path: string): Promise<{ path: string; size: number; mtimeMs: number } | undefined> {
  if ((method !== 'GET' && method !== 'HEAD') || path.startsWith('/api/')) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const candidate = normalize(join(base, rel));
  if (!candidate.startsWith(base)) return undefined;
  for (const file of [candidate, join(base, 'index.html')]) {
    const st = await stat(file).catch(() => undefined);
    if (st?.isFile()) return { path: file, size: st.size, mtimeMs: st.mtimeMs };
  }
  return undefined;
}
