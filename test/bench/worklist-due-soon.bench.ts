/**
 * The worklist's `dueSoon` filter on the engine's due-soon instant (`work_items.due_soon_at`)
 * with WORKLIST_CASES work items (default 1,000,000) over 100 units, dues spread over 70 days
 * and `now` in the middle, so that every page mixes overdue, due-soon and running items. The
 * query function is called directly (no HTTP). Baseline in the same run: the plain first
 * page. Target: p95 < 50 ms. SQLite always, PostgreSQL when MOTCUA_TEST_PG is set.
 */
import type { Principal } from '../../server/src/auth';
import { worklist, type WorklistQuery } from '../../server/src/cases';
import type { Database } from '../../server/src/db';
import { benchDatabases, integerSeries, percentile } from './measure';

const COUNT = Number(process.env.BENCH_WORKLIST_CASES ?? 1_000_000);
const UNITS = 100;
const BASE = Date.parse('2026-01-01T00:00:00Z');
const SPAN_MIN = 100_000;
/** Dues are at BASE + k minutes; each allowed 15 days, due-soon the last fifth (3 days). */
const SOON_MS = 3 * 24 * 3_600_000;
const NOW = BASE + (SPAN_MIN / 2) * 60_000;

async function fill(db: Database): Promise<void> {
  const state = JSON.stringify({ filler: 'x'.repeat(200) });
  const series = integerSeries(db);
  const due = `${BASE} + (n * 7919 % ${SPAN_MIN}) * 60000`;
  await db.knex.transaction(async (trx) => {
    await trx.raw(
      `INSERT INTO cases (id, procedure_code, procedure_version, applicant_id, unit_id, status, due_at, submitted_at, updated_at, version, state)
       SELECT 'wl' || n, 'T.000001', '1.0.0', 'cit', 'wl-' || (n % ${UNITS}), 'processing', ${due}, ${BASE}, ${BASE}, 1, ? FROM ${series}`,
      [state, COUNT],
    );
    await trx.raw(
      `INSERT INTO work_items (case_id, step, role, level, unit_id, due_at, due_soon_at)
       SELECT id, 'verify', 'civil-status-officer', 'commune', unit_id, due_at, due_at - ${SOON_MS} FROM cases`,
    );
  });
  await db.knex.raw('ANALYZE');
}

async function measure(db: Database, q: Omit<WorklistQuery, 'limit'>): Promise<{ p50: number; p95: number; items: number }> {
  const principal: Principal = { id: 'wl-officer', name: 'Cán bộ', kind: 'officer', nationalId: undefined, roles: [{ role: 'civil-status-officer', unit: 'wl-7', level: 'commune' }] };
  const latencies: number[] = [];
  let items = 0;
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const page = await worklist(db.knex, principal, { ...q, limit: 50 }, NOW + i * 60_000);
    latencies.push(performance.now() - t0);
    items = page.items.length;
    if (q.dueSoon && page.items.some((x) => !x.dueSoon)) throw new Error('dueSoon filter returned an item not due soon');
  }
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), items };
}

export async function run(): Promise<void> {
  const targets = benchDatabases('wl');
  for (const t of targets) {
    const db = t.open();
    try {
      await db.migrate();
      await db.knex('units').insert(Array.from({ length: UNITS }, (_, u) => ({ id: `wl-${u}`, name: `Xã ${u}`, level: 'commune', parent: null })));
      // The applicant every case names: the worklist joins its display name (and the unit's).
      await db.knex('users').insert({ id: 'cit', name: 'Nguyễn Văn An', kind: 'citizen', national_id: '001090000001' });
      const t0 = performance.now();
      await fill(db);
      const insertS = (performance.now() - t0) / 1000;
      const plain = await measure(db, {});
      const soon = await measure(db, { dueSoon: true });
      const notLate = await measure(db, { overdue: false });
      console.log(
        `${t.name.padEnd(8)} ${COUNT.toLocaleString('en')} work items (inserted in ${insertS.toFixed(1)} s): first page p50 ${plain.p50.toFixed(1)} ms, p95 ${plain.p95.toFixed(1)} ms (baseline) | ` +
          `dueSoon=true p50 ${soon.p50.toFixed(1)} ms, p95 ${soon.p95.toFixed(1)} ms (${(soon.p95 / plain.p95).toFixed(2)}x, ${soon.items} items) | overdue=false p95 ${notLate.p95.toFixed(1)} ms (${(notLate.p95 / plain.p95).toFixed(2)}x)`,
      );
    } finally {
      await db.close();
      await t.cleanup();
    }
  }
}
