/**
 * Production by default (issue 15, finding 5): a production server refuses a database that
 * kept demo users, or removes them (audited) when told to; tokens issued in demo mode are
 * refused after the switch; tokens without `exp` are refused; dev-login exists only in demo
 * mode and only for demo users.
 */
import { SignJWT } from 'jose';
import { expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../src/auth';
import { verifyAudit } from '../src/audit';
import { forEachDatabase } from './databases';
import { startTestServer } from './harness';

forEachDatabase('production mode', (db) => {
  it('refuses a database with demo users, removes them when told to, and refuses demo tokens after the switch', async () => {
    const d = await db().open();
    const demo = await startTestServer(d, db().dataDir, { demo: true });
    const login = await (await demo.as()).post('/api/auth/dev-login', { user: 'admin-1' });
    expect(login.status).toBe(200);
    const demoToken = login.body.token as string;
    // A real user's token, issued by the demo-mode server: also refused in production.
    const realUserDemoToken = await demo.server.services.auth.issue('cit-1');
    expect((await fetch(`${demo.url}/api/auth/me`, { headers: { Authorization: `Bearer ${realUserDemoToken}` } })).status).toBe(200);
    await demo.close();

    await expect(startTestServer(d, db().dataDir, { demo: false })).rejects.toMatchObject({
      code: 'E_DEMO_USERS',
      hint: expect.stringMatching(/--remove-demo-users/) as unknown,
    });

    const prod = await startTestServer(d, db().dataDir, { demo: false, config: { removeDemoUsers: true } });
    try {
      expect(prod.server.production?.removed).toEqual(expect.arrayContaining(['admin-1', 'author-1', 'citizen-1']));
      expect(Number((await d.knex('users').where('demo', true).count<{ n: number | string }[]>({ n: '*' }))[0]!.n)).toBe(0);
      const row = (await d.knex('audit_log').where({ action: 'demo.users-removed' }).first()) as { actor: string; payload: string };
      expect(row.actor).toBe('system');
      expect(JSON.parse(row.payload)).toMatchObject({ ids: expect.arrayContaining(['admin-1']) as unknown });
      expect(await verifyAudit(d.knex)).toMatchObject({ ok: true });
      for (const token of [demoToken, realUserDemoToken]) {
        expect((await fetch(`${prod.url}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
      }
      // The production server's own token for the same user works.
      expect((await (await prod.as('cit-1')).get('/api/auth/me')).status).toBe(200);
      expect((await (await prod.as()).post('/api/auth/dev-login', { user: 'admin-1' })).status).toBe(404);
    } finally {
      await prod.close();
    }
    // Once removed, a later production start is clean.
    const again = await startTestServer(d, db().dataDir, { demo: false });
    expect(again.server.production?.removed).toEqual([]);
    await again.close();
  });

  it('recognises demo users seeded before they were marked, by their demo ids', async () => {
    const d = await db().open();
    const demo = await startTestServer(d, db().dataDir, { demo: true });
    await demo.close();
    await d.knex('users').update({ demo: false });
    await expect(startTestServer(d, db().dataDir, { demo: false })).rejects.toMatchObject({ code: 'E_DEMO_USERS' });
  });

  it('refuses a token signed with the real key but without exp, in either mode', async () => {
    for (const mode of [true, false]) {
      const d = await db().open();
      const t = await startTestServer(d, db().dataDir, { demo: mode });
      try {
        const key = await loadOrCreateSigningKey(d);
        const sign = (exp: boolean) => {
          const jwt = new SignJWT({}).setProtectedHeader({ alg: 'EdDSA', kid: key.kid }).setIssuer('motcua').setAudience(mode ? 'motcua-api-demo' : 'motcua-api').setSubject('cit-1').setIssuedAt();
          return (exp ? jwt.setExpirationTime('5m') : jwt).sign(key.privateKey);
        };
        const me = async (token: string) => (await fetch(`${t.url}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status;
        // The same token with exp is accepted: the refusal is about exp, nothing else.
        expect(await me(await sign(true))).toBe(200);
        expect(await me(await sign(false))).toBe(401);
      } finally {
        await t.close();
      }
    }
  });
});
