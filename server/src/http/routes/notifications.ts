import { Router } from '@koa/router';
import { NotFoundError, RefusalError } from 'motcua/engine';
import { requireKind } from '../../auth';
import { requirePrincipal } from '../authenticate';
import { param, queryInt, queryString } from '../query';
import type { AppServices, AppState } from '../context';
import { contactBody } from '../schemas';
import { validateBody } from '../validate';

const STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

interface InboxRow {
  id: number;
  case_id: string;
  kind: string;
  subject: string;
  body: string;
  created_at: number | string;
  read_at: number | string | null;
}

/**
 * Notifications as their users see them: the in-app inbox (`/api/my/notifications`), one's
 * own contact details (`/api/my/contact`), and, for administrators, the messages that could
 * not be delivered (`/api/admin/notifications?status=failed`) with a way to send them again.
 */
export function notificationRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  r.get('/api/my/notifications', async (ctx) => {
    const me = await requirePrincipal(ctx, s);
    const limit = queryInt(ctx, 'limit', 50, 1, 200);
    const offset = queryInt(ctx, 'offset', 0, 0, 1_000_000);
    const rows = await s.db.knex('notifications').where({ user_id: me.id, channel: 'inbox' }).orderBy('id', 'desc').limit(limit).offset(offset).select<InboxRow[]>('id', 'case_id', 'kind', 'subject', 'body', 'created_at', 'read_at');
    const unread = (await s.db.knex('notifications').where({ user_id: me.id, channel: 'inbox' }).whereNull('read_at').count('* as n').first()) as { n: number | string } | undefined;
    ctx.body = {
      unread: Number(unread?.n ?? 0),
      items: rows.map((n) => ({ id: Number(n.id), case: n.case_id, kind: n.kind, subject: n.subject, body: n.body, at: new Date(Number(n.created_at)).toISOString(), read: n.read_at !== null })),
    };
  });
  r.post('/api/my/notifications/:id/read', async (ctx) => {
    const me = await requirePrincipal(ctx, s);
    const id = Number(param(ctx, 'id'));
    const changed = Number.isSafeInteger(id) ? await s.db.knex('notifications').where({ id, user_id: me.id, channel: 'inbox' }).update({ read_at: s.now().getTime() }) : 0;
    if (!changed) throw new NotFoundError('E_NOTIFICATION_NOT_FOUND', `No notification '${param(ctx, 'id')}' in your inbox`, { path: 'id', hint: 'Use an id from GET /api/my/notifications.' });
    ctx.body = { id, read: true };
  });
  r.get('/api/my/contact', async (ctx) => {
    const me = await requirePrincipal(ctx, s);
    const row = await s.db.knex('user_contacts').where({ user_id: me.id }).first<{ email: string | null; phone: string | null; locale: string } | undefined>('email', 'phone', 'locale');
    ctx.body = { email: row?.email ?? null, phone: row?.phone ?? null, locale: row?.locale ?? 'vi' };
  });
  r.put('/api/my/contact', async (ctx) => {
    const me = await requirePrincipal(ctx, s);
    const body = validateBody<{ email?: string | null; phone?: string | null; locale?: 'vi' | 'en' }>(contactBody, ctx.request.body);
    const row = { user_id: me.id, email: body.email ?? null, phone: body.phone ?? null, locale: body.locale ?? 'vi' };
    await s.db.knex('user_contacts').insert(row).onConflict('user_id').merge();
    ctx.body = { email: row.email, phone: row.phone, locale: row.locale };
  });
  r.get('/api/admin/notifications', async (ctx) => {
    requireKind(await requirePrincipal(ctx, s), 'admin');
    const status = queryString(ctx, 'status') ?? 'failed';
    if (!(STATUSES as readonly string[]).includes(status)) {
      throw new RefusalError('E_BAD_QUERY', `Query parameter status=${status} must be one of ${STATUSES.join(', ')}`, [], { status: 400, path: 'status', hint: 'Omit status to list failed messages.' });
    }
    const limit = queryInt(ctx, 'limit', 100, 1, 500);
    const rows = await s.db.knex('notifications').where({ status }).whereNot({ channel: 'inbox' }).orderBy('id', 'desc').limit(limit)
      .select<{ id: number; case_id: string; user_id: string; kind: string; channel: string; address: string; attempts: number; last_error: string | null; next_at: number | string }[]>('id', 'case_id', 'user_id', 'kind', 'channel', 'address', 'attempts', 'last_error', 'next_at');
    ctx.body = {
      items: rows.map((n) => ({ id: Number(n.id), case: n.case_id, user: n.user_id, kind: n.kind, channel: n.channel, address: n.address, attempts: Number(n.attempts), error: n.last_error, nextAt: new Date(Number(n.next_at)).toISOString() })),
    };
  });
  r.post('/api/admin/notifications/:id/retry', async (ctx) => {
    requireKind(await requirePrincipal(ctx, s), 'admin');
    const id = Number(param(ctx, 'id'));
    const changed = Number.isSafeInteger(id) ? await s.db.knex('notifications').where({ id, status: 'failed' }).update({ status: 'pending', attempts: 0, next_at: s.now().getTime() }) : 0;
    if (!changed) throw new NotFoundError('E_NOTIFICATION_NOT_FOUND', `No failed notification '${param(ctx, 'id')}'`, { path: 'id', hint: 'Use an id from GET /api/admin/notifications?status=failed.' });
    ctx.body = { id, status: 'pending' };
  });
  return r;
}
