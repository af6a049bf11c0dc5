/**
 * Result documents on the wire: the signed payload, a document as the wallet lists it, and
 * what verification answers.
 */
import type { Level } from 'motcua/engine';

/** `valid` until revoked; `expired` is computed from `validUntil`, never stored. */
export const DOCUMENT_STATUSES = ['valid', 'revoked', 'expired'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

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
  /** Why the issuing unit revoked it (shown to the holder and the unit's officers, not on the public page). */
  revokedReason?: string;
}

/** What `POST /api/documents/verify` answers for a document that verifies. */
export interface VerifiedDocument {
  valid: true;
  status: 'valid';
  kid: string;
  document: ResultDocument;
}

/**
 * What the public verification page of a document answers (`GET
 * /api/documents/:id/check?code=`, no sign-in): genuine and in force, revoked or expired
 * with the issuer and dates, or `invalid` (no document under that number with that check
 * code: a forged or altered printout) with nothing else.
 */
export type DocumentCheck =
  | {
      result: 'valid' | 'revoked' | 'expired';
      id: string;
      /** The document type's name (the outcome's, else its type id). */
      title: string;
      procedure: { code: string; name?: string };
      /** The holder's name only: the verifier compares it with the paper. */
      holder: { name?: string };
      issuer: { unit: string; name?: string };
      issuedAt: string;
      validUntil?: string;
      revokedAt?: string;
    }
  | { result: 'invalid' };
