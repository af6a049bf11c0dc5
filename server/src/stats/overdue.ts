/**
 * `GET /api/stats/overdue`: the open cases past their due now, in the caller's scope, the
 * longest overdue first (the dashboard links to them). Read from the open cases' table by its
 * index on unit and due.
 */
import type { OverdueCase } from 'motcua/contract';
import { formatDate } from 'motcua/engine';
import type { Database } from '../db';
import type { StatsScope } from './scope';

export async function overdueCases(db: Database, scope: StatsScope, filter: { procedure?: string }, now: number, limit: number, offset: number): Promise<{ items: OverdueCase[] }> {
  let where = 'late_after < ?';
  const params: unknown[] = [now];
  if (scope.kind === 'units') {
    where += ` AND unit_id IN (${[...scope.units].map(() => '?').join(', ')})`;
    params.push(...scope.units);
  }
  if (filter.procedure) {
    where += ' AND procedure_code = ?';
    params.push(filter.procedure);
  }
  const rows = await db.query((sql) =>
    sql.all<{ case_id: string; unit_id: string; procedure_code: string; late_after: number | string; received_day: number | string }>(
      `SELECT case_id, unit_id, procedure_code, late_after, received_day FROM stats_open WHERE ${where} ORDER BY late_after, case_id LIMIT ${limit} OFFSET ${offset}`,
      params,
    ),
  );
  return {
    items: rows.map((r) => ({ id: r.case_id, unit: r.unit_id, procedure: r.procedure_code, due: new Date(Number(r.late_after)).toISOString(), received: formatDate(Number(r.received_day)) })),
  };
}
