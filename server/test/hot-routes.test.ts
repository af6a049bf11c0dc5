/**
 * The hot routes' dispatch (`server/src/http/hot-routes.ts`) answers exactly as Koa does:
 * the same requests sent to a server through the lean path and to one through Koa alone
 * (`callback({ lean: false })`) get the same status line, the same headers in the same order
 * and letter case (the Date aside) and the same body, byte for byte, for a filing, each
 * action, and every kind of refusal. Two cases filed alike differ only by their id, which is
 * replaced by a placeholder before comparing.
 */
import { createServer as createHttpServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withHotRoutes } from '../src/http';
import { MAX_JSON_BODY_BYTES } from '../src/http/json-body';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

interface Raw {
  status: string;
  headers: string[];
  body: string;
}

function listen(handler: Parameters<typeof createHttpServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createHttpServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

/** One request on its own connection; the answer as sent (status line, raw headers in order, body text). */
function send(port: number, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = res.rawHeaders;
        const kept: string[] = [];
        for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() !== 'date') kept.push(`${raw[i]}: ${raw[i + 1]}`);
        resolve({ status: `${res.statusCode} ${res.statusMessage}`, headers: kept, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `raw` with every occurrence of `id` replaced (a case filed on each server has its own id). */
function withoutId(raw: Raw, id: string | undefined): Raw {
  if (!id) return raw;
  const strip = (s: string): string => s.split(id).join('<id>');
  return { status: raw.status, headers: raw.headers.map(strip), body: strip(raw.body) };
}

forEachDatabase('hot routes answer as Koa does', (db) => {
  let t: TestServer;
  let lean: { server: Server; port: number };
  let koa: { server: Server; port: number };
  /** Requests the lean server handed to Koa. */
  let handedOn = 0;
  let upload: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestServer(await db().open(), db().dataDir);
    const generic = t.server.callback({ lean: false });
    koa = await listen(generic);
    lean = await listen(
      withHotRoutes(t.server.services, (req, res) => {
        handedOn++;
        generic(req, res);
      }),
    );
    upload = await uploadPdf(await t.as('cit-1'));
  });
  afterAll(async () => {
    await Promise.all([lean, koa].map((s) => s && new Promise((r) => s.server.close(r))));
    await t?.close();
  });

  async function auth(user: string): Promise<Record<string, string>> {
    let token = tokens.get(user);
    if (!token) {
      token = await t.server.services.auth.issue(user);
      tokens.set(user, token);
    }
    return { Authorization: `Bearer ${token}` };
  }

  const JSON_TYPE = { 'Content-Type': 'application/json' };

  /** Files a case like `filing()` on each server; the two answers, and the ids. */
  async function fileOnBoth(): Promise<{ lean: Raw; koa: Raw; ids: [string, string] }> {
    const headers = { ...JSON_TYPE, ...(await auth('cit-1')) };
    const body = JSON.stringify(filing(upload));
    const a = await send(lean.port, '/api/cases', headers, body);
    const b = await send(koa.port, '/api/cases', headers, body);
    const ids = [a, b].map((r) => (JSON.parse(r.body) as { id?: string }).id ?? '') as [string, string];
    return { lean: a, koa: b, ids };
  }

  /** Sends the same request to both servers (each its own case id in the path) and expects the same answer. */
  async function expectSame(path: (id: string) => string, ids: [string, string], headers: Record<string, string>, body?: string | Buffer): Promise<Raw> {
    const before = handedOn;
    const a = withoutId(await send(lean.port, path(ids[0]), headers, body), ids[0]);
    const b = withoutId(await send(koa.port, path(ids[1]), headers, body), ids[1]);
    expect(handedOn, 'the lean server answered this itself').toBe(before);
    expect(a).toEqual(b);
    return a;
  }

  it('a filing: 201 with its Location, security header and JSON body', async () => {
    const before = handedOn;
    const both = await fileOnBoth();
    expect(handedOn).toBe(before);
    expect(both.lean.status).toBe('201 Created');
    expect(withoutId(both.lean, both.ids[0])).toEqual(withoutId(both.koa, both.ids[1]));
    expect(both.lean.headers).toContain('Location: /api/cases/<id>'.replace('<id>', both.ids[0]));
    expect(both.lean.headers).toContain('X-Content-Type-Options: nosniff');
  });

  it('each action, and the refusals of an action', async () => {
    const { ids } = await fileOnBoth();
    const actions = (id: string): string => `/api/cases/${id}/actions`;
    const officer = { ...JSON_TYPE, ...(await auth('cso-a1')) };
    // Refusals first, while the case waits for the officer.
    const refusals: [string, Record<string, string>, string | Buffer | undefined, number][] = [
      ['no token', JSON_TYPE, JSON.stringify({ step: 'verify', action: 'approve', version: 1 }), 401],
      ['a bad token', { ...JSON_TYPE, Authorization: 'Bearer not.a.token' }, JSON.stringify({ step: 'verify', action: 'approve', version: 1 }), 401],
      ['another scheme', { ...JSON_TYPE, Authorization: 'Basic YWJjOmRlZg==' }, JSON.stringify({ step: 'verify', action: 'approve', version: 1 }), 401],
      ['malformed JSON', officer, '{"step": ', 400],
      ['a body too deep', officer, '['.repeat(200) + ']'.repeat(200), 400],
      ['a NUL in the body', officer, JSON.stringify({ step: 'verify\u0000', action: 'approve', version: 1 }), 400],
      ['no body', officer, undefined, 400],
      ['another media type', { ...officer, 'Content-Type': 'text/plain' }, '{}', 400],
      ['a body of the wrong shape', officer, JSON.stringify({ step: 'verify', version: 'one', extra: true }), 400],
      ['a body too large', officer, Buffer.alloc(MAX_JSON_BODY_BYTES + 1, 0x20), 413],
      ['a stale version', officer, JSON.stringify({ step: 'verify', action: 'approve', version: 99 }), 409],
      ['a step the case is not at', officer, JSON.stringify({ step: 'sign', action: 'sign', version: 1 }), 422],
      ['an officer of another unit (the case is not shown to them)', { ...JSON_TYPE, ...(await auth('cso-a2')) }, JSON.stringify({ step: 'verify', action: 'approve', version: 1 }), 404],
      ['a citizen acting for the officer', { ...JSON_TYPE, ...(await auth('cit-1')) }, JSON.stringify({ step: 'verify', action: 'approve', version: 1 }), 403],
    ];
    for (const [what, headers, body, status] of refusals) {
      const r = await expectSame(actions, ids, headers, body);
      expect(Number(r.status.slice(0, 3)), `${what}: ${r.body}`).toBe(status);
      expect(JSON.parse(r.body).error.code, what).toMatch(/^E_/);
    }
    const missing = await expectSame(() => '/api/cases/no-such-case/actions', ids, officer, JSON.stringify({ step: 'verify', action: 'approve', version: 1 }));
    expect(missing.status).toBe('404 Not Found');
    // The transitions themselves.
    const verify = await expectSame(actions, ids, officer, JSON.stringify({ step: 'verify', action: 'approve', version: 1 }));
    expect(verify.status).toBe('200 OK');
    const version = (JSON.parse(verify.body) as { version: number }).version;
    const sign = await expectSame(actions, ids, { ...JSON_TYPE, ...(await auth('chair-a1')) }, JSON.stringify({ step: 'sign', action: 'sign', version }));
    expect(sign.status).toBe('200 OK');
    expect(JSON.parse(sign.body).status).not.toBe(JSON.parse(verify.body).status);
  });

  it('the refusals of a filing', async () => {
    const citizen = { ...JSON_TYPE, ...(await auth('cit-1')) };
    const refusals: [string, Record<string, string>, string | undefined, number][] = [
      ['no token', JSON_TYPE, JSON.stringify(filing(upload)), 401],
      ['malformed JSON', citizen, '{', 400],
      ['a body of the wrong shape', citizen, JSON.stringify({ procedure: 7 }), 400],
      ['an unknown procedure', citizen, JSON.stringify(filing(upload, { procedure: 'X.999999' })), 404],
      ['data the form refuses', citizen, JSON.stringify(filing(upload, { data: { applicant: { nationalId: 'x' } } })), 422],
      ['an author filing', { ...JSON_TYPE, ...(await auth('author')) }, JSON.stringify(filing(upload)), 403],
    ];
    for (const [what, headers, body, status] of refusals) {
      const r = await expectSame(() => '/api/cases', ['', ''], headers, body);
      expect(Number(r.status.slice(0, 3)), `${what}: ${r.body}`).toBe(status);
      expect(JSON.parse(r.body).error.code, what).toMatch(/^E_/);
    }
  });

  it('what the lean path does not take goes to Koa, answered as before', async () => {
    const headers = { ...JSON_TYPE, ...(await auth('cso-a1')) };
    const body = JSON.stringify({ step: 'verify', action: 'approve', version: 1 });
    const paths = ['/api/cases/', '/API/cases', '/api/cases?x=1', '/api/cases/a%2Fb/actions', `/api/cases/${'x'.repeat(129)}/actions`, '/api/cases/abc/actions/'];
    for (const path of paths) {
      const before = handedOn;
      const a = await send(lean.port, path, headers, body);
      expect(handedOn, path).toBe(before + 1);
      expect(a).toEqual(await send(koa.port, path, headers, body));
    }
    const before = handedOn;
    await send(lean.port, '/api/cases', { ...headers, 'Idempotency-Key': 'k-1' }, '{}');
    expect(handedOn, 'Idempotency-Key').toBe(before + 1);
  });
});
