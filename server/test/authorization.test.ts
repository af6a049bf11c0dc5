/**
 * The authorization matrix: every kind of caller against every endpoint, on one case filed
 * at commune-a1 and waiting in `verify` (civil-status-officer, commune level).
 */
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

type Who = 'anonymous' | 'cit-1' | 'cit-2' | 'cso-a1' | 'chair-a1' | 'cso-a2' | 'cso-prov' | 'author' | 'admin';
const WHO: Who[] = ['anonymous', 'cit-1', 'cit-2', 'cso-a1', 'chair-a1', 'cso-a2', 'cso-prov', 'author', 'admin'];

/** Expected status per caller; the case belongs to cit-1 and sits at commune-a1 in `verify`. */
const MATRIX: { endpoint: string; expect: Record<Who, number> }[] = [
  {
    endpoint: 'GET /api/cases/:id',
    expect: { anonymous: 401, 'cit-1': 200, 'cit-2': 404, 'cso-a1': 200, 'chair-a1': 200, 'cso-a2': 404, 'cso-prov': 404, author: 404, admin: 404 },
  },
  {
    endpoint: 'POST /api/cases/:id/actions verify.approve',
    expect: { anonymous: 401, 'cit-1': 403, 'cit-2': 404, 'cso-a1': 200, 'chair-a1': 403, 'cso-a2': 404, 'cso-prov': 404, author: 404, admin: 404 },
  },
  {
    endpoint: 'GET /api/worklist',
    expect: { anonymous: 401, 'cit-1': 403, 'cit-2': 403, 'cso-a1': 200, 'chair-a1': 200, 'cso-a2': 200, 'cso-prov': 200, author: 403, admin: 403 },
  },
  {
    // Officers file at the counter of a unit where they hold a role (the filing names commune-a1).
    endpoint: 'POST /api/cases',
    expect: { anonymous: 401, 'cit-1': 201, 'cit-2': 201, 'cso-a1': 201, 'chair-a1': 201, 'cso-a2': 403, 'cso-prov': 403, author: 403, admin: 403 },
  },
  {
    endpoint: 'GET /api/my/cases',
    expect: { anonymous: 401, 'cit-1': 200, 'cit-2': 200, 'cso-a1': 200, 'chair-a1': 200, 'cso-a2': 200, 'cso-prov': 200, author: 200, admin: 200 },
  },
  {
    endpoint: 'GET /api/admin/units',
    expect: { anonymous: 401, 'cit-1': 403, 'cit-2': 403, 'cso-a1': 403, 'chair-a1': 403, 'cso-a2': 403, 'cso-prov': 403, author: 403, admin: 200 },
  },
  {
    endpoint: 'PUT /api/admin/users/:id',
    expect: { anonymous: 401, 'cit-1': 403, 'cit-2': 403, 'cso-a1': 403, 'chair-a1': 403, 'cso-a2': 403, 'cso-prov': 403, author: 403, admin: 200 },
  },
  {
    endpoint: 'POST /api/procedures',
    expect: { anonymous: 401, 'cit-1': 403, 'cit-2': 403, 'cso-a1': 403, 'chair-a1': 403, 'cso-a2': 403, 'cso-prov': 403, author: 201, admin: 403 },
  },
];

forEachDatabase('authorization matrix', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(await db().open(), db().dataDir);
  });
  afterAll(() => t?.close());

  let shared: string | undefined;

  async function freshCase(): Promise<string> {
    const cit = await t.as('cit-1');
    const r = await cit.post('/api/cases', filing(await uploadPdf(cit)));
    expect(r.status).toBe(201);
    return r.body.id as string;
  }

  async function call(endpoint: string, who: Who, caseId: string, n: number) {
    const c = await t.as(who === 'anonymous' ? undefined : who);
    switch (endpoint) {
      case 'GET /api/cases/:id':
        return c.get(`/api/cases/${caseId}`);
      case 'POST /api/cases/:id/actions verify.approve':
        return c.post(`/api/cases/${caseId}/actions`, { step: 'verify', action: 'approve', version: 1 });
      case 'GET /api/worklist':
        return c.get('/api/worklist');
      case 'POST /api/cases': {
        const upload = who.startsWith('cit') || who.endsWith('-a1') ? await uploadPdf(c, `%PDF ${who} ${n}`) : 'a'.repeat(64);
        return c.post('/api/cases', filing(upload, {}, who.startsWith('cit') ? who : 'cit-1'));
      }
      case 'GET /api/my/cases':
        return c.get('/api/my/cases');
      case 'GET /api/admin/units':
        return c.get('/api/admin/units');
      case 'PUT /api/admin/users/:id':
        return c.put(`/api/admin/users/new-${n}`, { name: 'Người mới', kind: 'officer', roles: [{ role: 'civil-status-officer', unit: 'commune-a2' }] });
      case 'POST /api/procedures':
        return c.post('/api/procedures', {
          code: `A.${n}`, version: '1.0.0', name: { vi: 'Thủ tục tác giả' }, sector: 's', level: 'commune', calendar: 'always',
          deadline: { value: 1, unit: 'calendar-day' },
          steps: [{ id: 'x', kind: 'task', role: 'commune-chair', actions: { ok: { to: 'done' } } }],
          outcomes: { done: { status: 'done' } },
        });
      default:
        throw new Error(endpoint);
    }
  }

  for (const row of MATRIX) {
    describe(row.endpoint, () => {
      for (const who of WHO) {
        it(`${who} -> ${row.expect[who]}`, async () => {
          // Only the action changes the case; every other endpoint reads one shared case.
          const caseId = row.endpoint.includes('actions') ? await freshCase() : (shared ??= await freshCase());
          const r = await call(row.endpoint, who, caseId, Math.floor(Math.random() * 1e9));
          expect(r.status, JSON.stringify(r.body)).toBe(row.expect[who]);
          if (r.status >= 400) expect(r.body.error.code).toMatch(/^E_[A-Z_]+$/);
        });
      }
    });
  }

  it('401s say the same thing whatever is wrong with the token (no leak)', async () => {
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'EdDSA' }).setIssuer('motcua').setAudience('motcua-api').setSubject('admin').setExpirationTime('1h').sign(other.privateKey);
    const unknownUser = await t.server.services.auth.issue('nobody-such');
    const bodies = [];
    for (const token of [forged, unknownUser, 'not.a.jwt', '']) {
      const r = await fetch(`${t.url}/api/auth/me`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer');
      bodies.push(await r.json());
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it('a 403 names no role, unit or case detail', async () => {
    const caseId = await freshCase();
    const r = await (await t.as('chair-a1')).post(`/api/cases/${caseId}/actions`, { step: 'verify', action: 'approve', version: 1 });
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toMatch(/civil-status|commune-a1|verify/);
  });

  it('a province-level task goes to the parent province unit, not the commune', async () => {
    const cit = await t.as('cit-1');
    const filed = await cit.post('/api/cases', { procedure: 'T.000002', unit: 'commune-a1', data: { applicant: { nationalId: '001090000001' }, child: { name: 'Z', ageDays: 1 } } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const ids = async (who: string) => ((await (await t.as(who)).get('/api/worklist?procedure=T.000002')).body.items as { caseId: string }[]).map((i) => i.caseId);
    expect(await ids('cso-prov')).toContain(filed.body.id);
    expect(await ids('cso-a1')).not.toContain(filed.body.id);
    expect((await (await t.as('cso-a1')).post(`/api/cases/${filed.body.id}/actions`, { step: 'review', action: 'approve', version: 1 })).status).toBe(403);
    const done = await (await t.as('cso-prov')).post(`/api/cases/${filed.body.id}/actions`, { step: 'review', action: 'approve', version: 1 });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('done');
    // The province officer keeps sight of the case they decided (their unit acted on it)...
    expect((await (await t.as('cso-prov')).get(`/api/cases/${filed.body.id as string}`)).status).toBe(200);
    // ...but an officer of another commune, with the same role, never saw it and still does not.
    expect((await (await t.as('cso-a2')).get(`/api/cases/${filed.body.id as string}`)).status).toBe(404);
  });

  it('a province officer does not see a commune case its unit never had a task in', async () => {
    const caseId = await freshCase();
    const r = await (await t.as('cso-prov')).get(`/api/cases/${caseId}`);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('E_CASE_NOT_FOUND');
  });
});
