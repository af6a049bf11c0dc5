/**
 * The Koa application: one error-mapping middleware, body parsing, idempotency for POSTs,
 * one router per resource, the OpenAPI document and its page, and the web app.
 */
import Koa from 'koa';
import { NotFoundError } from 'motcua/engine';
import type { AppServices, AppState } from './context';
import { errorMiddleware } from './errors';
import { idempotency } from './idempotency';
import { jsonBody } from './json-body';
import type { Router } from '@koa/router';
import { adminRoutes } from './routes/admin';
import { docsRoutes } from './routes/docs';
import { authRoutes } from './routes/auth';
import { caseRoutes } from './routes/cases';
import { documentRoutes } from './routes/documents';
import { draftRoutes } from './routes/drafts';
import { healthRoutes } from './routes/health';
import { procedureRoutes } from './routes/procedures';
import { statsRoutes } from './routes/stats';
import { notificationRoutes } from './routes/notifications';
import { testClockRoutes } from './routes/test-clock';
import { unitRoutes } from './routes/units';
import { uploadRoutes } from './routes/uploads';
import { worklistRoutes } from './routes/worklist';
import { staticFiles } from './static-files';
import { noNulInUrl } from './nul';

/**
 * Every router of the API, in the order they answer. The OpenAPI test lists the routes from
 * here, so that a route added without a description in openapi.ts fails it.
 */
export function apiRouters(s: AppServices, publicJwk: object): Router<AppState>[] {
  return [
    docsRoutes(),
    healthRoutes(s),
    authRoutes(s, publicJwk),
    procedureRoutes(s),
    draftRoutes(s),
    caseRoutes(s),
    worklistRoutes(s),
    uploadRoutes(s),
    documentRoutes(s),
    adminRoutes(s),
    unitRoutes(s),
    notificationRoutes(s),
    statsRoutes(s),
    testClockRoutes(s),
  ];
}

export function createApp(s: AppServices, publicJwk: object): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = true;
  // Koa would print stacks for errors reaching it; errorMiddleware has already answered them.
  app.silent = true;
  app.use(errorMiddleware(s.log));
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    await next();
  });
  app.use(noNulInUrl);
  app.use(jsonBody());
  app.use(idempotency(s));
  // A publish or retirement by another process sharing the database is in force here within
  // the sync interval: the change counter is read at most that often, by whichever request comes.
  app.use(async (_ctx, next) => {
    await s.sync.maybeRefresh();
    await next();
  });
  for (const router of apiRouters(s, publicJwk)) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use(staticFiles(s.config.webDir));
  app.use((ctx) => {
    throw new NotFoundError('E_NOT_FOUND', `No route ${ctx.method} ${ctx.path}`, { hint: 'See GET /api/openapi.json for the API.' });
  });
  return app;
}
