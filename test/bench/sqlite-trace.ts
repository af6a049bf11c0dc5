/**
 * Times every statement a benchmark's SQLite server runs: the connection's (cached) `prepare`
 * is wrapped so that each `run` and `all` reports its SQL text and its time. better-sqlite3
 * runs a statement synchronously, so its time is its CPU on the event loop. Shared by
 * `statements.bench.ts` (one request at a time), `server.bench.ts` (`BENCH_SQL=1`: under
 * the full load, after the warm-up) and `store.bench.ts` (in process CPU time).
 */
import type { Database } from '../../server/src';

interface TimedStatement {
  run: (...p: unknown[]) => unknown;
  all: (...p: unknown[]) => unknown;
}

/** One line per statement: multi-row inserts differ only by their number of rows. */
export function statementKey(sql: string): string {
  return sql.replace(/(\((?:\?, )*\?\))(?:, \((?:\?, )*\?\))+/g, '$1, ...').replace(/\s+/g, ' ');
}

/**
 * Calls `onStatement` with the SQL text and time (ns) of every statement `db`'s connection runs
 * from now on. `clock: 'cpu'` measures the process's CPU time instead of wall time: on a loaded
 * machine the thread is often descheduled in the middle of a statement.
 */
export async function traceSqlite(db: Pick<Database, 'knex'>, onStatement: (sql: string, ns: bigint) => void, clock: 'wall' | 'cpu' = 'wall'): Promise<void> {
  const now = clock === 'wall' ? () => process.hrtime.bigint() : () => {
    const u = process.cpuUsage();
    return BigInt(u.user + u.system) * 1000n;
  };
  const client = db.knex.client as { acquireConnection: () => Promise<{ prepare: (s: string) => TimedStatement }>; releaseConnection: (c: unknown) => Promise<unknown> };
  const conn = await client.acquireConnection();
  const prepare = conn.prepare.bind(conn);
  const wrapped = new Map<TimedStatement, TimedStatement>();
  conn.prepare = (sql: string) => {
    const stmt = prepare(sql);
    let w = wrapped.get(stmt);
    if (!w) {
      const timed = (f: (...p: unknown[]) => unknown) => (...p: unknown[]) => {
        const t0 = now();
        try {
          return f(...p);
        } finally {
          onStatement(sql, now() - t0);
        }
      };
      w = Object.assign(Object.create(stmt) as TimedStatement, { run: timed(stmt.run.bind(stmt)), all: timed(stmt.all.bind(stmt)) });
      wrapped.set(stmt, w);
    }
    return w;
  };
  await client.releaseConnection(conn);
}
