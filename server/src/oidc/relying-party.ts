/**
 * Sign-in through an OpenID Connect provider, as a relying party built on `openid-client`
 * (certified OpenID Connect relying party): authorization code flow with PKCE (S256), a
 * fresh `state` and `nonce` per sign-in, the ID token's signature verified against the
 * provider's published keys (non-repudiation checks on), its issuer, audience, expiry and
 * nonce checked by the library. The provider is found by discovery at its issuer: the embedded
 * one in demo mode (embedded.ts), VNeID or any OIDC provider otherwise (config `signIn`).
 *
 * A successful callback ends in a one-time sign-in link (auth/sign-in-links.ts) that the web
 * app redeems for its session token, so that no token ever travels in a URL.
 */
import type { Knex } from 'knex';
import * as client from 'openid-client';
import { MotcuaError } from 'motcua/engine';
import { createSignInLink } from '../auth';
import type { SignInClaims, SignInConfig } from '../config';
import { linkAccount, personOf } from './accounts';
import type { EmbeddedProvider } from './embedded';
import { CALLBACK_PATH, EMBEDDED_CLIENT_ID } from './paths';
import { savePendingLogin, STATE_PATTERN, takePendingLogin } from './transactions';

/** How long the link handed to the web app after a sign-in stays valid (it is redeemed at once). */
const HANDOFF_TTL_MS = 60_000;

/** Where the request came in: its public origin, and the socket it reached (for the embedded provider). */
export interface RequestSite {
  origin: string;
  /** `http://<local address>:<port>` of the socket: the embedded provider is fetched there, never at the Host header's. */
  local: string;
}

export interface RelyingParty {
  /** Which provider, for the web app's sign-in page. */
  kind: 'embedded' | 'external';
  /** Starts a sign-in: the provider's authorization URL and the state to bind to the browser. */
  start: (site: RequestSite, now: number) => Promise<{ url: string; state: string }>;
  /**
   * Completes a sign-in from the callback URL and the state cookie: the one-time code the web
   * app redeems (`#/signin/<code>`). Every failure is a 4xx with its own code.
   */
  finish: (site: RequestSite, callbackUrl: URL, cookieState: string | undefined, now: number) => Promise<{ code: string; userId: string; provisioned: boolean }>;
}

/** The relying party for `config`, or undefined when sign-in through OIDC is off. */
export function createRelyingParty(o: { knex: Knex; config: SignInConfig; publicUrl: string | undefined; embedded: EmbeddedProvider | undefined }): RelyingParty | undefined {
  const { config } = o;
  if (config.kind === 'off') return undefined;
  const claims: SignInClaims = config;
  // Discovery once per issuer (the embedded provider has one issuer per origin).
  const configurations = new Map<string, Promise<client.Configuration>>();

  const discover = (site: RequestSite): Promise<{ configuration: client.Configuration; issuer: string }> => {
    if (config.kind === 'external') {
      const issuer = config.issuer;
      let c = configurations.get(issuer);
      if (!c) {
        // client_secret_basic: the default method of OpenID Connect Core (9), which every provider supports.
        c = client.discovery(new URL(issuer), config.clientId, config.clientSecret, config.clientSecret ? client.ClientSecretBasic(config.clientSecret) : client.None(), {
          // Plain http only to a provider on this machine (a test double, a local proxy): never over a network.
          execute: [client.enableNonRepudiationChecks, ...(isLoopbackHttp(issuer) ? [client.allowInsecureRequests] : [])],
        });
        forgetOnFailure(configurations, issuer, c);
      }
      return c.then((configuration) => ({ configuration, issuer }));
    }
    const embedded = o.embedded!;
    return embedded.issuerFor(site.origin).then((issuer) => {
      let c = configurations.get(issuer);
      if (!c) {
        // The provider is this process: its URLs are fetched on the local socket, whatever the Host header said.
        // It tells the provider which origin it serves by X-Forwarded-* (the app trusts its proxy headers).
        const base = new URL(issuer);
        const local: client.CustomFetch = (url, options) => {
          if (!url.startsWith(base.origin)) return fetch(url, options as RequestInit);
          const headers = new Headers(options.headers);
          headers.set('X-Forwarded-Host', base.host);
          headers.set('X-Forwarded-Proto', base.protocol.slice(0, -1));
          return fetch(site.local + url.slice(base.origin.length), { ...(options as RequestInit), headers });
        };
        c = client.discovery(new URL(issuer), EMBEDDED_CLIENT_ID, embedded.clientSecret, client.ClientSecretBasic(embedded.clientSecret), {
          [client.customFetch]: local,
          execute: [client.enableNonRepudiationChecks, client.allowInsecureRequests],
        });
        forgetOnFailure(configurations, issuer, c);
      }
      return c.then((configuration) => ({ configuration, issuer }));
    });
  };

  const redirectUri = (site: RequestSite): string =>
    (config.kind === 'external' && config.redirectUrl) || `${o.publicUrl ? new URL(o.publicUrl).origin : site.origin}${CALLBACK_PATH}`;

  return {
    kind: config.kind,
    async start(site, now) {
      const { configuration } = await discover(site).catch(unreachable);
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const redirect = redirectUri(site);
      await savePendingLogin(o.knex, { state, codeVerifier, nonce, redirectUri: redirect }, now);
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: redirect,
        scope: config.kind === 'external' ? config.scope : 'openid profile national_id',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state };
    },
    async finish(site, callbackUrl, cookieState, now) {
      const state = callbackUrl.searchParams.get('state') ?? '';
      // The state must be one this server issued, not yet spent, to the browser now calling back.
      if (!STATE_PATTERN.test(state) || state !== cookieState) throw badState('The sign-in did not start in this browser, or the state was altered');
      const pending = await takePendingLogin(o.knex, state, now);
      if (!pending) throw badState('No sign-in is waiting for this state (unknown, already used, or older than 10 minutes)');
      const { configuration, issuer } = await discover(site).catch(unreachable);
      // The token request must name the redirect URI the authorization request used.
      const current = new URL(pending.redirectUri);
      current.search = callbackUrl.search;
      let tokens;
      try {
        tokens = await client.authorizationCodeGrant(configuration, current, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
      } catch (err) {
        throw refusal(err);
      }
      const person = personOf((tokens.claims() ?? {}), claims);
      return o.knex.transaction(async (trx) => {
        const linked = await linkAccount(trx, person, { issuer, now });
        const link = await createSignInLink(trx, linked.userId, { now, ttlMs: HANDOFF_TTL_MS });
        return { code: link.code, ...linked };
      });
    },
  };
}

function isLoopbackHttp(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

function forgetOnFailure(cache: Map<string, Promise<client.Configuration>>, key: string, p: Promise<client.Configuration>): void {
  cache.set(key, p);
  // A provider down at one sign-in is asked again at the next.
  p.catch(() => cache.delete(key));
}

function badState(message: string): MotcuaError {
  return new MotcuaError('E_OIDC_STATE', message, { status: 400, path: 'state', hint: 'Start the sign-in again from the sign-in page (Đăng nhập bằng VNeID).' });
}

function unreachable(err: unknown): never {
  throw new MotcuaError('E_OIDC_PROVIDER', 'The identity provider could not be reached or its discovery document is invalid', {
    status: 502,
    expose: true,
    hint: 'Check MOTCUA_OIDC_ISSUER (discovery at <issuer>/.well-known/openid-configuration) and the network path to it.',
    cause: err,
  });
}

/** openid-client's refusals, each as a 4xx with its own code (the library's code kept in details). */
function refusal(err: unknown): MotcuaError {
  const e = err as { code?: unknown; message?: unknown; error?: unknown; error_description?: unknown; cause?: { message?: unknown; cause?: { claim?: unknown } } };
  const code = typeof e.code === 'string' ? e.code : undefined;
  // openid-client wraps oauth4webapi's error, which says which check failed.
  const message = typeof e.cause?.message === 'string' ? e.cause.message : typeof e.message === 'string' ? e.message : 'refused';
  const details = { reason: code ?? 'unknown', message: message.slice(0, 300) };
  if (code === 'OAUTH_AUTHORIZATION_RESPONSE_ERROR') {
    return new MotcuaError('E_OIDC_DENIED', `The identity provider did not sign the user in: ${typeof e.error === 'string' ? e.error : ''}`, { status: 403, details, hint: 'Sign in again and accept at the provider.' });
  }
  if (code === 'OAUTH_RESPONSE_BODY_ERROR') {
    return new MotcuaError('E_OIDC_CODE', `The identity provider refused the authorization code: ${typeof e.error === 'string' ? e.error : ''}`, { status: 400, path: 'code', details, hint: 'A code is good once and for a short time: start the sign-in again.' });
  }
  if (e.cause?.cause?.claim === 'nonce' || /"nonce"/.test(message)) {
    return new MotcuaError('E_OIDC_NONCE', 'The ID token does not answer this sign-in (its nonce differs)', { status: 401, path: 'id_token.nonce', details, hint: 'Start the sign-in again; a replayed or substituted ID token is refused.' });
  }
  if (code && code.startsWith('OAUTH_')) {
    return new MotcuaError('E_OIDC_TOKEN', `The ID token was refused: ${message.slice(0, 200)}`, { status: 401, path: 'id_token', details, hint: 'The token must be signed by the provider\'s published key, for this client, unexpired.' });
  }
  return unreachable(err);
}
