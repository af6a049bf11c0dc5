/**
 * The write side of statistics, called by the one write path of a case (`writeTransition`)
 * inside the transition's transaction, and by a citizen's rating: the case's facts row and
 * the counts of its received day. A case adds to `received` when it is filed and to
 * `resolved` (with on time, processing days, electronic results) once, when it closes: the
 * facts row's `closed_at IS NULL` guard makes the closing update happen once.
 */
import { formatDate, type CaseFacts } from 'motcua/engine';
import { addCounters, type CounterTable, type Sql } from '../db';

/** yyyymm of a local epoch day. */
export function monthOf(day: number): number {
  const iso = formatDate(day);
  return Number(iso.slice(0, 4)) * 100 + Number(iso.slice(5, 7));
}

/** The counts one event adds. */
interface Counts {
  received?: number;
  online?: number;
  resolved?: number;
  onTime?: number;
  processingDays?: number;
  eResults?: number;
  ratings?: number;
  ratingSum?: number;
}

/** The unit path's separator (unit ids never contain it). */
const SEP = '|';
/** The whole country, and all procedures, in `stats_counts`. */
export const ALL = '*';

/** The insert into `stats_counts` without its rows (VALUES or a SELECT follows). */
const STATS_COUNTS_INSERT = 'INSERT INTO stats_counts (grain, unit_id, procedure_code, bucket, received, online, resolved, on_time, processing_days, e_results, ratings, rating_sum) ';
/** `stats_counts`: its key (grain, unit, procedure, bucket), then the eight counts, added on conflict. */
const STATS_COUNTS: CounterTable = {
  head: `${STATS_COUNTS_INSERT}VALUES `,
  tail:
    ' ON CONFLICT (grain, unit_id, procedure_code, bucket) DO UPDATE SET ' +
    'received = stats_counts.received + excluded.received, online = stats_counts.online + excluded.online, ' +
    'resolved = stats_counts.resolved + excluded.resolved, on_time = stats_counts.on_time + excluded.on_time, ' +
    'processing_days = stats_counts.processing_days + excluded.processing_days, e_results = stats_counts.e_results + excluded.e_results, ' +
    'ratings = stats_counts.ratings + excluded.ratings, rating_sum = stats_counts.rating_sum + excluded.rating_sum',
  keyColumns: 4,
  valueColumns: 8,
};

/**
 * Adds `c` to every count the case belongs to: its received day and month, each unit of its
 * path (its unit, those above it, the country), its procedure and all. In one statement, or,
 * in SQLite's group commit, summed with the other members' and written before the COMMIT.
 */
export function addCounts(sql: Sql, key: { day: number; unitPath: string; procedure: string }, c: Counts): void {
  const units = key.unitPath.split(SEP);
  const values = [c.received ?? 0, c.online ?? 0, c.resolved ?? 0, c.onTime ?? 0, c.processingDays ?? 0, c.eResults ?? 0, c.ratings ?? 0, c.ratingSum ?? 0];
  const rows: unknown[][] = [];
  for (const [grain, bucket] of [['d', key.day], ['m', monthOf(key.day)]] as const) {
    for (const unit of units) {
      for (const procedure of [key.procedure, ALL]) rows.push([grain, unit, procedure, bucket, ...values]);
    }
  }
  addCounters(sql, STATS_COUNTS, rows);
}

/** The path of a unit: itself, the units above it, then the country. */
export function unitPath(unit: string, units: ReadonlyMap<string, { parent: string | null }>): string {
  const path = [unit];
  for (let p = units.get(unit)?.parent; p && !path.includes(p); p = units.get(p)?.parent) path.push(p);
  path.push(ALL);
  return path.join(SEP);
}

function closingCounts(f: CaseFacts): Counts {
  return { resolved: 1, onTime: f.onTime ? 1 : 0, processingDays: f.processingDays ?? 0, eResults: f.electronicResult ? 1 : 0 };
}

const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1';

/**
 * A case that changed units (a reorganization transferred it) takes its statistics along:
 * what it counted (received, online; resolved and rated if it had closed) leaves the units of
 * its old path that are not on the new one and joins those of the new one, and its facts and
 * open rows name the new unit. The dashboard of the unit that now holds the file counts it;
 * the province and the country, unchanged by a merge inside a province, count it once.
 */
async function moveCase(sql: Sql, caseId: string, unit: string, path: string): Promise<void> {
  const [row] = await sql.all<{ unit_path: string; procedure_code: string; received_day: number | string; online: unknown; closed_at: unknown; on_time: unknown; processing_days: number | string | null; e_result: unknown; rating: number | string | null }>(
    'SELECT unit_path, procedure_code, received_day, online, closed_at, on_time, processing_days, e_result, rating FROM case_stats WHERE case_id = ?',
    [caseId],
  );
  if (!row || row.unit_path === path) return;
  const counts: Required<Counts> = {
    received: 1,
    online: truthy(row.online) ? 1 : 0,
    resolved: row.closed_at === null ? 0 : 1,
    onTime: row.closed_at !== null && truthy(row.on_time) ? 1 : 0,
    processingDays: row.closed_at === null ? 0 : Number(row.processing_days ?? 0),
    eResults: row.closed_at !== null && truthy(row.e_result) ? 1 : 0,
    ratings: row.rating === null ? 0 : 1,
    ratingSum: row.rating === null ? 0 : Number(row.rating),
  };
  const before = row.unit_path.split(SEP);
  const after = path.split(SEP);
  const key = { day: Number(row.received_day), procedure: row.procedure_code };
  const leaving = before.filter((u) => !after.includes(u));
  const joining = after.filter((u) => !before.includes(u));
  const negated = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, -v])) as Counts;
  if (leaving.length) addCounts(sql, { ...key, unitPath: leaving.join(SEP) }, negated);
  if (joining.length) addCounts(sql, { ...key, unitPath: joining.join(SEP) }, counts);
  sql.send('UPDATE case_stats SET unit_id = ?, unit_path = ? WHERE case_id = ?', [unit, path, caseId]);
  sql.send('UPDATE stats_open SET unit_id = ? WHERE case_id = ?', [unit, caseId]);
}

/** What a transition tells statistics. */
export interface StatsWrite {
  caseId: string;
  isNew: boolean;
  unit: string;
  /**
   * A new case's {@link unitPath} (its counts' units, kept on its row for its closure); on an
   * existing case, its new path when the transition moved it to another unit (a transfer).
   */
  unitPath: string | undefined;
  procedure: string;
  facts: CaseFacts;
  /** The engine's due-soon instant (ISO), while the clock runs. */
  dueSoonAt: string | undefined;
}

/** Records a transition's facts and counts (inside its transaction). */
export async function recordTransition(sql: Sql, w: StatsWrite): Promise<void> {
  const f = w.facts;
  const dueSoon = w.dueSoonAt === undefined ? null : Date.parse(w.dueSoonAt);
  if (w.isNew) {
    const path = w.unitPath ?? `${w.unit}|${ALL}`;
    sql.send(
      'INSERT INTO case_stats (case_id, unit_id, unit_path, procedure_code, online, received_at, received_day, closed_at, supplements, on_time, processing_days, e_result) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [w.caseId, w.unit, path, w.procedure, f.online, f.receivedAt, f.receivedDay, f.closedAt ?? null, f.supplements, f.onTime ?? null, f.processingDays ?? null, f.electronicResult],
    );
    if (f.closedAt === undefined) {
      sql.send(
        'INSERT INTO stats_open (case_id, unit_id, procedure_code, received_day, received_month, late_after, due_soon_at, supplements) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [w.caseId, w.unit, w.procedure, f.receivedDay, monthOf(f.receivedDay), f.lateAfter ?? null, dueSoon, f.supplements],
      );
    }
    addCounts(sql, { day: f.receivedDay, unitPath: path, procedure: w.procedure }, {
      received: 1, online: f.online ? 1 : 0, ...(f.closedAt === undefined ? {} : closingCounts(f)),
    });
    return;
  }
  if (w.unitPath !== undefined) await moveCase(sql, w.caseId, w.unit, w.unitPath);
  if (f.closedAt === undefined) {
    sql.send('UPDATE stats_open SET late_after = ?, due_soon_at = ?, supplements = ? WHERE case_id = ?', [f.lateAfter ?? null, dueSoon, f.supplements, w.caseId]);
    return;
  }
  // The first transition that closes the case moves its counts; a closed case never reopens.
  const closing = [f.closedAt, f.supplements, f.onTime ?? false, f.processingDays ?? 0, f.electronicResult, w.caseId];
  if (sql.dialect === 'postgres') {
    const c = closingCounts(f);
    sql.send(CLOSE_IN_POSTGRES, [...closing, w.caseId, c.resolved, c.onTime, c.processingDays, c.eResults]);
    return;
  }
  const closed = await sql.all<{ unit_path: string; procedure_code: string; received_day: number | string }>(
    `${CLOSE_FACTS} RETURNING unit_path, procedure_code, received_day`,
    closing,
  );
  const row = closed[0];
  if (!row) return;
  sql.send('DELETE FROM stats_open WHERE case_id = ?', [w.caseId]);
  addCounts(sql, { day: Number(row.received_day), unitPath: row.unit_path, procedure: row.procedure_code }, closingCounts(f));
}

const CLOSE_FACTS = 'UPDATE case_stats SET closed_at = ?, supplements = ?, on_time = ?, processing_days = ?, e_result = ? WHERE case_id = ? AND closed_at IS NULL';

/**
 * The closing on PostgreSQL, in one statement that nothing waits for (it leaves with the
 * transition's COMMIT): the facts row closed once, the case's open row deleted, and the closing
 * counts added to the rows {@link addCounts} adds to, for the unit path and received day the
 * facts row holds. The month is {@link monthOf}'s: the epoch day as a UTC date, year * 100 +
 * month (stats.test.ts compares the two).
 */
const CLOSE_IN_POSTGRES =
  `WITH c AS (${CLOSE_FACTS} RETURNING unit_path, procedure_code, received_day, ` +
  "CAST(to_char(DATE '1970-01-01' + received_day, 'YYYYMM') AS integer) AS received_month), " +
  'o AS (DELETE FROM stats_open WHERE case_id = ? AND EXISTS (SELECT 1 FROM c)) ' +
  `${STATS_COUNTS_INSERT}SELECT k.grain, u.unit, k.procedure_code, k.bucket, 0, 0, CAST(? AS integer), CAST(? AS integer), CAST(? AS double precision), CAST(? AS integer), 0, 0 FROM c ` +
  `CROSS JOIN LATERAL unnest(string_to_array(c.unit_path, '${SEP}')) AS u(unit) ` +
  `CROSS JOIN LATERAL (VALUES ('d', c.received_day, c.procedure_code), ('d', c.received_day, '${ALL}'), ('m', c.received_month, c.procedure_code), ('m', c.received_month, '${ALL}')) AS k(grain, bucket, procedure_code)` +
  STATS_COUNTS.tail;
