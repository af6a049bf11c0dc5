/**
 * What every benchmark needs: percentiles of latencies, the databases to run on (SQLite
 * always, PostgreSQL in a schema of its own when MOTCUA_TEST_PG is set, dropped afterwards)
 * and a row series for seeding a million rows in one statement on either database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { openDatabase, type Database } from '../../server/src/db';

/** The p-th percentile (nearest rank) of `xs`; NaN for none. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** The median of `xs` (the upper one for an even count); NaN for none. */
export const median = (xs: readonly number[]): number => percentile(xs, 50);

/** A database a benchmark runs on: each `open()` is a fresh, empty database. */
export interface BenchDatabase {
  name: 'sqlite' | 'postgres';
  open: () => Database;
  /** Removes every database `open()` made. */
  cleanup: () => Promise<void>;
}

/**
 * SQLite in a temporary folder, and PostgreSQL when MOTCUA_TEST_PG (or DATABASE_URL) names a
 * server; `pgPool` sizes the PostgreSQL pool for concurrent benchmarks.
 */
export function benchDatabases(prefix: string, options: { pgPool?: number } = {}): BenchDatabase[] {
  const out = allBenchDatabases(prefix, options);
  // BENCH_DATABASES=postgres (or sqlite): one database's figures only, e.g. under a profiler.
  const only = process.env.BENCH_DATABASES?.split(',').map((s) => s.trim());
  if (!only) return out;
  for (const d of out) if (!only.includes(d.name)) void d.cleanup();
  return out.filter((d) => only.includes(d.name));
}

function allBenchDatabases(prefix: string, options: { pgPool?: number }): BenchDatabase[] {
  const out: BenchDatabase[] = [];
  const dir = mkdtempSync(join(tmpdir(), `motcua-bench-${prefix}-`));
  let n = 0;
  out.push({
    name: 'sqlite',
    open: () => openDatabase({ sqlite: join(dir, `${prefix}-${++n}.sqlite`) }),
    cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  });
  const pg = process.env.MOTCUA_TEST_PG ?? process.env.DATABASE_URL;
  if (!pg) {
    console.log('(PostgreSQL skipped: set MOTCUA_TEST_PG or DATABASE_URL)');
    return out;
  }
  const schemas: string[] = [];
  out.push({
    name: 'postgres',
    open: () => {
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      return openDatabase({ postgres: pg, schema, ...(options.pgPool ? { pool: options.pgPool } : {}) });
    },
    cleanup: async () => {
      const admin = knexFactory({ client: 'pg', connection: pg, pool: { min: 0, max: 1 } });
      for (const s of schemas) await admin.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [s]);
      await admin.destroy();
    },
  });
  return out;
}

/**
 * A FROM item yielding `n` = 1..? (one binding: the count), for `INSERT ... SELECT` seeding:
 * `generate_series` on PostgreSQL, a recursive common table expression on SQLite.
 */
export const integerSeries = (db: Database): string =>
  db.dialect === 'postgres' ? 'generate_series(1::bigint, ?) g(n)' : '(WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ?) SELECT n FROM g) g';
