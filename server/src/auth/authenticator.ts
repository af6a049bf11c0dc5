/**
 * Issues and verifies bearer tokens. Tokens of the local issuer are EdDSA JWTs signed with
 * the key in the database; tokens of an external OpenID Connect issuer (the national e-ID)
 * are accepted when configured, verified against its JWKS and audience. Every failure gives
 * the same 401 so that a caller learns nothing about why a token was refused.
 */
import { SignJWT, createRemoteJWKSet, decodeJwt, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AccessError } from '../../../engine/src/errors';
import type { ServerConfig } from '../config';
import type { Database } from '../db';
import type { SigningKey } from './keys';
import type { Principal } from './principal';
import { findPrincipal } from './users';

export const LOCAL_AUDIENCE = 'motcua-api';

export interface Authenticator {
  /** A token for a known user (dev-login, tests, the CLI). */
  issue: (userId: string) => Promise<string>;
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
  config: Pick<ServerConfig, 'localIssuer' | 'tokenTtlSeconds' | 'oidc'>,
  key: SigningKey,
): Authenticator {
  const remote: JWTVerifyGetKey | undefined = config.oidc ? createRemoteJWKSet(new URL(config.oidc.jwksUrl)) : undefined;

  return {
    async issue(userId) {
      return new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
        .setIssuer(config.localIssuer)
        .setAudience(LOCAL_AUDIENCE)
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime(`${config.tokenTtlSeconds}s`)
        .sign(key.privateKey);
    },
    async verify(token) {
      let subject: string | undefined;
      try {
        const iss = decodeJwt(token).iss;
        if (iss === config.localIssuer) {
          const { payload } = await jwtVerify(token, key.publicKey, {
            issuer: config.localIssuer,
            audience: LOCAL_AUDIENCE,
            algorithms: ['EdDSA'],
          });
          subject = payload.sub;
        } else if (config.oidc && remote && iss === config.oidc.issuer) {
          const { payload } = await jwtVerify(token, remote, { issuer: config.oidc.issuer, audience: config.oidc.audience });
          const claim = payload[config.oidc.userClaim];
          subject = typeof claim === 'string' ? claim : undefined;
        }
      } catch {
        throw unauthenticated();
      }
      const principal = subject ? await findPrincipal(db.knex, subject) : undefined;
      if (!principal) throw unauthenticated();
      return principal;
    },
  };
}
