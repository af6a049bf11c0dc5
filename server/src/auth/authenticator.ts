/**
 * Issues and verifies bearer tokens. Tokens of the local issuer are EdDSA JWTs signed with
 * the key in the database; tokens of an external OpenID Connect issuer (the national e-ID)
 * are accepted when configured, verified against its JWKS and audience. Every token must
 * carry `exp` (a token without one would never expire). Every failure gives
 * the same 401 so that a caller learns nothing about why a token was refused.
 */
import { SignJWT, createRemoteJWKSet, decodeJwt, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AccessError } from 'motcua/engine';
import type { ServerConfig } from '../config';
import type { Database } from '../db';
import type { SigningKey } from './keys';
import type { Principal } from './principal';
import { PrincipalCache } from './principal-cache';
import { findPrincipal } from './users';

/**
 * The audience of locally issued tokens, one per mode: a token issued in demo mode (where
 * anyone may sign in as a demo user) is refused by the same deployment run in production.
 */
export function localAudience(demo: boolean): string {
  return demo ? 'motcua-api-demo' : 'motcua-api';
}

export interface Authenticator {
  /** A token for a known user (dev-login, tests, the CLI). */
  issue: (userId: string, ttlSeconds?: number) => Promise<string>;
  /** The principal a bearer token stands for, or a 401. */
  verify: (token: string) => Promise<Principal>;
}

export function unauthenticated(): AccessError {
  return new AccessError('E_UNAUTHENTICATED', 'Authentication required: the bearer token is missing, invalid or expired', {
    hint: 'Send `Authorization: Bearer <token>` with a token from your identity provider (or POST /api/auth/dev-login in demo mode).',
  });
}

export function createAuthenticator(
  db: Database,
  config: Pick<ServerConfig, 'localIssuer' | 'tokenTtlSeconds' | 'oidc' | 'demo'>,
  key: SigningKey,
): Authenticator {
  const audience = localAudience(config.demo);
  const remote: JWTVerifyGetKey | undefined = config.oidc ? createRemoteJWKSet(new URL(config.oidc.jwksUrl)) : undefined;
  // A signature is checked once per token, not once per request: verified tokens are remembered
  // until they expire. The user and roles are kept for a moment only (principal-cache.ts).
  const principals = new PrincipalCache();
  const verified = new Map<string, { subject: string; expiresAt: number }>();
  const remember = (token: string, subject: string | undefined, exp: number | undefined): void => {
    if (!subject || exp === undefined) return;
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, { subject, expiresAt: exp * 1000 });
  };

  /** The token's subject when its signature, issuer, audience and expiry hold; else a 401. */
  const checkSignature = async (token: string): Promise<string | undefined> => {
    try {
      const iss = decodeJwt(token).iss;
      if (iss === config.localIssuer) {
        const { payload } = await jwtVerify(token, key.publicKey, { issuer: config.localIssuer, audience, algorithms: ['EdDSA'], requiredClaims: ['exp'] });
        remember(token, payload.sub, payload.exp);
        return payload.sub;
      }
      if (config.oidc && remote && iss === config.oidc.issuer) {
        const { payload } = await jwtVerify(token, remote, { issuer: config.oidc.issuer, audience: config.oidc.audience, requiredClaims: ['exp'] });
        const claim = payload[config.oidc.userClaim];
        const subject = typeof claim === 'string' ? claim : undefined;
        remember(token, subject, payload.exp);
        return subject;
      }
      return undefined;
    } catch {
      throw unauthenticated();
    }
  };

  return {
    async issue(userId, ttlSeconds = config.tokenTtlSeconds) {
      return new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
        .setIssuer(config.localIssuer)
        .setAudience(audience)
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key.privateKey);
    },
    async verify(token) {
      const now = Date.now();
      const known = verified.get(token);
      if (known && known.expiresAt > now) {
        const cached = principals.get(token, now);
        if (cached) return cached;
      }
      const subject = known && known.expiresAt > now ? known.subject : await checkSignature(token);
      const readAt = PrincipalCache.revision();
      const principal = subject ? await db.query((sql) => findPrincipal(sql, subject)) : undefined;
      if (!principal) throw unauthenticated();
      const expiresAt = verified.get(token)?.expiresAt;
      // Shared by the requests of the token: frozen, so that no request can change another's.
      if (expiresAt !== undefined) principals.set(token, freeze(principal), now, expiresAt, readAt);
      return principal;
    },
  };
}

function freeze(p: Principal): Principal {
  for (const r of p.roles) Object.freeze(r);
  Object.freeze(p.roles);
  return Object.freeze(p);
}
