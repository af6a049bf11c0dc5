/**
 * Migration 0006 takes over a database written by the older poller (two timers per due,
 * events appended without `state.alerts`): no alert is emitted twice, no armed alarm is lost.
 */
import { afterAll, expect, it } from 'vitest';
import { migrationSource } from '../src/db';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

const DAY = 24 * 3_600_000;

forEachDatabase('migration to one alarm per case', (db) => {
  const running: TestServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
  });

  it('records the old alerts in the state, arms every open case at once, and the first polls fire only what is new', async () => {
    const database = await db().open();
    const s = await startTestServer(database, db().dataDir);
    running.push(s);
    const cit = await s.as('cit-1');
    const open = (await cit.post('/api/cases', filing(await uploadPdf(cit)))).body;
    const closed = (await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF other')))).body;
    expect((await (await s.as('cso-a1')).post(`/api/cases/${closed.id}/actions`, { step: 'verify', action: 'reject', form: { reason: 'thiếu' }, version: 1 })).status).toBe(200);
    const due = Date.parse(open.due as string);

    // Back to the schema of the older server, and what it wrote: due-soon fired a day before
    // the due (MOTCUA_DUE_SOON_MS), its event appended; the overdue timer still armed.
    // Later migrations first, then 0006 itself.
    const applied = async (): Promise<string[]> => ((await database.knex.migrate.list({ migrationSource })) as [({ name: string } | string)[], unknown])[0].map((m) => (typeof m === 'string' ? m : m.name));
    while ((await applied()).includes('0006_case_alarms')) await database.knex.migrate.down({ migrationSource });
    expect(await database.knex.schema.hasColumn('work_items', 'due_soon_at')).toBe(false);
    const firedAt = due - DAY;
    await database.knex('timers').insert([
      { case_id: open.id, kind: 'due-soon', fire_at: firedAt, due_at: due, fired_at: firedAt },
      { case_id: open.id, kind: 'overdue', fire_at: due, due_at: due, fired_at: null },
    ]);
    const last = await database.knex('case_events').where({ case_id: open.id }).max({ seq: 'seq' }).first<{ seq: number }>();
    await database.knex('case_events').insert({
      case_id: open.id,
      seq: Number(last.seq) + 1,
      type: 'due-soon',
      at: firedAt,
      body: JSON.stringify({ type: 'due-soon', at: new Date(firedAt).toISOString(), actor: { kind: 'system', id: 'timers' }, detail: { due: new Date(due).toISOString() } }),
    });

    await database.migrate();
    const state = JSON.parse((await database.knex('cases').where({ id: open.id }).first<{ state: string }>('state')).state) as { due: string; alerts: Record<string, string> };
    expect(state.alerts).toEqual({ dueSoon: state.due });
    const armed = await database.knex('timers').whereNull('fired_at').select<{ case_id: string; kind: string; fire_at: number }[]>('case_id', 'kind', 'fire_at');
    expect(armed.map((t) => ({ ...t, fire_at: Number(t.fire_at) }))).toEqual([{ case_id: open.id, kind: 'alarm', fire_at: 0 }]);

    // First poll: the engine knows due-soon fired; it re-arms at the due and fills the work item.
    s.clock.now = due - 3_600_000;
    expect(await s.server.tickTimers()).toBe(0);
    const alarm = await database.knex('timers').where({ case_id: open.id }).whereNull('fired_at').first<{ fire_at: number }>('fire_at');
    expect(Number(alarm.fire_at)).toBe(due + 1);
    const item = await database.knex('work_items').where({ case_id: open.id }).first<{ due_soon_at: number | null }>('due_soon_at');
    expect(item.due_soon_at).not.toBeNull();
    expect(Number(item.due_soon_at)).toBeLessThan(due);
    s.clock.now = due + 1;
    expect(await s.server.tickTimers()).toBe(1);
    const types = await database.knex('case_events').where({ case_id: open.id }).whereIn('type', ['due-soon', 'overdue']).orderBy('seq').pluck('type');
    expect(types).toEqual(['due-soon', 'overdue']);
    expect(await database.knex('case_events').where({ case_id: closed.id }).whereIn('type', ['due-soon', 'overdue']).pluck('type')).toEqual([]);
  });
});
