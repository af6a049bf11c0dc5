/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- reading JSON answers checked by expect */
/**
 * The poller runs the engine's `tick` at the engine's own instants: step SLAs, due-soon at the
 * last fifth of the time allowed, overdue; each once, written like a transition (version + 1,
 * audit), re-armed by every transition, never lost to a concurrent officer action.
 */
import { afterAll, expect, it } from 'vitest';
import type { Procedure } from 'motcua/engine';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';
import { PROCEDURE } from './fixtures';
import { START, startTestServer, type Client, type TestServer } from './harness';

const HOUR = 3_600_000;

/** verify has a 4-hour SLA; the officer may ask for a supplement or extend the deadline. */
const SLA_PROCEDURE: Procedure = {
  ...PROCEDURE,
  code: 'T.000003',
  name: { vi: 'Thủ tục có thời hạn bước' },
  components: [],
  steps: [
    {
      id: 'verify',
      kind: 'task',
      role: 'civil-status-officer',
      level: 'commune',
      sla: { value: 4, unit: 'working-hour' },
      actions: {
        approve: { to: 'sign' },
        ask: { to: 'supplement' },
        reject: { to: 'rejected' },
      },
    },
    { id: 'supplement', kind: 'supplement', to: 'verify' },
    { id: 'sign', kind: 'task', role: 'commune-chair', level: 'commune', actions: { sign: { to: 'approved' } } },
  ],
};

const FILING = {
  procedure: 'T.000003',
  unit: 'commune-a1',
  data: { applicant: { nationalId: '001090000001' }, child: { name: 'Bé Na', ageDays: 10 } },
  uploads: {},
};

forEachDatabase('timers drive the engine tick', (db) => {
  const running: TestServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
  });

  async function start(database: Database, now = START): Promise<TestServer> {
    const s = await startTestServer(database, db().dataDir, { procedures: [SLA_PROCEDURE] });
    s.clock.now = now;
    running.push(s);
    return s;
  }

  async function file(s: TestServer): Promise<{ id: string; due: number; cit: Client }> {
    const cit = await s.as('cit-1');
    const r = await cit.post('/api/cases', FILING);
    expect(r.status).toBe(201);
    return { id: r.body.id as string, due: Date.parse(r.body.due as string), cit };
  }

  /** The fire instant of the case's armed alarm, if any. */
  async function armed(database: Database, id: string): Promise<number | undefined> {
    const rows = await database.knex('timers').where({ case_id: id }).whereNull('fired_at').select<{ fire_at: number; kind: string }[]>('fire_at', 'kind');
    expect(rows.length).toBeLessThanOrEqual(1);
    if (rows[0]) expect(rows[0].kind).toBe('alarm');
    return rows[0] ? Number(rows[0].fire_at) : undefined;
  }

  /** The case's due-soon/overdue events, as `type` or `type:step`. */
  async function alerts(database: Database, id: string): Promise<string[]> {
    const rows = await database.knex('case_events').where({ case_id: id }).whereIn('type', ['due-soon', 'overdue']).orderBy('seq').select<{ body: string }[]>('body');
    return rows.map((r) => {
      const e = JSON.parse(r.body) as { type: string; step?: string };
      return e.step ? `${e.type}:${e.step}` : e.type;
    });
  }

  /** The engine's due-soon instant for a calendar-day deadline received at `receipt`: a fifth of the allowed time before the due. */
  const dueSoonOf = (receipt: number, due: number): number => due - Math.floor((due - receipt) / 5);

  it('fires a step SLA once, at the engine\'s instant, across a restart; the version moves and a stale action gets 409', async () => {
    const database = await db().open();
    const first = await start(database);
    const { id, due } = await file(first);
    const sla = START + 4 * HOUR;
    expect(await armed(database, id)).toBe(sla + 1);

    first.clock.now = sla;
    expect(await first.server.tickTimers()).toBe(0);
    first.clock.now = sla + 1;
    expect(await first.server.tickTimers()).toBe(1);
    expect(await first.server.tickTimers()).toBe(0);
    expect(await alerts(database, id)).toEqual(['overdue:verify']);
    // Re-armed at the statutory due-soon instant; a restart changes nothing.
    expect(await armed(database, id)).toBe(dueSoonOf(START, due));
    await first.close();
    const second = await start(database, sla + HOUR);
    expect(await second.server.tickTimers()).toBe(0);
    expect(await alerts(database, id)).toEqual(['overdue:verify']);

    const officer = await second.as('cso-a1');
    const view = await officer.get(`/api/cases/${id}`);
    expect(view.body.version).toBe(2);
    expect(view.body.timeline.filter((e: { type: string }) => e.type === 'overdue')).toEqual([expect.objectContaining({ step: 'verify', detail: { due: expect.any(String) } })]);
    const stale = await officer.post(`/api/cases/${id}/actions`, { step: 'verify', action: 'approve', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('E_STALE_VERSION');
    expect((await officer.post(`/api/cases/${id}/actions`, { step: 'verify', action: 'approve', version: 2 })).status).toBe(200);
    const audit = await database.knex('audit_log').where({ subject: id, action: 'case.tick' }).select<{ actor: string; payload: string }[]>('actor', 'payload');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('system:timers');
    expect(JSON.parse(audit[0]!.payload)).toMatchObject({ version: 2, events: ['overdue:verify'] });
  });

  it('fires due-soon at the engine\'s instant (worklist flag included), then overdue once', async () => {
    const database = await db().open();
    const s = await start(database);
    const { id, due } = await file(s);
    const officer = await s.as('cso-a1');
    expect((await officer.post(`/api/cases/${id}/actions`, { step: 'verify', action: 'approve', version: 1 })).status).toBe(200);
    const soon = dueSoonOf(START, due);
    expect(await armed(database, id)).toBe(soon);
    const chair = await s.as('chair-a1');
    const item = async () => (await chair.get('/api/worklist')).body.items.find((i: { caseId: string }) => i.caseId === id);

    s.clock.now = soon - 1;
    expect(await s.server.tickTimers()).toBe(0);
    expect(await item()).toMatchObject({ dueSoon: false, overdue: false });
    expect((await chair.get('/api/worklist?dueSoon=true')).body.items).toEqual([]);
    s.clock.now = soon;
    expect(await item()).toMatchObject({ dueSoon: true, overdue: false });
    expect((await chair.get('/api/worklist?dueSoon=true')).body.items.map((i: { caseId: string }) => i.caseId)).toEqual([id]);
    expect(await s.server.tickTimers()).toBe(1);
    expect(await alerts(database, id)).toEqual(['due-soon']);
    expect(await armed(database, id)).toBe(due + 1);

    s.clock.now = due;
    expect(await s.server.tickTimers()).toBe(0);
    s.clock.now = due + 1;
    expect(await s.server.tickTimers()).toBe(1);
    expect(await s.server.tickTimers()).toBe(0);
    expect(await alerts(database, id)).toEqual(['due-soon', 'overdue']);
    expect(await armed(database, id)).toBeUndefined();
    expect(await item()).toMatchObject({ dueSoon: false, overdue: true });
  });

  it('re-arms on an extension: due-soon and overdue fire again for the new due', async () => {
    const database = await db().open();
    const s = await start(database);
    const { id, due } = await file(s);
    const officer = await s.as('cso-a1');
    s.clock.now = due + 1;
    // Past the SLA and the due at once: the step SLA and overdue only (no due-soon for a jump past the due).
    expect(await s.server.tickTimers()).toBe(2);
    expect(await alerts(database, id)).toEqual(['overdue', 'overdue:verify']);
    expect(await armed(database, id)).toBeUndefined();

    const ext = await officer.post(`/api/cases/${id}/actions`, { step: 'verify', action: 'extend', form: { value: 2, reason: 'xác minh' }, version: 2 });
    expect(ext.status).toBe(200);
    const newDue = Date.parse(ext.body.due as string);
    expect(newDue).toBeGreaterThan(due);
    const rearmed = await armed(database, id);
    expect(rearmed).toBeDefined();
    expect(rearmed!).toBeGreaterThan(s.clock.now - 1);
    s.clock.now = rearmed!;
    expect(await s.server.tickTimers()).toBe(1);
    s.clock.now = newDue + 1;
    expect(await s.server.tickTimers()).toBe(1);
    expect(await alerts(database, id)).toEqual(['overdue', 'overdue:verify', 'due-soon', 'overdue']);
  });

  it('a suspended case and a closed case fire nothing', async () => {
    const database = await db().open();
    const s = await start(database);
    const officer = await s.as('cso-a1');
    const suspended = await file(s);
    const closed = await file(s);
    expect((await officer.post(`/api/cases/${suspended.id}/actions`, { step: 'verify', action: 'ask', version: 1 })).body.status).toBe('suspended');
    expect((await officer.post(`/api/cases/${closed.id}/actions`, { step: 'verify', action: 'reject', version: 1 })).body.status).toBe('rejected');
    expect(await armed(database, suspended.id)).toBeUndefined();
    expect(await armed(database, closed.id)).toBeUndefined();
    s.clock.now = START + 60 * 24 * HOUR;
    expect(await s.server.tickTimers()).toBe(0);
    expect(await alerts(database, suspended.id)).toEqual([]);
    expect(await alerts(database, closed.id)).toEqual([]);
    // The applicant answers: the clock runs again and the alarm is armed again (already late).
    const resumed = await suspended.cit.post(`/api/cases/${suspended.id}/actions`, { step: 'supplement', action: 'supplement', version: 2 });
    expect(resumed.status).toBe(200);
    expect(await armed(database, suspended.id)).toBeDefined();
  });

  it('an officer action that wins the race keeps the alarm: the poll after it fires', async () => {
    const database = await db().open();
    const s = await start(database);
    const { id } = await file(s);
    const officer = await s.as('cso-a1');
    // The officer approves before the poller comes round: verify's SLA is gone, the next alarm is the due-soon.
    s.clock.now = START + 4 * HOUR + 10;
    const won = await officer.post(`/api/cases/${id}/actions`, { step: 'verify', action: 'approve', version: 1 });
    expect(won.status).toBe(200);
    const soon = await armed(database, id);
    expect(soon).toBeGreaterThan(s.clock.now);
    expect(await s.server.tickTimers()).toBe(0);
    expect(await alerts(database, id)).toEqual([]);
    s.clock.now = soon!;
    expect(await s.server.tickTimers()).toBe(1);
    expect(await alerts(database, id)).toEqual(['due-soon']);
  });

  it('a case that cannot be ticked is retried later and blocks no other alarm', async () => {
    const database = await db().open();
    const s = await start(database);
    const missing = await file(s);
    const corrupt = await file(s);
    const healthy = await file(s);
    await database.knex('cases').where({ id: missing.id }).update({ procedure_version: '9.9.9' });
    await database.knex('cases').where({ id: corrupt.id }).update({ state: '{"not": "a case"' });
    s.clock.now = START + 4 * HOUR + 1;
    expect(await s.server.tickTimers()).toBe(1);
    expect(await alerts(database, healthy.id)).toEqual(['overdue:verify']);
    for (const bad of [missing, corrupt]) {
      expect(await alerts(database, bad.id)).toEqual([]);
      expect(await armed(database, bad.id)).toBe(s.clock.now + HOUR);
    }
  });

  // A transition in flight holds the case row: the poller skips the case instead of waiting
  // (which could deadlock on the alarm row it holds), and fires it at the next poll.
  it.skipIf(db().name === 'sqlite')('skips a case locked by a transition in flight, and fires it at the next poll', async () => {
    const database = await db().open();
    const s = await start(database);
    const { id } = await file(s);
    s.clock.now = START + 4 * HOUR + 1;
    const other = db().again(database);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const inFlight = other.knex.transaction(async (trx) => {
      await trx('cases').where({ id }).forUpdate().first('id');
      locked();
      await held;
    });
    await isLocked;
    expect(await s.server.tickTimers()).toBe(0);
    expect(await armed(database, id)).toBe(START + 4 * HOUR + 1);
    release();
    await inFlight;
    expect(await s.server.tickTimers()).toBe(1);
    expect(await alerts(database, id)).toEqual(['overdue:verify']);
  });

  it.skipIf(db().name === 'sqlite')('two pollers fire every SLA exactly once', async () => {
    const database = await db().open();
    const a = await start(database);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await file(a)).id);
    const b = await start(db().again(database), a.clock.now);
    a.clock.now = START + 4 * HOUR + 1;
    b.clock.now = a.clock.now;
    const [fa, fb] = await Promise.all([a.server.tickTimers(), b.server.tickTimers()]);
    expect(fa + fb).toBe(ids.length);
    for (const id of ids) expect(await alerts(database, id)).toEqual(['overdue:verify']);
    const versions = await database.knex('cases').whereIn('id', ids).pluck('version');
    expect(versions.map(Number)).toEqual(ids.map(() => 2));
  });
});
