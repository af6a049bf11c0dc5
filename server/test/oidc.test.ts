/**
 * Sign-in with OpenID Connect (authorization code + PKCE), on SQLite and PostgreSQL:
 * - the round trip against the embedded provider (demo mode's VNeID stand-in at /oidc);
 * - against an external provider (a stand-in on 127.0.0.1): a new person provisioned as a
 *   citizen, an officer linked by national ID, and every forgery refused with its own 4xx
 *   (state altered, missing or replayed; another nonce; a forged signature; another audience;
 *   the provider's refusal; no national ID) with nothing created.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertUser } from '../src/auth';
import type { Database } from '../src/db';
import { forEachDatabase, type DatabaseCase } from './databases';
import { startTestServer, type TestServer } from './harness';
import { Browser, startFakeProvider, type FakeProvider, type TokenPlan } from './support/oidc';

/** Redeems the one-time code the callback hands the web app; the session's /api/auth/me. */
async function redeem(t: TestServer, location: string): Promise<{ id: string; kind: string; nationalId?: string }> {
  const code = /^\/#\/signin\/([A-Za-z0-9_-]{43})$/.exec(location)?.[1];
  expect(code, `callback redirect ${location}`).toBeDefined();
  const anon = await t.as();
  const signedIn = await anon.post('/api/auth/sign-in-link', { code });
  expect(signedIn.status).toBe(200);
  const me = await fetch(`${t.url}/api/auth/me`, { headers: { Authorization: `Bearer ${signedIn.body.token}` } });
  expect(me.status).toBe(200);
  return (await me.json()) as { id: string; kind: string; nationalId?: string };
}

async function counts(d: Database): Promise<{ users: number; links: number }> {
  const users = Number((await d.knex('users').count<{ n: number }[]>({ n: '*' }))[0]!.n);
  const links = Number((await d.knex('sign_in_links').count<{ n: number }[]>({ n: '*' }))[0]!.n);
  return { users, links };
}

forEachDatabase('OIDC sign-in', (db) => {
  it('round trip through the embedded provider: discovery, PKCE, login page, callback, session', async () => {
    const d = await db().open();
    const t = await startTestServer(d, db().dataDir, { demo: true });
    try {
      const providers = await (await t.as()).get('/api/auth/providers');
      expect(providers.body).toEqual({ demo: true, oidc: { kind: 'embedded', startUrl: '/api/auth/oidc/start' } });
      const discovery = await (await fetch(`${t.url}/oidc/.well-known/openid-configuration`)).json();
      expect(discovery).toMatchObject({ issuer: `${t.url}/oidc`, code_challenge_methods_supported: ['S256'] });

      const browser = new Browser();
      const start = await browser.go(`${t.url}/api/auth/oidc/start`);
      expect(start.status).toBe(302);
      const authorize = new URL(start.headers.get('location')!);
      expect(authorize.origin + authorize.pathname).toBe(`${t.url}/oidc/auth`);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(browser.cookies.get('motcua_oidc_state')).toBe(authorize.searchParams.get('state'));

      // The provider asks who signs in: its login page lists the accounts by national ID.
      const atLogin = await browser.follow(authorize.href, (u) => u.pathname.includes('/interaction/'));
      const page = await browser.go(atLogin.url.href);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('001090000001');
      const action = /action="([^"]+\/login)"/.exec(html)![1]!;
      const posted = await browser.go(new URL(action, t.url).href, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'national_id=001090000001' });
      expect(posted.status).toBe(303);
      const back = await browser.follow(new URL(posted.headers.get('location')!, t.url).href, (u) => u.pathname === '/api/auth/oidc/callback');
      expect(back.url.searchParams.get('code')).toBeTruthy();
      const done = await browser.go(back.url.href);
      expect(done.status).toBe(303);
      expect(await redeem(t, done.headers.get('location')!)).toMatchObject({ id: 'cit-1', kind: 'citizen', nationalId: '001090000001' });

      // The same callback again: the state is spent.
      const again = await browser.go(back.url.href, { headers: { Cookie: `motcua_oidc_state=${authorize.searchParams.get('state')}` } });
      expect(again.status).toBe(400);
      expect((await again.json()).error.code).toBe('E_OIDC_STATE');
      const audit = await d.knex('audit_log').where({ action: 'auth.oidc.sign-in' }).select<{ subject: string }[]>('subject');
      expect(audit.map((a) => a.subject)).toEqual(['cit-1']);
    } finally {
      await t.close();
    }
  });

  it('a cancelled sign-in at the embedded provider is refused with E_OIDC_DENIED', async () => {
    const d = await db().open();
    const t = await startTestServer(d, db().dataDir, { demo: true });
    try {
      const browser = new Browser();
      const start = await browser.go(`${t.url}/api/auth/oidc/start`);
      const atLogin = await browser.follow(start.headers.get('location')!, (u) => u.pathname.includes('/interaction/'));
      const html = await (await browser.go(atLogin.url.href)).text();
      const abort = /action="([^"]+\/abort)"/.exec(html)![1]!;
      const posted = await browser.go(new URL(abort, t.url).href, { method: 'POST' });
      const back = await browser.follow(new URL(posted.headers.get('location')!, t.url).href, (u) => u.pathname === '/api/auth/oidc/callback');
      const done = await browser.go(back.url.href);
      expect(done.status).toBe(403);
      expect((await done.json()).error.code).toBe('E_OIDC_DENIED');
    } finally {
      await t.close();
    }
  });

  it('production without a provider has no OIDC sign-in; the embedded provider is refused outside demo mode', async () => {
    const d = await db().open();
    const t = await startTestServer(d, db().dataDir, { demo: false });
    try {
      const anon = await t.as();
      expect((await anon.get('/api/auth/providers')).body).toEqual({ demo: false });
      expect((await anon.get('/api/auth/oidc/start')).status).toBe(404);
      expect((await anon.get('/oidc/.well-known/openid-configuration')).status).toBe(404);
    } finally {
      await t.close();
    }
    await expect(startTestServer(await db().open(), db().dataDir, { demo: false, config: { signIn: { kind: 'embedded', nationalIdClaim: 'national_id', nameClaim: 'name' } } })).rejects.toMatchObject({ code: 'E_CONFIG' });
  });

  describe_external(db);
});

/** The external provider's cases share one provider and one server per database. */
function describe_external(db: () => DatabaseCase): void {
  let op: FakeProvider;
  let t: TestServer;
  let d: Database;
  beforeAll(async () => {
    op = await startFakeProvider();
    d = await db().open();
    t = await startTestServer(d, db().dataDir, {
      demo: false,
      config: { signIn: { kind: 'external', issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, redirectUrl: undefined, scope: 'openid profile national_id', nationalIdClaim: 'national_id', nameClaim: 'name' } },
    });
    await upsertUser(d.knex, { id: 'cso-linked', name: 'Cán bộ có CCCD', kind: 'officer', nationalId: '001085000777', roles: [{ role: 'civil-status-officer', unit: 'commune-a1' }] });
  });
  afterAll(async () => {
    await t.close();
    await op.close();
  });

  /** Starts a sign-in and calls back as the provider would, with the ID token `plan(nonce)` describes. */
  const signIn = async (plan: (nonce: string) => TokenPlan, tamper: { state?: (s: string) => string; cookie?: (s: string) => string | undefined; query?: string } = {}) => {
    const browser = new Browser();
    const start = await browser.go(`${t.url}/api/auth/oidc/start`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(op.issuer);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${t.url}/api/auth/oidc/callback`);
    const state = authorize.searchParams.get('state')!;
    const code = `code-${Math.random().toString(36).slice(2)}`;
    op.expect(code, authorize.searchParams.get('code_challenge')!, plan(authorize.searchParams.get('nonce')!));
    const cookie = tamper.cookie ? tamper.cookie(state) : state;
    const query = tamper.query ?? `code=${code}&state=${encodeURIComponent(tamper.state ? tamper.state(state) : state)}`;
    const res = await fetch(`${t.url}/api/auth/oidc/callback?${query}`, { redirect: 'manual', headers: cookie ? { Cookie: `motcua_oidc_state=${cookie}` } : {} });
    const body = res.status >= 400 ? ((await res.json()) as { error: { code: string } }) : undefined;
    return { res, body, state, code, cookie };
  };
  const person = (nationalId: string, name: string) => (nonce: string): TokenPlan => ({ claims: { national_id: nationalId, name }, nonce });

  it('external provider: a new person becomes a citizen from the ID token; PKCE verified by the provider', async () => {
    const ok = await signIn(person('001090000099', 'Nguyễn Thị Mới'));
    expect(ok.res.status).toBe(303);
    expect(op.tokenRequests.at(-1)).toEqual({ code: ok.code, pkce: true });
    expect(await redeem(t, ok.res.headers.get('location')!)).toMatchObject({ id: 'cit-001090000099', kind: 'citizen', nationalId: '001090000099' });
    expect((await d.knex('users').where({ id: 'cit-001090000099' }).first<{ name: string; demo: boolean | number }>('name', 'demo'))).toMatchObject({ name: 'Nguyễn Thị Mới' });
    // Signing in again finds the same account.
    const twice = await signIn(person('001090000099', 'Nguyễn Thị Mới'));
    expect((await redeem(t, twice.res.headers.get('location')!)).id).toBe('cit-001090000099');
    // The replayed callback (same state, same code) is refused.
    const replay = await fetch(`${t.url}/api/auth/oidc/callback?code=${twice.code}&state=${twice.state}`, { redirect: 'manual', headers: { Cookie: `motcua_oidc_state=${twice.state}` } });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('E_OIDC_STATE');
  });

  it('external provider: an officer\'s account is linked by the national ID', async () => {
    const ok = await signIn(person('001085000777', 'Cán bộ có CCCD'));
    expect(await redeem(t, ok.res.headers.get('location')!)).toMatchObject({ id: 'cso-linked', kind: 'officer' });
  });

  it('external provider: forged state, nonce, signature or audience, or no national ID: a 4xx, nothing created', async () => {
    const before = await counts(d);
    const cases: [string, Awaited<ReturnType<typeof signIn>>, number, string][] = [
      ['state altered', await signIn(person('001090000201', 'A'), { state: (s) => s.slice(0, -2) + 'xx' }), 400, 'E_OIDC_STATE'],
      ['no state cookie', await signIn(person('001090000202', 'B'), { cookie: () => undefined }), 400, 'E_OIDC_STATE'],
      ['another browser\'s state', await signIn(person('001090000203', 'C'), { cookie: () => 'A'.repeat(43) }), 400, 'E_OIDC_STATE'],
      ['another nonce', await signIn((n) => ({ ...person('001090000204', 'D')(n), nonce: n.slice(0, -2) + 'xx' })), 401, 'E_OIDC_NONCE'],
      ['no nonce', await signIn((n) => ({ ...person('001090000205', 'E')(n), nonce: undefined })), 401, 'E_OIDC_NONCE'],
      ['forged signature', await signIn((n) => ({ ...person('001090000206', 'F')(n), signature: 'forged' })), 401, 'E_OIDC_TOKEN'],
      ['another audience', await signIn((n) => ({ ...person('001090000207', 'G')(n), audience: 'someone-else' })), 401, 'E_OIDC_TOKEN'],
      ['no national ID', await signIn((n) => ({ claims: { name: 'H' }, nonce: n })), 422, 'E_OIDC_CLAIMS'],
    ];
    for (const [name, got, status, code] of cases) {
      expect([name, got.res.status, got.body?.error.code]).toEqual([name, status, code]);
    }
    const after = await counts(d);
    expect(after).toEqual(before);
  });

  it('external provider: the provider\'s own refusal (error=access_denied) is E_OIDC_DENIED', async () => {
    const browser = new Browser();
    const start = await browser.go(`${t.url}/api/auth/oidc/start`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const res = await fetch(`${t.url}/api/auth/oidc/callback?error=access_denied&state=${state}`, { redirect: 'manual', headers: { Cookie: `motcua_oidc_state=${state}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('E_OIDC_DENIED');
  });
}
