/**
 * SQLite's page cache size against the cost of a COMMIT. Every COMMIT ends by walking the page
 * cache's whole hash table (`pcache1TruncateUnsafe`), so it costs more the more pages the cache
 * holds, and a server's cache fills with every page it writes (the file's pages it only reads
 * come through mmap, outside the cache). Each round writes a database of about 55 MB
 * (BENCH_SQLITE_CACHE_ROWS rows of 400 bytes) on one connection, as a server's connection
 * writes its database, then times small write transactions like a group commit's (five
 * inserts into a table with an index, then COMMIT, with a checkpoint every
 * {@link CHECKPOINT_EVERY} as the server's checkpointer makes) on it: with the server's cache
 * (`SQLITE_CACHE_KIB`, server/src/db/open-database.ts) and, as the baseline, with the 64 MiB it
 * had before, alternated. Printed: CPU per transaction of each, and their ratio (target: the
 * server's at most 0.9 of the baseline's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQLITE_CACHE_KIB, sqlitePragmas } from '../../server/src/db/open-database';
import { median } from './measure';

/** What this benchmark uses of a better-sqlite3 connection (the package has no types here). */
interface Connection {
  pragma: (source: string) => unknown;
  exec: (source: string) => void;
  prepare: (source: string) => { run: (...params: unknown[]) => unknown };
  transaction: <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void;
  close: () => void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Connection;

const ROWS = Number(process.env.BENCH_SQLITE_CACHE_ROWS ?? 100_000);
const TRANSACTIONS = 2_000;
const ROUNDS = 3;
const BASELINE_KIB = 65_536;
/** Transactions between two checkpoints (the server's worker checkpoints every 200 ms). */
const CHECKPOINT_EVERY = 500;

/** A new database at `file` on a connection with the server's pragmas and the given cache, written by that connection. */
function written(file: string, cacheKib: number): Connection {
  const db = new Database(file);
  for (const pragma of sqlitePragmas(cacheKib)) db.pragma(pragma);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, v TEXT); CREATE INDEX t_k ON t (k)');
  const insert = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
  const fill = db.transaction((from: number) => {
    for (let i = from; i < Math.min(ROWS, from + 1_000); i++) insert.run(`seed-${i}-${Math.random()}`, 'y'.repeat(400));
  });
  for (let from = 0; from < ROWS; from += 1_000) fill(from);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return db;
}

/** CPU (µs) per small write transaction on `db`. */
function writeTransactions(db: Connection): number {
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const insert = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
  const pad = 'x'.repeat(400);
  const before = process.cpuUsage();
  for (let n = 0; n < TRANSACTIONS; n++) {
    begin.run();
    for (let i = 0; i < 5; i++) insert.run(`${n}-${i}-${Math.random()}`, pad);
    commit.run();
    // As the server's checkpointer does a few times a second (sqlite-checkpointer.ts).
    if (n % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) db.pragma('wal_checkpoint(PASSIVE)');
  }
  const used = process.cpuUsage(before);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return (used.user + used.system) / TRANSACTIONS;
}

export function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-sqlite-cache-'));
  try {
    const server: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [kib, into] of [[BASELINE_KIB, baseline], [SQLITE_CACHE_KIB, server]] as const) {
        const file = join(dir, `cache-${round}-${kib}.sqlite`);
        const db = written(file, kib);
        into.push(writeTransactions(db));
        db.close();
        for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      }
    }
    const ratio = median(server) / median(baseline);
    const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(`sqlite page cache, ${ROWS.toLocaleString('en')} rows written first, ${TRANSACTIONS.toLocaleString('en')} transactions of 5 inserts per round, ${ROUNDS} rounds alternated`);
    console.log(`  baseline, ${BASELINE_KIB / 1024} MiB cache: CPU per transaction ${fmt(baseline)} µs`);
    console.log(`  server, ${SQLITE_CACHE_KIB / 1024} MiB cache: CPU per transaction ${fmt(server)} µs`);
    console.log(`  ratio (median) ${ratio.toFixed(2)} of the baseline (target <= 0.9: ${ratio <= 0.9 ? 'met' : 'not met'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Promise.resolve();
}
