/**
 * The Koa application: one error-mapping middleware, body parsing, idempotency for POSTs,
 * one router per resource, the OpenAPI document and its page, and the web app.
 */
import Koa from 'koa';
import { MotcuaError, NotFoundError } from 'motcua/engine';
import { createEmbeddedProvider, createRelyingParty, type RelyingParty } from '../oidc';
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
import { dataAccessRoutes } from './routes/data-access';
import { draftRoutes } from './routes/drafts';
import { healthRoutes } from './routes/health';
import { paymentRoutes } from './routes/payments';
import { catalogueRoutes } from './routes/catalogues';
import { compressLibraryReads } from './compress';
import { procedureRoutes } from './routes/procedures';
import { statsRoutes } from './routes/stats';
import { notificationRoutes } from './routes/notifications';
import { oidcRoutes } from './routes/oidc';
import { testClockRoutes } from './routes/test-clock';
import { unitRoutes } from './routes/units';
import { uploadRoutes } from './routes/uploads';
import { worklistRoutes } from './routes/worklist';
import { staticFiles } from './static-files';
import { noNulInUrl } from './nul';
import { routersByPath } from './router-index';

/**
 * Every router of the API, in the order they answer. The OpenAPI test lists the routes from
 * here, so that a route added without a description in openapi.ts fails it.
 */
export function apiRouters(s: AppServices, publicJwk: object, rp?: RelyingParty): Router<AppState>[] {
  return [
    docsRoutes(),
    healthRoutes(s),
    authRoutes(s, publicJwk),
    oidcRoutes(s, rp),
    procedureRoutes(s),
    catalogueRoutes(s),
    draftRoutes(s),
    caseRoutes(s),
    worklistRoutes(s),
    uploadRoutes(s),
    documentRoutes(s),
    paymentRoutes(s),
    dataAccessRoutes(s),
    adminRoutes(s),
    unitRoutes(s),
    notificationRoutes(s),
    statsRoutes(s),
    testClockRoutes(s),
  ];
}

/** The header every answer carries: browsers must not guess a type other than the one sent. */
export const NOSNIFF = ['X-Content-Type-Options', 'nosniff'] as const;

export function createApp(s: AppServices, publicJwk: object): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = true;
  // Koa would print stacks for errors reaching it; errorMiddleware has already answered them.
  app.silent = true;
  app.use(errorMiddleware(s.log));
  app.use(async (ctx, next) => {
    ctx.set(NOSNIFF[0], NOSNIFF[1]);
    await next();
  });
  // Sign-in through OpenID Connect; the embedded provider reads its own bodies (before jsonBody).
  const signIn = s.config.signIn;
  if (signIn.kind === 'embedded' && !s.config.demo) {
    throw new MotcuaError('E_CONFIG', 'The embedded identity provider signs anyone in as anyone: demo mode only', { hint: 'Configure a real provider (MOTCUA_OIDC_ISSUER, MOTCUA_OIDC_CLIENT_ID) or run with --demo.', path: 'signIn' });
  }
  const embedded = signIn.kind === 'embedded' ? createEmbeddedProvider({ knex: s.db.knex, publicUrl: s.config.publicUrl }) : undefined;
  if (embedded) app.use(embedded.middleware);
  const rp = createRelyingParty({ knex: s.db.knex, config: signIn, publicUrl: s.config.publicUrl, embedded });
  app.use(noNulInUrl);
  app.use(compressLibraryReads());
  app.use(jsonBody());
  app.use(idempotency(s));
  // A publish or retirement by another process sharing the database is in force here within
  // the sync interval: the change counter is read at most that often, by whichever request comes.
  app.use(async (_ctx, next) => {
    await s.sync.maybeRefresh();
    await next();
  });
  app.use(routersByPath(apiRouters(s, publicJwk, rp)));
  app.use(staticFiles(s.config.webDir));
  app.use((ctx) => {
    throw new NotFoundError('E_NOT_FOUND', `No route ${ctx.method} ${ctx.path}`, { hint: 'See GET /api/openapi.json for the API.' });
  });
  return app;
}
