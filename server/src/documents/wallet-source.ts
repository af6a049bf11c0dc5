/**
 * "One data" (chỉ cung cấp thông tin một lần): a document stored in the wallet is published
 * as records of the `wallet` national source (procedures/catalogues/sources.yaml), so a later
 * procedure's `replaceableBy: { source: wallet, key: ... }` or `prefill` reads it like any
 * other source record, and the engine does no I/O. Two keys, as the catalogue declares:
 *
 * - the document's number (`KQ-2026-00000042-X7K2QM`): that very document;
 * - `<holder national id>/<document type>` (`001090000001/birth-certificate`): the holder's
 *   latest document of that type (a newer one takes the key over).
 */
import type { Knex } from 'knex';
import { placeholders, type Sql } from '../db';
import type { ResultDocument } from './document';

/** The record a later procedure reads (fields of the `wallet` source's schema, plus the data). */
export interface WalletRecord {
  resultId: string;
  document: string;
  holderId?: string;
  /** Local date (Asia/Ho_Chi_Minh) of issuance, YYYY-MM-DD. */
  issuedOn: string;
  issuer: string;
  procedure: string;
  caseId: string;
  validUntil?: string;
  data: Record<string, unknown>;
}

export const WALLET_SOURCE = 'wallet';

/** The keys a document is published under. */
export function walletKeys(doc: Pick<ResultDocument, 'id' | 'document' | 'holder'>): string[] {
  return [doc.id, ...(doc.holder.nationalId ? [latestKey(doc.holder.nationalId, doc.document)] : [])];
}

export function latestKey(nationalId: string, documentType: string): string {
  return `${nationalId}/${documentType}`;
}

export function walletRecord(doc: ResultDocument): WalletRecord {
  return {
    resultId: doc.id,
    document: doc.document,
    ...(doc.holder.nationalId ? { holderId: doc.holder.nationalId } : {}),
    issuedOn: new Date(Date.parse(doc.issuedAt) + 7 * 3600 * 1000).toISOString().slice(0, 10),
    issuer: doc.issuer.name ?? doc.issuer.unit,
    procedure: doc.procedure.code,
    caseId: doc.case,
    ...(doc.validUntil ? { validUntil: doc.validUntil } : {}),
    data: doc.data,
  };
}

/** Upserts the document's records in the caller's transaction. */
export async function publishToWallet(sql: Sql, doc: ResultDocument, now: number): Promise<void> {
  const record = JSON.stringify(walletRecord(doc));
  const keys = walletKeys(doc);
  await sql.run(
    `INSERT INTO source_records (source, key, record, updated_at) VALUES ${placeholders(keys.length, 4)} ON CONFLICT (source, key) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at`,
    keys.flatMap((key) => [WALLET_SOURCE, key, record, now]),
  );
}

/** Takes a revoked document out of the wallet source (its number, and the latest key if it still holds it). */
export async function withdrawFromWallet(trx: Knex.Transaction, doc: ResultDocument): Promise<void> {
  await trx('source_records').where({ source: WALLET_SOURCE }).whereIn('key', walletKeys(doc)).andWhere('record', 'like', `%"resultId":"${doc.id}"%`).delete();
}

/**
 * Takes documents that expired in `(since, now]` out of the wallet source, so an expired
 * certificate no longer replaces a component (the engine cannot see `validUntil`). Runs after
 * each outbox pass; returns how many documents it withdrew.
 */
export async function withdrawExpired(knex: Knex, since: number, now: number): Promise<number> {
  const rows = await knex('documents')
    .where({ store: 'wallet', status: 'valid' })
    .whereNotNull('valid_until')
    .andWhere('valid_until', '>', since)
    .andWhere('valid_until', '<=', now)
    .select<{ payload: string }[]>('payload');
  for (const r of rows) {
    await knex.transaction((trx) => withdrawFromWallet(trx, JSON.parse(r.payload) as ResultDocument));
  }
  return rows.length;
}
