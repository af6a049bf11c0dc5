/**
 * An electronic result document (kết quả giải quyết thủ tục hành chính điện tử): what an
 * outcome with a `result` issues, signed by the server's key, kept in the applicant's data
 * wallet and readable by later procedures as a record of the `wallet` source.
 */
import { randomBytes } from 'node:crypto';
import type { DocumentStatus, DocumentView, ResultDocument } from 'motcua/contract';

export { DOCUMENT_STATUSES } from 'motcua/contract';
export type { DocumentStatus, DocumentView, ResultDocument } from 'motcua/contract';

/** The JWS `typ` of a result document: never confused with a bearer token (`JWT`). */
export const DOCUMENT_JWS_TYPE = 'motcua-result+jws';

/** A row of the `documents` table. */
export interface DocumentRow {
  id: string;
  outbox_id: number;
  case_id: string;
  document_type: string;
  procedure_code: string;
  procedure_version: string;
  outcome: string;
  holder_id: string;
  holder_national_id: string | null;
  issuer_unit: string;
  issued_at: number;
  valid_until: number | null;
  store: string;
  payload: string;
  jws: string;
  kid: string;
  status: string;
  revoked_at: number | null;
  /** Why the issuing unit revoked it (migration 0040). */
  revoked_reason?: string | null;
}

/** The status a row has at `now`. */
export function statusOf(row: Pick<DocumentRow, 'status' | 'valid_until'>, now: number): DocumentStatus {
  if (row.status === 'revoked') return 'revoked';
  return row.valid_until !== null && Number(row.valid_until) < now ? 'expired' : 'valid';
}

export function toView(row: DocumentRow, now: number): DocumentView {
  return {
    id: row.id,
    document: JSON.parse(row.payload) as ResultDocument,
    jws: row.jws,
    kid: row.kid,
    status: statusOf(row, now),
    inWallet: row.store === 'wallet',
    ...(row.revoked_at !== null ? { revokedAt: new Date(Number(row.revoked_at)).toISOString() } : {}),
    ...(row.revoked_reason ? { revokedReason: row.revoked_reason } : {}),
  };
}

/** Letters and digits a person reads back without confusion (no 0/O, 1/I/L). */
const SUFFIX_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Six characters of a random check suffix (about 29 bits). */
export function randomSuffix(): string {
  return Array.from(randomBytes(6), (b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join('');
}

/**
 * The number of the document an outbox row issues: the row's id makes it unique across
 * processes without a counter; the random suffix makes it unguessable, because a number is
 * a key of the wallet source (whoever names it in a filing gets the record attached), so
 * sequential numbers alone would let anyone walk through everyone's documents.
 */
export function documentNumber(outboxId: number, issuedAt: number, suffix: string = randomSuffix()): string {
  // The year as Vietnam counts it (UTC+7, no daylight saving).
  const year = new Date(issuedAt + 7 * 3600 * 1000).getUTCFullYear();
  return `KQ-${year}-${String(outboxId).padStart(8, '0')}-${suffix}`;
}

/** Characters of the signature a verification link carries: 22 base64url characters, 132 bits. */
const CHECK_CODE_LENGTH = 22;

/**
 * The check code printed with a document (in its QR code): the start of its JWS signature.
 * Only whoever was shown the genuine document knows it, so the public verification page,
 * which needs the number and this code, is no directory of everyone's documents.
 */
export function checkCode(jws: string): string {
  return (jws.split('.')[2] ?? '').slice(0, CHECK_CODE_LENGTH);
}

/** The path of a document's public verification page in the web app (a hash route). */
export function verifyPath(id: string, code: string): string {
  return `/#/verify/${encodeURIComponent(id)}/${encodeURIComponent(code)}`;
}
