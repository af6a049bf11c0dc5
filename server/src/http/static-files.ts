/**
 * Serves the designer's built web app (`designer/dist`) when it exists: files by path, and
 * `index.html` for any other non-API GET so that client-side routes work on reload.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
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

export function staticFiles(root: string): Middleware {
  const base = normalize(root + sep);
  return async (ctx, next) => {
    const file = await pick(base, ctx.method, ctx.path);
    if (!file) {
      await next();
      return;
    }
    ctx.type = TYPES[extname(file.path)] ?? 'application/octet-stream';
    ctx.length = file.size;
    ctx.body = createReadStream(file.path);
  };
}

/** The file to send for a GET of `path`, or undefined to let the next middleware answer. */
async function pick(base: string, method: string, path: string): Promise<{ path: string; size: number } | undefined> {
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
    if (st?.isFile()) return { path: file, size: st.size };
  }
  return undefined;
}
