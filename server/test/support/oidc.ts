/**
 * What the OIDC tests need: a browser-like client (a cookie jar, redirects followed one by
 * one) and a stand-in external provider on 127.0.0.1 whose token endpoint answers with the
 * ID token a test chooses (well signed, forged, another nonce...), checking PKCE as a real
 * provider does.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

/** A fetch that keeps cookies (by name, whatever their path) and never follows redirects itself. */
export class Browser {
  readonly cookies = new Map<string, string>();

  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Follows redirects from `url` until one leaves `origin` or lands on `stop`; the last response and its URL. */
  async follow(url: string, stop: (url: URL) => boolean): Promise<{ res: Response; url: URL }> {
    let at = new URL(url);
    for (let i = 0; i < 20; i++) {
      const res = await this.go(at.href);
      const location = res.headers.get('location');
      if (!location || res.status < 300 || res.status >= 400) return { res, url: at };
      at = new URL(location, at);
      if (stop(at)) return { res, url: at };
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

/** What the stand-in provider puts in the next ID token, and how. */
export interface TokenPlan {
  claims: Record<string, unknown>;
  /** `signed`: by the published key; `forged`: by another key under the same kid. */
  signature?: 'signed' | 'forged';
  nonce?: string;
  audience?: string;
}

export interface FakeProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The PKCE challenge and nonce of the last authorization request the test saw (set by the test). */
  expect: (code: string, challenge: string, plan: TokenPlan) => void;
  /** Token requests received, with whether PKCE matched. */
  tokenRequests: { code: string; pkce: boolean }[];
  close: () => Promise<void>;
}

export async function startFakeProvider(): Promise<FakeProvider> {
  const good = await generateKeyPair('RS256', { extractable: true });
  const evil = await generateKeyPair('RS256', { extractable: true });
  const kid = 'k1';
  const jwk = { ...(await exportJWK(good.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const plans = new Map<string, { challenge: string; plan: TokenPlan }>();
  const tokenRequests: { code: string; pkce: boolean }[] = [];
  const clientId = 'motcua-test';
  const clientSecret = 'test-secret-0123456789';
  let issuer = '';

  const sign = (key: CryptoKey, payload: Record<string, unknown>, audience: string) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime('5m').sign(key);

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        void (async () => {
          const form = new URLSearchParams(body);
          const [scheme, credentials = ''] = (req.headers.authorization ?? '').split(' ');
          const [id, secret] = Buffer.from(credentials, 'base64').toString().split(':').map((x) => decodeURIComponent(x.replace(/\+/g, ' ')));
          if (scheme?.toLowerCase() !== 'basic' || id !== clientId || secret !== clientSecret) return json(401, { error: 'invalid_client' });
          const code = form.get('code') ?? '';
          const entry = plans.get(code);
          plans.delete(code);
          const verifier = form.get('code_verifier') ?? '';
          const pkce = entry !== undefined && createHash('sha256').update(verifier).digest('base64url') === entry.challenge;
          tokenRequests.push({ code, pkce });
          if (!entry || !pkce) return json(400, { error: 'invalid_grant', error_description: 'unknown code or PKCE mismatch' });
          const { plan } = entry;
          const payload = { sub: typeof plan.claims.national_id === 'string' ? plan.claims.national_id : 'someone', ...plan.claims, ...(plan.nonce === undefined ? {} : { nonce: plan.nonce }) };
          const idToken = await sign(plan.signature === 'forged' ? evil.privateKey : good.privateKey, payload, plan.audience ?? clientId);
          json(200, { access_token: 'at-' + code, token_type: 'Bearer', expires_in: 300, id_token: idToken });
        })();
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    expect: (code, challenge, plan) => plans.set(code, { challenge, plan }),
    tokenRequests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
