/**
 * The local issuer's EdDSA (Ed25519) signing key, generated at first start and stored in the
 * database so that every server process of one deployment signs and verifies with the same
 * key. Concurrent first starts race on the insert; all of them then read the oldest key.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Database } from '../db';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

interface KeyRow {
  kid: string;
  private_jwk: string;
  public_jwk: string;
}

export async function loadOrCreateSigningKey(db: Database, now: () => number = Date.now): Promise<SigningKey> {
  let row = (await db.knex('signing_keys').orderBy('created_at').orderBy('kid').first()) as KeyRow | undefined;
  if (!row) {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = randomUUID();
    await db
      .knex('signing_keys')
      .insert({
        kid,
        alg: 'EdDSA',
        private_jwk: JSON.stringify(await exportJWK(pair.privateKey)),
        public_jwk: JSON.stringify(await exportJWK(pair.publicKey)),
        created_at: now(),
      })
      .onConflict('kid')
      .ignore();
    row = (await db.knex('signing_keys').orderBy('created_at').orderBy('kid').first()) as KeyRow;
  }
  const publicJwk = { ...(JSON.parse(row.public_jwk) as JWK), kid: row.kid, alg: 'EdDSA', use: 'sig' };
  return {
    kid: row.kid,
    privateKey: (await importJWK(JSON.parse(row.private_jwk) as JWK, 'EdDSA')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'EdDSA')) as CryptoKey,
    publicJwk,
  };
}
