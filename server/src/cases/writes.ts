/**
 * Building the {@link TransitionWrite}s a command produces: a new case's (a filing, or a
 * child or linked case its parent started) and an existing case's next transition.
 */
import { randomUUID } from 'node:crypto';
import type { CaseRow } from './case-row';
import type { CaseEngine, CaseSummary, Transition } from './engine-port';
import type { TransitionWrite } from './persist';
import { unitPath } from '../stats/record';
import { taskUnits, type UnitInfo } from './units';

/** What building a write needs from the service. */
export interface WriteDeps<C> {
  engine: CaseEngine<C>;
}

/** Who a new case is for and who started it. */
export interface NewCaseParties {
  applicant: string;
  unit: string;
  actor: string;
  auditAction: string;
  parent?: { id: string; step: string | null };
}

/** The write that creates a case. */
export function newCaseWrite<C>(
  d: WriteDeps<C>,
  entry: { procedure: { code: string; version: string }; compiled: C },
  transition: Transition,
  who: NewCaseParties,
  now: Date,
  units: ReadonlyMap<string, UnitInfo>,
): TransitionWrite {
  const id = newCaseId(now);
  const summary = d.engine.summarize(entry.compiled, transition.state);
  const t = now.getTime();
  return {
    caseId: id,
    expectedVersion: undefined,
    row: {
      id,
      procedure_code: entry.procedure.code,
      procedure_version: entry.procedure.version,
      applicant_id: who.applicant,
      unit_id: who.unit,
      status: summary.status,
      due_at: dueOf(summary),
      submitted_at: t,
      updated_at: t,
      ...(who.parent ? { parent_id: who.parent.id, parent_step: who.parent.step } : {}),
    },
    transition,
    summary,
    taskUnits: taskUnits(who.unit, summary, units),
    unitPath: unitPath(who.unit, units),
    actor: who.actor,
    auditAction: who.auditAction,
    now: t,
  };
}

/** The write that moves an existing case (`row` as stored, at `version`) on. */
export function nextWrite<C>(
  d: WriteDeps<C>,
  compiled: C,
  current: { version: number; row: TransitionWrite['row'] },
  transition: Transition,
  who: { actor: string; auditAction: string },
  now: Date,
  units: ReadonlyMap<string, UnitInfo>,
): TransitionWrite {
  const summary = d.engine.summarize(compiled, transition.state);
  const t = now.getTime();
  return {
    caseId: current.row.id,
    expectedVersion: current.version,
    row: { ...current.row, status: summary.status, due_at: dueOf(summary), updated_at: t },
    transition,
    summary,
    taskUnits: taskUnits(current.row.unit_id, summary, units),
    actor: who.actor,
    auditAction: who.auditAction,
    now: t,
  };
}

export function dueOf(s: CaseSummary): number | null {
  return s.due ? Date.parse(s.due) : null;
}

/** The columns a transition never changes, and the ones it does as stored. */
export function rowIdentity(row: CaseRow): TransitionWrite['row'] {
  return {
    id: row.id,
    procedure_code: row.procedure_code,
    procedure_version: row.procedure_version,
    applicant_id: row.applicant_id,
    unit_id: row.unit_id,
    status: row.status,
    due_at: row.due_at === null ? null : Number(row.due_at),
    submitted_at: Number(row.submitted_at),
    updated_at: Number(row.updated_at),
    parent_id: row.parent_id ?? null,
    parent_step: row.parent_step ?? null,
  };
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Sortable, unguessable case ids: a time prefix then random bits. */
export function newCaseId(now: Date): string {
  return `${now.getTime().toString(36).padStart(9, '0')}-${randomUUID().slice(0, 13)}`;
}
