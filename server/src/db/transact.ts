/**
 * Transactions and reads on a raw connection taken from knex's pool, without knex's query
 * builder: the path every filing and action takes. On SQLite the pool has one connection;
 * transactions are group-committed (sqlite-batch.ts) and `BEGIN IMMEDIATE` takes the file's
 * write lock up front, so another process waits (busy timeout) instead of failing half-way.
 * On PostgreSQL each transaction has its own client.
 *
 * The function given must do all its database work through the `sql` it receives: a knex
 * query or another `transact`/`query` made from inside it would wait for the connection it
 * holds.
 */
import type { Knex } from 'knex';
import { SqliteBatcher } from './sqlite-batch';
import { pgSql, sqliteSql, type PgConnection, type Sql, type SqliteConnection } from './sql';

interface PoolClient {
  acquireConnection: () => Promise<unknown>;
  releaseConnection: (conn: unknown) => Promise<unknown>;
}

type Dialect = Sql['dialect'];

async function withConnection<T>(knex: Knex, dialect: Dialect, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const client = knex.client as PoolClient;
  const conn = await client.acquireConnection();
  try {
    const sql = dialect === 'sqlite' ? sqliteSql(conn as SqliteConnection) : pgSql(conn as PgConnection);
    try {
      const result = await fn(sql);
      await sql.settle();
      return result;
    } finally {
      // Whatever was sent is answered before the connection goes back to the pool.
      await sql.settle().catch(() => undefined);
    }
  } finally {
    await client.releaseConnection(conn);
  }
}

/**
 * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws (the
 * error is rethrown). `fn` must do all its database work through the `sql` it is given.
 */
export function transact<T>(knex: Knex, dialect: Dialect, fn: (sql: Sql) => Promise<T>): Promise<T> {
  if (dialect === 'sqlite') return batcherOf(knex).transact(fn);
  return withConnection(knex, dialect, async (sql) => {
    // Pipelined with the transaction's first statement (see `Sql.send`).
    sql.send('BEGIN', []);
    let commit: Promise<number> | undefined;
    const sendCommit = (): Promise<number> => {
      if (!commit) {
        commit = sql.run('COMMIT', []);
        // Awaited below; a failure meanwhile must not count as unhandled.
        commit.catch(() => undefined);
      }
      return commit;
    };
    let result: T;
    try {
      result = await fn({ ...sql, commitEarly: () => void sendCommit() });
    } catch (err) {
      await sql.run('ROLLBACK', []).catch(() => 0);
      throw err;
    }
    try {
      // COMMIT goes out behind the writes still unanswered: one round trip for both. A write
      // that failed made PostgreSQL end the transaction with a ROLLBACK instead, and settle()
      // throws that write's error.
      void sendCommit();
      await sql.settle();
      await commit;
    } catch (err) {
      await sql.run('ROLLBACK', []).catch(() => 0);
      throw err;
    }
    return result;
  });
}

/** Runs reads on one connection, outside any transaction (on SQLite, inside an open batch). */
export function query<T>(knex: Knex, dialect: Dialect, fn: (sql: Sql) => Promise<T>): Promise<T> {
  return (dialect === 'sqlite' ? batcherOf(knex).query(fn) : undefined) ?? withConnection(knex, dialect, fn);
}

/** SQLite's group-commit counters for this knex instance (undefined on PostgreSQL or before any batch). */
export function groupCommitStats(knex: Knex): { commits: number; members: number } | undefined {
  const b = batchers.get(knex);
  return b ? { ...b.stats } : undefined;
}

const batchers = new WeakMap<Knex, SqliteBatcher>();

function batcherOf(knex: Knex): SqliteBatcher {
  let b = batchers.get(knex);
  if (!b) {
    b = new SqliteBatcher(knex.client as PoolClient);
    batchers.set(knex, b);
  }
  return b;
}
