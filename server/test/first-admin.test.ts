/**
 * The first administrator of a production database (`motcua admin create`): created with a
 * one-time sign-in link that gives a working admin token once, within its lifetime; audited.
 */
import { expect, it } from 'vitest';
import { createFirstAdmin } from '../src/auth';
import { verifyAudit } from '../src/audit';
import { forEachDatabase } from './databases';
import { START, startTestServer } from './harness';

forEachDatabase('first administrator', (db) => {
  it('a production server cannot be signed into until an administrator is created; the link works once', async () => {
    const d = await db().open();
    const t = await startTestServer(d, db().dataDir, { demo: false });
    try {
      const anon = await t.as();
      expect((await anon.post('/api/auth/dev-login', { user: 'admin' })).status).toBe(404);
      const admin = await createFirstAdmin(d, { nationalId: '079085001234', name: 'Trần Thị Bình' }, START);
      expect(admin).toMatchObject({ id: 'admin-079085001234', created: true });
      const first = await anon.post('/api/auth/sign-in-link', { code: admin.code });
      expect(first.status).toBe(200);
      expect(first.body.user).toMatchObject({ id: 'admin-079085001234', kind: 'admin', nationalId: '079085001234' });
      const me = await fetch(`${t.url}/api/admin/users/admin-079085001234`, { headers: { Authorization: `Bearer ${first.body.token}` } });
      expect(me.status).toBe(200);
      // Spent: a second use is refused, as is a code never issued.
      expect((await anon.post('/api/auth/sign-in-link', { code: admin.code })).status).toBe(401);
      expect((await anon.post('/api/auth/sign-in-link', { code: 'A'.repeat(43) })).status).toBe(401);
      expect((await anon.post('/api/auth/sign-in-link', { code: 'short' })).status).toBe(400);
      // Again for the same person: a new link, not a second user.
      const again = await createFirstAdmin(d, { nationalId: '079085001234', name: 'Trần Thị Bình' }, START);
      expect(again.created).toBe(false);
      expect(again.code).not.toBe(admin.code);
      const actions = (await d.knex('audit_log').orderBy('id').select<{ action: string }[]>('action')).map((r) => r.action);
      expect(actions).toEqual(['admin.create', 'auth.sign-in-link.create', 'auth.sign-in-link.redeem', 'auth.sign-in-link.create']);
      expect(await verifyAudit(d.knex)).toMatchObject({ ok: true });
    } finally {
      await t.close();
    }
  });

  it('the administrator hands other staff a one-time link; never to a citizen; audited', async () => {
    const d = await db().open();
    const t = await startTestServer(d, db().dataDir, { demo: false });
    try {
      const first = await createFirstAdmin(d, { nationalId: '079085001237', name: 'Phạm Thị Dung' }, t.clock.now);
      const anon = await t.as();
      const token = (await anon.post('/api/auth/sign-in-link', { code: first.code })).body.token as string;
      const asAdmin = (path: string, body: unknown) => fetch(`${t.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const put = await fetch(`${t.url}/api/admin/users/author-hoa`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Ngô Thị Hoa', kind: 'author' }) });
      expect(put.status).toBe(200);
      const issued = await asAdmin('/api/admin/users/author-hoa/sign-in-link', { ttlMinutes: 30 });
      expect(issued.status).toBe(201);
      const link = (await issued.json()) as { user: string; code: string; expiresAt: string };
      expect(link.user).toBe('author-hoa');
      expect(Date.parse(link.expiresAt) - t.clock.now).toBe(30 * 60_000);
      const signedIn = await anon.post('/api/auth/sign-in-link', { code: link.code });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user).toMatchObject({ id: 'author-hoa', kind: 'author' });
      expect((await anon.post('/api/auth/sign-in-link', { code: link.code })).status).toBe(401);
      // A citizen signs in with the e-ID: a link would let whoever holds it act as them.
      await d.knex('users').insert({ id: 'cit-lan', name: 'Vũ Thị Lan', kind: 'citizen', national_id: '001190000321', active: true, demo: false });
      const citizen = await asAdmin('/api/admin/users/cit-lan/sign-in-link', {});
      expect(citizen.status).toBe(422);
      expect(((await citizen.json()) as { error: { code: string } }).error.code).toBe('E_CITIZEN_SIGN_IN');
      expect((await asAdmin('/api/admin/users/nobody/sign-in-link', {})).status).toBe(404);
      const bad = await asAdmin('/api/admin/users/author-hoa/sign-in-link', { ttlMinutes: 100000 });
      expect(bad.status).toBe(400);
      const badBody = (await bad.json()) as { error: { code: string; details: { path: string }[] } };
      expect(badBody.error.code).toBe('E_BAD_BODY');
      expect(badBody.error.details[0]!.path).toMatch(/ttlMinutes/);
      // Only an administrator issues one.
      const author = await fetch(`${t.url}/api/admin/users/author-hoa/sign-in-link`, { method: 'POST', headers: { Authorization: `Bearer ${signedIn.body.token as string}`, 'Content-Type': 'application/json' }, body: '{}' });
      expect(author.status).toBe(403);
      const created = await d.knex('audit_log').where({ action: 'auth.sign-in-link.create', subject: 'author-hoa' }).first<{ actor: string }>('actor');
      expect(created.actor).toBe(first.id);
      expect(await d.knex('sign_in_links').where({ user_id: 'cit-lan' })).toEqual([]);
      expect(await verifyAudit(d.knex)).toMatchObject({ ok: true });
    } finally {
      await t.close();
    }
  });

  it('an expired link is refused; a bad national ID or someone else\'s id is refused with a code', async () => {
    const d = await db().open();
    const t = await startTestServer(d, db().dataDir, { demo: false });
    try {
      const old = await createFirstAdmin(d, { nationalId: '079085001235', name: 'Lê Văn Cường', ttlMs: 60_000 }, t.clock.now - 61_000);
      expect((await (await t.as()).post('/api/auth/sign-in-link', { code: old.code })).status).toBe(401);
      await expect(createFirstAdmin(d, { nationalId: '12345', name: 'X' })).rejects.toMatchObject({ code: 'E_BAD_ADMIN', path: 'national-id' });
      await expect(createFirstAdmin(d, { nationalId: '079085001236', name: 'Y', id: 'cit-1' })).rejects.toMatchObject({ code: 'E_USER_EXISTS' });
      expect((await d.knex('users').where({ id: 'cit-1' }).first<{ kind: string }>('kind')).kind).toBe('citizen');
    } finally {
      await t.close();
    }
  });
});
