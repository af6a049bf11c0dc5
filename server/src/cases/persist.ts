/**
 * The one write path of every change of a case (a filing, an action, a cascade, a timer's
 * tick): inside the caller's transaction, the case row (guarded by its version, with its
 * status, due and unit columns), the timeline, the worklist rows, the alarm, the statistics'
 * facts and counts, the outbox and the audit entry. Either all of it is committed or none.
 */
import { syncConsents } from './consents';
import type { Knex } from 'knex';
import { ConflictError, type CaseEvent } from 'motcua/engine';
import { appendAuditSql } from '../audit';
import { guardedUpdate, isStaleVersionFailure, valuesSql, sqlOf, type Sql } from '../db';
import { recordTransition } from '../stats/record';
import { armCaseTimers } from '../timers/arm';
import { FINAL_STATUSES, NO_DUE, type CaseRow } from './case-row';
import type { CaseSummary, Transition } from './engine-port';

export interface TransitionWrite {
  caseId: string;
  /** The version the transition was computed from; undefined for a new case. */
  expectedVersion: number | undefined;
  /** The case's last timeline seq, when the caller read it in this transaction (else it is read). */
  lastSeq?: number;
  row: Omit<CaseRow, 'version' | 'state'>;
  transition: Transition;
  summary: CaseSummary;
  /** Unit responsible for each open task (tasks at a higher level go to the parent unit). */
  taskUnits: Map<string, string>;
  actor: string;
  auditAction: string;
  now: number;
  /** A new case, or a case moved to another unit: its unit and the units above it, where its statistics count (`stats/record.ts` unitPath). */
  unitPath?: string;
  /** The next alarm is armed no earlier than this (a tick: a disagreement between `nextAlarm` and `tick` must not spin). */
  alarmNotBefore?: number;
  /** Hashes of the uploads this write attaches to the case: officers of its units may then read them (`case_uploads`). */
  attaches?: readonly string[];
}

/**
 * Writes through `sql`, which must be inside a transaction (see `Database.transact`).
 * Returns the new version. Throws ConflictError (409) when the version moved on.
 *
 * The writes are sent without waiting for any answer (`Sql.send`: on PostgreSQL they leave
 * with the transaction's COMMIT, in one round trip), always in the same order, so that
 * transactions take their locks in the same order (the case row first, the audit head last).
 * The version guard is checked where its answer is: at once on SQLite, before anything else
 * is written; by PostgreSQL itself, whose failing guard aborts the transaction, turns its
 * COMMIT into a ROLLBACK, and is thrown as E_STALE_VERSION wherever the transaction next waits.
 */
export async function writeTransition(sql: Sql, w: TransitionWrite): Promise<number> {
  const state = JSON.stringify(w.transition.state);
  const r = w.row;
  let version: number;
  if (w.expectedVersion === undefined) {
    version = 1;
    sql.send(
      valuesSql('INSERT INTO cases (id, procedure_code, procedure_version, applicant_id, unit_id, status, due_at, submitted_at, updated_at, parent_id, parent_step, version, state) VALUES ', 1, 13),
      [r.id, r.procedure_code, r.procedure_version, r.applicant_id, r.unit_id, r.status, r.due_at, r.submitted_at, r.updated_at, r.parent_id ?? null, r.parent_step ?? null, version, state],
    );
  } else {
    const expected = w.expectedVersion;
    version = expected + 1;
    // procedure_version changes only when a migration moves the case to another version.
    const params = [r.procedure_version, r.unit_id, r.status, r.due_at, r.updated_at, version, state, w.caseId, expected];
    if (sql.dialect === 'sqlite') {
      if ((await sql.run(UPDATE_CASE, params)) !== 1) throw staleVersion(w.caseId, expected);
    } else {
      sql.send(GUARDED_UPDATE_CASE, [...params, w.caseId, expected], (err) => (isStaleVersionFailure(err) ? staleVersion(w.caseId, expected) : err));
    }
  }
  const isNew = w.expectedVersion === undefined;
  // A new case has no timeline and no work items yet: nothing to look up or clear.
  await appendEventsSql(sql, w.caseId, w.transition.events, w.now, isNew ? 0 : w.lastSeq);

  if (!isNew) sql.send('DELETE FROM work_items WHERE case_id = ?', [w.caseId]);
  if (!FINAL_STATUSES.has(w.summary.status) && w.summary.tasks.length) {
    const tasks = w.summary.tasks;
    // The due-soon instant is the engine's (the worklist flags and filters by it in SQL).
    const dueSoon = w.summary.dueSoonAt === undefined ? null : Date.parse(w.summary.dueSoonAt);
    sql.send(
      valuesSql('INSERT INTO work_items (case_id, step, role, level, unit_id, due_at, due_soon_at) VALUES ', tasks.length, 7),
      tasks.flatMap((t) => [w.caseId, t.step, t.role, t.level ?? null, w.taskUnits.get(t.step) ?? r.unit_id, r.due_at ?? NO_DUE, dueSoon]),
    );
  }
  for (const hash of new Set(w.attaches ?? [])) {
    sql.send('INSERT INTO case_uploads (hash, case_id) VALUES (?, ?) ON CONFLICT (hash, case_id) DO NOTHING', [hash, w.caseId]);
  }
  armCaseTimers(sql, w);
  await syncConsents(sql, w);
  // The statistics' facts and counts, in the same transaction (they never disagree with the cases).
  await recordTransition(sql, { caseId: w.caseId, isNew, unit: r.unit_id, unitPath: w.unitPath, procedure: r.procedure_code, facts: w.summary.facts, dueSoonAt: w.summary.dueSoonAt });
  const effects = w.transition.effects;
  if (effects.length) {
    sql.send(
      valuesSql('INSERT INTO outbox (case_id, type, payload, created_at) VALUES ', effects.length, 4),
      effects.flatMap((e) => [w.caseId, e.type, JSON.stringify(e), w.now]),
    );
  }
  await appendAuditSql(sql, [
    {
      actor: w.actor,
      action: w.auditAction,
      subject: w.caseId,
      at: w.now,
      payload: { version, status: w.summary.status, steps: w.summary.steps, events: w.transition.events.map((e) => (e.step ? `${e.type}:${e.step}` : e.type)) },
    },
  ]);
  return version;
}

const UPDATE_CASE = 'UPDATE cases SET procedure_version = ?, unit_id = ?, status = ?, due_at = ?, updated_at = ?, version = ?, state = ? WHERE id = ? AND version = ?';
const GUARDED_UPDATE_CASE = guardedUpdate(`${UPDATE_CASE} RETURNING 1`);

export function staleVersion(caseId: string, version: number): ConflictError {
  return new ConflictError('E_STALE_VERSION', `Case ${caseId} has changed since version ${version}`, {
    hint: 'Reload the case (GET /api/cases/:id) and retry with its current version.',
    path: 'version',
  });
}

/**
 * Appends timeline entries after the last one (the case row is locked by the caller).
 * `lastSeq` is given when known (0 for a new case); else it is read.
 */
export async function appendEvents(trx: Knex.Transaction, caseId: string, events: readonly CaseEvent[], now: number, lastSeq?: number): Promise<void> {
  const sql = await sqlOf(trx);
  await appendEventsSql(sql, caseId, events, now, lastSeq);
  await sql.settle();
}

/** {@link appendEvents} through a transaction's {@link Sql}. */
export async function appendEventsSql(sql: Sql, caseId: string, events: readonly CaseEvent[], now: number, lastSeq?: number): Promise<void> {
  if (!events.length) return;
  if (lastSeq === undefined && sql.dialect === 'postgres') {
    // The next seq read by the insert itself, so that it needs no round trip of its own. It
    // reads only its own table, so it may leave in one statement with the writes to others.
    sql.send(
      'INSERT INTO case_events (case_id, seq, type, at, body) SELECT ?, (SELECT coalesce(max(seq), 0) FROM case_events WHERE case_id = ?) + v.k, v.type, v.at, v.body FROM (VALUES ' +
        events.map(() => '(CAST(? AS integer), CAST(? AS varchar), CAST(? AS bigint), CAST(? AS text))').join(', ') +
        ') AS v (k, type, at, body) ORDER BY v.k',
      [caseId, caseId, ...events.flatMap((e, k) => [k + 1, e.type, atOf(e, now), JSON.stringify(e)])],
    );
    return;
  }
  let seq = lastSeq ?? Number((await sql.all<{ seq: number | null }>('SELECT max(seq) AS seq FROM case_events WHERE case_id = ?', [caseId]))[0]?.seq ?? 0);
  sql.send(
    valuesSql('INSERT INTO case_events (case_id, seq, type, at, body) VALUES ', events.length, 5),
    events.flatMap((e) => {
      seq += 1;
      return [caseId, seq, e.type, atOf(e, now), JSON.stringify(e)];
    }),
  );
}

/** When an event happened (epoch ms): its own instant, else the write's. */
function atOf(e: CaseEvent, now: number): number {
  const at = Date.parse(e.at);
  return Number.isFinite(at) ? at : now;
}
