/**
 * A citizen rates a case they filed, once it is resolved, from 1 to 5, once. The rating is
 * kept on the case's statistics row and added to its day's counts in one transaction, with
 * an audit row. Only the score is kept: no free text, so no personal data to guard.
 */
import type { RatingAnswer } from 'motcua/contract';
import { ConflictError, NotFoundError } from 'motcua/engine';
import { appendAuditSql } from '../audit';
import { forbidden, type Principal } from '../auth';
import { FINAL_STATUSES } from '../cases';
import type { Database } from '../db';
import { addCounts } from './record';

/** Records `score` (already checked: a whole number from 1 to 5) for case `id` by `principal`. */
export async function rateCase(db: Database, principal: Principal, id: string, score: number, now: number): Promise<RatingAnswer> {
  if (principal.kind !== 'citizen') throw forbidden();
  return db.transact(async (sql) => {
    const kase = (await sql.all<{ applicant_id: string; status: string }>('SELECT applicant_id, status FROM cases WHERE id = ?', [id]))[0];
    // Someone else's case does not exist, for this caller (as GET /api/cases/:id answers).
    if (!kase || kase.applicant_id !== principal.id) throw new NotFoundError('E_CASE_NOT_FOUND', `No case ${id}`, { hint: 'Rate a case you filed (GET /api/my/cases).' });
    if (!FINAL_STATUSES.has(kase.status)) {
      throw new ConflictError('E_CASE_NOT_RESOLVED', 'The case is not resolved yet', { hint: 'Rate the case once it has its outcome.', path: 'score' });
    }
    const rated = await sql.all<{ unit_path: string; procedure_code: string; received_day: number | string }>(
      'UPDATE case_stats SET rating = ?, rated_at = ? WHERE case_id = ? AND rating IS NULL RETURNING unit_path, procedure_code, received_day',
      [score, now, id],
    );
    const row = rated[0];
    if (!row) {
      const kept = await sql.all<{ rating: number | null }>('SELECT rating FROM case_stats WHERE case_id = ?', [id]);
      if (!kept.length) throw new ConflictError('E_CASE_NOT_RATEABLE', 'This case was closed before ratings were kept', { hint: 'Only cases filed since statistics are kept can be rated.' });
      throw new ConflictError('E_ALREADY_RATED', 'This case has already been rated', { hint: 'A case is rated once.' });
    }
    addCounts(sql, { day: Number(row.received_day), unitPath: row.unit_path, procedure: row.procedure_code }, { ratings: 1, ratingSum: score });
    await appendAuditSql(sql, [{ actor: principal.id, action: 'case.rate', subject: id, at: now, payload: { score } }]);
    return { case: id, score, ratedAt: new Date(now).toISOString() };
  });
}
