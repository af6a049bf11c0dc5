/**
 * Verifies a result document's JWS for anyone who is shown one (a bank, another agency):
 * either the document is genuine and in force, or a refusal (422) with a stable code naming
 * what is wrong. The checks run from the outside in, so the code names the first failure:
 *
 * | code | what is wrong |
 * |---|---|
 * | `E_JWS_MALFORMED` | not a compact JWS (three base64url parts, a JSON header, EdDSA) |
 * | `E_JWS_NOT_A_DOCUMENT` | a JWS of another kind (e.g. a sign-in token) |
 * | `E_JWS_UNKNOWN_KEY` | signed with a key this deployment never had |
 * | `E_DOCUMENT_TAMPERED` | the signature issued under that number, on a changed payload |
 * | `E_JWS_BAD_SIGNATURE` | the signature does not match (any other change) |
 * | `E_DOCUMENT_REVOKED` | genuine, but revoked by the issuing unit |
 * | `E_DOCUMENT_EXPIRED` | genuine, but past its `validUntil` |
 */
import { compactVerify, decodeProtectedHeader, errors as joseErrors, type CryptoKey } from 'jose';
import type { VerifiedDocument } from 'motcua/contract';
import { RefusalError } from 'motcua/engine';
import { DOCUMENT_JWS_TYPE, statusOf, type DocumentRow, type ResultDocument } from './document';

/** What verification reads: public keys by id, issued documents by number. */
export interface VerifyDeps {
  keyOf: (kid: string) => Promise<CryptoKey | undefined>;
  findDocument: (id: string) => Promise<DocumentRow | undefined>;
  now: number;
}

/** The answer for a genuine document in force. */
export type { VerifiedDocument } from 'motcua/contract';

const PART = /^[A-Za-z0-9_-]+$/;

function refuse(code: string, message: string, hint: string): RefusalError {
  return new RefusalError(code, message, [], { path: 'jws', hint });
}

export async function verifyDocumentJws(jws: string, deps: VerifyDeps): Promise<VerifiedDocument> {
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || !parts.every((p) => PART.test(p))) {
    throw refuse('E_JWS_MALFORMED', 'Not a compact JWS: expected three base64url parts separated by dots', 'Send the document\'s `jws` exactly as issued (header.payload.signature).');
  }
  const payloadPart = parts[1] ?? '';
  const signaturePart = parts[2] ?? '';
  let header: { alg?: unknown; kid?: unknown; typ?: unknown };
  try {
    header = decodeProtectedHeader(jws.trim());
  } catch {
    throw refuse('E_JWS_MALFORMED', 'The JWS header is not base64url-encoded JSON', 'Send the document\'s `jws` exactly as issued.');
  }
  if (header.alg !== 'EdDSA') {
    throw refuse('E_JWS_MALFORMED', `The JWS algorithm is ${JSON.stringify(header.alg)}, not EdDSA`, 'Result documents are signed with EdDSA (Ed25519); this is not one.');
  }
  if (header.typ !== DOCUMENT_JWS_TYPE) {
    throw refuse('E_JWS_NOT_A_DOCUMENT', `The JWS is of type ${JSON.stringify(header.typ ?? null)}, not a result document (${DOCUMENT_JWS_TYPE})`, 'Verify the `jws` of a result document (GET /api/documents/:id), not a token.');
  }
  const kid = typeof header.kid === 'string' ? header.kid : '';
  const key = kid ? await deps.keyOf(kid) : undefined;
  if (!key) {
    throw refuse('E_JWS_UNKNOWN_KEY', `No signing key ${JSON.stringify(kid)} in this deployment`, 'The document was not issued here, or by a key this deployment does not know; see GET /api/auth/jwks.');
  }
  let payload: Uint8Array;
  try {
    payload = (await compactVerify(jws.trim(), key, { algorithms: ['EdDSA'] })).payload;
  } catch (err) {
    if (!(err instanceof joseErrors.JOSEError)) throw err;
    throw await signatureFailure(payloadPart, signaturePart, deps);
  }
  const doc = parseDocument(new TextDecoder().decode(payload));
  if (!doc) throw refuse('E_JWS_MALFORMED', 'The signed payload is not a result document', 'Verify the `jws` of a result document.');
  const row = await deps.findDocument(doc.id);
  const status = row ? statusOf(row, deps.now) : 'valid';
  if (status === 'revoked') {
    throw refuse('E_DOCUMENT_REVOKED', `Document ${doc.id} was revoked by its issuing unit`, 'Ask the holder for a document in force, or the issuing unit why it was revoked.');
  }
  if (status === 'expired' || (doc.validUntil && Date.parse(doc.validUntil) < deps.now)) {
    throw refuse('E_DOCUMENT_EXPIRED', `Document ${doc.id} expired at ${doc.validUntil ?? '?'}`, 'Ask the holder for a new one: the procedure that issued it can be filed again.');
  }
  return { valid: true, status: 'valid', kid, document: doc };
}

/**
 * The signature failed. It is a tampered copy when the signature is the one issued under the
 * claimed number and the payload is not: only someone who held the genuine document can
 * present that, so naming the changed fields tells them nothing new. Any other failure is a
 * bad signature, whatever number it claims: the answer is no oracle on stored documents.
 */
async function signatureFailure(payloadPart: string, signaturePart: string, deps: VerifyDeps): Promise<RefusalError> {
  let claimed: ResultDocument | undefined;
  try {
    claimed = parseDocument(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    claimed = undefined;
  }
  const row = claimed ? await deps.findDocument(claimed.id) : undefined;
  const [, issuedPayload, issuedSignature] = row ? row.jws.split('.') : [];
  if (row && issuedSignature === signaturePart && issuedPayload !== payloadPart) {
    const changed = changedFields(JSON.parse(row.payload) as Record<string, unknown>, claimed as unknown as Record<string, unknown>);
    return new RefusalError('E_DOCUMENT_TAMPERED', `Document ${row.id} has been altered: its payload differs from the document issued under that number${changed.length ? ` (${changed.join(', ')})` : ''}`, changed.map((p) => ({ code: 'E_DOCUMENT_TAMPERED', message: `${p} differs from the issued document`, path: `document.${p}` })), {
      path: 'jws',
      hint: 'Do not trust this copy: ask the holder to share the document from their wallet again.',
    });
  }
  return refuse('E_JWS_BAD_SIGNATURE', 'The signature does not match the document', 'The JWS was changed after signing, or signed by someone else: do not trust it.');
}

function parseDocument(text: string): ResultDocument | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { document?: unknown }).document === 'string') return v as ResultDocument;
  } catch {
    // not JSON
  }
  return undefined;
}

/** Top-level fields (and one level down) whose values differ. */
function changedFields(issued: Record<string, unknown>, claimed: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(issued), ...Object.keys(claimed)])) {
    const a = issued[k];
    const b = claimed[k];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
      const inner = changedFields(a as Record<string, unknown>, b as Record<string, unknown>).map((p) => `${k}.${p}`);
      out.push(...(inner.length ? inner : [k]));
    } else out.push(k);
  }
  return out;
}
