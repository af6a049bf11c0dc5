/**
 * The append-only audit trail. Each row's hash is sha256(previous hash + canonical JSON of
 * the row), so editing, inserting or deleting any row breaks the chain from there on, and
 * `motcua audit verify` names the first bad row. A one-row head table is locked on append so
 * that concurrent transactions cannot fork the chain, and it records the last row so that a
 * deleted tail is detected too.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { valuesSql, sqlOf, type Sql } from '../db/sql';
import { canonicalJson } from './canonical-json';
import type { Checkpoint } from './checkpoint';

export const GENESIS_HASH = '0'.repeat(64);

/** What is recorded: who did what to which subject, with a JSON payload. */
export interface AuditEntry {
  actor: string;
  action: string;
  subject: string;
  payload: unknown;
  /** Epoch ms. */
  at: number;
}

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The hash of a row given the previous row's hash. */
export function hashRow(prevHash: string, row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  const body = canonicalJson({
    id: row.id,
    at: Number(row.at),
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    payload: row.payload,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** Appends entries inside the caller's transaction (the one that changes the data). */
export async function appendAudit(trx: Knex.Transaction, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const sql = await sqlOf(trx);
  await appendAuditSql(sql, entries);
  await sql.settle();
}

/**
 * The chain's head on SQLite (whose one writer holds the lock). Within one batch the head this
 * transaction last wrote is remembered (no statement).
 */
function readAuditHead(sql: Sql): Promise<AuditHead | undefined> {
  const known = sql.memo?.get(HEAD_MEMO) as AuditHead | undefined;
  if (known) return Promise.resolve(known);
  return sql.all<AuditHead>('SELECT last_id, last_hash FROM audit_head WHERE id = 1', []).then((rows) => rows[0]);
}

/**
 * {@link appendAudit} on a transaction's {@link Sql}. The writes are sent (`Sql.send`) and
 * settled by the transaction before COMMIT.
 * - On SQLite: the head is read (or remembered within the batch), the rows are hashed here,
 *   and two writes are sent whatever the number of entries.
 * - On PostgreSQL: PostgreSQL reads and locks the head and hashes each row itself, in one
 *   statement per entry (see {@link chainInPostgres}), so that nothing waits for the head: the
 *   entry leaves with the transaction's other writes and its COMMIT, in one round trip.
 */
export async function appendAuditSql(sql: Sql, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (sql.dialect === 'postgres') {
    for (const e of entries) sql.send(CHAIN_IN_POSTGRES, chainInPostgres(e));
    return;
  }
  // The head row is the chain's lock: SQLite has one writer.
  const h = await readAuditHead(sql);
  let lastId = h?.last_id ?? 0;
  let lastHash = h?.last_hash ?? GENESIS_HASH;
  const values: unknown[] = [];
  for (const e of entries) {
    const id = lastId + 1;
    const base = { id, at: e.at, actor: e.actor, action: e.action, subject: e.subject, payload: canonicalJson(e.payload) };
    const hash = hashRow(lastHash, base);
    values.push(id, base.at, base.actor, base.action, base.subject, base.payload, lastHash, hash);
    lastId = id;
    lastHash = hash;
  }
  sql.send(valuesSql('INSERT INTO audit_log (id, at, actor, action, subject, payload, prev_hash, hash) VALUES ', entries.length, 8), values);
  sql.send('UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1', [lastId, lastHash]);
  sql.memo?.set(HEAD_MEMO, { last_id: lastId, last_hash: lastHash });
}

/**
 * One entry appended by PostgreSQL: the head locked (`FOR UPDATE`: concurrent appenders wait,
 * then read the head the first one committed), the row's hash computed from the previous one
 * as {@link hashRow} computes it, the row inserted and the head moved. The canonical JSON is
 * still written here, around the id only PostgreSQL knows: `prefix || id || suffix`.
 * `sha256(prev_hash || body)` over UTF-8 is what `createHash('sha256').update(prev).update(body)`
 * hashes, so `verifyAudit` checks these rows like any other.
 */
const CHAIN_IN_POSTGRES =
  'WITH h AS (SELECT last_id + 1 AS id, last_hash AS prev FROM audit_head WHERE id = 1 FOR UPDATE), ' +
  "r AS (SELECT id, prev, encode(sha256(convert_to(prev || CAST(? AS text) || id::text || CAST(? AS text), 'UTF8')), 'hex') AS hash FROM h), " +
  'a AS (INSERT INTO audit_log (id, at, actor, action, subject, payload, prev_hash, hash) ' +
  'SELECT id, CAST(? AS bigint), CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text), prev, hash FROM r) ' +
  'UPDATE audit_head SET last_id = r.id, last_hash = r.hash FROM r WHERE audit_head.id = 1';

/** The id's place in a row's canonical JSON, found by a value no row has. */
const ID_MARK = '"id":-1,';

/** {@link CHAIN_IN_POSTGRES}'s parameters: the canonical JSON around the id, then the row. */
function chainInPostgres(e: AuditEntry): unknown[] {
  const payload = canonicalJson(e.payload);
  // Keys are sorted (action, actor, at, id, payload, subject) and every string is escaped, so
  // the first `"id":` is the key's: no string value holds an unescaped quote.
  const body = canonicalJson({ id: -1, at: e.at, actor: e.actor, action: e.action, subject: e.subject, payload });
  const cut = body.indexOf(ID_MARK);
  return [body.slice(0, cut + ID_MARK.length - 3), body.slice(cut + ID_MARK.length - 1), e.at, e.actor, e.action, e.subject, payload];
}

/** The chain's last row: its id and hash. */
export interface AuditHead {
  last_id: number;
  last_hash: string;
}

const HEAD_MEMO = 'audit.head';

export type AuditVerdict =
  | { ok: true; rows: number; head: string; /** Checkpoints checked, when given. */ checkpoints?: number }
  | { ok: false; rows: number; badRow: number; reason: string };

/**
 * Walks the whole chain in id order, in pages, and reports the first row that does not fit.
 * With `checkpoints` (signatures already checked, see anchored.ts), every row a checkpoint
 * pins must still have the hash signed then, and the chain must reach the highest pinned row:
 * this detects a chain rewritten and re-hashed, truncated or emptied by someone who could
 * write to the database, which the chain alone cannot.
 */
export async function verifyAudit(knex: Knex, pageSize = 5000, checkpoints?: readonly Checkpoint[]): Promise<AuditVerdict> {
  let prev = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  const pinned = new Map<number, { hash: string; n: number; at: number }[]>();
  let highest: { id: number; n: number; at: number } | undefined;
  checkpoints?.forEach((c, i) => {
    if (c.lastId === 0) return;
    pinned.set(c.lastId, [...(pinned.get(c.lastId) ?? []), { hash: c.lastHash, n: i + 1, at: c.at }]);
    if (!highest || c.lastId > highest.id) highest = { id: c.lastId, n: i + 1, at: c.at };
  });
  let confirmed = 0;
  for (;;) {
    const page = (await knex('audit_log')
      .where('id', '>=', expectedId)
      .orderBy('id')
      .limit(pageSize)) as AuditRow[];
    for (const row of page) {
      count += 1;
      if (row.id !== expectedId) {
        return { ok: false, rows: count, badRow: expectedId, reason: `row ${expectedId} is missing (next row is ${row.id})` };
      }
      if (row.prev_hash !== prev) {
        return { ok: false, rows: count, badRow: row.id, reason: `row ${row.id} does not follow row ${row.id - 1} (prev_hash differs)` };
      }
      if (hashRow(prev, row) !== row.hash) {
        return { ok: false, rows: count, badRow: row.id, reason: `row ${row.id} was modified (its hash does not match its content)` };
      }
      for (const pin of pinned.get(row.id) ?? []) {
        if (pin.hash !== row.hash) {
          return {
            ok: false,
            rows: count,
            badRow: row.id,
            reason: `row ${row.id} differs from checkpoint #${pin.n} (signed ${new Date(pin.at).toISOString()}): rows ${confirmed + 1} to ${row.id} were rewritten and re-hashed`,
          };
        }
        confirmed = row.id;
      }
      prev = row.hash;
      expectedId += 1;
    }
    if (page.length < pageSize) break;
  }
  const head = (await knex('audit_head').where({ id: 1 }).first()) as { last_id: number; last_hash: string } | undefined;
  if (head && (head.last_id !== expectedId - 1 || head.last_hash !== prev)) {
    return {
      ok: false,
      rows: count,
      badRow: expectedId,
      reason: `the chain ends at row ${expectedId - 1} but the head records row ${head.last_id}: rows were deleted from the end`,
    };
  }
  if (highest && highest.id > expectedId - 1) {
    return {
      ok: false,
      rows: count,
      badRow: expectedId,
      reason: `checkpoint #${highest.n} (signed ${new Date(highest.at).toISOString()}) pins row ${highest.id} but the trail ends at row ${expectedId - 1}: ${count === 0 ? 'the audit tables were emptied' : 'rows were deleted from the end'}`,
    };
  }
  return { ok: true, rows: count, head: prev, ...(checkpoints ? { checkpoints: checkpoints.length } : {}) };
}
