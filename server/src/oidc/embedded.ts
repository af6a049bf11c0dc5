/**
 * The embedded OpenID Connect provider: demo mode's stand-in for VNeID, built on the
 * `oidc-provider` library (certified OpenID Connect provider) and mounted at `/oidc` on the
 * server's own port, so that demo and production sign in through one code path (the relying
 * party in relying-party.ts does not know which provider it talks to).
 *
 * Its accounts are the database's active users with a national ID; the "login" page lets the
 * demo user pick one (there is no password: this is a simulator, refused outside demo mode).
 * Consent is implied: the only client is motcua itself. State (sessions, codes) lives in the
 * library's memory adapter: one process, lost on restart, which is what a demo needs.
 *
 * The issuer is the origin the browser reached (or MOTCUA_PUBLIC_URL), plus `/oidc`; a provider
 * is made per origin on first use (at most a few: localhost and 127.0.0.1 are two).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { Knex } from 'knex';
import type { Middleware } from 'koa';
import Provider, { type Configuration } from 'oidc-provider';
import { MotcuaError } from 'motcua/engine';
import { CALLBACK_PATH, EMBEDDED_CLIENT_ID, EMBEDDED_PATH } from './paths';

/** The scopes the embedded provider knows and the claims each releases. */
const CLAIMS = { openid: ['sub'], profile: ['name'], national_id: ['national_id'] } as const;
const SCOPE = Object.keys(CLAIMS).join(' ');

/** How many origins may each get a provider (the Host header is the caller's to choose). */
const MAX_ORIGINS = 4;

export interface EmbeddedProvider {
  /** The client secret the relying party uses with it (random per process). */
  clientSecret: string;
  /** The issuer for `origin` (creating its provider on first use). */
  issuerFor: (origin: string) => Promise<string>;
  /** Koa middleware serving `/oidc/*` (the provider and its login page). */
  middleware: Middleware;
}

interface AccountRow {
  national_id: string;
  name: string;
  kind: string;
}

/** The embedded provider over the users of `knex`. */
export function createEmbeddedProvider(o: { knex: Knex; publicUrl: string | undefined }): EmbeddedProvider {
  const clientSecret = randomBytes(32).toString('base64url');
  const providers = new Map<string, Promise<Provider>>();

  const account = (nationalId: string): Promise<AccountRow | undefined> =>
    o.knex('users').where({ national_id: nationalId, active: true }).orderBy('id').first<AccountRow | undefined>('national_id', 'name', 'kind');

  const make = async (origin: string): Promise<Provider> => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
    const configuration: Configuration = {
      clients: [
        {
          client_id: EMBEDDED_CLIENT_ID,
          client_secret: clientSecret,
          redirect_uris: [`${origin}${CALLBACK_PATH}`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [jwk] },
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      scopes: Object.keys(CLAIMS),
      claims: Object.fromEntries(Object.entries(CLAIMS).map(([k, v]) => [k, [...v]])),
      // The ID token carries the national ID and name (a VNeID-like provider's ID token does).
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `${EMBEDDED_PATH}/interaction/${interaction.uid}` },
      async findAccount(_ctx, sub) {
        const row = await account(sub);
        if (!row) return undefined;
        return { accountId: sub, claims: () => ({ sub, national_id: row.national_id, name: row.name }) };
      },
      // motcua is the only client: consent is implied, a grant of the known scopes is made once.
      async loadExistingGrant(ctx) {
        const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope(SCOPE);
        await grant.save();
        return grant;
      },
      renderError(ctx, out) {
        ctx.type = 'html';
        ctx.body = page('Lỗi đăng nhập (sign-in error)', `<p>${escape(String(out.error))}: ${escape(String(out.error_description ?? ''))}</p>`);
      },
    };
    const provider = new Provider(`${origin}${EMBEDDED_PATH}`, configuration);
    provider.proxy = true;
    return provider;
  };

  const providerFor = (origin: string): Promise<Provider> => {
    let p = providers.get(origin);
    if (!p) {
      if (providers.size >= MAX_ORIGINS) {
        throw new MotcuaError('E_OIDC_ORIGIN', `The embedded provider serves at most ${MAX_ORIGINS} origins`, { status: 400, hint: 'Set MOTCUA_PUBLIC_URL to the one origin the service is reached at.' });
      }
      p = make(origin);
      providers.set(origin, p);
    }
    return p;
  };
  const originOf = (ctxOrigin: string): string => (o.publicUrl ? new URL(o.publicUrl).origin : ctxOrigin);

  const middleware: Middleware = async (ctx, next) => {
    if (ctx.path !== EMBEDDED_PATH && !ctx.path.startsWith(`${EMBEDDED_PATH}/`)) {
      await next();
      return;
    }
    const provider = await providerFor(originOf(`${ctx.protocol}://${ctx.host}`));
    const interaction = /^\/oidc\/interaction\/([A-Za-z0-9_-]{1,64})(\/login|\/abort)?$/.exec(ctx.path);
    ctx.respond = false;
    const req = ctx.req as IncomingMessage & { originalUrl?: string };
    const res = ctx.res;
    if (interaction) {
      await interact(provider, req, res, interaction[2], account, o.knex);
      return;
    }
    // Mounted like a connect app: the provider sees its own paths and finds its mount in originalUrl.
    req.originalUrl = req.url;
    req.url = (req.url ?? '').slice(EMBEDDED_PATH.length) || '/';
    await provider.callback()(req, res);
  };

  return {
    clientSecret,
    issuerFor: async (origin) => (await providerFor(originOf(origin))).issuer,
    middleware,
  };
}

/** The login page (GET), the chosen account (POST …/login) or the user's refusal (POST …/abort). */
async function interact(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  step: string | undefined,
  account: (nationalId: string) => Promise<AccountRow | undefined>,
  knex: Knex,
): Promise<void> {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    return send(res, 400, page('Phiên đăng nhập đã hết hạn (sign-in expired)', '<p>Hãy bắt đầu đăng nhập lại. / Start the sign-in again.</p>'));
  }
  if (step === '/abort' && req.method === 'POST') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled the sign-in' }, { mergeWithLastSubmission: false });
  }
  if (step === '/login' && req.method === 'POST') {
    const form = new URLSearchParams(await readForm(req));
    const nationalId = form.get('national_id') ?? '';
    const found = /^[0-9]{12}$/.test(nationalId) ? await account(nationalId) : undefined;
    if (found) return provider.interactionFinished(req, res, { login: { accountId: found.national_id } }, { mergeWithLastSubmission: false });
    return send(res, 400, await loginPage(details.uid, knex, 'Không có tài khoản với số định danh này (no account with this national ID).'));
  }
  if (req.method !== 'GET') return send(res, 405, page('Method not allowed', ''));
  // Only login is ever asked for: consent is implied by loadExistingGrant.
  return send(res, 200, await loginPage(details.uid, knex));
}

async function loginPage(uid: string, knex: Knex, error?: string): Promise<string> {
  const users = await knex('users').whereNotNull('national_id').andWhere({ active: true }).orderBy(['kind', 'id']).limit(200).select<AccountRow[]>('national_id', 'name', 'kind');
  const options = users.map((u) => `<option value="${escape(u.national_id)}">${escape(u.national_id)} — ${escape(u.name)} (${escape(u.kind)})</option>`).join('');
  return page(
    'VNeID (mô phỏng) — Đăng nhập / Sign in',
    `<p class="note">Nhà cung cấp định danh mô phỏng, chỉ dùng trong chế độ demo. / A simulated identity provider, demo mode only.</p>
${error ? `<p role="alert" class="error">${escape(error)}</p>` : ''}
<form method="post" action="${EMBEDDED_PATH}/interaction/${escape(uid)}/login">
  <label for="national_id">Số định danh cá nhân (national ID)</label>
  <select id="national_id" name="national_id" required>${options}</select>
  <button type="submit">Đăng nhập (sign in)</button>
</form>
<form method="post" action="${EMBEDDED_PATH}/interaction/${escape(uid)}/abort"><button type="submit" class="secondary">Hủy (cancel)</button></form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}h1{color:#b71c1c;font-size:1.4rem}select,button{display:block;width:100%;margin:.5rem 0;padding:.6rem;font-size:1rem}button{background:#b71c1c;color:#fff;border:0;border-radius:4px}button.secondary{background:#eee;color:#333}.note{color:#555}.error{color:#b71c1c}</style>
</head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(html);
}

/** The login form's body, bounded (it holds one field). */
async function readForm(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 4096) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
