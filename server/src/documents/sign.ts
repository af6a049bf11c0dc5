/**
 * Signs a result document as a compact JWS (EdDSA, Ed25519) with the server's key. The
 * protected header names the key (`kid`, published at `GET /api/auth/jwks`) and the type
 * `motcua-result+jws`, so a document is never mistaken for a bearer token (`typ: JWT`, which
 * also needs `iss`, `aud` and `exp` claims a document does not carry).
 */
import { CompactSign } from 'jose';
import type { SigningKey } from '../auth';
import { DOCUMENT_JWS_TYPE, type ResultDocument } from './document';

export async function signDocument(doc: ResultDocument, key: Pick<SigningKey, 'kid' | 'privateKey'>): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(doc)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: DOCUMENT_JWS_TYPE })
    .sign(key.privateKey);
}
