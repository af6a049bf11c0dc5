/**
 * knex's better-sqlite3 client prepares every statement anew (`connection.prepare(sql)` per
 * query), which costs as much as running it. The server sends the same few statements over
 * and over, so the connection keeps its prepared statements by SQL text. The cache is bounded
 * (multi-row inserts vary in text): when full it starts again empty, which costs a few
 * re-preparations and keeps the lookup a single `Map.get` on every statement. knex only calls
 * `run` and `all` on them, which leave a statement reusable at once.
 */
interface Preparer {
  prepare: (sql: string) => unknown;
}

const MAX_STATEMENTS = 500;

/** Replaces `conn.prepare` with a caching one. */
export function cachePreparedStatements(conn: Preparer): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt === undefined) {
      stmt = prepare(sql);
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      cache.set(sql, stmt);
    }
    return stmt;
  };
}
