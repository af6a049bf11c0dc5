/**
 * An electronic result document (kết quả giải quyết thủ tục hành chính điện tử): what an
 * outcome with a `result` issues, signed by the server's key, kept in the applicant's data
 * wallet and readable by later procedures as a record of the `wallet` source.
 */
import { randomBytes } from 'node:crypto';
import type { Level } from '../../../engine/src/model/procedure';

/** `valid` until revoked; `expired` is computed from `validUntil`, never stored. */
export const DOCUMENT_STATUSES = ['valid', 'revoked', 'expired'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** The JWS `typ` of a result document: never confused with a bearer token (`JWT`). */
export const DOCUMENT_JWS_TYPE = 'motcua-result+jws';

/** The signed payload (the JWS payload, as JSON). Plain data: a verifier needs nothing else. */
export interface ResultDocument {
  /** The document's number, unique in the deployment and unguessable, e.g. `KQ-2026-00000042-X7K2QM`. */
  id: string;
  /** The document type of the outcome's `result.document`, e.g. `birth-certificate`. */
  document: string;
  procedure: { code: string; version: string; name?: string };
  case: string;
  outcome: string;
  holder: { id: string; nationalId?: string; name?: string };
  /** The unit that issues it: the case's unit, or its ancestor at the result's `issuer` level. */
  issuer: { unit: string; name?: string; level?: Level };
  /** ISO instant. */
  issuedAt: string;
  /** ISO instant, from the result's `validFor`. */
  validUntil?: string;
  /** The case's e-form data at the outcome: what a later procedure reads from the wallet. */
  data: Record<string, unknown>;
}

/** A document as the API shows it: the payload, its JWS, its status. */
export interface DocumentView {
  id: string;
  document: ResultDocument;
  jws: string;
  kid: string;
  status: DocumentStatus;
  /** Whether it is in the holder's wallet (`store: wallet`). */
  inWallet: boolean;
  revokedAt?: string;
}

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
