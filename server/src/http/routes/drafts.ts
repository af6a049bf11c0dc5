import { Router } from '@koa/router';
import type { DraftStatus, NewDraft, SaveDraft } from 'motcua/contract';
import { DRAFT_STATUSES } from 'motcua/contract';
import { RefusalError, type MigrationPlan } from 'motcua/engine';
import { requirePrincipal } from '../authenticate';
import type { AppServices, AppState } from '../context';
import { migrationBody, newDraftBody, returnBody, reviewBody, saveDraftBody } from '../publishing-schemas';
import { param, queryInt, queryString } from '../query';
import { validateBody } from '../validate';

/** Drafts on the server, their four-eyes review, and migrations of open cases (`docs/publishing.md`). */
export function draftRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  const p = s.publishing;
  r.get('/api/drafts/templates', (ctx) => {
    ctx.body = { items: p.templates() };
  });
  r.get('/api/drafts', async (ctx) => {
    const status = queryString(ctx, 'status');
    if (status !== undefined && !(DRAFT_STATUSES as readonly string[]).includes(status)) {
      throw new RefusalError('E_BAD_QUERY', `status=${status} is not a draft status`, [], { status: 400, path: 'status', hint: `One of ${DRAFT_STATUSES.join(', ')}.` });
    }
    ctx.body = { items: await p.list(await requirePrincipal(ctx, s), status as DraftStatus | undefined, queryInt(ctx, 'limit', 50, 1, 500), queryInt(ctx, 'offset', 0, 0, 1_000_000)) };
  });
  r.post('/api/drafts', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    ctx.status = 201;
    ctx.body = await p.create(principal, validateBody<NewDraft>(newDraftBody, ctx.request.body, 'draft'));
  });
  r.get('/api/drafts/:id', async (ctx) => {
    ctx.body = await p.get(await requirePrincipal(ctx, s), param(ctx, 'id'));
  });
  r.put('/api/drafts/:id', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    ctx.body = await p.save(principal, param(ctx, 'id'), validateBody<SaveDraft>(saveDraftBody, ctx.request.body, 'draft'));
  });
  r.delete('/api/drafts/:id', async (ctx) => {
    await p.remove(await requirePrincipal(ctx, s), param(ctx, 'id'));
    ctx.status = 204;
  });
  r.get('/api/drafts/:id/diff', async (ctx) => {
    ctx.body = await p.diff(await requirePrincipal(ctx, s), param(ctx, 'id'), queryString(ctx, 'against'));
  });
  r.post('/api/drafts/:id/submit', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const body = validateBody<{ revision?: number; comment?: string }>(reviewBody, ctx.request.body ?? {}, 'review');
    ctx.body = await p.submit(principal, param(ctx, 'id'), body.revision, body.comment);
  });
  r.post('/api/drafts/:id/return', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const body = validateBody<{ revision?: number; comment: string }>(returnBody, ctx.request.body, 'review');
    ctx.body = await p.returnDraft(principal, param(ctx, 'id'), body.revision, body.comment);
  });
  r.post('/api/drafts/:id/approve', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const body = validateBody<{ revision?: number; comment?: string }>(reviewBody, ctx.request.body ?? {}, 'review');
    ctx.body = await p.approve(principal, param(ctx, 'id'), body.revision, body.comment);
  });
  r.post('/api/drafts/:id/publish', async (ctx) => {
    const result = await p.publish(await requirePrincipal(ctx, s), param(ctx, 'id'));
    ctx.status = result.status === 'published' ? 201 : 200;
    ctx.body = result;
  });
  // In-flight migration: a dry run first (how many move, which cannot and why), then apply.
  r.post('/api/migrations/dry-run', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    ctx.body = await p.migrate(principal, validateBody<MigrationPlan>(migrationBody, ctx.request.body, 'migration'), true);
  });
  r.post('/api/migrations', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    ctx.body = await p.migrate(principal, validateBody<MigrationPlan>(migrationBody, ctx.request.body, 'migration'), false);
  });
  return r;
}
