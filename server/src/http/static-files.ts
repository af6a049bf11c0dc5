/**
 * Serves the designer's built web app (`designer/dist`) when it exists: files by path, and
 * `index.html` for any other non-API GET so that client-side routes work on reload.
 * Text files go compressed to a browser that accepts it, Brotli first (about 13% smaller than
 * gzip at its best level on the first-load script), else gzip; each compressed once per file
 * version and kept: a phone on a slow network downloads a third of the bytes. The hashed files under
 * `assets/` never change, so browsers keep them for a year.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
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
const brotli = promisify(brotliCompress);

/** The encodings offered, best first, with how each compresses a whole file (once per version). */
const ENCODINGS = {
  br: (raw: Buffer) => brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
  gzip: (raw: Buffer) => gzipped(raw, { level: 9 }),
} as const;
type Encoding = keyof typeof ENCODINGS;

export function staticFiles(root: string): Middleware {
  const base = normalize(root + sep);
  // encoding + path -> compressed bytes of the version seen (mtime and size): the build rewrites files in place.
  const compressed = new Map<string, { version: string; body: Promise<Buffer> }>();
  const compressedOf = (encoding: Encoding, file: { path: string; size: number; mtimeMs: number }): Promise<Buffer> => {
    const version = `${file.mtimeMs}:${file.size}`;
    const key = `${encoding}:${file.path}`;
    const held = compressed.get(key);
    if (held?.version === version) return held.body;
    const body = (encoding === 'br' ? precompressed(file) : Promise.resolve(undefined)).then(async (ready) => ready ?? ENCODINGS[encoding](await readFile(file.path)));
    body.catch(() => compressed.delete(key));
    compressed.set(key, { version, body });
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
      // Brotli whenever accepted: browsers list gzip first at equal weight, which would pick it.
      const encoding = ctx.acceptsEncodings('br') === 'br' ? 'br' : ctx.acceptsEncodings('gzip', 'identity');
      if (encoding === 'br' || encoding === 'gzip') {
        const body = await compressedOf(encoding, file);
        ctx.set('Content-Encoding', encoding);
        ctx.length = body.length;
        ctx.body = body;
        return;
      }
    }
    ctx.length = file.size;
    ctx.body = createReadStream(file.path);
  };
}

/** The `.br` the build wrote beside `file` (designer/vite.config.ts), when it is not older than the file. */
async function precompressed(file: { path: string; mtimeMs: number }): Promise<Buffer | undefined> {
  const st = await stat(`${file.path}.br`).catch(() => undefined);
  return st?.isFile() && st.mtimeMs >= file.mtimeMs ? readFile(`${file.path}.br`) : undefined;
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
