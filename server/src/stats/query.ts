/**
 * The read side of `GET /api/stats`: indexed queries whose cost follows the rows answered,
 * never the number of cases.
 * - Counts: `stats_counts`, kept up to date by the transition's transaction for each unit and
 *   every unit above it, each procedure and all, each day and month: a range is read as its
 *   whole months plus the days at its edges (received, online, resolved, resolved on time,
 *   processing days, electronic results, ratings).
 * - Open cases: `stats_open` (a case's row leaves it when the case closes), each judged
 *   at its bucket's end (or now, for a bucket not over): late when its due passed or after
 *   more than one supplement request, as the national portal counts.
 * by=unit answers the scope's units and the units right under them (a province and its
 * communes; for the whole country its provinces and ministries): a province's row adds up its
 * own cases and its communes' (units have parents). `unit=` drills down.
 */
import type { StatsAnswer, StatsFigures, StatsRow } from 'motcua/contract';
import { DAY_MS, formatDate, parseDate } from 'motcua/engine';
import type { UnitInfo } from '../cases';
import type { Database, Sql } from '../db';
import { index766 } from './index766';
import { ALL, monthOf } from './record';
import { STATS_ZONE, startOfDay, type StatsQuery } from './params';
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

/** The bucket of an open case, as SQL over its received day and month columns. */
function bucketSql(q: StatsQuery, day: string, month: string): string {
  if (!q.period) return '0';
  if (q.period === 'day') return day;
  if (q.period === 'week') return `(${day} + 3) / 7`;
  return month;
}

/**
 * The instant an open case's bucket ends, as SQL over its row (numbers computed here, never
 * from the request's text). Judged at the earliest of that, the range's end and now: the query
 * asks all three.
 */
function bucketEndSql(q: StatsQuery, buckets: readonly Bucket[]): string {
  const offset = STATS_ZONE.fixedOffsetMs;
  if (!q.period || offset === undefined) {
    return q.period ? `CASE ${bucketSql(q, 'received_day', 'received_month')} ${buckets.map((b) => `WHEN ${b.key} THEN ${b.judgeAt}`).join(' ')} ELSE 0 END` : String(buckets[0]!.judgeAt);
  }
  // Days and weeks by arithmetic (the zone keeps one offset; bigint: ms overflow PostgreSQL's integer); months by their few ends.
  if (q.period === 'day') return `((received_day + 1) * CAST(${DAY_MS} AS bigint) - ${offset})`;
  if (q.period === 'week') return `((((received_day + 3) / 7) * 7 + 4) * CAST(${DAY_MS} AS bigint) - ${offset})`;
  return `CASE received_month ${buckets.map((b) => `WHEN ${b.key} THEN ${b.judgeAt}`).join(' ')} ELSE 0 END`;
}

/** A part of the range read at one grain; `bucket` is SQL over the `bucket` column, or a constant. */
interface Segment {
  grain: 'd' | 'm';
  lo: number;
  hi: number;
  bucket: string;
  constant: boolean;
}

const firstOfMonth = (day: number): number => parseDate(`${formatDate(day).slice(0, 7)}-01`)!;

/** The range as whole months (grain m) and the days of partial months at its edges (grain d). */
function segmentsOf(q: StatsQuery): Segment[] {
  if (q.period === 'day') return [{ grain: 'd', lo: q.fromDay, hi: q.toDay, bucket: 'bucket', constant: false }];
  if (q.period === 'week') return [{ grain: 'd', lo: q.fromDay, hi: q.toDay, bucket: '(bucket + 3) / 7', constant: false }];
  const out: Segment[] = [];
  let whole: { lo: number; hi: number } | undefined;
  for (let first = firstOfMonth(q.fromDay); first <= q.toDay; ) {
    const next = firstOfMonth(first + 31);
    const month = monthOf(first);
    if (first >= q.fromDay && next - 1 <= q.toDay) {
      whole = whole ? { lo: whole.lo, hi: month } : { lo: month, hi: month };
    } else {
      out.push({ grain: 'd', lo: Math.max(first, q.fromDay), hi: Math.min(next - 1, q.toDay), bucket: q.period ? String(month) : '0', constant: true });
    }
    first = next;
  }
  if (whole) out.push({ grain: 'm', lo: whole.lo, hi: whole.hi, bucket: q.period ? 'bucket' : '0', constant: !q.period });
  return out;
}

const inList = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** The units by=unit answers: the scope's roots and the units right under them. */
function displayUnits(scope: StatsScope, units: ReadonlyMap<string, UnitInfo>): Set<string> {
  const out = new Set<string>();
  if (scope.kind === 'all') {
    for (const u of units.values()) if (!u.parent || !units.has(u.parent)) out.add(u.id);
    return out;
  }
  for (const r of scope.roots) out.add(r);
  for (const u of units.values()) if (u.parent && scope.roots.includes(u.parent)) out.add(u.id);
  return out;
}

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

  const shown = q.by === 'unit' ? displayUnits(scope, d.units) : undefined;
  // Counts: by unit, the shown units for all procedures (or the filter's); otherwise the
  // scope's roots (disjoint) per procedure.
  const countUnits = shown ? [...shown] : scope.kind === 'all' ? [ALL] : scope.roots;
  const leaves = new Map<string, Acc>();
  const leaf = (bucket: number, key: string): Acc => {
    const id = `${bucket}|${key}`;
    let a = leaves.get(id);
    if (!a) leaves.set(id, (a = zero()));
    return a;
  };
  const counted = new Map<string, Acc>();

  await d.db.query(async (sql: Sql) => {
    for (const seg of segmentsOf(q)) {
      const keyCol = shown ? 'unit_id' : 'procedure_code';
      let where = `grain = ? AND unit_id IN (${inList(countUnits.length)}) AND bucket >= ? AND bucket <= ?`;
      const params: unknown[] = [seg.grain, ...countUnits, seg.lo, seg.hi];
      if (codes) {
        where += ` AND procedure_code IN (${inList(codes.length)})`;
        params.push(...codes);
      } else if (shown) where += ` AND procedure_code = '${ALL}'`;
      else where += ` AND procedure_code <> '${ALL}'`;
      const rows = await sql.all<Record<string, number | string | null>>(
        `SELECT ${seg.bucket} AS b, ${keyCol} AS k, SUM(received) AS received, SUM(online) AS online, SUM(resolved) AS resolved, SUM(on_time) AS on_time, ` +
          `SUM(processing_days) AS processing_days, SUM(e_results) AS e_results, SUM(ratings) AS ratings, SUM(rating_sum) AS rating_sum ` +
          `FROM stats_counts WHERE ${where} GROUP BY ${seg.constant ? keyCol : `${seg.bucket}, ${keyCol}`}`,
        params,
      );
      for (const r of rows) {
        const id = `${Number(r.b)}|${String(r.k)}`;
        let a = counted.get(id);
        if (!a) counted.set(id, (a = zero()));
        a.received += Number(r.received); a.online += Number(r.online); a.resolved += Number(r.resolved); a.resolvedOnTime += Number(r.on_time);
        a.processingDays += Number(r.processing_days); a.electronicResults += Number(r.e_results); a.ratings += Number(r.ratings); a.ratingSum += Number(r.rating_sum);
      }
    }
    // Open cases, by the unit that received them (folded into the shown units below).
    const openKey = shown ? 'unit_id' : 'procedure_code';
    let where = 'received_day >= ? AND received_day <= ?';
    const params: unknown[] = [q.fromDay, q.toDay];
    if (scope.kind === 'units') {
      where += ` AND unit_id IN (${inList(scope.units.size)})`;
      params.push(...scope.units);
    }
    if (codes) {
      where += ` AND procedure_code IN (${inList(codes.length)})`;
      params.push(...codes);
    }
    const bOpen = bucketSql(q, 'received_day', 'received_month');
    const end = bucketEndSql(q, buckets);
    const openRows = await sql.all<Record<string, number | string | null>>(
      `SELECT ${bOpen} AS b, ${openKey} AS k, COUNT(*) AS open, ` +
        `SUM(CASE WHEN supplements > 1 OR (late_after < ? AND late_after < ${startOfDay(q.toDay + 1)} AND late_after < ${end}) THEN 1 ELSE 0 END) AS late_at_end, ` +
        `SUM(CASE WHEN late_after < ? THEN 1 ELSE 0 END) AS overdue_now, ` +
        `SUM(CASE WHEN due_soon_at <= ? AND late_after >= ? THEN 1 ELSE 0 END) AS due_soon ` +
        `FROM stats_open WHERE ${where} GROUP BY ${q.period ? `${bOpen}, ${openKey}` : openKey}`,
      [d.now, d.now, d.now, d.now, ...params],
    );
    for (const r of openRows) {
      const a = leaf(Number(r.b), String(r.k));
      a.open += Number(r.open); a.lateAtEnd += Number(r.late_at_end); a.overdueNow += Number(r.overdue_now); a.dueSoon += Number(r.due_soon);
    }
  });

  // Group: counts as read (by unit, already rolled up by the write path); open cases folded
  // into every shown unit above the one that received them, or into their procedure's group.
  const groups = new Map<string, { bucket: number; key: string; acc: Acc }>();
  const into = (bucket: number, key: string, a: Acc): void => {
    const id = `${bucket}|${key}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { bucket, key, acc: zero() }));
    add(g.acc, a);
  };
  const groupOf = (code: string): string =>
    q.by === 'procedure' ? code : q.by === 'sector' ? (d.procedures.get(code)?.sector ?? 'unknown') : (d.procedures.get(code)?.level ?? 'unknown');
  const split = (id: string): [number, string] => {
    const bar = id.indexOf('|');
    return [Number(id.slice(0, bar)), id.slice(bar + 1)];
  };
  for (const [id, a] of counted) {
    const [bucket, key] = split(id);
    into(bucket, shown ? key : groupOf(key), a);
  }
  for (const [id, a] of leaves) {
    const [bucket, key] = split(id);
    if (!shown) into(bucket, groupOf(key), a);
    else for (let u: string | undefined = key; u; u = d.units.get(u)?.parent ?? undefined) if (shown.has(u)) into(bucket, u, a);
  }
  // The total: every group once (by unit, the top shown units only: the others are inside them).
  const total = zero();
  for (const g of groups.values()) {
    if (shown) {
      const parent = d.units.get(g.key)?.parent;
      if (parent && shown.has(parent)) continue;
    }
    add(total, g.acc);
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
