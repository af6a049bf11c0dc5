/**
 * Fires one claimed alarm: loads its case, runs the engine's `tick` at `now`, and writes the
 * result through the one write path of every case change (`writeTransition`: the case row
 * guarded by its version with its status and due columns, the timeline, the work items, the
 * next alarm, the outbox and the audit entry), as an officer's action is written, all in the
 * caller's transaction.
 */
import type { CaseEngine, CaseSummary, Transition } from '../cases/engine-port';
import { FINAL_STATUSES, type CaseRow } from '../cases/case-row';
import { writeTransition } from '../cases/persist';
import type { UnitDirectory } from '../cases/units';
import { nextWrite, rowIdentity } from '../cases/writes';
import { ConflictError } from 'motcua/engine';
import type { Sql } from '../db';
import type { ProcedureRegistry } from '../procedures';
import { alarmOf, markWorkItemsDueSoon } from './arm';

/** A claimed `timers` row. */
export interface AlarmRow {
  id: number;
  case_id: string;
  fire_at: number;
}

export interface FireDeps<C = unknown> {
  engine: CaseEngine<C>;
  registry: ProcedureRegistry<C>;
  /** The units, for the work items a tick rewrites (shared with the case service). */
  units: UnitDirectory;
  log?: (line: string) => void;
  /** How long to wait before trying again an alarm whose case cannot be ticked (broken procedure). */
  retryMs: number;
}

/**
 * What became of an alarm:
 * - `fired`: the tick emitted events; the case moved to `version`.
 * - `rearmed`: nothing to emit (an alarm armed early, a closed case): only the alarm moved.
 * - `skipped`: the case is locked by a transition in flight (PostgreSQL); the alarm stays
 *   armed and that transition re-arms it, or the next poll fires it.
 * - `postponed`: the case cannot be ticked now (its procedure is missing or broken); retried later.
 */
export type FireResult =
  | { kind: 'fired'; events: number; version: number }
  | { kind: 'rearmed' }
  | { kind: 'skipped' }
  | { kind: 'postponed'; reason: string };

export async function fireAlarm<C>(sql: Sql, deps: FireDeps<C>, t: AlarmRow, now: number): Promise<FireResult> {
  // SKIP LOCKED: an officer's transition holding the row has already re-armed (or will re-arm)
  // the alarm; waiting for it would deadlock (it waits for this alarm's row, claimed here).
  const lock = sql.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  const kase = (await sql.all<CaseRow>('SELECT * FROM cases WHERE id = ?' + lock, [t.case_id]))[0];
  if (!kase) {
    if (sql.dialect === 'postgres' && (await sql.all('SELECT 1 FROM cases WHERE id = ?', [t.case_id])).length) return { kind: 'skipped' };
    await markFired(sql, t.id, now);
    return { kind: 'rearmed' };
  }
  if (FINAL_STATUSES.has(kase.status)) {
    await markFired(sql, t.id, now);
    return { kind: 'rearmed' };
  }
  const entry = tryResolve(deps.registry, kase.procedure_code, kase.procedure_version);
  if (entry === undefined) return postpone(sql, deps, t, now, `procedure ${kase.procedure_code}@${kase.procedure_version} is missing or does not compile`);
  let transition: Transition;
  let summary: CaseSummary;
  try {
    transition = deps.engine.tick(entry, JSON.parse(kase.state) as unknown, new Date(now));
    summary = deps.engine.summarize(entry, transition.state);
  } catch (err) {
    // One case the engine cannot tick must not block every alarm behind it in the queue.
    return postpone(sql, deps, t, now, err instanceof Error ? err.message : String(err));
  }
  if (!transition.events.length) {
    // Nothing happened to the case: only the alarm moves (never at or before `now`).
    const next = nextAfter(alarmOf(summary), now);
    await markWorkItemsDueSoon(sql, t.case_id, summary);
    if (next === undefined) await markFired(sql, t.id, now);
    else await sql.run('UPDATE timers SET fire_at = ?, due_at = ? WHERE id = ?', [next, next, t.id]);
    return { kind: 'rearmed' };
  }
  // The claimed alarm is history; the write arms the case's next one.
  await markFired(sql, t.id, now);
  const units = await deps.units.load(sql);
  const w = nextWrite(deps, entry, { version: Number(kase.version), row: rowIdentity(kase) }, transition, { actor: 'system:timers', auditAction: 'case.tick' }, new Date(now), units);
  try {
    // Never re-arm at or before `now`: a disagreement between `nextAlarm` and `tick` would spin.
    const version = await writeTransition(sql, { ...w, alarmNotBefore: now + 1 });
    return { kind: 'fired', events: transition.events.length, version };
  } catch (err) {
    // The row is locked (PostgreSQL) or the write lock held (SQLite): a lost race is not
    // expected, but if it happens nothing was written; the alarm stays armed for the next poll.
    if (!(err instanceof ConflictError)) throw err;
    await sql.run('UPDATE timers SET fired_at = NULL WHERE id = ?', [t.id]);
    return { kind: 'skipped' };
  }
}

async function postpone<C>(sql: Sql, deps: FireDeps<C>, t: AlarmRow, now: number, reason: string): Promise<FireResult> {
  deps.log?.(`timers: case ${t.case_id} not ticked: ${reason}; retrying in ${deps.retryMs} ms`);
  await sql.run('UPDATE timers SET fire_at = ?, due_at = ? WHERE id = ?', [now + deps.retryMs, now + deps.retryMs, t.id]);
  return { kind: 'postponed', reason };
}

function markFired(sql: Sql, id: number, now: number): Promise<number> {
  return sql.run('UPDATE timers SET fired_at = ? WHERE id = ?', [now, id]);
}

function nextAfter(at: number | undefined, now: number): number | undefined {
  return at === undefined ? undefined : Math.max(at, now + 1);
}

function tryResolve<C>(registry: ProcedureRegistry<C>, code: string, version: string): C | undefined {
  try {
    return registry.resolve(code, version).compiled;
  } catch {
    return undefined;
  }
}
