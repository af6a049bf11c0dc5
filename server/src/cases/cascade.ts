/**
 * What one command sets in motion across cases (liên thông): a `procedure` step starts a
 * child case, a linked procedure starts a linked case, and a child that reaches its outcome
 * moves its parent on. All of it is planned before anything is written, then committed in
 * the command's transaction, each case guarded by its version.
 */
import { MotcuaError, NotFoundError, RefusalError } from 'motcua/engine';
import type { Sql } from '../db';
import type { ProcedureRegistry } from '../procedures';
import { readRecords } from '../sources';
import { FINAL_STATUSES, type CaseRow } from './case-row';
import type { SourceRecords, Transition } from './engine-port';
import type { TransitionWrite } from './persist';
import type { UnitInfo } from './units';
import { isoDate, newCaseWrite, nextWrite, rowIdentity, type WriteDeps } from './writes';

/** More changed cases than this in one command is a loop between procedures. */
const MAX_CASES_PER_COMMAND = 100;

export interface CascadeDeps<C> extends WriteDeps<C> {
  registry: ProcedureRegistry<C>;
}

/** The command's transaction and what it already knows. */
export interface CascadeScope {
  sql: Sql;
  units: ReadonlyMap<string, UnitInfo>;
  now: Date;
  channel: string;
}

type Latest = Map<string, { version: number; state: unknown; row: TransitionWrite['row'] }>;

/** `first` and every write it causes, in the order they must be written. */
export async function cascade<C>(d: CascadeDeps<C>, scope: CascadeScope, first: TransitionWrite): Promise<TransitionWrite[]> {
  const writes: TransitionWrite[] = [];
  const latest: Latest = new Map();
  const queue: TransitionWrite[] = [first];
  while (queue.length) {
    const w = queue.shift()!;
    writes.push(w);
    if (writes.length > MAX_CASES_PER_COMMAND) {
      throw new MotcuaError('E_CASCADE', `Case ${first.caseId}: more than ${MAX_CASES_PER_COMMAND} cases changed by one command`, {
        hint: 'Check the procedures for child cases that start each other.',
      });
    }
    latest.set(w.caseId, { version: (w.expectedVersion ?? 0) + 1, state: w.transition.state, row: w.row });
    for (const e of w.transition.effects) {
      if (e.type !== 'start-child' && e.type !== 'start-linked') continue;
      const childStep = e.type === 'start-child' ? e.step : null;
      const started = await planChild(d, scope, w, e.procedure, e.data, childStep);
      if (started) queue.push(started);
      else if (childStep) queue.push(await parentMoves(d, scope, w.caseId, childStep, 'refused', 'rejected', latest));
    }
    const parentId = w.row.parent_id;
    const parentStep = w.row.parent_step;
    if (parentId && parentStep && FINAL_STATUSES.has(w.summary.status)) {
      queue.push(await parentMoves(d, scope, parentId, parentStep, w.summary.outcome ?? w.summary.status, w.summary.status, latest));
    }
  }
  return writes;
}

/** Lookups may depend on records already read (a key prefilled from another source): a few rounds. */
export async function fetchLookups<C>(d: CascadeDeps<C>, sql: Sql, compiled: C, data: Record<string, unknown>): Promise<SourceRecords> {
  const records: SourceRecords = {};
  const seen = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const fresh = d.engine.lookups(compiled, data, records).filter((l) => !seen.has(`${l.source}\u0000${l.key}`));
    if (!fresh.length) break;
    for (const l of fresh) seen.add(`${l.source}\u0000${l.key}`);
    const got = await readRecords(sql, fresh);
    for (const [source, byKey] of Object.entries(got)) Object.assign((records[source] ??= {}), byKey);
  }
  return records;
}

/** A child or linked case, submitted by the system for the parent's applicant; undefined when refused. */
async function planChild<C>(
  d: CascadeDeps<C>,
  scope: CascadeScope,
  parent: TransitionWrite,
  code: string,
  data: Record<string, unknown>,
  step: string | null,
): Promise<TransitionWrite | undefined> {
  const entry = d.registry.runnable(code, undefined, isoDate(scope.now));
  let transition: Transition;
  try {
    transition = d.engine.submit(entry.compiled, {
      data,
      uploads: {},
      applicant: { kind: 'applicant', id: parent.row.applicant_id },
      unit: parent.row.unit_id,
      channel: scope.channel,
      now: scope.now,
      records: await fetchLookups(d, scope.sql, entry.compiled, data),
      origin: 'mapped',
    });
  } catch (err) {
    // A child the rules refuse fails its step (onFail); a refused linked case is simply not started.
    if (err instanceof RefusalError) return undefined;
    throw err;
  }
  const who = {
    applicant: parent.row.applicant_id,
    unit: parent.row.unit_id,
    actor: 'system:child-case',
    auditAction: step ? 'case.child-start' : 'case.linked-start',
    parent: { id: parent.caseId, step },
  };
  return newCaseWrite(d, entry, transition, who, scope.now, scope.units);
}

/** The parent's `procedure` step learns its child's outcome. */
async function parentMoves<C>(
  d: CascadeDeps<C>,
  scope: CascadeScope,
  parentId: string,
  step: string,
  outcome: string,
  status: string,
  latest: Latest,
): Promise<TransitionWrite> {
  let parent = latest.get(parentId);
  if (!parent) {
    const [row] = await scope.sql.all<CaseRow>('SELECT * FROM cases WHERE id = ?', [parentId]);
    if (!row) throw new NotFoundError('E_CASE_NOT_FOUND', `Parent case ${parentId} does not exist`);
    parent = { version: row.version, state: JSON.parse(row.state) as unknown, row: rowIdentity(row) };
  }
  const entry = d.registry.runnable(parent.row.procedure_code, parent.row.procedure_version);
  const transition = d.engine.childFinished(entry.compiled, parent.state, { step, outcome, status, now: scope.now });
  return nextWrite(d, entry.compiled, parent, transition, { actor: 'system:child-case', auditAction: 'case.child-finished' }, scope.now, scope.units);
}
