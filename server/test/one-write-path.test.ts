/**
 * One write path (issue 12, item 2): every change of a case goes through `writeTransition`.
 * A case moved by the timers' tick is written like one moved by an officer's action: the
 * row's version, status, due and updated columns, a contiguous timeline, the work items, the
 * next alarm and an audit row of the same shape.
 */
import { afterAll, expect, it } from 'vitest';
import type { Procedure } from 'motcua/engine';
import { forEachDatabase } from './databases';
import { PROCEDURE } from './fixtures';
import { START, startTestServer, type TestServer } from './harness';

const PROC: Procedure = {
  ...PROCEDURE,
  code: 'T.000005',
  components: [],
  steps: [
    { id: 'verify', kind: 'task', role: 'civil-status-officer', level: 'commune', sla: { value: 2, unit: 'working-hour' }, actions: { approve: { to: 'sign' } } },
    { id: 'sign', kind: 'task', role: 'commune-chair', level: 'commune', sla: { value: 1, unit: 'calendar-day' }, actions: { sign: { to: 'approved' } } },
  ],
};
const DATA = { applicant: { nationalId: '001090000001' }, child: { name: 'Bé Na', ageDays: 10 } };

interface Row { status: string; due_at: number | null; updated_at: number; version: number; state: string }

forEachDatabase('one write path', (db) => {
  const running: TestServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
  });

  it('writes a ticked case like an acted one: row columns, timeline, work items, alarm, audit', async () => {
    const database = await db().open();
    const s = await startTestServer(database, db().dataDir, { procedures: [PROC] });
    running.push(s);
    const filed = (await (await s.as('cit-1')).post('/api/cases', { procedure: PROC.code, unit: 'commune-a1', data: DATA, uploads: {} })).body;
    const row = async () => database.knex('cases').where({ id: filed.id }).first<Row>('status', 'due_at', 'updated_at', 'version', 'state');
    const audit = async (action: string) => (await database.knex('audit_log').where({ subject: filed.id, action }).select<{ actor: string; payload: string }[]>('actor', 'payload')).map((a) => ({ actor: a.actor, payload: JSON.parse(a.payload) as Record<string, unknown> }));
    const seqs = async () => (await database.knex('case_events').where({ case_id: filed.id }).orderBy('seq').select<{ seq: number }[]>('seq')).map((e) => Number(e.seq));
    const alarm = async () => Number((await database.knex('timers').where({ case_id: filed.id }).whereNull('fired_at').first<{ fire_at: number }>('fire_at')).fire_at);

    s.clock.now = START + 3_600_000;
    const acted = await (await s.as('cso-a1')).post(`/api/cases/${filed.id}/actions`, { step: 'verify', action: 'approve', version: 1 });
    expect(acted.status).toBe(200);
    const afterAct = await row();
    expect([Number(afterAct.version), Number(afterAct.updated_at), afterAct.status]).toEqual([2, s.clock.now, 'processing']);

    // The sign step's SLA passes: the tick writes an overdue event.
    s.clock.now = await alarm();
    expect(await s.server.tickTimers()).toBe(1);
    const afterTick = await row();
    expect([Number(afterTick.version), Number(afterTick.updated_at)]).toEqual([3, s.clock.now]);
    expect(afterTick.status).toBe((JSON.parse(afterTick.state) as { status: string }).status);
    expect(afterTick.due_at === null ? null : Number(afterTick.due_at)).toBe(Date.parse((JSON.parse(afterTick.state) as { due: string }).due));
    expect(await seqs()).toEqual([...(await seqs()).keys()].map((i) => i + 1));
    // The next alarm is armed after now, and the work item is still the chair's.
    expect(await alarm()).toBeGreaterThan(s.clock.now);
    expect(await database.knex('work_items').where({ case_id: filed.id }).select('step', 'unit_id')).toEqual([{ step: 'sign', unit_id: 'commune-a1' }]);

    const [act] = await audit('case.verify.approve');
    const [tick] = await audit('case.tick');
    expect(tick!.actor).toBe('system:timers');
    expect(Object.keys(tick!.payload).sort()).toEqual(Object.keys(act!.payload).sort());
    expect(tick!.payload).toMatchObject({ version: 3, status: 'processing', steps: ['sign'], events: ['overdue:sign'] });
    expect(act!.payload).toMatchObject({ version: 2, status: 'processing', steps: ['sign'] });
  });
});
