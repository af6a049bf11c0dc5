/**
 * The case service without HTTP: the server of the server benchmark files and advances cases
 * (file, verify, sign) by calling `CaseService` directly, CONCURRENCY commands in flight, on
 * SQLite and PostgreSQL. Printed: the process's CPU per transition (the engine, the case code
 * and the database side, no HTTP stack) and, with BENCH_STORE_STATEMENTS=1 on SQLite, the CPU
 * better-sqlite3's statements took (their time: SQLite runs on the calling thread; the timing
 * itself adds to the total then). Fewer moving parts than the HTTP
 * benchmark, so an A/B of the database side varies less with the machine's load.
 * BENCH_STORE_CASES (default 1500) and BENCH_CONCURRENCY (8) override the defaults.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Principal } from '../../server/src/auth';
import { groupCommitStats } from '../../server/src/db';
import type { Database } from '../../server/src';
import { POPULATION_RECORD } from '../../server/test/fixtures';
import { startBenchServer } from './bench-server';
import { benchDatabases } from './measure';
import { statementKey, traceSqlite } from './sqlite-trace';

const CASES = Number(process.env.BENCH_STORE_CASES ?? 1500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = 300;
/** BENCH_STORE_STATEMENTS=1: every SQLite statement timed (in CPU time) and the largest printed. */
const STATEMENTS = Boolean(process.env.BENCH_STORE_STATEMENTS);

/** Runs `n` tasks, `width` at a time. */
async function pool(n: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/** Sums the process's CPU time (µs) in every better-sqlite3 statement run on the connection. */
async function timeSqlite(db: Pick<Database, 'knex'>): Promise<{ us: number; bySql: Map<string, number> }> {
  const total = { us: 0, bySql: new Map<string, number>() };
  await traceSqlite(
    db,
    (sql, ns) => {
      const us = Number(ns) / 1000;
      const key = statementKey(sql);
      total.us += us;
      total.bySql.set(key, (total.bySql.get(key) ?? 0) + us);
    },
    'cpu',
  );
  return total;
}

export async function run(): Promise<void> {
  console.log(`${CASES} cases x 3 transitions (file, verify, sign) through CaseService, ${CONCURRENCY} in flight, no HTTP`);
  for (const t of benchDatabases('store')) {
    const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-store-'));
    try {
      const db = t.open();
      const { server } = await startBenchServer(db, dataDir);
      const cases = server.services.cases;
      const auth = server.services.auth;
      const principal = async (id: string): Promise<Principal> => auth.verify(await auth.issue(id));
      const cit = await principal('cit');
      const cso = await principal('cso');
      const chair = await principal('chair');
      const { hash } = await server.services.uploads.save('cit', Readable.from([Buffer.from('%PDF bench')]), 'application/pdf', 'birth.pdf');
      const filing = { procedure: 'T.000001', unit: 'commune-a1', data: { applicant: { nationalId: POPULATION_RECORD.nationalId }, child: { name: 'Bé', ageDays: 10 } }, uploads: { 'birth-certificate': hash } };
      const round = async (n: number): Promise<void> => {
        const ids: string[] = [];
        await pool(n, CONCURRENCY, async (i) => void (ids[i] = (await cases.file(cit, filing)).id));
        await pool(n, CONCURRENCY, async (i) => void (await cases.act(cso, ids[i]!, { step: 'verify', action: 'approve', version: 1 })));
        await pool(n, CONCURRENCY, async (i) => void (await cases.act(chair, ids[i]!, { step: 'sign', action: 'sign', version: 2 })));
      };
      await round(WARMUP);
      // Timing each statement costs two getrusage calls a statement: only when asked, so that the CPU figure is the code's own.
      const sqlite = db.dialect === 'sqlite' && STATEMENTS ? await timeSqlite(db) : undefined;
      const commits0 = groupCommitStats(db.knex);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await round(CASES);
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const commits1 = groupCommitStats(db.knex);
      const n = CASES * 3;
      const perCommit = commits0 && commits1 ? (commits1.members - commits0.members) / Math.max(1, commits1.commits - commits0.commits) : undefined;
      const ms = (cpu.user + cpu.system) / 1000 / n;
      console.log(
        `${t.name.padEnd(8)} CPU ${ms.toFixed(3)} ms/transition (${Math.round((cpu.system / (cpu.user + cpu.system)) * 100)}% in the kernel)` +
          (sqlite ? `, SQLite's statements ${(sqlite.us / 1000 / n).toFixed(3)} ms` : '') +
          (perCommit ? `, ${perCommit.toFixed(1)} transactions per COMMIT` : '') +
          ` | ${Math.round((n / wall) * 1000)} transitions/s | load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
      );
      if (sqlite) {
        for (const [text, us] of [...sqlite.bySql].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(us / n).toFixed(1).padStart(6)} µs  ${text.slice(0, 140)}`);
      }
      await server.close();
      await db.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await t.cleanup();
    }
  }
}
