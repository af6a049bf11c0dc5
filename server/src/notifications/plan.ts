/**
 * Planning: the case timeline read forward from a cursor, each event turned into the
 * notifications it calls for (one per recipient and channel), and the cursor moved, in one
 * transaction. On PostgreSQL event ids may commit out of order (a transaction that took a
 * lower id commits later), so each pass looks back `SLACK` events behind the cursor too; the
 * unique key (event, recipient, channel) makes planning an event twice a no-op.
 */
import type { Knex } from 'knex';
import type { CaseEvent } from 'motcua/engine';
import { takeWriteLock, type Database } from '../db';
import { planMessage, renderMessage, type Locale, type PlannedMessage } from './templates';

/** Events behind the cursor read again on PostgreSQL, for ids committed late. */
const SLACK = 200;
/** Events planned per transaction. */
const BATCH = 500;

export interface PlanDeps {
  db: Database;
  /** Which channels are configured besides the inbox. */
  channels: { email: boolean; sms: boolean };
  /** The procedure's name as messages show it. */
  procedureName: (code: string, version: string) => string | undefined;
}

interface EventRow {
  id: number;
  case_id: string;
  seq: number;
  body: string;
}

interface Recipient {
  user_id: string;
  email: string | null;
  phone: string | null;
  locale: string | null;
}

/** Plans every event after the cursor; returns how many notifications were created. */
export async function planNotifications(d: PlanDeps, now: number): Promise<number> {
  let created = 0;
  for (;;) {
    const step = await d.db.knex.transaction(async (trx) => {
      await takeWriteLock(trx, d.db.dialect);
      const lock = d.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
      const cursorRow = (await trx.raw(`SELECT last_event_id FROM notification_cursor WHERE id = 1${lock}`)) as unknown;
      const cursor = Number(rowsOf<{ last_event_id: number | string }>(cursorRow)[0]?.last_event_id ?? 0);
      const from = d.db.dialect === 'postgres' ? Math.max(0, cursor - SLACK) : cursor;
      const events = await trx<EventRow>('case_events').where('id', '>', from).orderBy('id').limit(BATCH).select('id', 'case_id', 'seq', 'body');
      if (!events.some((e) => Number(e.id) > cursor)) return { more: false, created: 0 };
      let made = 0;
      for (const e of events) made += await planEvent(trx, d, e, now);
      const last = Math.max(cursor, ...events.map((e) => Number(e.id)));
      await trx('notification_cursor').where({ id: 1 }).update({ last_event_id: last });
      return { more: events.length === BATCH, created: made };
    });
    created += step.created;
    if (!step.more) return created;
  }
}

function rowsOf<T>(raw: unknown): T[] {
  // knex.raw answers rows (SQLite) or a pg Result ({ rows }).
  return Array.isArray(raw) ? (raw as T[]) : ((raw as { rows: T[] }).rows ?? []);
}

async function planEvent(trx: Knex.Transaction, d: PlanDeps, row: EventRow, now: number): Promise<number> {
  const event = JSON.parse(row.body) as CaseEvent;
  let previous: CaseEvent | undefined;
  if (event.type === 'closed') {
    const prev = await trx<EventRow>('case_events').where({ case_id: row.case_id, seq: row.seq - 1 }).first('body');
    previous = prev ? (JSON.parse(prev.body) as CaseEvent) : undefined;
  }
  const planned = planMessage(event, previous);
  if (!planned) return 0;
  const kase = await trx('cases').where({ id: row.case_id }).first<{ applicant_id: string; procedure_code: string; procedure_version: string } | undefined>('applicant_id', 'procedure_code', 'procedure_version');
  if (!kase) return 0;
  const facts = { id: row.case_id, procedureName: d.procedureName(kase.procedure_code, kase.procedure_version) ?? kase.procedure_code };
  const recipients = await recipientsOf(trx, planned, row.case_id, kase.applicant_id);
  const rows: Record<string, unknown>[] = [];
  for (const r of recipients) {
    const locale: Locale = r.locale === 'en' ? 'en' : 'vi';
    const { subject, body } = renderMessage(planned.kind, locale, facts, planned.values);
    const base = { event_id: row.id, case_id: row.case_id, user_id: r.user_id, kind: planned.kind, subject, body, attempts: 0, next_at: now, created_at: now };
    rows.push({ ...base, channel: 'inbox', address: null, status: 'sent', sent_at: now });
    if (d.channels.email && r.email) rows.push({ ...base, channel: 'email', address: r.email, status: 'pending', sent_at: null });
    if (d.channels.sms && r.phone) rows.push({ ...base, channel: 'sms', address: r.phone, status: 'pending', sent_at: null });
  }
  if (!rows.length) return 0;
  const inserted = await trx('notifications').insert(rows).onConflict(['event_id', 'user_id', 'channel']).ignore().returning('id');
  return Array.isArray(inserted) ? inserted.length : rows.length;
}

async function recipientsOf(trx: Knex.Transaction, planned: PlannedMessage, caseId: string, applicant: string): Promise<Recipient[]> {
  const contacts = (q: Knex.QueryBuilder) => q.leftJoin('user_contacts as c', 'c.user_id', 'u.id').select('u.id as user_id', 'c.email', 'c.phone', 'c.locale');
  if (planned.audience.kind === 'applicant') return (await contacts(trx('users as u').where('u.id', applicant))) as Recipient[];
  // Officers holding the task: its role in its unit.
  const item = await trx('work_items').where({ case_id: caseId, step: planned.audience.step }).first<{ role: string; unit_id: string } | undefined>('role', 'unit_id');
  if (!item) return [];
  return (await contacts(trx('users as u').join('user_roles as g', 'g.user_id', 'u.id').where({ 'g.role': item.role, 'g.unit_id': item.unit_id, 'u.active': true }))) as Recipient[];
}
