/**
 * Bad bodies never get a 500: random JSON values, malformed JSON, wrong media types and
 * oversized bodies on every endpoint that takes a body each get a 4xx with a stable code.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type Client, type TestServer } from './harness';

forEachDatabase('bad bodies', (db) => {
  let t: TestServer;
  let caseId: string;
  beforeAll(async () => {
    t = await startTestServer(await db().open(), db().dataDir);
    const cit = await t.as('cit-1');
    caseId = (await cit.post('/api/cases', filing(await uploadPdf(cit)))).body.id as string;
  });
  afterAll(() => t?.close());

  const targets = (): { who: string; method: 'post' | 'put'; path: string }[] => [
    { who: 'cit-1', method: 'post', path: '/api/cases' },
    { who: 'cso-a1', method: 'post', path: `/api/cases/${caseId}/actions` },
    { who: 'cit-1', method: 'post', path: `/api/cases/${caseId}/actions` },
    { who: 'admin', method: 'put', path: '/api/admin/users/fuzz' },
    { who: 'admin', method: 'put', path: '/api/admin/units/fuzz' },
    { who: 'author', method: 'post', path: '/api/procedures' },
    { who: 'anonymous', method: 'post', path: '/api/auth/dev-login' },
  ];

  async function client(who: string): Promise<Client> {
    return t.as(who === 'anonymous' ? undefined : who);
  }

  it('random JSON values get a 4xx with a code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets()), fc.jsonValue({ maxDepth: 3 }), async (target, value) => {
        const c = await client(target.who);
        const r = await c[target.method](target.path, JSON.stringify(value));
        expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
        if (r.status >= 400) expect(r.body.error.code).toMatch(/^E_/);
      }),
      { numRuns: 60 },
    );
  });

  it('near-valid case filings (fields of the wrong type) get a 400/422 listing problems', async () => {
    const hash = await uploadPdf(await t.as('cit-1'), '%PDF near valid');
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          procedure: fc.oneof(fc.constant('T.000001'), fc.string(), fc.integer()),
          unit: fc.oneof(fc.constant('commune-a1'), fc.string(), fc.constant(null)),
          data: fc.oneof(fc.constant({ applicant: { nationalId: '001090000001' }, child: { name: 'A', ageDays: 'x' } }), fc.object(), fc.array(fc.integer())),
          uploads: fc.oneof(fc.constant({ 'birth-certificate': hash }), fc.constant({ nope: hash }), fc.dictionary(fc.string(), fc.string())),
        }, { requiredKeys: [] }),
        async (body) => {
          const r = await (await t.as('cit-1')).post('/api/cases', body);
          expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
          if (r.status >= 400) expect(r.body.error.code).toMatch(/^E_/);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('malformed JSON, wrong media type and oversized bodies are 4xx', async () => {
    const cit = await t.as('cit-1');
    for (const body of ['{', '{"procedure":', 'nul', '\u0000', '{"a":1}}']) {
      const r = await cit.post('/api/cases', body);
      expect(r.status, body).toBe(400);
      expect(r.body.error.code).toMatch(/^E_/);
    }
    const xml = await cit.raw('/api/cases', { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: '<case/>' });
    expect(xml.status).toBe(400);
    const huge = await cit.post('/api/cases', JSON.stringify({ procedure: 'T.000001', unit: 'x', data: { big: 'x'.repeat(2_000_000) } }));
    expect(huge.status).toBe(413);
    // The cap is 64 KiB (json-body.ts): a body just under it is read (and refused for its
    // content), one just over is refused before it is read.
    const sized = (n: number) => JSON.stringify({ procedure: 'T.000001', unit: 'x', data: { big: 'x'.repeat(n) } });
    const pad = 64 * 1024 - sized(0).length;
    const under = await cit.post('/api/cases', sized(pad));
    expect(under.status).not.toBe(413);
    expect(under.status).toBeLessThan(500);
    const over = await cit.post('/api/cases', sized(pad + 1));
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe('E_TOO_LARGE');
  });

  it('a body of thousands of unknown keys lists at most 100 problems', async () => {
    const cit = await t.as('cit-1');
    const keys = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`k${i}`, i]));
    const r = await cit.post('/api/auth/dev-login', JSON.stringify({ user: 'cit-1', ...keys }));
    expect(r.status).toBe(400);
    expect((r.body.error.details as unknown[]).length).toBe(100);
  });

  it('unknown routes and methods are 404/405 with a code', async () => {
    const c = await t.as('cit-1');
    expect((await c.get('/api/nope')).body.error.code).toBe('E_NOT_FOUND');
    const r = await c.raw('/api/worklist', { method: 'DELETE' });
    expect([404, 405]).toContain(r.status);
  });

  it('bad query parameters are 400', async () => {
    const c = await t.as('cso-a1');
    expect((await c.get('/api/worklist?limit=abc')).status).toBe(400);
    expect((await c.get('/api/worklist?after=garbage')).body.error.code).toBe('E_BAD_CURSOR');
    expect((await c.get('/api/worklist?overdue=maybe')).status).toBe(400);
  });

  // PostgreSQL refuses a value longer than its varchar column with an error; the id in the path
  // must be refused before it reaches one (the fuzz test found PUT /api/admin/units/<5,000 x>).
  it('an over-long id in the path is a 400 naming it, and stores nothing', async () => {
    const admin = await t.as('admin');
    const unit = { name: 'Xã dài', level: 'commune', parent: 'province-a' };
    const longUnit = await admin.put(`/api/admin/units/${'u'.repeat(65)}`, unit);
    expect(longUnit.status, JSON.stringify(longUnit.body)).toBe(400);
    expect(longUnit.body.error).toMatchObject({ code: 'E_BAD_PATH', path: 'id' });
    expect((await admin.put(`/api/admin/units/${'u'.repeat(64)}`, unit)).status).toBe(200);
    const units = (await admin.get('/api/admin/units')).body.items as { id: string }[];
    expect(units.map((u) => u.id)).not.toContain('u'.repeat(65));
    const longUser = await admin.put(`/api/admin/users/${'p'.repeat(129)}`, { name: 'A', kind: 'staff', roles: [] });
    expect(longUser.body.error).toMatchObject({ code: 'E_BAD_PATH', path: 'id' });
    const longCase = await (await t.as('cso-a1')).post(`/api/cases/${'c'.repeat(5000)}/actions`, { action: 'accept' });
    expect(longCase.status).toBe(400);
  });
});
