/* eslint-disable @typescript-eslint/no-unsafe-call -- reading JSON answers checked by expect */
/**
 * Durable timers: due-soon and overdue fire once per due, also across a restart and with two
 * server processes polling the same database at the same time.
 */
import { afterAll, expect, it } from 'vitest';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

const DAY = 24 * 3600 * 1000;

forEachDatabase('durable timers', (db) => {
  const running: TestServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
  });

  async function start(database: Database, now: number): Promise<TestServer> {
    const s = await startTestServer(database, db().dataDir);
    s.clock.now = now;
    running.push(s);
    return s;
  }

  async function alerts(database: Database): Promise<Record<string, string[]>> {
    const rows = await database.knex('case_events').whereIn('type', ['due-soon', 'overdue']).orderBy('id').select<{ case_id: string; type: string }[]>('case_id', 'type');
    const out: Record<string, string[]> = {};
    for (const r of rows) (out[r.case_id] ??= []).push(r.type);
    return out;
  }

  it('fire once each, across a restart in the middle', async () => {
    const database = await db().open();
    const first = await start(database, Date.parse('2026-03-02T09:00:00+07:00'));
    const cit = await first.as('cit-1');
    const filed = (await cit.post('/api/cases', filing(await uploadPdf(cit)))).body;
    const due = Date.parse(filed.due as string);
    expect(await first.server.tickTimers()).toBe(0);

    // Due-soon time (the engine's: the last fifth of 3 days, 14.4 h before the due): the first
    // process fires it, then "crashes" (closes) before overdue.
    first.clock.now = due - DAY / 2;
    expect(await first.server.tickTimers()).toBe(1);
    expect(await first.server.tickTimers()).toBe(0);
    await first.close();

    // A new process on the same database: nothing fires again until overdue, then once.
    const second = await start(database, due - DAY / 4);
    expect(await second.server.tickTimers()).toBe(0);
    second.clock.now = due + 1000;
    expect(await second.server.tickTimers()).toBe(1);
    expect(await second.server.tickTimers()).toBe(0);
    await second.close();
    const third = await start(database, due + DAY);
    expect(await third.server.tickTimers()).toBe(0);

    expect((await alerts(database))[filed.id as string]).toEqual(['due-soon', 'overdue']);
    const timeline = (await (await third.as('cit-1')).get(`/api/cases/${filed.id}`)).body.timeline as { type: string }[];
    expect(timeline.map((e) => e.type).filter((x) => x === 'overdue')).toHaveLength(1);
    const wl = await (await third.as('cso-a1')).get('/api/worklist?overdue=true');
    expect(wl.body.items.find((i: { caseId: string }) => i.caseId === filed.id)).toMatchObject({ overdue: true });
    await third.close();
  });

  // better-sqlite3 is synchronous: two connections in ONE node process cannot wait for each
  // other's lock, so the two-process case runs on PostgreSQL (the deployment it is about).
  it.skipIf(db().name === 'sqlite')('two processes polling together fire every timer exactly once', async () => {
    const database = await db().open();
    const a = await start(database, Date.parse('2026-03-02T09:00:00+07:00'));
    const cit = await a.as('cit-1');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await cit.post('/api/cases', filing(await uploadPdf(cit, `%PDF t${i}`)))).body.id as string);
    const b = await start(db().again(database), a.clock.now);
    a.clock.now += 30 * DAY;
    b.clock.now = a.clock.now;
    const [fa, fb] = await Promise.all([a.server.tickTimers(), b.server.tickTimers()]);
    // Straight past the due: the engine emits overdue only (no late due-soon).
    expect(fa + fb).toBe(ids.length);
    const got = await alerts(database);
    for (const id of ids) expect(got[id]).toEqual(['overdue']);
  });

  it('a closed case fires nothing', async () => {
    const database = await db().open();
    const s = await start(database, Date.parse('2026-03-02T09:00:00+07:00'));
    const cit = await s.as('cit-1');
    const filed = (await cit.post('/api/cases', filing(await uploadPdf(cit)))).body;
    expect((await (await s.as('cso-a1')).post(`/api/cases/${filed.id}/actions`, { step: 'verify', action: 'reject', form: { reason: 'thiếu giấy tờ' }, version: 1 })).status).toBe(200);
    s.clock.now += 30 * DAY;
    expect(await s.server.tickTimers()).toBe(0);
    expect((await alerts(database))[filed.id as string]).toBeUndefined();
  });
});
