/**
 * Plain SQL on one connection, for the statements every request runs. knex's query builder
 * and its transaction machinery cost more per statement than SQLite takes to run it, so the
 * hot paths (filing, actions, authentication, the case view) write SQL once, with `?`
 * placeholders, and run it here: a prepared statement cached by the connection on SQLite, a
 * named prepared statement on the pg client on PostgreSQL.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import type { CounterBuffer } from './counters';

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs a write; resolves with the number of rows it changed. */
  run: (sql: string, params: readonly unknown[]) => Promise<number>;
  /** Runs a read; resolves with its rows. */
  all: <T>(sql: string, params: readonly unknown[]) => Promise<T[]>;
  /**
   * Sends a write whose answer nobody waits for. On PostgreSQL the pg client is pipelined:
   * the writes of a transition go out together and cost one round trip, not one each. A
   * failure surfaces at the next `run`/`all` awaited on this connection or at {@link settle}
   * (which the transaction calls before COMMIT); later statements of the transaction fail too,
   * and it rolls back. On SQLite the write runs at once (and throws at once). `refine` turns
   * the write's own failure into the error to throw (e.g. a guard's into a 409), whichever
   * statement it surfaces at.
   */
  send: (sql: string, params: readonly unknown[], refine?: (err: unknown) => unknown) => void;
  /** Waits for every write {@link send} sent; throws the first one's error. */
  settle: () => Promise<void>;
  /**
   * Sends COMMIT now, behind every statement sent so far, without waiting for their answers:
   * the reads awaited after it and the COMMIT cost one round trip. Nothing may be sent after
   * it. If a statement before it failed, PostgreSQL ends the transaction with a ROLLBACK
   * instead, and the failure is thrown by the statement's own answer or by the transaction's
   * end. Only inside `transact` on PostgreSQL (SQLite's group commit ends many transactions at
   * once); `fn` must not fail after calling it other than through those answers, since what it
   * wrote is then committed.
   */
  readonly commitEarly?: () => void;
  /**
   * Values read earlier in the same transaction that nobody else can change before it ends
   * (SQLite's batch holds the write lock), kept to spare a statement. Emptied whenever work of
   * the transaction is rolled back; absent where nothing may be kept.
   */
  readonly memo?: Map<string, unknown>;
  /**
   * Where additive counters go until the group commit writes them, summed, before its COMMIT
   * (counters.ts); absent where each transaction writes its own (PostgreSQL, and SQLite
   * outside a batch).
   */
  readonly counters?: CounterBuffer;
}

interface Statement {
  run: (params: readonly unknown[]) => { changes: number };
  all: (params: readonly unknown[]) => unknown[];
}

/** A better-sqlite3 connection (its `prepare` is cached, see statement-cache.ts). */
export interface SqliteConnection {
  prepare: (sql: string) => Statement;
}

/** What a pg statement answers. */
interface PgResult {
  rowCount: number | null;
  rows: unknown[];
}

/** A pg client. */
export interface PgConnection {
  /** Takes a pg `Query` (a submittable): it answers through its callback. */
  query: (q: pg.Query) => unknown;
  /** pg's protocol writer, whose socket is corked while a transition's statements are sent. */
  connection?: { stream?: { cork?: () => void; uncork?: () => void } };
}

interface TrxClient {
  config: { client?: unknown };
  acquireConnection: () => Promise<unknown>;
}

/**
 * `params` as both drivers bind them: neither binds undefined, and better-sqlite3 binds no
 * booleans. The caller's own array when it holds neither, as most do: every statement of
 * every transition comes through here, so none is copied without a reason.
 */
function bindable(params: readonly unknown[]): readonly unknown[] {
  for (const p of params) {
    if (p === undefined || typeof p === 'boolean') return params.map((v) => (v === undefined ? null : v === true ? 1 : v === false ? 0 : v));
  }
  return params;
}

/**
 * {@link Sql} on a better-sqlite3 connection: synchronous work behind resolved promises. The
 * parameters go to better-sqlite3 as one array (it binds an array's items in order), not
 * spread into arguments.
 */
export function sqliteSql(conn: SqliteConnection): Sql {
  return {
    dialect: 'sqlite',
    run: (sql, params) => Promise.resolve(conn.prepare(sql).run(bindable(params)).changes),
    all: <T>(sql: string, params: readonly unknown[]) => Promise.resolve(conn.prepare(sql).all(bindable(params)) as T[]),
    send: (sql, params, refine) => {
      try {
        conn.prepare(sql).run(bindable(params));
      } catch (err) {
        throw refine ? refine(err) : err;
      }
    },
    settle: () => Promise.resolve(),
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

/** Past this many parameters a group of writes is sent as it is (PostgreSQL allows 65,535 a statement). */
const MAX_GROUP_PARAMS = 20_000;

/**
 * The table a write changes, when it may join a group of writes sent as one statement: an
 * INSERT, UPDATE or DELETE that reads no table but its own (the timeline's next `seq`), joins
 * nothing and answers nothing (no RETURNING). Anything else is sent on its own. Asked for every
 * write of every transition, of a few statement texts: the answer is kept by text.
 */
function groupableTarget(sql: string): string | undefined {
  const known = groupable.get(sql);
  if (known !== undefined) return known || undefined;
  const table = readGroupableTarget(sql);
  if (groupable.size < 2000) groupable.set(sql, table ?? '');
  return table;
}

/** {@link groupableTarget}'s answers by statement text ('' for none). */
const groupable = new Map<string, string>();

function readGroupableTarget(sql: string): string | undefined {
  const m = /^(?:INSERT INTO|UPDATE|DELETE FROM) "?([A-Za-z_]\w*)"?[\s(]/.exec(sql);
  if (!m || /\b(?:WITH|RETURNING|JOIN|USING)\b/i.test(sql)) return undefined;
  const table = m[1]!.toLowerCase();
  // A part reading another table could miss what another part of its statement wrote there.
  for (const from of sql.matchAll(/\bFROM\s+"?([A-Za-z_]\w*)/gi)) if (from[1]!.toLowerCase() !== table) return undefined;
  return table;
}

/** `WITH w1 AS (a), w2 AS (b) c`: PostgreSQL runs every data-modifying part of one statement. */
function oneStatement(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0]!;
  return `WITH ${parts.slice(0, -1).map((p, i) => `w${i + 1} AS (${p})`).join(', ')} ${parts.at(-1)!}`;
}

/**
 * {@link Sql} on a pg client.
 *
 * Two things make a transition's dozen writes cheap on the client, where issue 16 measures
 * the server's CPU:
 * - **One statement for writes to different tables.** The writes {@link Sql.send} sends one
 *   after the other, each to another table, go out as one statement whose parts are
 *   data-modifying WITH queries: one Bind, Execute and answer for pg to build and parse
 *   instead of one each (a filing's 16 statements become 7). Only writes that read no table
 *   but their own join a group (groupableTarget), and a write to a table already in the group starts
 *   the next one, so no part depends on what another part of its statement changed
 *   (PostgreSQL runs them on one snapshot). Foreign keys are checked at the statement's end,
 *   with every part done. A group is sent before any statement that is awaited or not
 *   groupable, so the order of statements (and of the locks they take: the audit head last)
 *   is the order they were sent in.
 * - **One socket write per job.** pg corks the socket around each statement only (bind,
 *   execute, sync), so every statement was a `writev` of its own, each waking the PostgreSQL
 *   backend: on two cores the client and the backend took turns a dozen times per transition.
 *   The socket is corked until the current job and its promise callbacks are done
 *   (`process.nextTick`): what was sent meanwhile leaves in one system call. Nothing waits on
 *   it: no answer can arrive before the event loop polls.
 */
export function pgSql(client: PgConnection): Sql {
  const stream = client.connection?.stream;
  const cork = stream?.cork?.bind(stream);
  const uncork = stream?.uncork?.bind(stream);
  let corked = false;
  let scheduled = false;
  /** Writes sent and not yet settled, and the first of them that failed. */
  let inFlight: Promise<unknown>[] = [];
  let failed: { error: unknown } | undefined;
  /** Writes to different tables waiting to leave as one statement. */
  let group: { tables: Set<string>; parts: string[]; params: unknown[] } | undefined;

  const release = (): void => {
    flush();
    scheduled = false;
    if (corked) {
      corked = false;
      uncork?.();
    }
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    process.nextTick(release);
  };
  const dispatch = (sql: string, params: readonly unknown[]) => {
    if (cork && uncork && !corked) {
      corked = true;
      cork();
      schedule();
    }
    // Transaction control cannot be a named statement worth keeping: sent as is.
    const s = params.length ? pgStatement(sql) : undefined;
    return new Promise<PgResult>((resolve, reject) => {
      // pg's Query made from the text alone, then given its name, values and callback: given
      // a config object, pg copies it property by property (descriptors and all), and wraps its
      // answer in a promise of its own, for every statement of every transition.
      const q = new pg.Query(s ? s.text : sql) as pg.Query & { name?: string; values?: unknown[]; callback?: (err: Error | null, res?: PgResult) => void };
      if (s) {
        q.name = s.name;
        q.values = bindable(params) as unknown[];
      }
      q.callback = (err, res) => (err ? reject(err) : resolve(res!));
      client.query(q);
    });
  };
  // The failure is refined here, in the same reaction that records it: a reaction of its own
  // would run after the next statements' failures (PostgreSQL refusing them because this one
  // failed) were recorded.
  const track = (answer: Promise<unknown>, refine?: (err: unknown) => unknown): void => {
    inFlight.push(
      answer.catch((error: unknown) => {
        failed ??= { error: refine ? refine(error) : error };
      }),
    );
  };
  function flush(): void {
    const g = group;
    if (!g) return;
    group = undefined;
    track(dispatch(oneStatement(g.parts), g.params));
  }
  const settle = async (): Promise<void> => {
    flush();
    const waiting = inFlight;
    inFlight = [];
    await Promise.all(waiting);
    const f = failed;
    failed = undefined;
    if (f) throw f.error;
  };
  // The pg client answers in the order it sent: when a statement fails, the writes sent
  // before it have been answered, and the first failure is the cause (the rest is PostgreSQL
  // refusing everything after it in the transaction).
  const query = async (sql: string, params: readonly unknown[]) => {
    flush();
    try {
      return await dispatch(sql, params);
    } catch (err) {
      if (inFlight.length || failed) await settle();
      throw err;
    }
  };
  return {
    dialect: 'postgres',
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    all: async <T>(sql: string, params: readonly unknown[]) => (await query(sql, params)).rows as T[],
    send: (sql, params, refine) => {
      const table = params.length && !refine ? groupableTarget(sql) : undefined;
      if (table === undefined) {
        flush();
        track(dispatch(sql, params), refine);
        return;
      }
      if (group && (group.tables.has(table) || group.params.length + params.length > MAX_GROUP_PARAMS)) flush();
      if (!group) {
        group = { tables: new Set(), parts: [], params: [] };
        schedule();
      }
      group.tables.add(table);
      group.parts.push(sql);
      for (const p of params) group.params.push(p);
    },
    settle,
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

const valuesCache = new Map<string, { tail: string; texts: Map<number, string> }>();

/**
 * `head + placeholders(rows, columns) + tail`, the same string each time for the same
 * arguments. The statement cache looks every statement up by its text: a text built anew
 * for each statement is hashed anew, where a kept one carries its hash. `head` and `tail`
 * are the caller's constants.
 */
export function valuesSql(head: string, rows: number, columns: number, tail = ''): string {
  let kept = valuesCache.get(head);
  if (kept === undefined && valuesCache.size < 200) {
    kept = { tail, texts: new Map() };
    valuesCache.set(head, kept);
  }
  if (kept === undefined || kept.tail !== tail) return head + placeholders(rows, columns) + tail;
  const shape = rows * 1024 + columns;
  let text = kept.texts.get(shape);
  if (text === undefined) {
    text = head + placeholders(rows, columns) + tail;
    if (kept.texts.size < 64) kept.texts.set(shape, text);
  }
  return text;
}
