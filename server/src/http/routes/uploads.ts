import { createReadStream } from 'node:fs';
import { Router } from '@koa/router';
import { NotFoundError } from 'motcua/engine';
import { requirePrincipal } from '../authenticate';
import { param } from '../query';
import type { AppServices, AppState } from '../context';
import { cleanFileName } from '../../uploads';

/** Uploads: the raw file as the body, its media type as Content-Type; answered by content hash. */
export function uploadRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  r.post('/api/uploads', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const length = Number(ctx.get('Content-Length'));
    ctx.status = 201;
    ctx.body = await s.uploads.save(principal.id, ctx.req, ctx.get('Content-Type'), cleanFileName(ctx.get('X-File-Name')), Number.isFinite(length) && length > 0 ? length : undefined);
  });
  r.get('/api/uploads/:hash', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const hash = param(ctx, 'hash');
    // Its uploaders, and officers of the units of a case that attaches it, read a file; anyone
    // else learns nothing, not even that it exists.
    const f = /^[0-9a-f]{64}$/.test(hash) ? await s.uploads.readable(principal, hash) : undefined;
    if (!f) {
      throw new NotFoundError('E_UPLOAD_NOT_FOUND', `No upload ${hash}`, { hint: 'Check the hash.' });
    }
    ctx.type = f.type;
    ctx.length = f.size;
    ctx.body = createReadStream(s.uploads.pathOf(hash));
  });
  return r;
}
