/**
 * The write side of statistics, called by the one write path of a case (`writeTransition`)
 * inside the transition's transaction, and by a citizen's rating: the case's facts row and
 * the counts of its received day. A case adds to `received` when it is filed and to
 * `resolved` (with on time, processing days, electronic results) once, when it closes: the
 * facts row's `closed_at IS NULL` guard makes the closing update happen once.
 */
import { formatDate, type CaseFacts } from 'motcua/engine';
import type { Sql } from '../db';

/** yyyymm of a local epoch day. */
export function monthOf(day: number): number {
  const iso = formatDate(day);
  return Number(iso.slice(0, 4)) * 100 + Number(iso.slice(5, 7));
}

/** The counts one event adds to a day's row. */
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

const UPSERT =
  'INSERT INTO stats_day (day, month, unit_id, procedure_code, received, online, resolved, on_time, processing_days, e_results, ratings, rating_sum) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day, unit_id, procedure_code) DO UPDATE SET ' +
  'received = stats_day.received + excluded.received, online = stats_day.online + excluded.online, ' +
  'resolved = stats_day.resolved + excluded.resolved, on_time = stats_day.on_time + excluded.on_time, ' +
  'processing_days = stats_day.processing_days + excluded.processing_days, e_results = stats_day.e_results + excluded.e_results, ' +
  'ratings = stats_day.ratings + excluded.ratings, rating_sum = stats_day.rating_sum + excluded.rating_sum';

/** Adds `c` to the counts of (day, unit, procedure). */
export async function addCounts(sql: Sql, key: { day: number; unit: string; procedure: string }, c: Counts): Promise<void> {
  await sql.run(UPSERT, [
    key.day, monthOf(key.day), key.unit, key.procedure,
    c.received ?? 0, c.online ?? 0, c.resolved ?? 0, c.onTime ?? 0, c.processingDays ?? 0, c.eResults ?? 0, c.ratings ?? 0, c.ratingSum ?? 0,
  ]);
}

function closingCounts(f: CaseFacts): Counts {
  return { resolved: 1, onTime: f.onTime ? 1 : 0, processingDays: f.processingDays ?? 0, eResults: f.electronicResult ? 1 : 0 };
}

/** What a transition tells statistics. */
export interface StatsWrite {
  caseId: string;
  isNew: boolean;
  unit: string;
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
    await sql.run(
      'INSERT INTO case_stats (case_id, unit_id, procedure_code, online, received_at, received_day, received_month, closed_at, late_after, due_soon_at, supplements, on_time, processing_days, e_result) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [w.caseId, w.unit, w.procedure, f.online, f.receivedAt, f.receivedDay, monthOf(f.receivedDay), f.closedAt ?? null, f.lateAfter ?? null, dueSoon, f.supplements, f.onTime ?? null, f.processingDays ?? null, f.electronicResult],
    );
    await addCounts(sql, { day: f.receivedDay, unit: w.unit, procedure: w.procedure }, {
      received: 1, online: f.online ? 1 : 0, ...(f.closedAt === undefined ? {} : closingCounts(f)),
    });
    return;
  }
  if (f.closedAt === undefined) {
    await sql.run('UPDATE case_stats SET late_after = ?, due_soon_at = ?, supplements = ? WHERE case_id = ? AND closed_at IS NULL', [f.lateAfter ?? null, dueSoon, f.supplements, w.caseId]);
    return;
  }
  // The first transition that closes the case moves its counts; a closed case never reopens.
  const closed = await sql.all<{ unit_id: string; procedure_code: string; received_day: number | string }>(
    'UPDATE case_stats SET closed_at = ?, late_after = NULL, due_soon_at = NULL, supplements = ?, on_time = ?, processing_days = ?, e_result = ? WHERE case_id = ? AND closed_at IS NULL RETURNING unit_id, procedure_code, received_day',
    [f.closedAt, f.supplements, f.onTime ?? false, f.processingDays ?? 0, f.electronicResult, w.caseId],
  );
  const row = closed[0];
  if (row) await addCounts(sql, { day: Number(row.received_day), unit: row.unit_id, procedure: row.procedure_code }, closingCounts(f));
}
