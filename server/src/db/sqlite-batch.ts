/**
 * Group commit on SQLite. Transactions that arrive while others are being written join one
 * database transaction, each inside its own SAVEPOINT, and the batch commits once a whole turn
 * of the event loop has passed with no new work queued, or when it is full. A member that fails
 * rolls back to its savepoint and changes nothing; the others are unaffected. Every member's
 * promise settles only after the COMMIT, so nobody is answered before their write is durable;
 * if the COMMIT itself fails (disk full, I/O error), every member of the batch fails with it.
 *
 * Why: a SQLite commit writes each page the transaction touched to the WAL, and transitions
 * share most of theirs (the audit head, the right-most leaves of the append-only tables and
 * their indexes): one commit for several transitions writes far fewer pages, takes the file
 * locks once and takes the connection from knex's pool once.
 *
 * The batch holds knex's single SQLite connection from its BEGIN to its COMMIT, so knex
 * queries elsewhere (the timer poller, admin writes) wait for the batch like any transaction.
 * Reads made through {@link SqliteBatcher.query} while a batch is open run on it, after the
 * work queued before them: they see the batch's writes, which is what they would see a moment
 * later, unless the COMMIT fails.
 */
import { CounterBuffer } from './counters';
import { sqliteSql, type Sql, type SqliteConnection } from './sql';

interface PoolClient {
  acquireConnection: () => Promise<unknown>;
  releaseConnection: (conn: unknown) => Promise<unknown>;
}

interface Batch {
  sql: Sql;
  conn: unknown;
  /** The counters of the members that succeeded, written before the COMMIT (counters.ts). */
  counters: CounterBuffer;
  /** Settle the members once the batch's fate is known. */
  members: { commit: () => void; fail: (err: Error) => void }[];
}

// One savepoint name for every member: members never overlap, and one text is one cached
// statement (kept as constants, whose hash the statement cache's lookup computes once).
const SAVEPOINT = 'SAVEPOINT motcua_member';
const RELEASE_SAVEPOINT = 'RELEASE motcua_member';
const ROLLBACK_TO_SAVEPOINT = 'ROLLBACK TO motcua_member';

/** Past this many members the batch commits even if more work is queued (bounds latency). */
const MAX_MEMBERS = 64;

export class SqliteBatcher {
  private readonly queue: (() => Promise<void>)[] = [];
  private batch: Batch | undefined;
  private pumping = false;
  private commitScheduled = false;
  /** Work was queued since the event loop last checked the open batch (see {@link schedule}). */
  private arrived = false;
  /** Batches committed and the transactions they carried, since the start (for benchmarks). */
  readonly stats = { commits: 0, members: 0 };

  constructor(private readonly pool: PoolClient) {}

  /** Runs `fn` as a member of the current batch; settles after the batch commits. */
  transact<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue(async () => {
        let batch: Batch;
        try {
          batch = await this.open();
        } catch (err) {
          reject(asError(err));
          return;
        }
        await batch.sql.run(SAVEPOINT, []);
        // The member's own counters: kept for the batch if it succeeds, dropped with its savepoint if not.
        const counters = new CounterBuffer();
        let value: T;
        try {
          value = await fn({ ...batch.sql, counters });
        } catch (err) {
          // What the member read or wrote is undone: so is anything remembered since.
          batch.sql.memo?.clear();
          await batch.sql.run(ROLLBACK_TO_SAVEPOINT, []);
          await batch.sql.run(RELEASE_SAVEPOINT, []);
          reject(asError(err));
          return;
        }
        await batch.sql.run(RELEASE_SAVEPOINT, []);
        batch.counters.merge(counters);
        batch.members.push({ commit: () => resolve(value), fail: reject });
      });
    });
  }

  /** Runs reads on the open batch's connection after the work queued before them, or undefined when no batch is open. */
  query<T>(fn: (sql: Sql) => Promise<T>): Promise<T> | undefined {
    if (!this.batch && !this.queue.length && !this.pumping) return undefined;
    return new Promise<T>((resolve, reject) => {
      this.enqueue(async () => {
        try {
          resolve(await fn((await this.open()).sql));
        } catch (err) {
          reject(asError(err));
        }
      });
    });
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue.push(work);
    this.arrived = true;
    void this.pump();
  }

  /** Runs queued work one item at a time (savepoints nest, so members must not interleave). */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let work = this.queue.shift(); work; work = this.queue.shift()) {
        await work();
        if ((this.batch?.members.length ?? 0) >= MAX_MEMBERS) await this.commit();
      }
    } finally {
      this.pumping = false;
    }
    if (this.batch && !this.commitScheduled) this.schedule();
  }

  /**
   * Commits the open batch after a turn of the event loop in which no work was queued. A turn
   * that brought work (a request whose transaction began in that turn's I/O callbacks) waits
   * one more: the other requests in flight are usually a turn behind, each reading its body
   * or its case, and joining them to this COMMIT costs one more turn of latency where a COMMIT
   * of its own costs every page again (a COMMIT writes each page the batch changed to the WAL,
   * two system calls a page, and the members share most pages). With 8 requests in flight
   * this took the batch from 4.7 members to 7.9 (docs/server.md, "A quiet turn before the
   * COMMIT"). MAX_MEMBERS bounds the wait under a load that never pauses.
   */
  private schedule(): void {
    this.commitScheduled = true;
    // After the I/O callbacks of this turn, whose requests may still join the batch.
    setImmediate(this.check);
  }

  /** The event loop's check of the open batch, once per turn while it is open. */
  private readonly check = (): void => {
    if (this.pumping || this.queue.length) {
      // pump() schedules the next check when the queue is drained.
      this.commitScheduled = false;
      void this.pump();
    } else if (this.arrived) {
      this.arrived = false;
      setImmediate(this.check);
    } else {
      this.commitScheduled = false;
      void this.commit();
    }
  };

  private async open(): Promise<Batch> {
    if (this.batch) return this.batch;
    const conn = await this.pool.acquireConnection();
    const sql: Sql = { ...sqliteSql(conn as SqliteConnection), memo: new Map() };
    try {
      await sql.run('BEGIN IMMEDIATE', []);
    } catch (err) {
      await this.pool.releaseConnection(conn);
      throw err;
    }
    this.batch = { sql, conn, counters: new CounterBuffer(), members: [] };
    return this.batch;
  }

  private async commit(): Promise<void> {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    let failure: unknown;
    try {
      batch.counters.flush(batch.sql);
      await batch.sql.run('COMMIT', []);
    } catch (err) {
      failure = err;
      await batch.sql.run('ROLLBACK', []).catch(() => 0);
    } finally {
      await this.pool.releaseConnection(batch.conn);
    }
    if (failure === undefined) {
      this.stats.commits += 1;
      this.stats.members += batch.members.length;
    }
    for (const m of batch.members) {
      if (failure === undefined) m.commit();
      else m.fail(asError(failure));
    }
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
