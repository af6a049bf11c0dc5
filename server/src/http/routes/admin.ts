import { Router } from '@koa/router';
import { RefusalError } from 'motcua/engine';
import { createSignInLink, findPrincipal, requireKind, upsertUnits, upsertUser, type NewUser } from '../../auth';
import { appendAudit } from '../../audit';
import { requirePrincipal } from '../authenticate';
import { param } from '../query';

/** The units table's id column (migration 0001). */
const UNIT_ID_MAX = 64;
import type { AppServices, AppState } from '../context';
import { issueSignInLinkBody, unitBody, userBody } from '../schemas';
import { validateBody } from '../validate';

/** Admins manage users, role grants and units. */
export function adminRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  r.get('/api/admin/units', async (ctx) => {
    requireKind(await requirePrincipal(ctx, s), 'admin');
    ctx.body = { items: await s.db.knex('units').orderBy('id') };
  });
  r.put('/api/admin/units/:id', async (ctx) => {
    const admin = await requirePrincipal(ctx, s);
    requireKind(admin, 'admin');
    const id = param(ctx, 'id', UNIT_ID_MAX);
    const body = validateBody<{ name: string; level: 'commune' | 'province' | 'ministry'; parent?: string; code?: string }>(unitBody, ctx.request.body);
    await upsertUnits(s.db.knex, [{ id, ...body }]);
    await s.db.knex.transaction((trx) => appendAudit(trx, [{ actor: admin.id, action: 'unit.put', subject: id, payload: body, at: Date.now() }]));
    s.cases.invalidateUnits();
    ctx.body = { id, ...body };
  });
  // Reorganizations of units: the same plan as `motcua units reorganize` (docs/reorganization.md).
  r.post('/api/admin/reorganizations/dry-run', async (ctx) => {
    requireKind(await requirePrincipal(ctx, s), 'admin');
    ctx.body = await s.reorganizer.dryRun(ctx.request.body);
  });
  r.post('/api/admin/reorganizations', async (ctx) => {
    const admin = await requirePrincipal(ctx, s);
    requireKind(admin, 'admin');
    const report = await s.reorganizer.apply(ctx.request.body, admin.id);
    s.cases.invalidateUnits();
    ctx.status = 201;
    ctx.body = report;
  });
  r.get('/api/admin/reorganizations', async (ctx) => {
    requireKind(await requirePrincipal(ctx, s), 'admin');
    const rows = await s.db.knex('reorganizations').orderBy('applied_at', 'desc').select<{ id: string; effective: string; applied_at: number | string; actor: string; summary: string }[]>('id', 'effective', 'applied_at', 'actor', 'summary');
    ctx.body = { items: rows.map((r) => ({ id: r.id, effective: r.effective, appliedAt: new Date(Number(r.applied_at)).toISOString(), actor: r.actor, summary: JSON.parse(r.summary) as unknown })) };
  });
  r.get('/api/admin/users/:id', async (ctx) => {
    requireKind(await requirePrincipal(ctx, s), 'admin');
    const user = await s.db.query((sql) => findPrincipal(sql, param(ctx, 'id')));
    if (!user) throw new RefusalError('E_USER_NOT_FOUND', `No user '${param(ctx, 'id')}'`, [], { status: 404, hint: 'PUT the user first.' });
    ctx.body = user;
  });
  r.put('/api/admin/users/:id', async (ctx) => {
    const admin = await requirePrincipal(ctx, s);
    requireKind(admin, 'admin');
    const id = param(ctx, 'id');
    const body = validateBody<Omit<NewUser, 'id'>>(userBody, ctx.request.body);
    const units = new Set((await s.db.knex('units').select<{ id: string }[]>('id')).map((u) => u.id));
    const problems = (body.roles ?? [])
      .map((g, i) => ({ g, i }))
      .filter(({ g }) => !units.has(g.unit))
      .map(({ g, i }) => ({ code: 'E_UNKNOWN_UNIT', message: `unit '${g.unit}' does not exist`, path: `roles[${i}].unit` }));
    if (problems.length) throw new RefusalError('E_BAD_USER', 'The user names units that do not exist', problems, { hint: 'Create the units first.' });
    await upsertUser(s.db.knex, { id, ...body });
    await s.db.knex.transaction((trx) => appendAudit(trx, [{ actor: admin.id, action: 'user.put', subject: id, payload: body, at: Date.now() }]));
    ctx.body = await s.db.query((sql) => findPrincipal(sql, id));
  });
  // Staff other than the first administrator sign in by a link an administrator hands them
  // (or through the e-ID provider). Never a citizen: a link would let its holder act as them.
  r.post('/api/admin/users/:id/sign-in-link', async (ctx) => {
    const admin = await requirePrincipal(ctx, s);
    requireKind(admin, 'admin');
    const body = validateBody<{ ttlMinutes?: number }>(issueSignInLinkBody, ctx.request.body ?? {});
    const id = param(ctx, 'id');
    const user = await s.db.knex('users').where({ id }).first<{ kind: string; active: boolean | number } | undefined>('kind', 'active');
    if (!user) throw new RefusalError('E_USER_NOT_FOUND', `No user '${id}'`, [], { status: 404, path: 'id', hint: 'Create the user first with PUT /api/admin/users/:id.' });
    if (user.kind === 'citizen') {
      throw new RefusalError('E_CITIZEN_SIGN_IN', `'${id}' is a citizen: citizens sign in with their e-ID, not with a link an administrator holds`, [], { path: 'id', hint: 'Ask the citizen to sign in with VNeID.' });
    }
    if (!user.active) throw new RefusalError('E_USER_INACTIVE', `'${id}' is deactivated`, [], { path: 'id', hint: 'Reactivate the user with PUT /api/admin/users/:id first.' });
    const now = s.now().getTime();
    const link = await s.db.knex.transaction(async (trx) => {
      const l = await createSignInLink(trx, id, { now, ...(body.ttlMinutes ? { ttlMs: body.ttlMinutes * 60_000 } : {}) });
      await appendAudit(trx, [{ actor: admin.id, action: 'auth.sign-in-link.create', subject: id, payload: { expiresAt: l.expiresAt }, at: now }]);
      return l;
    });
    ctx.status = 201;
    ctx.body = { user: id, code: link.code, expiresAt: new Date(link.expiresAt).toISOString() };
  });
  return r;
}
