/**
 * Test-only endpoints, under `/api/test/`, that exist only on a server started with
 * `motcua serve --test-clock` (404 `E_NOT_FOUND` otherwise, as any unknown route): they set
 * up what a scenario file sets up, so that `motcua test --server URL` runs the same scenarios
 * over HTTP. No sign-in: a test-clock server is a test fixture, never a deployment.
 */
import { Router } from '@koa/router';
import { NotFoundError, type CalendarSpec, type Procedure } from 'motcua/engine';
import { upsertUser, type UserKind } from '../../auth';
import { upsertRecords } from '../../sources';
import { procedureRow } from '../../procedures';
import { TEST_UNITS, type TestClock } from '../../test-clock';
import type { AppServices, AppState } from '../context';
import { testCalendarBody, testClockBody, testPrincipalBody, testProceduresBody, testRegistryBody } from '../schemas';
import { validateBody } from '../validate';

/** The routes, or an empty router when the server is not in test-clock mode. */
export function testClockRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>({ prefix: '/api/test' });
  const clock = s.testClock;
  if (!clock) return r;
  const world = (c: TestClock) => ({ now: new Date(c.now).toISOString(), calendarOverride: c.calendar !== undefined, units: Object.fromEntries(TEST_UNITS.map((u) => [u.level, u.id])) });

  r.get('/world', (ctx) => {
    ctx.body = world(clock);
  });
  // Sets the clock (backwards too: each case starts at its scenario's `clock:`) and fires the alarms then due.
  r.put('/clock', async (ctx) => {
    const body = validateBody<{ now: string }>(testClockBody, ctx.request.body);
    const fired = await clock.set(Date.parse(body.now));
    ctx.body = { ...world(clock), fired };
  });
  r.put('/calendar', (ctx) => {
    const body = validateBody<{ calendar: CalendarSpec | null }>(testCalendarBody, ctx.request.body);
    clock.setCalendar(body.calendar);
    ctx.body = world(clock);
  });
  // The national sources hold exactly the scenario's records: what another scenario put is gone.
  r.put('/registry', async (ctx) => {
    const body = validateBody<{ records: Record<string, Record<string, unknown>> }>(testRegistryBody, ctx.request.body);
    const rows = Object.entries(body.records).flatMap(([source, byKey]) => Object.entries(byKey).map(([key, record]) => ({ source, key, record })));
    await s.db.knex('source_records').delete();
    await upsertRecords(s.db.knex, rows, clock.now);
    ctx.body = { records: rows.length };
  });
  // The procedures under test: registered when the server lacks that version or holds another text of it.
  r.post('/procedures', async (ctx) => {
    const body = validateBody<{ procedures: Procedure[]; calendars?: Record<string, CalendarSpec> }>(testProceduresBody, ctx.request.body);
    const calendars = clock.addCalendars(body.calendars ?? {});
    const fresh = body.procedures.filter((p) => JSON.stringify(s.registry.find(p.code, p.version)?.procedure) !== JSON.stringify(p));
    // A test-clock server is never a deployment: a scenario may bring another text of a version
    // it holds, which replaces it here (a real server's published versions are immutable).
    const entries = fresh.map((procedure) => s.registry.compileEntry({ file: `test:${procedure.code}@${procedure.version}`, procedure, diagnostics: [] }));
    for (const e of entries) if (!s.registry.register(e)) s.registry.replaceAtStart(e);
    if (entries.length) await s.db.knex('procedures').insert(entries.map(procedureRow)).onConflict(['code', 'version']).merge();
    const broken = entries.filter((e) => e.compiled === undefined);
    ctx.body = {
      registered: fresh.map((p) => `${p.code}@${p.version}`),
      calendars,
      broken: broken.map((b) => ({ procedure: `${b.procedure.code}@${b.procedure.version}`, diagnostics: b.diagnostics })),
    };
  });
  // A principal for a scenario's `as:`: created or replaced with exactly these roles, and a token for it.
  r.post('/principals', async (ctx) => {
    const body = validateBody<{ id: string; kind: UserKind; name?: string; nationalId?: string; roles?: { role: string; unit: string }[] }>(testPrincipalBody, ctx.request.body);
    const units = new Set((await s.db.knex('units').select<{ id: string }[]>('id')).map((u) => u.id));
    const unknown = (body.roles ?? []).find((g) => !units.has(g.unit));
    if (unknown) throw new NotFoundError('E_UNKNOWN_UNIT', `unit '${unknown.unit}' does not exist`, { hint: `Use a unit of the server, e.g. ${TEST_UNITS.map((u) => u.id).join(', ')}.`, path: 'roles' });
    await upsertUser(s.db.knex, { id: body.id, name: body.name ?? body.id, kind: body.kind, ...(body.nationalId ? { nationalId: body.nationalId } : {}), ...(body.roles ? { roles: body.roles } : {}) });
    ctx.body = { token: await s.auth.issue(body.id), tokenType: 'Bearer' };
  });
  return r;
}
