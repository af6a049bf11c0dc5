/**
 * The read side of `GET /api/stats`: two indexed queries, never a scan of the cases.
 * - Counts: sums over `stats_day` (one row per received day, unit and procedure, kept up to
 *   date by the transition's transaction): received, online, resolved, resolved on time,
 *   processing days, electronic results, ratings.
 * - Open cases: `case_stats` rows still open (a partial index holds only them), each judged
 *   at its bucket's end (or now, for a bucket not over): late when its due passed or after
 *   more than one supplement request, as the national portal counts.
 * A province's row adds up its own cases and its communes' (units have parents).
 */
import type { StatsAnswer, StatsFigures, StatsRow } from 'motcua/contract';
import { formatDate, parseDate } from 'motcua/engine';
import type { UnitInfo } from '../cases';
import type { Database, Sql } from '../db';
import { index766 } from './index766';
import { startOfDay, type StatsQuery } from './params';
import type { StatsScope } from './scope';

/** What statistics read about a procedure (its newest version). */
export interface ProcedureInfo {
  sector: string | null;
  level: string;
  name: { vi: string; en?: string };
}

export interface StatsDeps {
  db: Database;
  units: ReadonlyMap<string, UnitInfo>;
  procedures: ReadonlyMap<string, ProcedureInfo>;
  now: number;
}

interface Bucket {
  key: number;
  label: string;
  /** Instant open cases of the bucket are judged at. */
  judgeAt: number;
}

interface Acc {
  received: number; online: number; resolved: number; resolvedOnTime: number; processingDays: number; electronicResults: number;
  ratings: number; ratingSum: number; open: number; lateAtEnd: number; overdueNow: number; dueSoon: number;
}

const zero = (): Acc => ({ received: 0, online: 0, resolved: 0, resolvedOnTime: 0, processingDays: 0, electronicResults: 0, ratings: 0, ratingSum: 0, open: 0, lateAtEnd: 0, overdueNow: 0, dueSoon: 0 });

function add(a: Acc, b: Acc): void {
  for (const k of Object.keys(a) as (keyof Acc)[]) a[k] += b[k];
}

/** The buckets of the range (one without a period), each judged at its end or now. */
function bucketsOf(q: StatsQuery, now: number): Bucket[] {
  const end = (nextDay: number): number => Math.min(startOfDay(Math.min(nextDay, q.toDay + 1)), now);
  if (!q.period) return [{ key: 0, label: formatDate(q.fromDay), judgeAt: end(q.toDay + 1) }];
  const out: Bucket[] = [];
  for (let d = q.fromDay; d <= q.toDay; ) {
    let first: number;
    let next: number;
    let key: number;
    if (q.period === 'day') {
      first = d; next = d + 1; key = d;
    } else if (q.period === 'week') {
      key = Math.floor((d + 3) / 7); first = key * 7 - 3; next = first + 7;
    } else {
      const iso = formatDate(d);
      const y = Number(iso.slice(0, 4));
      const m = Number(iso.slice(5, 7));
      key = y * 100 + m;
      first = parseDate(`${iso.slice(0, 7)}-01`)!;
      next = parseDate(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`)!;
    }
    out.push({ key, label: q.period === 'month' ? formatDate(first).slice(0, 7) : formatDate(first), judgeAt: end(next) });
    d = next;
  }
  return out;
}

/** The bucket of a row, as SQL over the day column (and month column) given. */
function bucketSql(q: StatsQuery, day: string, month: string): string {
  if (!q.period) return '0';
  if (q.period === 'day') return day;
  if (q.period === 'week') return `(${day} + 3) / 7`;
  return month;
}

/** A constant bucket is no GROUP BY term (a number there names a column). */
const groupBy = (q: StatsQuery, bucket: string, key: string): string => (q.period ? `${bucket}, ${key}` : key);

const inList = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** Runs the report for `q` within `scope`. */
export async function runStats(d: StatsDeps, q: StatsQuery, scope: StatsScope): Promise<StatsAnswer> {
  const buckets = bucketsOf(q, d.now);
  const byBucket = new Map(buckets.map((b) => [b.key, b]));
  const codes = procedureFilter(d, q);
  const answer = (rows: StatsRow[], total: StatsFigures): StatsAnswer => ({
    from: formatDate(q.fromDay),
    to: formatDate(q.toDay),
    by: q.by,
    ...(q.period ? { period: q.period } : {}),
    asOf: new Date(d.now).toISOString(),
    scope: scope.kind === 'all' ? 'all' : scope.roots,
    rows,
    total,
  });
  if (codes && !codes.length) return answer([], figures(zero()));

  const unitIds = scope.kind === 'units' ? [...scope.units] : undefined;
  const keyCol = q.by === 'unit' ? 'unit_id' : 'procedure_code';
  const filters = (dayCol: string): { where: string; params: unknown[] } => {
    let where = `${dayCol} >= ? AND ${dayCol} <= ?`;
    const params: unknown[] = [q.fromDay, q.toDay];
    if (unitIds) {
      where += ` AND unit_id IN (${inList(unitIds.length)})`;
      params.push(...unitIds);
    }
    if (codes) {
      where += ` AND procedure_code IN (${inList(codes.length)})`;
      params.push(...codes);
    }
    return { where, params };
  };

  const leaves = new Map<string, Acc>();
  const leaf = (bucket: number, key: string): Acc => {
    const id = `${bucket}|${key}`;
    let a = leaves.get(id);
    if (!a) leaves.set(id, (a = zero()));
    return a;
  };

  await d.db.query(async (sql: Sql) => {
    const counts = filters('day');
    const bCounts = bucketSql(q, 'day', 'month');
    const countRows = await sql.all<Record<string, number | string | null>>(
      `SELECT ${bCounts} AS b, ${keyCol} AS k, SUM(received) AS received, SUM(online) AS online, SUM(resolved) AS resolved, SUM(on_time) AS on_time, ` +
        `SUM(processing_days) AS processing_days, SUM(e_results) AS e_results, SUM(ratings) AS ratings, SUM(rating_sum) AS rating_sum ` +
        `FROM stats_day WHERE ${counts.where} GROUP BY ${groupBy(q, bCounts, keyCol)}`,
      counts.params,
    );
    for (const r of countRows) {
      const a = leaf(Number(r.b), String(r.k));
      a.received += Number(r.received); a.online += Number(r.online); a.resolved += Number(r.resolved); a.resolvedOnTime += Number(r.on_time);
      a.processingDays += Number(r.processing_days); a.electronicResults += Number(r.e_results); a.ratings += Number(r.ratings); a.ratingSum += Number(r.rating_sum);
    }
    const open = filters('received_day');
    const bOpen = bucketSql(q, 'received_day', 'received_month');
    // Each bucket's end as a literal (numbers computed here, never from the request's text).
    const judge = q.period
      ? `CASE ${bOpen} ${buckets.map((b) => `WHEN ${b.key} THEN ${b.judgeAt}`).join(' ')} ELSE ${d.now} END`
      : String(buckets[0]!.judgeAt);
    const openRows = await sql.all<Record<string, number | string | null>>(
      `SELECT ${bOpen} AS b, ${keyCol} AS k, COUNT(*) AS open, ` +
        `SUM(CASE WHEN supplements > 1 OR late_after < ${judge} THEN 1 ELSE 0 END) AS late_at_end, ` +
        `SUM(CASE WHEN late_after < ? THEN 1 ELSE 0 END) AS overdue_now, ` +
        `SUM(CASE WHEN due_soon_at <= ? AND late_after >= ? THEN 1 ELSE 0 END) AS due_soon ` +
        `FROM case_stats WHERE closed_at IS NULL AND ${open.where} GROUP BY ${groupBy(q, bOpen, keyCol)}`,
      [d.now, d.now, d.now, ...open.params],
    );
    for (const r of openRows) {
      const a = leaf(Number(r.b), String(r.k));
      a.open += Number(r.open); a.lateAtEnd += Number(r.late_at_end); a.overdueNow += Number(r.overdue_now); a.dueSoon += Number(r.due_soon);
    }
  });

  const total = zero();
  for (const a of leaves.values()) add(total, a);
  // Group: a unit and every ancestor in scope (roll-up), or the procedure's own group.
  const groups = new Map<string, { bucket: number; key: string; acc: Acc }>();
  const into = (bucket: number, key: string, a: Acc): void => {
    const id = `${bucket}|${key}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { bucket, key, acc: zero() }));
    add(g.acc, a);
  };
  for (const [id, a] of leaves) {
    const bar = id.indexOf('|');
    const bucket = Number(id.slice(0, bar));
    const key = id.slice(bar + 1);
    if (q.by === 'unit') {
      for (let u: string | undefined = key; u; u = d.units.get(u)?.parent ?? undefined) {
        if (scope.kind === 'units' && !scope.units.has(u)) break;
        into(bucket, u, a);
      }
    } else if (q.by === 'procedure') into(bucket, key, a);
    else if (q.by === 'sector') into(bucket, d.procedures.get(key)?.sector ?? 'unknown', a);
    else into(bucket, d.procedures.get(key)?.level ?? 'unknown', a);
  }

  const names = q.by === 'unit' ? await unitNames(d.db, [...new Set([...groups.values()].map((g) => g.key))]) : new Map<string, string>();
  const rows: StatsRow[] = [...groups.values()]
    .sort((x, y) => x.bucket - y.bucket || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((g) => {
      const f = figures(g.acc);
      const row: StatsRow = { key: g.key, ...f };
      if (q.period) row.bucket = byBucket.get(g.bucket)?.label ?? '';
      if (q.by === 'unit') {
        const u = d.units.get(g.key);
        const name = names.get(g.key);
        if (name) row.name = name;
        if (u?.parent) row.parent = u.parent;
        if (u) row.level = u.level;
        if (!q.period) row.index766 = index766(f);
      } else if (q.by === 'procedure') {
        const p = d.procedures.get(g.key);
        if (p) {
          row.name = p.name.vi;
          if (p.name.en) row.nameEn = p.name.en;
        }
      }
      return row;
    });
  return answer(rows, figures(total));
}

/** Procedure codes the filters allow; undefined when no filter narrows them. */
function procedureFilter(d: StatsDeps, q: StatsQuery): string[] | undefined {
  if (!q.procedure && !q.sector && !q.level) return undefined;
  return [...d.procedures.entries()]
    .filter(([code, p]) => (!q.procedure || code === q.procedure) && (!q.sector || p.sector === q.sector) && (!q.level || p.level === q.level))
    .map(([code]) => code);
}

async function unitNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.knex('units').whereIn('id', chunk).select<{ id: string; name: string }[]>('id', 'name');
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The answer's figures from sums. */
export function figures(a: Acc): StatsFigures {
  const onTime = a.resolvedOnTime + (a.open - a.lateAtEnd);
  return {
    received: a.received,
    resolved: a.resolved,
    resolvedOnTime: a.resolvedOnTime,
    onTime,
    onTimeRate: a.received ? round(onTime / a.received) : null,
    overdueNow: a.overdueNow,
    dueSoon: a.dueSoon,
    open: a.open,
    online: a.online,
    onlineShare: a.received ? round(a.online / a.received) : null,
    avgProcessingDays: a.resolved ? round(a.processingDays / a.resolved, 2) : null,
    electronicResults: a.electronicResults,
    satisfaction: { count: a.ratings, average: a.ratings ? round(a.ratingSum / a.ratings, 2) : null },
  };
}
