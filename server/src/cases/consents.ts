/**
 * Consents awaited from the people a case names (data subjects with `consent: required`): the
 * `case_consents` rows that let a person find, by the national ID of their sign-in, what
 * awaits them, kept in step with the engine's state in every write of the case.
 */
import type { ConsentView } from 'motcua/contract';
import type { SubjectState } from 'motcua/engine';
import type { Sql } from '../db';
import { FINAL_STATUSES } from './case-row';
import type { TransitionWrite } from './persist';

/** The subjects of a case that are not its filer and whose consent matters (awaited or given). */
function consenting(subjects: readonly SubjectState[] | undefined): SubjectState[] {
  return (subjects ?? []).filter((s) => s.status === 'awaiting-consent' || s.status === 'consented');
}

/**
 * Writes the consent rows of one transition: a new case's awaited consents, a consent given,
 * and awaited consents a closing case no longer needs. Nothing for cases without any.
 */
export async function syncConsents(sql: Sql, w: TransitionWrite): Promise<void> {
  const subjects = consenting(w.summary.subjects);
  if (!subjects.length) return;
  if (w.expectedVersion === undefined) {
    const awaited = subjects.filter((s) => s.status === 'awaiting-consent');
    for (const s of awaited) {
      await sql.run('INSERT INTO case_consents (case_id, subject_id, national_id, relation, status, created_at) VALUES (?, ?, ?, ?, ?, ?)', [w.caseId, s.id, s.nationalId, s.relation, 'awaiting', w.now]);
    }
    return;
  }
  for (const s of subjects.filter((x) => x.status === 'consented')) {
    await sql.run("UPDATE case_consents SET status = 'given', decided_at = ? WHERE case_id = ? AND subject_id = ? AND status = 'awaiting'", [w.now, w.caseId, s.id]);
  }
  if (FINAL_STATUSES.has(w.summary.status)) {
    await sql.run("UPDATE case_consents SET status = 'closed', decided_at = ? WHERE case_id = ? AND status = 'awaiting'", [w.now, w.caseId]);
  }
}

/** A consent row as the service reads it. */
export interface ConsentRow {
  case_id: string;
  subject_id: string;
  national_id: string;
  relation: string;
  status: string;
  created_at: number | string;
}

/** The consent of `subject` in case `caseId`, if the case awaits or awaited one. */
export async function consentRow(sql: Sql, caseId: string, subject: string): Promise<ConsentRow | undefined> {
  const [row] = await sql.all<ConsentRow>('SELECT * FROM case_consents WHERE case_id = ? AND subject_id = ?', [caseId, subject]);
  return row;
}

/** What awaits the consent of the person with this national ID, newest first (at most `limit`). */
export async function awaitingConsents(sql: Sql, nationalId: string, limit: number): Promise<(ConsentRow & { procedure_code: string; procedure_version: string; unit_id: string })[]> {
  return sql.all(
    "SELECT cc.*, c.procedure_code, c.procedure_version, c.unit_id FROM case_consents cc JOIN cases c ON c.id = cc.case_id WHERE cc.national_id = ? AND cc.status = 'awaiting' ORDER BY cc.created_at DESC, cc.case_id LIMIT ?",
    [nationalId, limit],
  );
}

/** The wire view of a consent row. */
export function consentView(r: ConsentRow & { procedure_code: string; procedure_version: string; unit_id: string }, procedureName: string | undefined): ConsentView {
  return {
    caseId: r.case_id,
    subject: r.subject_id,
    relation: r.relation,
    status: r.status === 'awaiting' ? 'awaiting' : r.status === 'given' ? 'given' : 'closed',
    procedure: { code: r.procedure_code, version: r.procedure_version, ...(procedureName ? { name: procedureName } : {}) },
    unit: r.unit_id,
    since: new Date(Number(r.created_at)).toISOString(),
  };
}
