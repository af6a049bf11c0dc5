/**
 * The web app's files: Brotli to a browser that accepts it, else gzip, else as they are; the
 * same bytes once decompressed, again after the build rewrote a file in place; index.html for
 * client-side routes; hashed assets cached for a year; nothing outside the folder.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from '../src/http/static-files';

const dir = mkdtempSync(join(tmpdir(), 'motcua-static-'));
const script = `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `từ ${i}`))};\n`;
let server: Server;

function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Một cửa</title>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), script);
  const app = new Koa();
  app.use(staticFiles(dir));
  app.use((ctx) => {
    ctx.status = 404;
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
});

afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('staticFiles', () => {
  it('sends Brotli when accepted, else gzip, else the file as it is: the same bytes each way', async () => {
    const br = await get('/assets/index-abc.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    const gz = await get('/assets/index-abc.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(gz.body.length);
    const plain = await get('/assets/index-abc.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('compresses a file again once the build rewrote it', async () => {
    const path = join(dir, 'index.html');
    expect(brotliDecompressSync((await get('/', 'br')).body).toString()).toContain('Một cửa');
    writeFileSync(path, '<!doctype html><title>Một cửa 2</title><p>mới</p>');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(brotliDecompressSync((await get('/', 'br')).body).toString()).toContain('Một cửa 2');
    expect(gunzipSync((await get('/portal/1.001193', 'gzip')).body).toString()).toContain('mới');
  });

  it('sends the .br the build wrote beside a file, unless the file is newer', async () => {
    const path = join(dir, 'assets', 'pre-abc.js');
    writeFileSync(path, script);
    // Marked so that the test can tell the build's file from one compressed at request time.
    const built = `${script}// precompressed by the build\n`;
    writeFileSync(`${path}.br`, brotliCompressSync(built));
    utimesSync(path, new Date(), new Date(Date.now() - 10_000));
    expect(brotliDecompressSync((await get('/assets/pre-abc.js', 'br')).body).toString()).toBe(built);
    expect(gunzipSync((await get('/assets/pre-abc.js', 'gzip')).body).toString()).toBe(script);
    // A build that rewrote the file but not its .br: the stale .br is not sent.
    utimesSync(path, new Date(), new Date(Date.now() + 10_000));
    expect(brotliDecompressSync((await get('/assets/pre-abc.js', 'br')).body).toString()).toBe(script);
  });

  it('never leaves its folder and leaves /api to the routes', async () => {
    expect((await get('/../../etc/passwd')).body.toString()).not.toContain('root:');
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).body.toString()).not.toContain('root:');
    expect((await get('/api/health')).status).toBe(404);
  });
});
