/**
 * Fires one claimed alarm: loads its case, runs the engine's `tick` at `now`, and writes the
 * result like any transition (case row guarded by its version, timeline, audit), then marks
 * the timer fired and arms the case's next alarm, all in the caller's transaction.
 */
import type { CaseEngine, CaseSummary, Transition } from '../cases/engine-port';
import { FINAL_STATUSES } from '../cases/case-row';
import { appendEventsSql } from '../cases/persist';
import { appendAuditSql } from '../audit';
import type { Sql } from '../db';
import type { ProcedureRegistry } from '../procedures';
import { alarmOf, armAlarm, markWorkItemsDueSoon } from './arm';

/** A claimed `timers` row. */
export interface AlarmRow {
  id: number;
  case_id: string;
  fire_at: number;
}

export interface FireDeps<C = unknown> {
  engine: CaseEngine<C>;
  registry: ProcedureRegistry<C>;
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

interface CaseLoad {
  procedure_code: string;
  procedure_version: string;
  status: string;
  version: number;
  state: string;
}

export async function fireAlarm<C>(sql: Sql, deps: FireDeps<C>, t: AlarmRow, now: number): Promise<FireResult> {
  // SKIP LOCKED: an officer's transition holding the row has already re-armed (or will re-arm)
  // the alarm; waiting for it would deadlock (it waits for this alarm's row, claimed here).
  const lock = sql.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  const kase = (await sql.all<CaseLoad>('SELECT procedure_code, procedure_version, status, version, state FROM cases WHERE id = ?' + lock, [t.case_id]))[0];
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
  // Never re-arm at or before `now`: a disagreement between `nextAlarm` and `tick` would spin.
  const next = nextAfter(alarmOf(summary), now);
  if (!transition.events.length) {
    await markWorkItemsDueSoon(sql, t.case_id, summary);
    if (next === undefined) await markFired(sql, t.id, now);
    else await sql.run('UPDATE timers SET fire_at = ?, due_at = ? WHERE id = ?', [next, next, t.id]);
    return { kind: 'rearmed' };
  }
  const version = kase.version + 1;
  const updated = await sql.run('UPDATE cases SET state = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?', [
    JSON.stringify(transition.state),
    version,
    now,
    t.case_id,
    kase.version,
  ]);
  // The row is locked (PostgreSQL) or the write lock held (SQLite): a lost race is not expected,
  // but if it happens the alarm stays armed and the next poll ticks the newer state.
  if (updated !== 1) return { kind: 'skipped' };
  await appendEventsSql(sql, t.case_id, transition.events, now);
  await markWorkItemsDueSoon(sql, t.case_id, summary);
  await markFired(sql, t.id, now);
  await armAlarm(sql, t.case_id, next);
  await appendAuditSql(sql, [
    {
      actor: 'system:timers',
      action: 'case.tick',
      subject: t.case_id,
      at: now,
      payload: { version, timer: t.id, events: transition.events.map((e) => (e.step ? `${e.type}:${e.step}` : e.type)) },
    },
  ]);
  return { kind: 'fired', events: transition.events.length, version };
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
