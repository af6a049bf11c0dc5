/**
 * One factory hides the differences between the embedded SQLite file and PostgreSQL, as
 * knex's dialects do: callers get a knex instance, the dialect name and `migrate()`.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type PgModule from 'pg';
import { MotcuaError } from 'motcua/engine';
import { migrationSource } from './migrations';
import type { Sql } from './sql';
import { BACKSTOP_PAGES, startCheckpointer } from './sqlite-checkpointer';
import { beginImmediate } from './sqlite-immediate';
import { cachePreparedStatements } from './statement-cache';
import { query, transact } from './transact';

/**
 * bigint (int8) columns hold epoch milliseconds, well inside Number's safe range. The pg
 * driver is loaded here, for a PostgreSQL database only (knex loads it the same way): a
 * server on SQLite starts without it.
 */
function readBigintsAsNumbers(): void {
  const pg = createRequire(import.meta.url)('pg') as typeof PgModule;
  pg.types.setTypeParser(20, (v) => Number(v));
}

/**
 * SQLite's page cache for the server's connection, in KiB (8 MiB: 2,048 pages). Why not more:
 * with WAL checkpoints running (sqlite-checkpointer.ts), COMMITs end in `pcache1TruncateUnsafe`
 * walking the page cache's whole hash table, so a COMMIT costs more the more pages the cache
 * holds; and a server's cache fills with every page it writes, nothing evicting them below the
 * limit. With 64 MiB, 3.3% of the server's CPU went there after 20,000 cases (`perf`), and more
 * as the database grows; with 8 MiB, 0.5%. The database file's pages are read through mmap
 * (below), outside this cache. `npm run bench -- sqlite-cache` compares the two.
 */
export const SQLITE_CACHE_KIB = 8192;

/** The pragmas of the server's SQLite connection, in order; `cacheKib` for benchmarks that compare cache sizes. */
export function sqlitePragmas(cacheKib = SQLITE_CACHE_KIB): string[] {
  return [
    'journal_mode = WAL',
    'synchronous = NORMAL',
    'busy_timeout = 5000',
    'foreign_keys = ON',
    `cache_size = -${cacheKib}`,
    'mmap_size = 268435456',
    // Each member of a group commit is a SAVEPOINT, whose statement journal keeps the first
    // image of every page it changes (a filing changes some 30): past 64 KiB SQLite spills it
    // to a temporary file, written and read back by system calls on every transition. In
    // memory it costs a copy (about 10% less CPU per transition in alternated runs). Sorts too
    // big for the page cache go to memory as well: the server's queries are bounded (LIMIT,
    // indexed orders).
    'temp_store = MEMORY',
  ];
}

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  knex: Knex;
  dialect: Dialect;
  /**
   * One transaction on a raw connection through plain SQL (see transact.ts): committed when
   * `fn` resolves, rolled back when it throws.
   */
  transact: <T>(fn: (sql: Sql) => Promise<T>) => Promise<T>;
  /** Reads on one raw connection through plain SQL, outside a transaction. */
  query: <T>(fn: (sql: Sql) => Promise<T>) => Promise<T>;
  /** Creates or upgrades the schema; safe to call on every start. */
  migrate: () => Promise<void>;
  close: () => Promise<void>;
}

export type DatabaseTarget =
  | string
  | { sqlite: string }
  | { postgres: string; schema?: string; pool?: number };

interface BetterSqliteConnection {
  pragma: (source: string) => unknown;
  prepare: (sql: string) => unknown;
  close: () => unknown;
}

/** Opens (and creates the folder of) a SQLite file, or connects a PostgreSQL pool. */
export function openDatabase(target: DatabaseTarget): Database {
  const t = typeof target === 'string' ? (/^postgres(ql)?:/.test(target) ? { postgres: target } : { sqlite: target }) : target;
  if ('sqlite' in t) {
    if (t.sqlite !== ':memory:') mkdirSync(dirname(t.sqlite), { recursive: true });
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: t.sqlite },
      useNullAsDefault: true,
      // One connection: SQLite has one writer anyway, and knex queues transactions on it.
      pool: {
        min: 1,
        max: 1,
        afterCreate: (conn: BetterSqliteConnection, done: (err: Error | null, conn: unknown) => void) => {
          for (const pragma of sqlitePragmas()) conn.pragma(pragma);
          cachePreparedStatements(conn);
          if (t.sqlite !== ':memory:' && !t.sqlite.startsWith('file:')) {
            // Checkpoints run on a worker thread (sqlite-checkpointer.ts): this one only backs it up.
            conn.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
            const checkpointer = startCheckpointer(t.sqlite);
            const close = conn.close.bind(conn);
            conn.close = () => checkpointer.stop().then(close);
          }
          done(null, conn);
        },
      },
    });
    beginImmediate(knex);
    return wrap(knex, 'sqlite', undefined);
  }
  const schema = t.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new MotcuaError('E_CONFIG', `Invalid PostgreSQL schema name '${schema}'`, {
      hint: 'Use lower-case letters, digits and underscores.',
    });
  }
  readBigintsAsNumbers();
  const knex = knexFactory({
    client: 'pg',
    // Pipelined: the writes a transition sends (`Sql.send`) go out without waiting for each
    // answer. Statements still run in order; knex awaits each of its own queries as before.
    connection: { connectionString: t.postgres, pipeline: true } as Knex.PgConnectionConfig,
    pool: { min: 0, max: t.pool ?? 10 },
    ...(schema ? { searchPath: [schema] } : {}),
  });
  return wrap(knex, 'postgres', schema);
}

function wrap(knex: Knex, dialect: Dialect, schema: string | undefined): Database {
  return {
    knex,
    dialect,
    transact: (fn) => transact(knex, dialect, fn),
    query: (fn) => query(knex, dialect, fn),
    async migrate() {
      if (schema) await knex.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]);
      await knex.migrate.latest({ migrationSource, ...(schema ? { schemaName: schema } : {}) });
    },
    close: () => knex.destroy(),
  };
}
