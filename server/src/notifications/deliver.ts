/**
 * Delivery: pending e-mail and SMS notifications are claimed with a lease (so that two
 * processes never send the same one, and a process that dies mid-send leaves it to be sent
 * again after the lease), sent outside any transaction (a slow SMTP server must not hold the
 * database), then marked sent; a failure is retried with exponential backoff and, after
 * `maxAttempts`, marked failed for an administrator to see (`GET /api/admin/notifications`).
 * A message marked sent is never sent again, whatever restarts.
 */
import type { Database } from '../db';
import type { Channel } from './channels';

export interface DeliverDeps {
  db: Database;
  channels: Partial<Record<'email' | 'sms', Channel>>;
  log?: (line: string) => void;
  /** Attempts before a message is marked failed (default 5). */
  maxAttempts?: number;
  /** First retry after this long, doubling each time (default 30 s, at most 1 h). */
  backoffMs?: number;
  /** How long a claim holds a message (default 5 min). */
  leaseMs?: number;
}

interface Claimed {
  id: number;
  channel: 'email' | 'sms';
  address: string;
  subject: string;
  body: string;
  attempts: number;
}

/** What one delivery pass did. */
export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

const CLAIM = 20;

/** The delay before attempt `attempts + 1`. */
export function backoff(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export async function deliverNotifications(d: DeliverDeps, now: number): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const maxAttempts = d.maxAttempts ?? 5;
  const leaseMs = d.leaseMs ?? 300_000;
  const kinds = Object.keys(d.channels);
  if (!kinds.length) return report;
  for (;;) {
    const claimed = await d.db.knex.transaction(async (trx) => {
      const lock = d.db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
      const rows = rowsOf<Claimed>(
        await trx.raw(
          `SELECT id, channel, address, subject, body, attempts FROM notifications WHERE status IN ('pending', 'sending') AND next_at <= ? AND channel IN (${kinds.map(() => '?').join(', ')}) ORDER BY next_at, id LIMIT ${CLAIM}${lock}`,
          [now, ...kinds],
        ),
      );
      if (rows.length) await trx('notifications').whereIn('id', rows.map((r) => r.id)).update({ status: 'sending', next_at: now + leaseMs });
      return rows;
    });
    if (!claimed.length) return report;
    for (const m of claimed) {
      const channel = d.channels[m.channel];
      try {
        if (!channel) throw new Error(`channel ${m.channel} is not configured`);
        await channel.send({ id: Number(m.id), to: m.address, subject: m.subject, body: m.body });
        await d.db.knex('notifications').where({ id: m.id }).update({ status: 'sent', sent_at: now, attempts: Number(m.attempts) + 1, last_error: null });
        report.sent += 1;
      } catch (err) {
        const attempts = Number(m.attempts) + 1;
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
        const failed = attempts >= maxAttempts;
        await d.db.knex('notifications').where({ id: m.id }).update({ status: failed ? 'failed' : 'pending', attempts, last_error: message, next_at: now + backoff(attempts, d.backoffMs ?? 30_000) });
        d.log?.(`notifications: ${m.channel} #${m.id} ${failed ? 'failed for good' : 'will be retried'} (attempt ${attempts}): ${message}`);
        if (failed) report.failed += 1;
        else report.retried += 1;
      }
    }
  }
}

function rowsOf<T>(raw: unknown): T[] {
  return Array.isArray(raw) ? (raw as T[]) : ((raw as { rows: T[] }).rows ?? []);
}
