/**
 * Arms a case's timers as part of its transition (called by `writeTransition`, inside the
 * transition's transaction, after its work items are written).
 */
import { FINAL_STATUSES } from '../cases/case-row';
import type { TransitionWrite } from '../cases/persist';
import { placeholders, type Sql } from '../db/sql';

/**
 * One due-soon and one overdue timer per due instant. A new due (extension, suspension)
 * arms new timers; the poller drops timers whose due is no longer the case's due.
 */
export async function armCaseTimers(sql: Sql, w: TransitionWrite): Promise<void> {
  const due = w.row.due_at;
  if (w.expectedVersion !== undefined && w.previousDue === due) return;
  if (due === null || FINAL_STATUSES.has(w.summary.status) || w.summary.status === 'suspended') return;
  await sql.run(
    'INSERT INTO timers (case_id, kind, fire_at, due_at, fired_at) VALUES ' + placeholders(2, 5) + ' ON CONFLICT (case_id, kind, due_at) DO NOTHING',
    [w.caseId, 'due-soon', due - w.dueSoonMs, due, null, w.caseId, 'overdue', due, due, null],
  );
}
