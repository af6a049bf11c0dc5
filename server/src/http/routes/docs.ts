import { Router } from '@koa/router';
import type { AppState } from '../context';
import { DOCS_PAGE } from '../docs-page';
import { openApiDocument } from '../openapi';

/** The OpenAPI document and a page rendering it (no CDN needed). */
export function docsRoutes(): Router<AppState> {
  const r = new Router<AppState>();
  const openapi = openApiDocument();
  r.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  r.get('/api/docs', (ctx) => {
    ctx.type = 'html';
    ctx.body = DOCS_PAGE;
  });
  return r;
}
