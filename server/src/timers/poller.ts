/**
 * Durable timers: the poller claims due alarms and runs the engine's `tick` on their cases
 * (see fire.ts), so due-soon, overdue and step-SLA events fire exactly when the engine says,
 * once each, across restarts and across server processes. An alarm is marked fired in the same
 * transaction that writes its events, so a crash either does both or neither. On PostgreSQL
 * each process claims alarms with `FOR UPDATE SKIP LOCKED`, so several pollers never take the
 * same one; SQLite has a single writer, and its transactions run one at a time.
 */
import type { CaseEngine } from '../cases/engine-port';
import type { UnitDirectory } from '../cases/units';
import type { Database } from '../db';
import type { ProcedureRegistry } from '../procedures';
import { fireAlarm, type AlarmRow, type FireDeps } from './fire';
import { startPeriodic } from '../background/periodic';

export interface TimerPollerOptions<C = unknown> {
  db: Database;
  engine: CaseEngine<C>;
  registry: ProcedureRegistry<C>;
  /** The units (shared with the case service): a tick rewrites the case's work items. */
  units: UnitDirectory;
  intervalMs: number;
  batchSize?: number;
  /** Delay before retrying an alarm whose case cannot be ticked (default one hour). */
  retryMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

/** What one round of polling did. */
export interface PollReport {
  /** Events appended (due-soon, overdue). */
  events: number;
  /** Cases whose tick emitted something (each one version more). */
  fired: number;
  /** Alarms that found nothing to emit and were moved or dropped. */
  rearmed: number;
  /** Alarms left for the next poll (case locked by a transition in flight). */
  skipped: number;
  postponed: number;
}

const HOUR_MS = 3_600_000;

/** Fires every due alarm once, in batches of one transaction each. */
export async function pollTimers<C>(o: Omit<TimerPollerOptions<C>, 'intervalMs'>, now: number): Promise<PollReport> {
  const batchSize = o.batchSize ?? 100;
  const deps: FireDeps<C> = { engine: o.engine, registry: o.registry, units: o.units, retryMs: o.retryMs ?? HOUR_MS, ...(o.log ? { log: o.log } : {}) };
  const report: PollReport = { events: 0, fired: 0, rearmed: 0, skipped: 0, postponed: 0 };
  for (;;) {
    // One transaction per batch on a raw connection (`BEGIN IMMEDIATE` on SQLite: the write
    // lock is taken up front, so a second process waits instead of failing half-way).
    const done = await o.db.transact(async (sql) => {
      const lock = sql.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
      const alarms = await sql.all<AlarmRow>(
        'SELECT id, case_id, fire_at FROM timers WHERE fired_at IS NULL AND fire_at <= ? ORDER BY fire_at, id LIMIT ?' + lock,
        [now, batchSize],
      );
      let progressed = 0;
      for (const t of alarms) {
        const r = await fireAlarm(sql, deps, t, now);
        if (r.kind === 'fired') {
          report.fired += 1;
          report.events += r.events;
        } else {
          report[r.kind] += 1;
        }
        if (r.kind !== 'skipped') progressed += 1;
      }
      return progressed;
    });
    // A full batch may hide more due alarms; skipped ones wait for the next poll.
    if (done < batchSize) return report;
  }
}

/** Fires every due alarm once; resolves with the number of events appended. */
export async function fireDueTimers<C>(o: Omit<TimerPollerOptions<C>, 'intervalMs'>, now: number): Promise<number> {
  return (await pollTimers(o, now)).events;
}

/** Runs `pollTimers` every `intervalMs` until stopped; never overlaps itself. */
export function startTimerPoller<C>(o: TimerPollerOptions<C>): { stop: () => Promise<void>; tick: () => Promise<number> } {
  const now = o.now ?? Date.now;
  const loop = startPeriodic(() => fireDueTimers(o, now()), { intervalMs: o.intervalMs, label: 'timers', log: o.log });
  return { tick: loop.run, stop: loop.stop };
}
