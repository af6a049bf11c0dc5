/**
 * The server and the scenario runner say the same thing: polling a case at each alarm the
 * server arms gives exactly the due-soon and overdue events (type, step, instant, detail) that
 * the scenario runner records when its simulated clock visits the same instants.
 */
import { afterAll, expect, it } from 'vitest';
import { compileProcedure, type CaseEvent, type Procedure } from 'motcua/engine';
import { simulate } from 'motcua/testing';
import { forEachDatabase } from './databases';
import { CALENDAR, PROCEDURE } from './fixtures';
import { START, startTestServer, type TestServer } from './harness';

/** Two SLAs in a row (verify, then sign) under a 3-day deadline. */
const PROC: Procedure = {
  ...PROCEDURE,
  code: 'T.000004',
  components: [],
  steps: [
    { id: 'verify', kind: 'task', role: 'civil-status-officer', level: 'commune', sla: { value: 2, unit: 'working-hour' }, actions: { approve: { to: 'sign' } } },
    { id: 'sign', kind: 'task', role: 'commune-chair', level: 'commune', sla: { value: 1, unit: 'calendar-day' }, actions: { sign: { to: 'approved' } } },
  ],
};
const DATA = { applicant: { nationalId: '001090000001' }, child: { name: 'Bé Na', ageDays: 10 } };
const alertsOf = (events: readonly CaseEvent[]) =>
  events.filter((e) => e.type === 'due-soon' || e.type === 'overdue').map((e) => ({ type: e.type, step: e.step, at: e.at, detail: e.detail }));

forEachDatabase('server timers and the scenario runner', (db) => {
  const running: TestServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
  });

  it('emit the same alerts at the same instants', async () => {
    const database = await db().open();
    const s = await startTestServer(database, db().dataDir, { procedures: [PROC] });
    running.push(s);
    const filed = (await (await s.as('cit-1')).post('/api/cases', { procedure: PROC.code, unit: 'commune-a1', data: DATA, uploads: {} })).body;
    const sim = simulate(compileProcedure(PROC), { clock: START, calendar: CALENDAR });
    sim.submit({ data: DATA, upload: [] });

    // Follow the server's alarms; the officer approves verify between two of them.
    const visited: number[] = [];
    for (let i = 0; i < 10; i++) {
      const alarm = await database.knex('timers').where({ case_id: filed.id }).whereNull('fired_at').first<{ fire_at: number } | undefined>('fire_at');
      if (!alarm) break;
      const at = Number(alarm.fire_at);
      visited.push(at);
      s.clock.now = at;
      await s.server.tickTimers();
      sim.at(at);
      if (i === 0) {
        const version = (await (await s.as('cso-a1')).get(`/api/cases/${filed.id}`)).body.version as number;
        expect((await (await s.as('cso-a1')).post(`/api/cases/${filed.id}/actions`, { step: 'verify', action: 'approve', version })).status).toBe(200);
        sim.act('verify', 'approve', { role: 'civil-status-officer' });
      }
    }
    const timeline = (await (await s.as('cit-1')).get(`/api/cases/${filed.id}`)).body.timeline as CaseEvent[];
    const server = alertsOf(timeline);
    expect(server.map((e) => `${e.type}${e.step ? `:${e.step}` : ''}`)).toEqual(['overdue:verify', 'overdue:sign', 'due-soon', 'overdue']);
    expect(server).toEqual(alertsOf(sim.events));
    expect(visited).toHaveLength(4);
  });
});
