/**
 * Planning: the case timeline read forward from a cursor, each event turned into the
 * notifications it calls for (one per recipient and channel), and the cursor moved, in one
 * transaction. On PostgreSQL event ids may commit out of order (a transaction that took a
 * lower id commits later), so each pass looks back `SLACK` events behind the cursor too; the
 * unique key (event, recipient, channel) makes planning an event twice a no-op.
 */
import type { CaseEvent } from 'motcua/engine';
import { valuesSql, type Database, type Sql } from '../db';
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
    // Plain SQL on one connection (db/transact.ts): on SQLite the batch's BEGIN IMMEDIATE is
    // the write lock; on PostgreSQL the cursor row is locked until commit.
    const step = await d.db.transact(async (sql) => {
      const lock = sql.dialect === 'postgres' ? ' FOR UPDATE' : '';
      const [cursorRow] = await sql.all<{ last_event_id: number | string }>(`SELECT last_event_id FROM notification_cursor WHERE id = 1${lock}`, []);
      const cursor = Number(cursorRow?.last_event_id ?? 0);
      const from = sql.dialect === 'postgres' ? Math.max(0, cursor - SLACK) : cursor;
      const events = await sql.all<EventRow>('SELECT id, case_id, seq, body FROM case_events WHERE id > ? ORDER BY id LIMIT ?', [from, BATCH]);
      if (!events.some((e) => Number(e.id) > cursor)) return { more: false, created: 0 };
      const made = await planEvents(sql, d, events, now);
      const last = Math.max(cursor, ...events.map((e) => Number(e.id)));
      await sql.run('UPDATE notification_cursor SET last_event_id = ? WHERE id = 1', [last]);
      return { more: events.length === BATCH, created: made };
    });
    created += step.created;
    if (!step.more) return created;
  }
}

/**
 * `IN` a list given as one parameter, so that the statement's text (and its prepared
 * statement) is the same whatever the list's length.
 */
function inList(sql: Sql, values: readonly string[]): { clause: string; param: unknown } {
  return sql.dialect === 'postgres' ? { clause: '= ANY(?::text[])', param: values } : { clause: 'IN (SELECT value FROM json_each(?))', param: JSON.stringify(values) };
}

const seqKey = (caseId: string, seq: number | string): string => `${caseId}\u0000${Number(seq)}`;

/**
 * The notifications of a batch of events, in a few statements whatever its size: the cases
 * and the recipients they name are read once for the batch, and every row is one insert.
 */
async function planEvents(sql: Sql, d: PlanDeps, rows: readonly EventRow[], now: number): Promise<number> {
  const bodies = new Map(rows.map((r) => [seqKey(r.case_id, r.seq), r.body]));
  const planned: { row: EventRow; message: PlannedMessage }[] = [];
  for (const row of rows) {
    const event = JSON.parse(row.body) as CaseEvent;
    let previous: CaseEvent | undefined;
    if (event.type === 'closed') {
      // The event before a closing one says how it closed; it is usually in the same batch.
      const body =
        bodies.get(seqKey(row.case_id, Number(row.seq) - 1)) ??
        (await sql.all<{ body: string }>('SELECT body FROM case_events WHERE case_id = ? AND seq = ?', [row.case_id, Number(row.seq) - 1]))[0]?.body;
      previous = body === undefined ? undefined : (JSON.parse(body) as CaseEvent);
    }
    const message = planMessage(event, previous);
    if (message) planned.push({ row, message });
  }
  if (!planned.length) return 0;
  const ids = inList(sql, [...new Set(planned.map((p) => p.row.case_id))]);
  const cases = new Map(
    (await sql.all<CaseRow>(`SELECT id, applicant_id, procedure_code, procedure_version FROM cases WHERE id ${ids.clause}`, [ids.param])).map((c) => [c.id, c]),
  );
  const recipients = await recipientsOf(sql, planned, cases);
  const out: unknown[] = [];
  let count = 0;
  for (const { row, message } of planned) {
    const kase = cases.get(row.case_id);
    if (!kase) continue;
    const facts = { id: row.case_id, procedureName: d.procedureName(kase.procedure_code, kase.procedure_version) ?? kase.procedure_code };
    for (const r of recipients.of(message, row.case_id, kase.applicant_id)) {
      const locale: Locale = r.locale === 'en' ? 'en' : 'vi';
      const { subject, body } = renderMessage(message.kind, locale, facts, message.values);
      const add = (channel: string, address: string | null, status: string, sentAt: number | null): void => {
        out.push(row.id, row.case_id, r.user_id, channel, address, message.kind, subject, body, status, 0, now, sentAt, now);
        count += 1;
      };
      add('inbox', null, 'sent', now);
      if (d.channels.email && r.email) add('email', r.email, 'pending', null);
      if (d.channels.sms && r.phone) add('sms', r.phone, 'pending', null);
    }
  }
  if (!count) return 0;
  // Planning an event twice (PostgreSQL's look-back) adds nothing: the unique key ignores it.
  return sql.run(
    valuesSql(
      'INSERT INTO notifications (event_id, case_id, user_id, channel, address, kind, subject, body, status, attempts, next_at, sent_at, created_at) VALUES ',
      count,
      13,
      ' ON CONFLICT (event_id, user_id, channel) DO NOTHING',
    ),
    out,
  );
}

interface CaseRow {
  id: string;
  applicant_id: string;
  procedure_code: string;
  procedure_version: string;
}

/** Who each planned message goes to: the applicants of the batch's cases, and the officers holding a task. */
async function recipientsOf(
  sql: Sql,
  planned: readonly { row: EventRow; message: PlannedMessage }[],
  cases: ReadonlyMap<string, CaseRow>,
): Promise<{ of: (message: PlannedMessage, caseId: string, applicant: string) => readonly Recipient[] }> {
  const contacts = 'SELECT u.id AS user_id, c.email, c.phone, c.locale FROM users u LEFT JOIN user_contacts c ON c.user_id = u.id';
  const applicants = new Set<string>();
  const officerCases = new Set<string>();
  for (const { row, message } of planned) {
    if (message.audience.kind === 'applicant') {
      const kase = cases.get(row.case_id);
      if (kase) applicants.add(kase.applicant_id);
    } else officerCases.add(row.case_id);
  }
  const byUser = new Map<string, Recipient[]>();
  if (applicants.size) {
    const ids = inList(sql, [...applicants]);
    for (const r of await sql.all<Recipient>(`${contacts} WHERE u.id ${ids.clause}`, [ids.param])) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
  }
  // Officers holding the task: its role in its unit (the first work item of the step, as before).
  const items = new Map<string, { role: string; unit_id: string }>();
  const byRole = new Map<string, Recipient[]>();
  if (officerCases.size) {
    const ids = inList(sql, [...officerCases]);
    for (const w of await sql.all<{ case_id: string; step: string; role: string; unit_id: string }>(`SELECT case_id, step, role, unit_id FROM work_items WHERE case_id ${ids.clause} ORDER BY case_id, step`, [ids.param])) {
      const k = `${w.case_id}\u0000${w.step}`;
      if (!items.has(k)) items.set(k, w);
    }
    for (const { role, unit_id } of new Map([...items.values()].map((w) => [`${w.role}\u0000${w.unit_id}`, w])).values()) {
      byRole.set(`${role}\u0000${unit_id}`, await sql.all<Recipient>(`${contacts} JOIN user_roles g ON g.user_id = u.id WHERE g.role = ? AND g.unit_id = ? AND u.active = ?`, [role, unit_id, true]));
    }
  }
  return {
    of: (message, caseId, applicant) => {
      if (message.audience.kind === 'applicant') return byUser.get(applicant) ?? [];
      const item = items.get(`${caseId}\u0000${message.audience.step}`);
      return item ? (byRole.get(`${item.role}\u0000${item.unit_id}`) ?? []) : [];
    },
  };
}
