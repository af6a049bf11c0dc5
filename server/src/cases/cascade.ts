/**
 * What one command sets in motion across cases (liên thông): a `procedure` step starts a
 * child case, a linked procedure starts a linked case, and a child that reaches its outcome
 * moves its parent on. All of it is planned before anything is written, then committed in
 * the command's transaction, each case guarded by its version.
 */
import { MotcuaError, NotFoundError, startEffects, type CaseCommand, type ChildRefused, type StartEffect } from 'motcua/engine';
import type { Sql } from '../db';
import type { ProcedureRegistry } from '../procedures';
import { readRecords } from '../sources';
import { FINAL_STATUSES, type CaseRow } from './case-row';
import type { Lookup, SourceRecords } from './engine-port';
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
}

type Latest = Map<string, { version: number; state: unknown; row: TransitionWrite['row'] }>;

/**
 * `first` and every write it causes, in the order they must be written. What the effects mean
 * is the engine's orchestrator (`planChild`, `startChild`, `childFinishedCommand`), the same
 * functions the scenario simulator calls; this loop only reads and writes.
 */
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
    for (const e of startEffects(w.transition.effects)) {
      const started = await startCase(d, scope, w, e);
      if (started.kind === 'write') queue.push(started.write);
      else if (started.parentCommand) {
        const command = started.parentCommand;
        const moved = await parentMoves(d, scope, w.caseId, () => command, 'case.child-refused', latest);
        if (moved) queue.push(moved);
      }
    }
    const parentId = w.row.parent_id;
    const parentStep = w.row.parent_step;
    if (parentId && parentStep && FINAL_STATUSES.has(w.summary.status)) {
      const entry = d.registry.runnable(w.row.procedure_code, w.row.procedure_version);
      const moved = await parentMoves(d, scope, parentId, (parentState) => d.engine.childOutcome(entry.compiled, w.transition.state, parentState, parentStep), 'case.child-finished', latest);
      if (moved) queue.push(moved);
    }
  }
  return writes;
}

/**
 * Lookups may depend on records already read (a relation verified, then a key prefilled from
 * another source): a few rounds. `access` says who files (absent: a trusted channel).
 */
export async function fetchLookups<C>(d: CascadeDeps<C>, sql: Sql, compiled: C, data: Record<string, unknown>, access?: { filer?: string; uploads?: string[] }): Promise<SourceRecords> {
  return fetchRounds(sql, (records) => d.engine.lookups(compiled, data, records, access));
}

/** Fetches what `plan` asks for, round after round, until it asks nothing new (at most 4 rounds). */
export async function fetchRounds(sql: Sql, plan: (records: SourceRecords) => Lookup[]): Promise<SourceRecords> {
  const records: SourceRecords = {};
  const seen = new Set<string>();
  for (let round = 0; round < 4; round++) {
    const fresh = plan(records).filter((l) => !seen.has(`${l.source}\u0000${l.key}`));
    if (!fresh.length) break;
    for (const l of fresh) seen.add(`${l.source}\u0000${l.key}`);
    const got = await readRecords(sql, fresh);
    for (const [source, byKey] of Object.entries(got)) Object.assign((records[source] ??= {}), byKey);
  }
  return records;
}

/** A child or linked case, filed by the system as the engine plans it; or its refusal. */
async function startCase<C>(
  d: CascadeDeps<C>,
  scope: CascadeScope,
  parent: TransitionWrite,
  effect: StartEffect,
): Promise<{ kind: 'write'; write: TransitionWrite } | ChildRefused> {
  const entry = d.registry.runnable(effect.procedure, undefined, isoDate(scope.now));
  const plan = d.engine.planChild(entry.compiled, parent.transition.state, effect, scope.units);
  const records = plan.kind === 'submit' ? await fetchLookups(d, scope.sql, entry.compiled, plan.input.data) : {};
  const started = d.engine.startChild(entry.compiled, plan, scope.now, records);
  if (started.kind === 'refused') return started;
  const step = effect.type === 'start-child' ? effect.step : null;
  const who = {
    applicant: parent.row.applicant_id,
    unit: started.input.unit ?? parent.row.unit_id,
    actor: 'system:child-case',
    auditAction: step ? 'case.child-start' : 'case.linked-start',
    parent: { id: parent.caseId, step },
  };
  // The child holds the parent's uploads it declares: officers of its unit read them too.
  const files = started.input.uploads;
  const attaches = Array.isArray(files) ? [] : Object.values(files).flatMap((f) => (f.hash ? [f.hash] : []));
  return { kind: 'write', write: { ...newCaseWrite(d, entry, started.transition, who, scope.now, scope.units), attaches } };
}

/** The parent's `procedure` step learns its child's outcome (or refusal): the orchestrator's command. */
async function parentMoves<C>(
  d: CascadeDeps<C>,
  scope: CascadeScope,
  parentId: string,
  commandFor: (parentState: unknown) => CaseCommand | undefined,
  auditAction: string,
  latest: Latest,
): Promise<TransitionWrite | undefined> {
  let parent = latest.get(parentId);
  if (!parent) {
    const [row] = await scope.sql.all<CaseRow>('SELECT * FROM cases WHERE id = ?', [parentId]);
    if (!row) throw new NotFoundError('E_CASE_NOT_FOUND', `Parent case ${parentId} does not exist`);
    parent = { version: row.version, state: JSON.parse(row.state) as unknown, row: rowIdentity(row) };
  }
  const command = commandFor(parent.state);
  if (!command) return undefined;
  const entry = d.registry.runnable(parent.row.procedure_code, parent.row.procedure_version);
  const transition = d.engine.apply(entry.compiled, parent.state, command, scope.now);
  return nextWrite(d, entry.compiled, parent, transition, { actor: 'system:child-case', auditAction }, scope.now, scope.units);
}
