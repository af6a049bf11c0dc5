/**
 * Durable timers: due-soon and overdue events fire exactly once, across restarts and across
 * server processes. A timer is marked fired in the same transaction that appends its event,
 * so a crash either does both or neither. On PostgreSQL each process claims timers with
 * `FOR UPDATE SKIP LOCKED` so several pollers never take the same one; SQLite has a single
 * writer, and its transactions run one at a time.
 */
import type { Knex } from 'knex';
import type { CaseEvent } from '../../../engine/src/runtime/types';
import { appendAudit } from '../audit';
import { appendEvents, FINAL_STATUSES } from '../cases';
import { takeWriteLock, type Database } from '../db';

export interface TimerPollerOptions {
  db: Database;
  intervalMs: number;
  batchSize?: number;
  now?: () => number;
  log?: (line: string) => void;
}

interface TimerRow {
  id: number;
  case_id: string;
  kind: 'due-soon' | 'overdue';
  fire_at: number;
  due_at: number;
}

/** Fires every due timer once; returns how many events were appended. */
export async function fireDueTimers(db: Database, now: number, batchSize = 100): Promise<number> {
  let fired = 0;
  for (;;) {
    const n = await db.knex.transaction(async (trx) => {
      await takeWriteLock(trx, db.dialect);
      let q = trx('timers').whereNull('fired_at').andWhere('fire_at', '<=', now).orderBy('fire_at').orderBy('id').limit(batchSize);
      if (db.dialect === 'postgres') q = q.forUpdate().skipLocked();
      const timers = (await q) as TimerRow[];
      let events = 0;
      for (const t of timers) events += await fireOne(trx, db, t, now);
      return { claimed: timers.length, events };
    });
    fired += n.events;
    if (n.claimed < batchSize) return fired;
  }
}

async function fireOne(trx: Knex.Transaction, db: Database, t: TimerRow, now: number): Promise<number> {
  let q = trx('cases').where({ id: t.case_id }).select('id', 'status', 'due_at', 'version');
  if (db.dialect === 'postgres') q = q.forUpdate();
  const kase = (await q.first()) as { status: string; due_at: number | null } | undefined;
  await trx('timers').where({ id: t.id }).update({ fired_at: now });
  // A timer armed for an older due (extension, suspension) or a closed case is dropped silently.
  if (!kase || FINAL_STATUSES.has(kase.status) || kase.status === 'suspended' || Number(kase.due_at) !== Number(t.due_at)) return 0;
  const event: CaseEvent = {
    type: t.kind,
    at: new Date(Math.max(Number(t.fire_at), 0)).toISOString(),
    actor: { kind: 'system', id: 'timers' },
    detail: { due: new Date(Number(t.due_at)).toISOString(), firedAt: new Date(now).toISOString() },
  };
  await appendEvents(trx, t.case_id, [event], now);
  await appendAudit(trx, [{ actor: 'system:timers', action: `case.${t.kind}`, subject: t.case_id, at: now, payload: { timer: t.id, due: Number(t.due_at) } }]);
  return 1;
}

/** Runs `fireDueTimers` every `intervalMs` until stopped; never overlaps itself. */
export function startTimerPoller(o: TimerPollerOptions): { stop: () => Promise<void>; tick: () => Promise<number> } {
  const now = o.now ?? Date.now;
  let running: Promise<number> | undefined;
  let stopped = false;
  const tick = (): Promise<number> => {
    running ??= fireDueTimers(o.db, now(), o.batchSize).finally(() => {
      running = undefined;
    });
    return running;
  };
  const handle = setInterval(() => {
    if (stopped) return;
    tick().catch((err: unknown) => o.log?.(`timers: ${err instanceof Error ? err.message : String(err)}`));
  }, o.intervalMs);
  handle.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(handle);
      await running?.catch(() => 0);
    },
  };
}
