/**
 * Plain SQL inside a knex transaction, for the statements every transition runs. knex's
 * query builder costs more per statement than SQLite takes to run it; these go straight to
 * the transaction's connection: a prepared statement (cached by the connection) on SQLite,
 * `trx.raw` on PostgreSQL. The SQL is written once, with `?` placeholders, for both.
 */
import type { Knex } from 'knex';

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs a write; resolves with the number of rows it changed. */
  run: (sql: string, params: readonly unknown[]) => Promise<number>;
  /** Runs a read; resolves with its rows. */
  all: <T>(sql: string, params: readonly unknown[]) => Promise<T[]>;
}

interface Statement {
  run: (...params: unknown[]) => { changes: number };
  all: (...params: unknown[]) => unknown[];
}

interface SqliteConnection {
  prepare: (sql: string) => Statement;
}

interface TrxClient {
  config: { client?: unknown };
  acquireConnection: () => Promise<unknown>;
}

// better-sqlite3 binds null, never undefined.
const bindable = (params: readonly unknown[]): unknown[] => params.map((p) => (p === undefined ? null : p));

/** The transaction's connection as {@link Sql}. */
export async function sqlOf(trx: Knex.Transaction): Promise<Sql> {
  const client = trx.client as TrxClient;
  if (client.config.client === 'better-sqlite3') {
    const conn = (await client.acquireConnection()) as SqliteConnection;
    return {
      dialect: 'sqlite',
      run: (sql, params) => Promise.resolve(conn.prepare(sql).run(...bindable(params)).changes),
      all: <T>(sql: string, params: readonly unknown[]) => Promise.resolve(conn.prepare(sql).all(...bindable(params)) as T[]),
    };
  }
  return {
    dialect: 'postgres',
    run: async (sql, params) => (await trx.raw<{ rowCount: number | null }>(sql, bindable(params) as Knex.RawBinding[])).rowCount ?? 0,
    all: async <T>(sql: string, params: readonly unknown[]) => (await trx.raw<{ rows: T[] }>(sql, bindable(params) as Knex.RawBinding[])).rows,
  };
}

/** `(?, ?, ?), (?, ?, ?)`: the VALUES of a multi-row insert. */
export function placeholders(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}
