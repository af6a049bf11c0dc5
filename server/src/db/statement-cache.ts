/**
 * knex's better-sqlite3 client prepares every statement anew (`connection.prepare(sql)` per
 * query), which costs as much as running it. The server sends the same few statements over
 * and over, so the connection keeps its prepared statements by SQL text, the least recently
 * used dropped past a bound (multi-row inserts vary in text). knex only calls `run` and `all`
 * on them, which leave a statement reusable at once.
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
    if (stmt !== undefined) {
      // Move to the end: a Map iterates in insertion order, so the first key is the oldest.
      cache.delete(sql);
    } else {
      stmt = prepare(sql);
      if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  };
}
