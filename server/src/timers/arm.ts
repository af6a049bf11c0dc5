/**
 * Arming: every case has at most one armed timer (`timers` row with `kind = 'alarm'` and no
 * `fired_at`), at the instant the engine's `tick` next emits something (`CaseSummary.nextAlarm`).
 * A transition re-arms it in its own transaction, so the timer always matches the state
 * just written; the poller fires it and arms the next one the same way.
 */
import type { CaseSummary } from '../cases/engine-port';
import type { TransitionWrite } from '../cases/persist';
import type { Sql } from '../db/sql';

/** The kind of the one timer per case (older kinds, `due-soon` and `overdue`, are history). */
export const ALARM = 'alarm';

/**
 * Called by `writeTransition` after the work items are written (with the engine's due-soon
 * instant, the worklist's `dueSoon` flag): arms the case's alarm.
 */
export function armCaseTimers(sql: Sql, w: TransitionWrite): void {
  const at = alarmOf(w.summary);
  armAlarm(sql, w.caseId, at === undefined || w.alarmNotBefore === undefined ? at : Math.max(at, w.alarmNotBefore), w.expectedVersion === undefined);
}

/** The summary's next alarm as epoch ms, if any. */
export function alarmOf(summary: CaseSummary): number | undefined {
  return summary.nextAlarm === undefined ? undefined : Date.parse(summary.nextAlarm);
}

/**
 * Sets the case's armed alarm to `at`, or disarms it (undefined). One statement: an upsert
 * on the partial unique index `timers_armed` (one unfired row per case). A new case has no
 * row to disarm. `due_at` (NOT NULL since the first migration) repeats `fire_at` on alarms.
 */
export function armAlarm(sql: Sql, caseId: string, at: number | undefined, isNew = false): void {
  if (at === undefined) {
    if (!isNew) sql.send('DELETE FROM timers WHERE case_id = ? AND fired_at IS NULL', [caseId]);
    return;
  }
  sql.send(
    'INSERT INTO timers (case_id, kind, fire_at, due_at, fired_at) VALUES (?, ?, ?, ?, NULL) ' +
      // An unchanged alarm (most transitions) is left as it is: no row version written.
      'ON CONFLICT (case_id) WHERE fired_at IS NULL DO UPDATE SET fire_at = excluded.fire_at, due_at = excluded.due_at WHERE timers.fire_at <> excluded.fire_at',
    [caseId, ALARM, at, at],
  );
}

/** Work items carry the due-soon instant so that the worklist flags and filters by it in SQL. */
export async function markWorkItemsDueSoon(sql: Sql, caseId: string, summary: CaseSummary): Promise<void> {
  if (!summary.tasks.length || summary.dueSoonAt === undefined) return;
  await sql.run('UPDATE work_items SET due_soon_at = ? WHERE case_id = ?', [Date.parse(summary.dueSoonAt), caseId]);
}
