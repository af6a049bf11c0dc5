/**
 * SQLite starts a transaction deferred: one that reads first and writes later cannot wait for
 * another process's write lock. If that process committed since the read, the upgrade fails at
 * once with SQLITE_BUSY ("database is locked"), whatever busy_timeout says, because waiting
 * could not help: the snapshot read is already stale. Two servers on one file (or the CLI beside
 * a server) then fail a notification's delivery, a publish or an admin's write now and then.
 *
 * knex begins its transactions with a plain `BEGIN;`. Every top-level knex transaction on SQLite
 * here begins `IMMEDIATE` instead: it takes the write lock first, waiting as busy_timeout allows,
 * so nothing it does afterwards can be refused for a lock. (The raw path, transact.ts and
 * sqlite-batch.ts, already begins IMMEDIATE.) Nested transactions are savepoints and keep
 * knex's own.
 */
import type { Knex } from 'knex';

interface TransactionLike {
  outerTx: unknown;
  begin: (conn: unknown) => Promise<unknown>;
  query: (conn: unknown, sql: string) => Promise<unknown>;
}

interface ClientLike {
  transaction: (...args: unknown[]) => TransactionLike;
}

/** Makes `knex`'s top-level transactions begin with `BEGIN IMMEDIATE`. SQLite only. */
export function beginImmediate(knex: Knex): void {
  const client = knex.client as unknown as ClientLike;
  const create = client.transaction.bind(client);
  client.transaction = (...args: unknown[]) => {
    const trx = create(...args);
    // knex calls `begin` once it holds a connection, after this returns.
    if (!trx.outerTx) trx.begin = (conn) => trx.query(conn, 'BEGIN IMMEDIATE;');
    return trx;
  };
}
