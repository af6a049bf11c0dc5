/**
 * `GET /api/stats/overdue`: the open cases past their due now, in the caller's scope, the
 * longest overdue first. Read from the open cases' table by its index on unit and due. Each
 * says whether the caller may open it (`canOpen`): a province's leader sees that a commune's
 * case is late, not the citizen's file, and the dashboard links only to what opens.
 */
import type { OverdueCase } from 'motcua/contract';
import { formatDate } from 'motcua/engine';
import type { Principal } from '../auth';
import { casesOpenTo, type UnitInfo } from '../cases';
import type { Database } from '../db';
import type { StatsScope } from './scope';

/** Who asks, for `canOpen`. */
export interface OverdueReader {
  principal: Principal;
  units: ReadonlyMap<string, UnitInfo>;
}

export async function overdueCases(db: Database, reader: OverdueReader, scope: StatsScope, filter: { procedure?: string }, now: number, limit: number, offset: number): Promise<{ items: OverdueCase[] }> {
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
  const { rows, open } = await db.query(async (sql) => {
    const rows = await sql.all<{ case_id: string; unit_id: string; procedure_code: string; late_after: number | string; received_day: number | string; applicant_id: string | null }>(
      `SELECT s.case_id, s.unit_id, s.procedure_code, s.late_after, s.received_day, c.applicant_id FROM stats_open s LEFT JOIN cases c ON c.id = s.case_id
       WHERE ${where.replace(/\b(late_after|unit_id|procedure_code)\b/g, 's.$1')} ORDER BY s.late_after, s.case_id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const facts = rows.filter((r) => r.applicant_id !== null).map((r) => ({ id: r.case_id, applicantId: r.applicant_id!, unitId: r.unit_id }));
    return { rows, open: await casesOpenTo(sql, reader.principal, facts, reader.units) };
  });
  return {
    items: rows.map((r) => ({ id: r.case_id, unit: r.unit_id, procedure: r.procedure_code, due: new Date(Number(r.late_after)).toISOString(), received: formatDate(Number(r.received_day)), canOpen: open.has(r.case_id) })),
  };
}
