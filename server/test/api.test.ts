/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- reading JSON answers checked by expect */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator, loadOrCreateSigningKey } from '../src/auth';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';
import { PROCEDURE } from './fixtures';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

forEachDatabase('API', (db) => {
  let t: TestServer;
  let database: Database;
  beforeAll(async () => {
    database = await db().open();
    t = await startTestServer(database, db().dataDir);
  });
  afterAll(() => t?.close());

  describe('idempotency', () => {
    it('replays the first answer for the same key and body, without filing twice', async () => {
      const cit = await t.as('cit-1');
      const body = filing(await uploadPdf(cit, '%PDF idem'));
      const key = { 'Idempotency-Key': 'k-1' };
      const a = await cit.post('/api/cases', body, key);
      const b = await cit.post('/api/cases', body, key);
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.headers.get('idempotent-replayed')).toBe('true');
      expect(b.body.id).toBe(a.body.id);
      // The stored text is sent as it is: the first answer again (same type, length and value).
      expect(b.body).toEqual(a.body);
      expect(b.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(b.headers.get('content-length')).toBe(a.headers.get('content-length'));
      const n = (await t.server.services.db.knex('cases').where({ id: a.body.id }).count('* as n').first()) as { n: number | string };
      expect(Number(n.n)).toBe(1);
      const other = await cit.post('/api/cases', { ...body, channel: 'counter' }, key);
      expect(other.status).toBe(409);
      expect(other.body.error.code).toBe('E_IDEMPOTENCY_MISMATCH');
    });

    it('concurrent retries with one key run the request once', async () => {
      const cit = await t.as('cit-1');
      const body = filing(await uploadPdf(cit, '%PDF idem 2'));
      const replies = await Promise.all(Array.from({ length: 6 }, () => cit.post('/api/cases', body, { 'Idempotency-Key': 'k-2' })));
      const ids = new Set(replies.filter((r) => r.status === 201).map((r) => r.body.id as string));
      expect(ids.size).toBe(1);
      for (const r of replies) expect([201, 409]).toContain(r.status);
    });

    it('keys are per caller', async () => {
      const one = await (await t.as('cit-1')).post('/api/cases', filing(await uploadPdf(await t.as('cit-1'), '%PDF k3')), { 'Idempotency-Key': 'k-3' });
      const two = await (await t.as('cit-2')).post('/api/cases', filing(await uploadPdf(await t.as('cit-2'), '%PDF k3b'), {}, 'cit-2'), { 'Idempotency-Key': 'k-3' });
      expect(one.status).toBe(201);
      expect(two.status).toBe(201);
      expect(two.body.id).not.toBe(one.body.id);
    });
  });

  describe('uploads', () => {
    it('stores by content hash, once', async () => {
      const cit = await t.as('cit-1');
      const a = await uploadPdf(cit, '%PDF same bytes');
      const b = await uploadPdf(cit, '%PDF same bytes');
      expect(a).toBe(b);
      expect(a).toMatch(/^[0-9a-f]{64}$/);
      const back = await cit.get(`/api/uploads/${a}`);
      expect(back.status).toBe(200);
      expect(back.body).toBe('%PDF same bytes');
      expect((await (await t.as('cit-2')).get(`/api/uploads/${a}`)).status).toBe(404);
    });

    it('refuses types and sizes over the limits', async () => {
      const cit = await t.as('cit-1');
      const exe = await cit.raw('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'application/x-msdownload' }, body: 'MZ' });
      expect(exe.status).toBe(415);
      expect(exe.body.error.code).toBe('E_UPLOAD_TYPE');
      const big = await cit.raw('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: new Uint8Array(65 * 1024) });
      expect(big.status).toBe(413);
      expect(big.body.error.code).toBe('E_UPLOAD_TOO_LARGE');
    });

    it('two citizens who upload the same bytes both hold the file, and only they do', async () => {
      const bytes = '%PDF the same blank form';
      const one = await uploadPdf(await t.as('cit-1'), bytes);
      const two = await uploadPdf(await t.as('cit-2'), bytes);
      expect(two).toBe(one);
      for (const who of ['cit-1', 'cit-2']) {
        const c = await t.as(who);
        expect((await c.get(`/api/uploads/${one}`)).status, who).toBe(200);
        const filed = await c.post('/api/cases', filing(one, {}, who));
        expect(filed.status, `${who}: ${JSON.stringify(filed.body)}`).toBe(201);
      }
      expect((await (await t.as('cso-a1')).get(`/api/uploads/${one}`)).status).toBe(200);
    });

    it("a citizen cannot attach someone else's upload", async () => {
      const theirs = await uploadPdf(await t.as('cit-2'), '%PDF cit-2 only');
      const r = await (await t.as('cit-1')).post('/api/cases', filing(theirs));
      expect(r.status).toBe(422);
      expect(r.body.error.details[0].code).toBe('E_UNKNOWN_UPLOAD');
    });
  });

  describe('procedures', () => {
    it('searches by name with or without diacritics, and by code', async () => {
      const c = await t.as();
      for (const q of ['khai sinh', 'Khai Sinh', 'đăng ký', 'dang ky khai', 'T.000001']) {
        const r = await c.get(`/api/procedures?q=${encodeURIComponent(q)}`);
        expect(r.status).toBe(200);
        expect(r.body.items.map((p: { code: string }) => p.code), q).toContain('T.000001');
      }
      expect((await c.get('/api/procedures?q=zzzz')).body.items).toEqual([]);
      expect((await c.get('/api/procedures?q=%25')).body.items).toEqual([]);
    });

    it('pages and filters the list, with links and facets, and refuses unbounded queries with 400', async () => {
      const c = await t.as();
      const r = await c.get('/api/procedures?q=dang%20ki&level=commune&limit=1');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ limit: 1, offset: 0, items: [{ code: 'T.000001', open: true, versions: ['1.0.0'] }] });
      expect(r.body.total).toBeGreaterThanOrEqual(1);
      expect(r.body.links.self).toBe('/api/procedures?q=dang+ki&level=commune&limit=1&offset=0');
      expect(r.body.facets.level).toContainEqual({ value: 'commune', count: r.body.total });
      expect((await c.get('/api/procedures?level=province')).body.items.map((p: { code: string }) => p.code)).not.toContain('T.000001');
      for (const bad of [`q=${'x'.repeat(201)}`, 'level=country', 'status=fine', 'limit=101', 'open=maybe', `sector=${'s'.repeat(101)}`]) {
        const refused = await c.get(`/api/procedures?${bad}`);
        expect(refused.status, bad).toBe(400);
        expect(refused.body.error.code, bad).toBe('E_BAD_QUERY');
      }
    });

    it('serves the catalogues the in-browser validator needs', async () => {
      const r = await (await t.as()).get('/api/catalogues');
      expect(r.status).toBe(200);
      expect(r.body.roles.map((x: { id: string }) => x.id)).toContain('commune-chair');
      expect(r.body.calendars.map((x: { id: string }) => x.id)).toContain('always');
      expect(r.body.procedures).toContainEqual({ code: 'T.000001', name: PROCEDURE.name, versions: [{ version: '1.0.0' }] });
    });

    it('reads one procedure, and 404s an unknown code', async () => {
      const c = await t.as();
      const r = await c.get('/api/procedures/T.000001');
      expect(r.body).toMatchObject({ status: 'ok', procedure: { code: 'T.000001' } });
      expect((await c.get('/api/procedures/9.999')).status).toBe(404);
    });

    it('keeps a version published through the API across a restart, listed and fileable', async () => {
      const author = await t.as('author');
      const published = await author.post('/api/procedures', { ...PROCEDURE, code: 'P.000001', name: { vi: 'Thủ tục công bố qua API' } });
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      // Another process starts on the same database (or this one restarts): its library on disk
      // does not have P.000001, the database does.
      const again = await startTestServer(database, db().dataDir);
      try {
        const anyone = await again.as();
        expect((await anyone.get('/api/procedures/P.000001')).body).toMatchObject({ status: 'ok', procedure: { code: 'P.000001' } });
        expect((await anyone.get('/api/procedures?q=cong bo qua api')).body.items.map((p: { code: string }) => p.code)).toEqual(['P.000001']);
        const cit = await again.as('cit-1');
        const filed = await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF published'), { procedure: 'P.000001' }));
        expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      } finally {
        await again.close();
      }
    });

    it('refuses a procedure that does not compile with every diagnostic, and keeps nothing of it', async () => {
      const author = await t.as('author');
      const before = (await (await t.as()).get('/api/health')).body.procedures;
      const r = await author.post('/api/procedures', {
        code: 'B.1', version: '1.0.0', name: { vi: 'Hỏng' }, sector: 's', level: 'commune', calendar: 'always',
        deadline: { value: 1, unit: 'calendar-day' }, steps: [{ id: 'x', kind: 'task', role: 'r', actions: { ok: { to: 'nowhere' } } }], outcomes: { done: { status: 'done' } },
      });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('E_INVALID_DEFINITION');
      expect(r.body.error.details.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['E_UNKNOWN_ROLE']));
      expect((await (await t.as()).get('/api/health')).body.procedures).toEqual(before);
      const filed = await (await t.as('cit-1')).post('/api/cases', { procedure: 'B.1', unit: 'commune-a1', data: {} });
      expect(filed.body.error.code).toBe('E_PROCEDURE_NOT_FOUND');
    });
  });

  describe('auth', () => {
    it('dev-login gives a working token for a demo user in demo mode, and nobody else', async () => {
      const r = await (await t.as()).post('/api/auth/dev-login', { user: 'admin-1' });
      expect(r.status).toBe(200);
      const me = await fetch(`${t.url}/api/auth/me`, { headers: { Authorization: `Bearer ${r.body.token}` } });
      expect(((await me.json()) as { id: string }).id).toBe('admin-1');
      expect((await (await t.as()).post('/api/auth/dev-login', { user: 'nobody' })).status).toBe(401);
      // cso-a1 is a real (not seeded) user of this database: never signed in without a password.
      expect((await (await t.as()).post('/api/auth/dev-login', { user: 'cso-a1' })).status).toBe(401);
      const listed = (await (await t.as()).get('/api/auth/dev-users')).body.users as { id: string }[];
      expect(listed.map((u) => u.id)).toContain('admin-1');
      expect(listed.map((u) => u.id)).not.toContain('cso-a1');
    });

    it('a revoked role takes effect at once', async () => {
      const admin = await t.as('admin');
      expect((await admin.put('/api/admin/users/temp-officer', { name: 'Tạm', kind: 'officer', roles: [{ role: 'civil-status-officer', unit: 'commune-a1' }] })).status).toBe(200);
      const temp = await t.as('temp-officer');
      expect((await temp.get('/api/worklist')).body.items.length).toBeGreaterThan(0);
      await admin.put('/api/admin/users/temp-officer', { name: 'Tạm', kind: 'officer', roles: [] });
      expect((await temp.get('/api/worklist')).body.items).toEqual([]);
      const bad = await admin.put('/api/admin/users/x', { name: 'X', kind: 'officer', roles: [{ role: 'r', unit: 'no-such-unit' }] });
      expect(bad.status).toBe(422);
      expect(bad.body.error.details[0].path).toBe('roles[0].unit');
    });

    it('accepts tokens of a configured OIDC issuer via its JWKS, with the right audience only', async () => {
      const keys = await generateKeyPair('RS256');
      const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'eid-1', alg: 'RS256', use: 'sig' };
      const jwks: Server = createServer((_req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
      try {
        const port = (jwks.address() as AddressInfo).port;
        const database = t.server.services.db;
        const auth = createAuthenticator(database, {
          localIssuer: 'motcua', tokenTtlSeconds: 60, demo: true,
          oidc: { issuer: 'https://eid.example.vn', jwksUrl: `http://127.0.0.1:${port}/jwks`, audience: 'motcua', userClaim: 'sub' },
        }, await loadOrCreateSigningKey(database));
        const sign = (aud: string, sub = 'cit-1') =>
          new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'eid-1' }).setIssuer('https://eid.example.vn').setAudience(aud).setSubject(sub).setExpirationTime('5m').sign(keys.privateKey);
        expect((await auth.verify(await sign('motcua'))).id).toBe('cit-1');
        await expect(auth.verify(await sign('someone-else'))).rejects.toMatchObject({ code: 'E_UNAUTHENTICATED' });
        await expect(auth.verify(await sign('motcua', 'unknown-person'))).rejects.toMatchObject({ code: 'E_UNAUTHENTICATED' });
        const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'eid-1' }).setIssuer('https://eid.example.vn').setAudience('motcua').setSubject('cit-1').sign(keys.privateKey);
        await expect(auth.verify(noExp)).rejects.toMatchObject({ code: 'E_UNAUTHENTICATED' });
      } finally {
        jwks.close();
      }
    });
  });

  it('serves health, the OpenAPI document, the docs page and the JWKS', async () => {
    const c = await t.as();
    expect((await c.get('/api/health')).body).toMatchObject({ status: 'ok', database: db().name });
    const doc = (await c.get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/cases', '/api/cases/{id}/actions', '/api/worklist', '/api/my/cases', '/api/procedures', '/api/auth/dev-login']) expect(Object.keys(doc.paths)).toContain(p);
    const page = await c.get('/api/docs');
    expect(page.headers.get('content-type')).toMatch(/html/);
    expect(String(page.body)).toContain('/api/openapi.json');
    expect((await c.get('/api/auth/jwks')).body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
  });

  it('worklist: ordered by due, paginated by cursor without gaps or repeats', async () => {
    const cit = await t.as('cit-1');
    for (let i = 0; i < 5; i++) {
      t.clock.now += 3600_000;
      await cit.post('/api/cases', filing(await uploadPdf(cit, `%PDF wl ${i}`)));
    }
    const officer = await t.as('cso-a1');
    const all = (await officer.get('/api/worklist?limit=500')).body.items as { caseId: string; due: string }[];
    const dues = all.map((i) => Date.parse(i.due));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const paged: string[] = [];
    let after: string | undefined;
    do {
      const page = (await officer.get(`/api/worklist?limit=3${after ? `&after=${after}` : ''}`)).body as { items: { caseId: string }[]; next?: string };
      paged.push(...page.items.map((i) => i.caseId));
      after = page.next;
    } while (after);
    expect(paged).toEqual(all.map((i) => i.caseId));
    const other = (await (await t.as('cso-a2')).get('/api/worklist')).body.items as unknown[];
    expect(other).toEqual([]);
  });
});

forEachDatabase('demo mode off', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(await db().open(), db().dataDir, { demo: false });
  });
  afterAll(() => t?.close());

  it('dev-login does not exist', async () => {
    const r = await (await t.as()).post('/api/auth/dev-login', { user: 'cit-1' });
    expect(r.status).toBe(404);
    expect((await (await t.as()).get('/api/auth/dev-users')).status).toBe(404);
  });
});
