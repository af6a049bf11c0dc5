/**
 * The outbox consumer: carries out the effects transitions wrote to `outbox`, each exactly
 * once. One row per transaction: the row is claimed (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so
 * several server processes never take the same row; SQLite: the write lock, one writer), its
 * effect carried out and the row marked done in that same transaction, so a crash does both
 * or neither and a restart picks up exactly what is left.
 *
 * A row whose effect fails (its case was deleted...) is rolled back, counted in `attempts`
 * with its `last_error`, and left for the next pass; after `maxAttempts` it is parked (never
 * claimed again) so that one bad row cannot block the others.
 */
import type { Knex } from 'knex';
import type { Effect } from 'motcua/engine';
import { sqlOf, type Database } from '../db';
import { issueResult, type IssueDeps, type IssueResultEffect } from './issue';
import { withdrawExpired } from './wallet-source';
import { startPeriodic } from '../background/periodic';

export interface OutboxConsumerOptions {
  db: Database;
  key: IssueDeps['key'];
  now?: () => number;
  log?: (line: string) => void;
  procedureName?: IssueDeps['procedureName'];
  /** Failed attempts after which a row is parked (default 5). */
  maxAttempts?: number;
}

/** What one drain did. */
export interface DrainReport {
  /** Result documents issued. */
  issued: number;
  /** Rows marked done without work: effects the case service carried out, unknown types. */
  skipped: number;
  /** Rows that failed this pass (left for the next one, or parked). */
  failed: number;
  /** Wallet documents that expired since the last pass, withdrawn from the wallet source. */
  expired: number;
}

interface OutboxRow {
  id: number;
  case_id: string;
  type: string;
  payload: string;
}

/** Effects the case service carries out inside the transition itself. */
const DONE_BY_CASE_SERVICE: ReadonlySet<string> = new Set(['start-child', 'start-linked']);

/**
 * Carries out every pending effect once (in id order), then withdraws the wallet documents
 * that expired after `expiredSince` (default: ever); returns what it did.
 */
export async function drainOutbox(o: OutboxConsumerOptions & { expiredSince?: number }): Promise<DrainReport> {
  const { db } = o;
  const now = o.now ?? Date.now;
  const maxAttempts = o.maxAttempts ?? 5;
  const report: DrainReport = { issued: 0, skipped: 0, failed: 0, expired: 0 };
  // Each pass moves forward: a row that fails is not retried until the next pass.
  let cursor = 0;
  for (;;) {
    // A plain read first: an idle outbox costs no write transaction (SQLite's write lock is a write).
    const pending = await db.knex<{ id: number; done_at: number | null; attempts: number }>('outbox').whereNull('done_at').andWhere('attempts', '<', maxAttempts).andWhere('id', '>', cursor).first('id');
    if (!pending) {
      report.expired = await withdrawExpired(db.knex, o.expiredSince ?? 0, now());
      return report;
    }
    // Set inside the transaction's callback: which row a failure belongs to.
    const claim: { row?: OutboxRow } = {};
    try {
      const outcome = await db.knex.transaction(async (trx) => {
        // On SQLite the transaction began IMMEDIATE (db/sqlite-immediate.ts): it holds the write lock already.
        const sql = await sqlOf(trx);
        const [row] = await sql.all<OutboxRow>(
          `SELECT id, case_id, type, payload FROM outbox WHERE done_at IS NULL AND attempts < ? AND id > ? ORDER BY id LIMIT 1${db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''}`,
          [maxAttempts, cursor],
        );
        claim.row = row;
        if (!row) return undefined;
        const at = now();
        const kind = await carryOut(trx, o, row, at);
        await sql.run('UPDATE outbox SET done_at = ? WHERE id = ?', [at, row.id]);
        return kind;
      });
      if (outcome === undefined) {
        report.expired = await withdrawExpired(db.knex, o.expiredSince ?? 0, now());
        return report;
      }
      report[outcome] += 1;
    } catch (err) {
      const claimed = claim.row;
      if (!claimed) throw err;
      report.failed += 1;
      const message = err instanceof Error ? err.message : String(err);
      o.log?.(`outbox: row ${claimed.id} (${claimed.type}, case ${claimed.case_id}) failed: ${message}`);
      await db.knex('outbox').where({ id: claimed.id }).whereNull('done_at').update({ attempts: db.knex.raw('attempts + 1'), last_error: message.slice(0, 2000) });
    }
    cursor = claim.row?.id ?? cursor;
  }
}

async function carryOut(trx: Knex.Transaction, o: OutboxConsumerOptions, row: OutboxRow, now: number): Promise<'issued' | 'skipped'> {
  const effect = JSON.parse(row.payload) as Effect | { type: string };
  if (effect.type === 'issue-result') {
    await issueResult(trx, { dialect: o.db.dialect, key: o.key, ...(o.procedureName ? { procedureName: o.procedureName } : {}) }, row.id, row.case_id, effect as IssueResultEffect, now);
    return 'issued';
  }
  if (!DONE_BY_CASE_SERVICE.has(effect.type)) o.log?.(`outbox: row ${row.id} has an unknown effect type '${effect.type}' (case ${row.case_id}): marked done, nothing carried out`);
  return 'skipped';
}

/**
 * Drains the outbox every `intervalMs` until stopped. `drain()` always runs a full pass that
 * starts after any pass under way (so what was committed before the call is carried out when
 * it resolves); the interval skips a beat while a pass runs.
 */
export function startOutboxConsumer(o: OutboxConsumerOptions & { intervalMs: number }): { drain: () => Promise<DrainReport>; stop: () => Promise<void> } {
  const now = o.now ?? Date.now;
  // Expiry sweeps look back to the previous pass only (the first pass looks back to the start).
  let swept = 0;
  const loop = startPeriodic(
    async () => {
      // The next sweep starts where this one may have started: overlaps are harmless, gaps are not.
      const startedAt = now();
      const report = await drainOutbox({ ...o, expiredSince: swept });
      swept = Math.max(swept, startedAt);
      return report;
    },
    { intervalMs: o.intervalMs, label: 'outbox', log: o.log },
  );
  return { drain: loop.run, stop: loop.stop };
}
