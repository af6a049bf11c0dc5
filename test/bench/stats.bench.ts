/**
 * `GET /api/stats` at BENCH_STATS_CASES cases (default 1,000,000) over a year, 2 provinces
 * of 126 and 40 communes, 40 procedures (a few of them most of the volume), 6% of the cases
 * still open. Seeded in bulk by SQL (the facts rows, then the counts summed from them, as the
 * write path would have left them). The report function is called directly (no HTTP),
 * with the scope a leader gets. Baseline in the same run: the same national year report
 * summed straight from the per-case rows (what it costs without the kept counts).
 * Target: every report p95 < 200 ms. SQLite always, PostgreSQL when MOTCUA_TEST_PG is set.
 */
import { formatDate, parseDate } from 'motcua/engine';
import type { Principal } from '../../server/src/auth';
import type { UnitInfo } from '../../server/src/cases';
import type { Database } from '../../server/src/db';
import { monthOf, narrowTo, parseStatsQuery, runStats, scopeOf, startOfDay, type ProcedureInfo } from '../../server/src/stats';
import { benchDatabases, integerSeries, percentile } from './measure';

const COUNT = Number(process.env.BENCH_STATS_CASES ?? 1_000_000);
const FIRST_DAY = parseDate('2025-12-01')!;
const DAYS = 365;
const NOW = startOfDay(FIRST_DAY + DAYS) + 3_600_000;
const DAY_MS = 86_400_000;
const PROCEDURES = 40;
const PROVINCES: [string, number][] = [['p-a', 126], ['p-b', 40]];

function unitMap(): Map<string, UnitInfo> {
  const out = new Map<string, UnitInfo>();
  for (const [p, n] of PROVINCES) {
    out.set(p, { id: p, level: 'province', parent: null });
    for (let i = 0; i < n; i++) out.set(`${p}-${i}`, { id: `${p}-${i}`, level: 'commune', parent: p });
  }
  return out;
}

const communes = (): string[] => PROVINCES.flatMap(([p, n]) => Array.from({ length: n }, (_, i) => `${p}-${i}`));

function procedureMap(): Map<string, ProcedureInfo> {
  const sectors = ['civil-status', 'residence', 'land', 'business', 'certification'];
  return new Map(Array.from({ length: PROCEDURES }, (_, i) => [`P.${i}`, { sector: sectors[i % sectors.length]!, level: 'commune', name: { vi: `Thủ tục ${i}` } }]));
}

async function fill(db: Database): Promise<void> {
  const units = communes();
  await db.knex.batchInsert('units', [...unitMap().values()].map((u) => ({ id: u.id, name: `Đơn vị ${u.id}`, level: u.level, parent: u.parent })), 500);
  // Day -> month and commune index -> id, as small tables the bulk insert joins.
  await db.knex.schema.createTable('bench_days', (t) => {
    t.integer('i').primary();
    t.integer('day');
    t.integer('month');
  });
  await db.knex.batchInsert('bench_days', Array.from({ length: DAYS }, (_, i) => ({ i, day: FIRST_DAY + i, month: monthOf(FIRST_DAY + i) })), 500);
  await db.knex.schema.createTable('bench_units', (t) => {
    t.integer('i').primary();
    t.string('id');
    t.string('parent');
  });
  const map = unitMap();
  await db.knex.batchInsert('bench_units', units.map((id, i) => ({ i, id, parent: map.get(id)!.parent })), 500);
  const series = integerSeries(db);
  // Deterministic spread: a case's day, unit, procedure (skewed: squares favour low codes) and fate from n.
  const dayIdx = `(n * 7919 % ${DAYS})`;
  const receivedAt = `(${startOfDay(FIRST_DAY)} + ${dayIdx} * ${DAY_MS} + (n % 36000) * 1000)`;
  const open = `(${dayIdx} >= ${DAYS - 25} AND n % 4 = 0)`;
  const t = db.dialect === 'postgres' ? 'TRUE' : '1';
  const f = db.dialect === 'postgres' ? 'FALSE' : '0';
  await db.knex.transaction(async (trx) => {
    await trx.raw(
      `INSERT INTO case_stats (case_id, unit_id, unit_path, procedure_code, online, received_at, received_day, closed_at, supplements, on_time, processing_days, e_result, rating, rated_at)
       SELECT 'b' || n, u.id, u.id || '|' || u.parent || '|*', 'P.' || ((n % 1000) * (n % 1000) * ${PROCEDURES} / 1000000),
         CASE WHEN n % 10 < 6 THEN ${t} ELSE ${f} END, ${receivedAt}, d.day,
         CASE WHEN ${open} THEN NULL ELSE ${receivedAt} + (n % 11 + 1) * ${DAY_MS} END,
         CASE WHEN n % 17 = 0 THEN 2 WHEN n % 4 = 1 THEN 1 ELSE 0 END,
         CASE WHEN ${open} THEN NULL WHEN n % 13 = 0 OR n % 17 = 0 THEN ${f} ELSE ${t} END,
         CASE WHEN ${open} THEN NULL ELSE (n % 11) + 0.5 END,
         CASE WHEN n % 3 = 0 THEN ${f} ELSE ${t} END,
         CASE WHEN NOT ${open} AND n % 7 = 0 THEN n % 5 + 1 ELSE NULL END, NULL
       FROM ${series} JOIN bench_days d ON d.i = ${dayIdx} JOIN bench_units u ON u.i = n % ${units.length}`,
      [COUNT],
    );
    await trx.raw(
      `INSERT INTO stats_open (case_id, unit_id, procedure_code, received_day, received_month, late_after, due_soon_at, supplements)
       SELECT c.case_id, c.unit_id, c.procedure_code, c.received_day, d.month, c.received_at + 10 * ${DAY_MS}, c.received_at + 8 * ${DAY_MS}, c.supplements
       FROM case_stats c JOIN bench_days d ON d.day = c.received_day WHERE c.closed_at IS NULL`,
    );
    // The counts, as the write path keeps them: summed from the facts for each grain, for the
    // case's unit, its province and the country, for its procedure and for all.
    for (const [grain, bucket] of [['d', 'received_day'], ['m', 'received_month']] as const) {
      for (const unit of ['c.unit_id', 'u.parent', "'*'"] as const) {
        for (const procedure of ['c.procedure_code', "'*'"] as const) {
          await trx.raw(
            `INSERT INTO stats_counts (grain, unit_id, procedure_code, bucket, received, online, resolved, on_time, processing_days, e_results, ratings, rating_sum)
             SELECT '${grain}', ${unit}, ${procedure}, ${bucket === 'received_month' ? 'd.month' : 'c.received_day'}, COUNT(*), SUM(CASE WHEN online THEN 1 ELSE 0 END),
               SUM(CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END), SUM(CASE WHEN on_time THEN 1 ELSE 0 END), COALESCE(SUM(processing_days), 0),
               SUM(CASE WHEN e_result AND closed_at IS NOT NULL THEN 1 ELSE 0 END), COUNT(rating), COALESCE(SUM(rating), 0)
             FROM case_stats c JOIN bench_units u ON u.id = c.unit_id JOIN bench_days d ON d.day = c.received_day GROUP BY ${[unit, procedure, bucket === 'received_month' ? 'd.month' : 'c.received_day'].filter((x) => !x.startsWith("'")).join(', ')}`,
          );
        }
      }
    }
  });
  await db.knex.raw(db.dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE');
}

/** The national year report summed straight from the per-case rows: the baseline. */
async function scanBaseline(db: Database): Promise<number> {
  const rows = await db.knex.raw(
    `SELECT unit_id, COUNT(*) AS received, SUM(CASE WHEN online THEN 1 ELSE 0 END) AS online, SUM(CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END) AS resolved,
       SUM(CASE WHEN on_time THEN 1 ELSE 0 END) AS on_time, SUM(processing_days) AS pd, COUNT(rating) AS ratings
     FROM case_stats WHERE received_day >= ? AND received_day <= ? GROUP BY unit_id`,
    [FIRST_DAY, FIRST_DAY + DAYS - 1],
  );
  return Array.isArray(rows) ? rows.length : (rows as { rows: unknown[] }).rows.length;
}

async function timed(fn: () => Promise<unknown>, runs = 15): Promise<{ p50: number; p95: number }> {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return { p50: percentile(xs, 50), p95: percentile(xs, 95) };
}

export async function run(): Promise<void> {
  const targets = benchDatabases('stats');
  const units = unitMap();
  const procedures = procedureMap();
  const admin: Principal = { id: 'admin', name: 'Quản trị', kind: 'admin', nationalId: undefined, roles: [] };
  const leader = (unit: string, level: 'province' | 'commune'): Principal => ({ id: `l-${unit}`, name: 'Lãnh đạo', kind: 'officer', nationalId: undefined, roles: [{ role: 'chair', unit, level }] });
  const today = FIRST_DAY + DAYS - 1;
  const reports: { label: string; who: Principal; query: Record<string, string> }[] = [
    { label: 'national, year, by unit', who: admin, query: { from: formatDate(FIRST_DAY), to: formatDate(today), by: 'unit' } },
    { label: 'national, year, by procedure per month', who: admin, query: { from: formatDate(FIRST_DAY), to: formatDate(today), by: 'procedure', period: 'month' } },
    { label: 'national, year, by sector per day', who: admin, query: { from: formatDate(FIRST_DAY), to: formatDate(today), by: 'sector', period: 'day' } },
    { label: 'province (126 communes), year, by unit per month', who: leader('p-a', 'province'), query: { from: formatDate(FIRST_DAY), to: formatDate(today), by: 'unit', period: 'month' } },
    { label: 'province, 30 days, by unit per day', who: leader('p-a', 'province'), query: { from: formatDate(today - 29), to: formatDate(today), by: 'unit', period: 'day' } },
    { label: 'commune, year, by procedure per week', who: leader('p-a-7', 'commune'), query: { from: formatDate(FIRST_DAY), to: formatDate(today), by: 'procedure', period: 'week' } },
  ];
  for (const t of targets) {
    const db = t.open();
    try {
      await db.migrate();
      const t0 = performance.now();
      await fill(db);
      const seedS = (performance.now() - t0) / 1000;
      const dayRows = Number(((await db.knex('stats_counts').count('* as n').first()) as { n: number | string }).n);
      const base = await timed(() => scanBaseline(db), 5);
      console.log(`${t.name.padEnd(8)} ${COUNT.toLocaleString('en')} cases seeded in ${seedS.toFixed(1)} s (${dayRows.toLocaleString('en')} count rows); baseline (national year summed from per-case rows) p50 ${base.p50.toFixed(0)} ms, p95 ${base.p95.toFixed(0)} ms`);
      for (const r of reports) {
        const q = parseStatsQuery(r.query, today, undefined);
        let rows = 0;
        const m = await timed(async () => {
          const scope = scopeOf(r.who, units);
          const answer = await runStats({ db, units, procedures, now: NOW }, q, q.unit ? narrowTo(scope, q.unit, units) : scope);
          rows = answer.rows.length;
        });
        console.log(`${''.padEnd(9)}${r.label.padEnd(52)} p50 ${m.p50.toFixed(1).padStart(6)} ms, p95 ${m.p95.toFixed(1).padStart(6)} ms (${(m.p95 / base.p95).toFixed(2)}x baseline, ${rows} rows)${m.p95 < 200 ? '' : '  OVER 200 ms'}`);
      }
    } finally {
      await db.close();
      await t.cleanup();
    }
  }
}
