/**
 * The principal of a token is kept for a moment (auth/principal-cache.ts): a role revoked or
 * a unit changed through this server takes effect on the next request, a change another
 * process wrote within the cache's TTL, and an expired or evicted entry is read again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINCIPAL_TTL_MS, principalsChanged } from '../src/auth';
import { PrincipalCache } from '../src/auth/principal-cache';
import type { Principal } from '../src/auth';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

const someone = (id: string): Principal => ({ id, name: id, kind: 'officer', nationalId: undefined, roles: [{ role: 'r', unit: 'u', level: 'commune' }] });

describe('PrincipalCache', () => {
  it('answers within the TTL and the token expiry, then forgets', () => {
    const c = new PrincipalCache(1000, 10);
    const p = someone('a');
    c.set('t', p, 0, 10_000, PrincipalCache.revision());
    expect(c.get('t', 999)).toBe(p);
    expect(c.get('t', 1000)).toBeUndefined();
    c.set('t2', p, 0, 500, PrincipalCache.revision());
    expect(c.get('t2', 499)).toBe(p);
    expect(c.get('t2', 500)).toBeUndefined();
  });

  it('forgets everything when principals change, and keeps nothing read across a change', () => {
    const c = new PrincipalCache(1000, 10);
    c.set('t', someone('a'), 0, 10_000, PrincipalCache.revision());
    principalsChanged();
    expect(c.get('t', 1)).toBeUndefined();
    const before = PrincipalCache.revision();
    principalsChanged(); // a write that ran while the principal was being read
    c.set('t', someone('a'), 0, 10_000, before);
    expect(c.get('t', 1)).toBeUndefined();
  });

  it('evicts the least recently used token when full', () => {
    const c = new PrincipalCache(1000, 2);
    const r = PrincipalCache.revision();
    c.set('a', someone('a'), 0, 10_000, r);
    c.set('b', someone('b'), 0, 10_000, r);
    expect(c.get('a', 1)?.id).toBe('a'); // b is now the least recently used
    c.set('c', someone('c'), 0, 10_000, r);
    expect(c.get('b', 1)).toBeUndefined();
    expect(c.get('a', 1)?.id).toBe('a');
    expect(c.get('c', 1)?.id).toBe('c');
  });
});

forEachDatabase('principal cache', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(await db().open(), db().dataDir);
  });
  afterAll(() => t?.close());

  it('a role revoked by an administrator is refused on the very next request', async () => {
    const cit = await t.as('cit-1');
    const filed = await cit.post('/api/cases', filing(await uploadPdf(cit)));
    expect(filed.status).toBe(201);
    const cso = await t.as('cso-a1');
    expect((await cso.get(`/api/cases/${filed.body.id as string}`)).status).toBe(200); // cached now
    const admin = await t.as('admin');
    expect((await admin.put('/api/admin/users/cso-a1', { name: 'Hộ tịch A1', kind: 'officer', roles: [] })).status).toBe(200);
    expect((await cso.post(`/api/cases/${filed.body.id as string}/actions`, { step: 'verify', action: 'approve', version: 1 })).status).toBe(404);
    // Granted again: acts at once.
    expect((await admin.put('/api/admin/users/cso-a1', { name: 'Hộ tịch A1', kind: 'officer', roles: [{ role: 'civil-status-officer', unit: 'commune-a1' }] })).status).toBe(200);
    expect((await cso.post(`/api/cases/${filed.body.id as string}/actions`, { step: 'verify', action: 'approve', version: 1 })).status).toBe(200);
  });

  it('an account deactivated by another process is refused once the TTL has passed', async () => {
    const author = await t.as('author-b');
    expect((await author.get('/api/my/cases')).status).toBe(200);
    // Another process (the CLI, a second server) writes the database: this one is not told.
    await t.server.services.db.knex('users').where({ id: 'author-b' }).update({ active: false });
    await new Promise((r) => setTimeout(r, PRINCIPAL_TTL_MS + 50));
    expect((await author.get('/api/my/cases')).status).toBe(401);
  });
});
