/**
 * Plain SQL on one connection, for the statements every request runs. knex's query builder
 * and its transaction machinery cost more per statement than SQLite takes to run it, so the
 * hot paths (filing, actions, authentication, the case view) write SQL once, with `?`
 * placeholders, and run it here: a prepared statement cached by the connection on SQLite, a
 * named prepared statement on the pg client on PostgreSQL.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs a write; resolves with the number of rows it changed. */
  run: (sql: string, params: readonly unknown[]) => Promise<number>;
  /** Runs a read; resolves with its rows. */
  all: <T>(sql: string, params: readonly unknown[]) => Promise<T[]>;
  /**
   * Values read earlier in the same transaction that nobody else can change before it ends
   * (SQLite's batch holds the write lock), kept to spare a statement. Emptied whenever work of
   * the transaction is rolled back; absent where nothing may be kept.
   */
  readonly memo?: Map<string, unknown>;
}

interface Statement {
  run: (...params: unknown[]) => { changes: number };
  all: (...params: unknown[]) => unknown[];
}

/** A better-sqlite3 connection (its `prepare` is cached, see statement-cache.ts). */
export interface SqliteConnection {
  prepare: (sql: string) => Statement;
}

/** A pg client. */
export interface PgConnection {
  query: (q: { name?: string; text: string; values: unknown[] }) => Promise<{ rowCount: number | null; rows: unknown[] }>;
}

interface TrxClient {
  config: { client?: unknown };
  acquireConnection: () => Promise<unknown>;
}

// Neither driver binds undefined; better-sqlite3 binds no booleans either.
const bindable = (params: readonly unknown[]): unknown[] => params.map((p) => (p === undefined ? null : p === true ? 1 : p === false ? 0 : p));

/** {@link Sql} on a better-sqlite3 connection: synchronous work behind resolved promises. */
export function sqliteSql(conn: SqliteConnection): Sql {
  return {
    dialect: 'sqlite',
    run: (sql, params) => Promise.resolve(conn.prepare(sql).run(...bindable(params)).changes),
    all: <T>(sql: string, params: readonly unknown[]) => Promise.resolve(conn.prepare(sql).all(...bindable(params)) as T[]),
  };
}

const pgStatements = new Map<string, { name: string; text: string }>();

/** `?` placeholders to `$1, $2...` once per statement text, with a stable statement name. */
function pgStatement(sql: string): { name: string; text: string } {
  let s = pgStatements.get(sql);
  if (!s) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    // A named statement is parsed and planned once per connection, then only executed.
    s = { name: `m_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
    if (pgStatements.size < 2000) pgStatements.set(sql, s);
  }
  return s;
}

/** {@link Sql} on a pg client. */
export function pgSql(client: PgConnection): Sql {
  const query = (sql: string, params: readonly unknown[]) =>
    // Transaction control cannot be a named statement worth keeping: sent as is.
    client.query(params.length ? { ...pgStatement(sql), values: bindable(params) } : { text: sql, values: [] });
  return {
    dialect: 'postgres',
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    all: async <T>(sql: string, params: readonly unknown[]) => (await query(sql, params)).rows as T[],
  };
}

/** A knex transaction's connection as {@link Sql} (for code that already runs in one). */
export async function sqlOf(trx: Knex.Transaction): Promise<Sql> {
  const client = trx.client as TrxClient;
  const conn = await client.acquireConnection();
  return client.config.client === 'better-sqlite3' ? sqliteSql(conn as SqliteConnection) : pgSql(conn as PgConnection);
}

const placeholderCache = new Map<string, string>();

/** `(?, ?, ?), (?, ?, ?)`: the VALUES of a multi-row insert. */
export function placeholders(rows: number, columns: number): string {
  const key = `${rows}x${columns}`;
  let out = placeholderCache.get(key);
  if (out === undefined) {
    const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
    out = Array.from({ length: rows }, () => row).join(', ');
    if (placeholderCache.size < 1000) placeholderCache.set(key, out);
  }
  return out;
}
