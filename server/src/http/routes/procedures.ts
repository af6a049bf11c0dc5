import { Router } from '@koa/router';
import { stringify } from 'yaml';
import { RefusalError } from 'motcua/engine';
import { requirePrincipal } from '../authenticate';
import type { AppServices, AppState } from '../context';
import { ProcedureCatalogue } from '../../procedures';
import type { ProcedureListing, ScenarioFile } from 'motcua/contract';
import { listQuery, pageLinks } from '../procedure-query';
import { retireBody, validateSourceBody } from '../publishing-schemas';
import { param, queryBool, queryString } from '../query';
import { overlayDiff, overlaysOf } from '../../publishing/overlays';
import { procedureBody } from '../schemas';
import { validateBody } from '../validate';

const today = (s: AppServices): string => s.now().toISOString().slice(0, 10);

/** Search and read procedures (public); their versions, pull, retirement; demo-mode direct publish. */
export function procedureRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  const catalogue = new ProcedureCatalogue(s.registry, () => s.publishing.catalogues.roles);
  // Public: the paged, filtered, searched list of procedures (one per code), from the index
  // the catalogue rebuilds only when the library changes.
  r.get('/api/procedures', (ctx) => {
    const query = listQuery(ctx);
    const page = catalogue.list(query, today(s));
    const body: ProcedureListing = { ...page, limit: query.limit, offset: query.offset, links: pageLinks(ctx, query, page.total) };
    ctx.body = body;
  });
  // Authors and approvers: what the one validator says about a text, without a draft.
  r.post('/api/procedures/validate', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const body = validateBody<{ source: string; scenarios?: ScenarioFile[] }>(validateSourceBody, ctx.request.body, 'procedure');
    ctx.body = await s.publishing.check(principal, body.source, body.scenarios ?? []);
  });
  // The versions in force today with the text they were published from: `motcua pull`.
  r.get('/api/procedures/in-force', (ctx) => {
    ctx.body = { date: today(s), items: s.publishing.inForce(queryString(ctx, 'date') ?? today(s)) };
  });
  r.get('/api/procedures/:code', (ctx) => {
    const entry = s.registry.resolve(param(ctx, 'code'), queryString(ctx, 'version'), today(s));
    const origin = entry.procedure.overlay;
    const overlay = origin ? overlaysOf(s.registry, origin.base.code).items.find((v) => v.code === entry.procedure.code && v.version === entry.procedure.version) : undefined;
    ctx.body = {
      ...(overlay ? { overlay } : {}),
      status: entry.compiled === undefined ? 'broken' : 'ok',
      versions: s.registry.versions(entry.procedure.code).map((e) => e.procedure.version),
      procedure: entry.procedure,
      contentHash: entry.contentHash,
      // The text it was published from (comments and layout kept): what the designer opens.
      source: entry.source ?? stringify(entry.procedure, { lineWidth: 0 }),
      ...(entry.retiredAt === undefined ? {} : { retiredAt: new Date(entry.retiredAt).toISOString() }),
      diagnostics: entry.diagnostics,
    };
  });
  // The e-form before filing: the signed-in citizen's own records, read for this purpose and logged.
  r.get('/api/procedures/:code/prefill', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const version = queryString(ctx, 'version');
    if (version !== undefined && version.length > 32) {
      throw new RefusalError('E_BAD_QUERY', 'Query parameter version is longer than 32 characters', [], { status: 400, path: 'version', hint: 'Give a version of the procedure, e.g. 1.0.0, or leave it out.' });
    }
    ctx.body = await s.cases.prefill(principal, param(ctx, 'code'), version);
  });
  // The provinces' overlays of a national procedure; `stale: true` for those built on an older national version.
  r.get('/api/procedures/:code/overlays', (ctx) => {
    const stale = queryBool(ctx, 'stale');
    ctx.body = overlaysOf(s.registry, param(ctx, 'code'), stale === undefined ? {} : { stale });
  });
  // What a province changed: the semantic diff of an overlay against its national base (or the newest national version).
  r.get('/api/procedures/:code/overlay-diff', (ctx) => {
    const against = queryString(ctx, 'against') ?? 'base';
    if (against !== 'base' && against !== 'latest') {
      throw new RefusalError('E_BAD_QUERY', `Query parameter against=${against} must be base or latest`, [], { status: 400, path: 'against', hint: 'base: the national version the overlay was built on; latest: the newest national version.' });
    }
    ctx.body = overlayDiff(s.registry, param(ctx, 'code'), queryString(ctx, 'version'), today(s), against);
  });
  r.get('/api/procedures/:code/versions', (ctx) => {
    ctx.body = { items: s.publishing.versions(param(ctx, 'code'), queryString(ctx, 'date') ?? today(s)) };
  });
  r.post('/api/procedures/:code/versions/:version/retire', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const body = validateBody<{ reason?: string }>(retireBody, ctx.request.body ?? {}, 'retire');
    ctx.body = await s.publishing.retire(principal, param(ctx, 'code'), param(ctx, 'version'), body.reason);
  });
  // Demo mode: an author publishes a version in one step (JSON of the YAML format), through the
  // same validator and immutability as a reviewed draft. Outside demo mode: 403 E_REVIEW_REQUIRED.
  r.post('/api/procedures', async (ctx) => {
    const principal = await requirePrincipal(ctx, s);
    const result = await s.publishing.publishDirect(principal, validateBody<object>(procedureBody, ctx.request.body, 'procedure'));
    ctx.status = result.status === 'published' ? 201 : 200;
    ctx.body = result;
  });
  return r;
}
