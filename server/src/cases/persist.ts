/**
 * Writes one transition inside the caller's transaction: the case row (guarded by its
 * version), the timeline, the worklist rows, the timers, the outbox and the audit entry.
 * Either all of it is committed or none.
 */
import type { Knex } from 'knex';
import { ConflictError } from '../../../engine/src/errors';
import type { CaseEvent } from '../../../engine/src/runtime/types';
import { appendAudit } from '../audit';
import { FINAL_STATUSES, NO_DUE, type CaseRow } from './case-row';
import type { CaseSummary, Transition } from './engine-port';

export interface TransitionWrite {
  caseId: string;
  /** The version the transition was computed from; undefined for a new case. */
  expectedVersion: number | undefined;
  /** The due before the transition: timers are armed only when it changes. */
  previousDue?: number | null;
  row: Omit<CaseRow, 'version' | 'state'>;
  transition: Transition;
  summary: CaseSummary;
  /** Unit responsible for each open task (tasks at a higher level go to the parent unit). */
  taskUnits: Map<string, string>;
  actor: string;
  auditAction: string;
  dueSoonMs: number;
  now: number;
}

/** Returns the new version. Throws ConflictError (409) when the version moved on. */
export async function writeTransition(trx: Knex.Transaction, w: TransitionWrite): Promise<number> {
  const state = JSON.stringify(w.transition.state);
  let version: number;
  if (w.expectedVersion === undefined) {
    version = 1;
    await trx('cases').insert({ ...w.row, version, state });
  } else {
    version = w.expectedVersion + 1;
    const { id: _id, submitted_at: _s, applicant_id: _a, procedure_code: _c, procedure_version: _v, parent_id: _p, parent_step: _ps, ...changes } = w.row;
    const updated = await trx('cases')
      .where({ id: w.caseId, version: w.expectedVersion })
      .update({ ...changes, version, state });
    if (updated !== 1) throw staleVersion(w.caseId, w.expectedVersion);
  }
  const isNew = w.expectedVersion === undefined;
  // A new case has no timeline and no work items yet: nothing to look up or clear.
  await appendEvents(trx, w.caseId, w.transition.events, w.now, isNew ? 0 : undefined);

  if (!isNew) await trx('work_items').where({ case_id: w.caseId }).delete();
  if (!FINAL_STATUSES.has(w.summary.status) && w.summary.tasks.length) {
    await trx('work_items').insert(
      w.summary.tasks.map((t) => ({
        case_id: w.caseId,
        step: t.step,
        role: t.role,
        level: t.level ?? null,
        unit_id: w.taskUnits.get(t.step) ?? w.row.unit_id,
        due_at: w.row.due_at ?? NO_DUE,
      })),
    );
  }
  if (w.expectedVersion === undefined || w.previousDue !== w.row.due_at) {
    await armTimers(trx, w.caseId, w.row.due_at, w.summary.status, w.dueSoonMs);
  }

  if (w.transition.effects.length) {
    await trx('outbox').insert(
      w.transition.effects.map((e) => ({ case_id: w.caseId, type: e.type, payload: JSON.stringify(e), created_at: w.now })),
    );
  }
  await appendAudit(trx, [
    {
      actor: w.actor,
      action: w.auditAction,
      subject: w.caseId,
      at: w.now,
      payload: { version, status: w.summary.status, steps: w.summary.steps, events: w.transition.events.map((e) => e.type) },
    },
  ]);
  return version;
}

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
  if (!events.length) return;
  let seq = lastSeq ?? Number(((await trx('case_events').where({ case_id: caseId }).max('seq as seq').first()) as { seq: number | null } | undefined)?.seq ?? 0);
  await trx('case_events').insert(
    events.map((e) => {
      seq += 1;
      const at = Date.parse(e.at);
      return { case_id: caseId, seq, type: e.type, at: Number.isFinite(at) ? at : now, body: JSON.stringify(e) };
    }),
  );
}

/**
 * One due-soon and one overdue timer per due instant. A new due (extension, suspension)
 * arms new timers; the poller drops timers whose due is no longer the case's due.
 */
async function armTimers(trx: Knex.Transaction, caseId: string, due: number | null, status: string, dueSoonMs: number): Promise<void> {
  if (due === null || FINAL_STATUSES.has(status) || status === 'suspended') return;
  await trx('timers')
    .insert([
      { case_id: caseId, kind: 'due-soon', fire_at: due - dueSoonMs, due_at: due, fired_at: null },
      { case_id: caseId, kind: 'overdue', fire_at: due, due_at: due, fired_at: null },
    ])
    .onConflict(['case_id', 'kind', 'due_at'])
    .ignore();
}
