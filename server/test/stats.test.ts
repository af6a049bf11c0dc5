/* eslint-disable @typescript-eslint/no-unsafe-argument -- reading JSON answers checked by expect */
/**
 * Statistics: the figures of GET /api/stats checked against an independent computation over
 * the seeded cases (their stored states and timelines, not the statistics tables), on both
 * databases; scope, bad parameters, CSV, ratings and the 766 index's "not measured".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockStatus, compileCalendar, workingTimeBetween, type CaseState, type Procedure } from 'motcua/engine';
import type { Group766, Indicator766, StatsAnswer, StatsFigures } from 'motcua/contract';
import type { CaseView } from '../src/cases';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';
import { CALENDAR, PROCEDURE } from './fixtures';
import { NATIONAL_ID, startTestServer, START, type Client, type TestServer } from './harness';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** No components (filing needs no upload), and a supplement loop. */
const SUPPLEMENTED: Procedure = {
  ...PROCEDURE,
  code: 'T.000003',
  name: { vi: 'Thủ tục có bổ sung hồ sơ', en: 'Procedure with supplements' },
  sector: 'certification',
  components: [],
  fees: [],
  steps: [
    {
      id: 'verify',
      kind: 'task',
      role: 'civil-status-officer',
      level: 'commune',
      actions: { approve: { to: 'sign' }, ask: { to: 'supplement' }, reject: { to: 'rejected' } },
    },
    { id: 'supplement', kind: 'supplement', to: 'verify' },
    { id: 'sign', kind: 'task', role: 'commune-chair', level: 'commune', actions: { sign: { to: 'approved' } } },
  ],
};

/** A small deterministic generator, so that a failure replays. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const cal = compileCalendar(CALENDAR);
const localDay = (ms: number): number => Math.floor((ms + 7 * HOUR) / DAY);
const startOfDay = (day: number): number => day * DAY - 7 * HOUR;
const iso = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

interface Expected {
  received: number; resolved: number; resolvedOnTime: number; onTime: number; overdueNow: number; dueSoon: number; open: number; online: number;
  processing: number; ratings: number; ratingSum: number; eResults: number;
}
const none = (): Expected => ({ received: 0, resolved: 0, resolvedOnTime: 0, onTime: 0, overdueNow: 0, dueSoon: 0, open: 0, online: 0, processing: 0, ratings: 0, ratingSum: 0, eResults: 0 });

/**
 * The figures computed from the cases themselves: states as stored, suspensions counted on the
 * timeline, working time on the calendar, each open case judged at `judgeAt`.
 */
async function independent(database: Database, now: number, ratings: Map<string, number>, judgeAt: (day: number) => number, key: (c: { unit: string; procedure: string; day: number }) => string[]): Promise<Map<string, Expected>> {
  const cases = await database.knex('cases').select<{ id: string; unit_id: string; procedure_code: string; state: string }[]>('id', 'unit_id', 'procedure_code', 'state');
  const events = await database.knex('case_events').orderBy(['case_id', 'seq']).select<{ case_id: string; type: string; at: number | string }[]>('case_id', 'type', 'at');
  const out = new Map<string, Expected>();
  for (const c of cases) {
    const s = JSON.parse(c.state) as CaseState;
    const received = Date.parse(s.submittedAt);
    const day = localDay(received);
    const own = events.filter((e) => e.case_id === c.id);
    const supplements = own.filter((e) => e.type === 'suspended').length;
    const e = none();
    e.received = 1;
    e.online = s.channel === 'online' ? 1 : 0;
    if (s.outcome) {
      const closedAt = Date.parse(s.closedAt!);
      e.resolved = 1;
      e.resolvedOnTime = s.onTime && supplements <= 1 ? 1 : 0;
      e.onTime = e.resolvedOnTime;
      e.eResults = s.result ? 1 : 0;
      // Working time from receipt to closure less the suspended spans read off the timeline.
      let spent = workingTimeBetween(cal, s.clock.receipt, closedAt);
      let from: number | undefined;
      for (const ev of own) {
        if (ev.type === 'suspended') from = Number(ev.at);
        if (ev.type === 'resumed' && from !== undefined) {
          spent -= workingTimeBetween(cal, from, Number(ev.at));
          from = undefined;
        }
      }
      e.processing = spent / cal.dayWorkMs;
      const r = ratings.get(c.id);
      if (r) {
        e.ratings = 1;
        e.ratingSum = r;
      }
    } else {
      e.open = 1;
      const suspendedWithTime = s.status === 'suspended' && (s.clock.remainingMs ?? 0) > 0;
      const due = Date.parse(s.due);
      const lateAtEnd = supplements > 1 || (!suspendedWithTime && due < judgeAt(day));
      e.onTime = lateAtEnd ? 0 : 1;
      e.overdueNow = !suspendedWithTime && now > due ? 1 : 0;
      e.dueSoon = clockStatus(cal, s.clock, now) === 'due-soon' ? 1 : 0;
    }
    for (const k of key({ unit: c.unit_id, procedure: c.procedure_code, day })) {
      const acc = out.get(k) ?? none();
      for (const f of Object.keys(acc) as (keyof Expected)[]) acc[f] += e[f];
      out.set(k, acc);
    }
  }
  return out;
}

function expectRow(row: StatsFigures | undefined, e: Expected | undefined, what: string): void {
  expect(e, what).toBeDefined();
  const x = e!;
  expect(row, what).toMatchObject({
    received: x.received, resolved: x.resolved, resolvedOnTime: x.resolvedOnTime, onTime: x.onTime, open: x.open,
    overdueNow: x.overdueNow, dueSoon: x.dueSoon, online: x.online, electronicResults: x.eResults,
    satisfaction: { count: x.ratings },
  });
  if (!row) throw new Error(`${what}: no row`);
  expect(row.onTimeRate, what).toBeCloseTo(x.onTime / x.received, 3);
  expect(row.onlineShare, what).toBeCloseTo(x.online / x.received, 3);
  if (x.resolved) expect(row.avgProcessingDays, what).toBeCloseTo(x.processing / x.resolved, 1);
  else expect(row.avgProcessingDays, what).toBeNull();
  if (x.ratings) expect(row.satisfaction.average, what).toBeCloseTo(x.ratingSum / x.ratings, 1);
}

forEachDatabase('statistics', (db) => {
  let t: TestServer;
  let database: Database;
  const ratings = new Map<string, number>();
  const firstDay = localDay(START);
  const lastDay = firstDay + 5;

  beforeAll(async () => {
    database = await db().open();
    t = await startTestServer(database, db().dataDir, { procedures: [SUPPLEMENTED] });
    const as: Record<string, Client> = {};
    for (const u of ['cit-1', 'cit-2', 'cso-a1', 'cso-a2', 'chair-a1']) as[u] = await t.as(u);
    const random = rng(14);
    const act = async (who: string, id: string, step: string, action: string, version: number, form?: unknown): Promise<CaseView> => {
      const r = await as[who]!.post(`/api/cases/${id}/actions`, { step, action, version, ...(form ? { form } : {}) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body as CaseView;
    };
    // Six days of filings, 5 a day, at two communes, online and at the counter; each case then
    // follows a random path: approved (late or not), rejected, one or two supplement requests, or left open.
    for (let day = 0; day < 6; day++) {
      for (let n = 0; n < 5; n++) {
        t.clock.now = START + day * DAY + n * HOUR;
        const unit = random() < 0.6 ? 'commune-a1' : 'commune-a2';
        const citizen = random() < 0.5 ? 'cit-1' : 'cit-2';
        const counter = unit === 'commune-a1' && random() < 0.3;
        const procedure = random() < 0.5 ? 'T.000003' : 'T.000002';
        const body = { procedure, unit, data: { applicant: { nationalId: NATIONAL_ID[citizen] }, child: { name: 'Bé', ageDays: 3 } }, uploads: {} };
        const r = await as[counter ? 'cso-a1' : citizen]!.post('/api/cases', body);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        let kase = r.body;
        const officer = unit === 'commune-a1' ? 'cso-a1' : 'cso-a2';
        const path = random();
        t.clock.now += Math.floor(random() * 5 * DAY);
        if (procedure === 'T.000002') {
          // A province review: cso-prov is not among the clients here, so it stays open (or is late).
          continue;
        }
        if (path < 0.2) continue;
        if (path < 0.55) {
          const supplements = random() < 0.5 ? 1 : 2;
          for (let i = 0; i < supplements; i++) {
            kase = await act(officer, kase.id, 'verify', 'ask', kase.version);
            t.clock.now += Math.floor(random() * 2 * DAY);
            if (random() < 0.15) break; // left waiting for the citizen
            kase = await act(citizen, kase.id, 'supplement', 'supplement', kase.version, { data: {} });
          }
          if (kase.status === 'suspended') continue;
        }
        if (path < 0.7 || unit === 'commune-a2') {
          kase = await act(officer, kase.id, 'verify', 'reject', kase.version);
        } else {
          kase = await act(officer, kase.id, 'verify', 'approve', kase.version);
          t.clock.now += Math.floor(random() * DAY);
          kase = await act('chair-a1', kase.id, 'sign', 'sign', kase.version);
        }
        if (random() < 0.6) {
          const score = 1 + Math.floor(random() * 5);
          const rated = await as[citizen]!.post(`/api/cases/${kase.id}/rating`, { score });
          expect(rated.status, JSON.stringify(rated.body)).toBe(201);
          ratings.set(kase.id, score);
        }
      }
    }
    t.clock.now = START + 7 * DAY + 3 * HOUR;
  }, 120_000);
  afterAll(async () => t?.close());

  const range = `from=${iso(firstDay)}&to=${iso(lastDay)}`;

  it('by unit: every figure agrees with the cases, and the province adds up its communes', async () => {
    const admin = await t.as('admin');
    // The whole country shows its top units; unit= drills down to a province and its communes.
    const top = await admin.get(`/api/stats?${range}&by=unit`);
    expect((top.body as StatsAnswer).rows.map((x) => x.key)).toEqual(['prov-a']);
    const r = await admin.get(`/api/stats?${range}&by=unit&unit=prov-a`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const judge = startOfDay(lastDay + 1);
    const want = await independent(database, t.clock.now, ratings, () => Math.min(judge, t.clock.now), (c) => [c.unit, 'prov-a']);
    const rows = new Map((r.body as StatsAnswer).rows.map((x) => [x.key, x]));
    expect([...rows.keys()].sort()).toEqual(['commune-a1', 'commune-a2', 'prov-a']);
    for (const [unit, e] of want) expectRow(rows.get(unit), e, unit);
    expectRow(r.body.total, want.get('prov-a'), 'total');
    expectRow((top.body as StatsAnswer).total, want.get('prov-a'), 'national total');
    expect(rows.get('prov-a')?.name).toBe('Tỉnh A');
    // The data exercises every rule: cases closed, open, late, two supplements, ratings.
    const p = want.get('prov-a')!;
    expect(p.received).toBe(30);
    expect(p.resolved).toBeGreaterThan(3);
    expect(p.open).toBeGreaterThan(3);
    expect(p.received - p.onTime).toBeGreaterThan(0);
    expect(p.ratings).toBeGreaterThan(1);
  });

  it('by procedure and sector, by day: open cases judged at each day\'s end', async () => {
    const cso = await t.as('cso-prov');
    const r = await cso.get(`/api/stats?${range}&by=procedure&period=day`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const want = await independent(database, t.clock.now, ratings, (day) => Math.min(startOfDay(day + 1), t.clock.now), (c) => [`${iso(c.day)}|${c.procedure}`]);
    expect(r.body.rows).toHaveLength(want.size);
    for (const row of (r.body as StatsAnswer).rows) expectRow(row, want.get(`${row.bucket}|${row.key}`), `${row.bucket} ${row.key}`);
    const sectors = await cso.get(`/api/stats?${range}&by=sector`);
    const bySector = await independent(database, t.clock.now, ratings, () => Math.min(startOfDay(lastDay + 1), t.clock.now), (c) => [c.procedure === 'T.000003' ? 'certification' : 'civil-status']);
    for (const row of (sectors.body as StatsAnswer).rows) expectRow(row, bySector.get(row.key), row.key);
  });

  it('whole months are read as months, the edges as days: the same figures', async () => {
    const admin = await t.as('admin');
    const months = await admin.get('/api/stats?from=2026-02-15&to=2026-04-10&by=procedure&period=month');
    expect(months.status, JSON.stringify(months.body)).toBe(200);
    const want = await independent(database, t.clock.now, ratings, () => t.clock.now, (c) => [`${iso(c.day).slice(0, 7)}|${c.procedure}`]);
    expect((months.body as StatsAnswer).rows).toHaveLength(want.size);
    for (const row of (months.body as StatsAnswer).rows) expectRow(row, want.get(`${row.bucket}|${row.key}`), `${row.bucket} ${row.key}`);
    const whole = await admin.get('/api/stats?from=2026-02-15&to=2026-04-10&by=unit&unit=prov-a');
    const byUnit = await independent(database, t.clock.now, ratings, () => t.clock.now, (c) => [c.unit, 'prov-a']);
    for (const row of (whole.body as StatsAnswer).rows) expectRow(row, byUnit.get(row.key), row.key);
    const weeks = await admin.get(`/api/stats?${range}&by=level&period=week`);
    expect(weeks.status).toBe(200);
    expect((weeks.body as StatsAnswer).rows.reduce((n, x) => n + x.received, 0)).toBe(30);
  });

  it('a period that ended judges its open cases at its end, not now', async () => {
    const admin = await t.as('admin');
    const day = firstDay + 1;
    const r = await admin.get(`/api/stats?from=${iso(day)}&to=${iso(day)}&by=unit`);
    const want = await independent(database, t.clock.now, ratings, () => startOfDay(day + 1), (c) => (c.day === day ? [c.unit, 'prov-a'] : []));
    expectRow((r.body as StatsAnswer).rows.find((x) => x.key === 'prov-a'), want.get('prov-a'), 'prov-a');
  });

  it('each leader sees only their scope: 403 with a code outside it', async () => {
    const commune = await t.as('cso-a1');
    const own = await commune.get(`/api/stats?${range}`);
    expect(own.status).toBe(200);
    expect(own.body.scope).toEqual(['commune-a1']);
    expect((own.body as StatsAnswer).rows.map((x) => x.key)).toEqual(['commune-a1']);
    const other = await commune.get(`/api/stats?${range}&unit=commune-a2`);
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'E_OUT_OF_SCOPE', path: 'unit' });
    const up = await commune.get(`/api/stats?${range}&unit=prov-a`);
    expect(up.body.error.code).toBe('E_OUT_OF_SCOPE');
    const citizen = await (await t.as('cit-1')).get(`/api/stats?${range}`);
    expect(citizen.status).toBe(403);
    expect(citizen.body.error.code).toBe('E_FORBIDDEN');
    const province = await (await t.as('cso-prov')).get(`/api/stats?${range}&unit=commune-a2`);
    expect(province.status).toBe(200);
    expect((province.body as StatsAnswer).rows.map((x) => x.key)).toEqual(['commune-a2']);
    const overdue = await commune.get('/api/stats/overdue');
    expect(overdue.status).toBe(200);
    const want = await independent(database, t.clock.now, ratings, () => 0, (c) => (c.unit === 'commune-a1' ? ['a1'] : []));
    expect(overdue.body.items).toHaveLength(want.get('a1')!.overdueNow);
    for (const item of overdue.body.items) expect(item.unit).toBe('commune-a1');
  });

  it('an overdue case is offered to open exactly when its reader may open it', async () => {
    // The commune's officer opens their unit's cases; the province's leader sees that a
    // commune's case is late but not the citizen's file: a link would answer 404.
    let opened = 0;
    let closed = 0;
    for (const who of ['cso-a1', 'cso-prov']) {
      const client = await t.as(who);
      const list = await client.get('/api/stats/overdue?limit=500');
      expect(list.status).toBe(200);
      expect(list.body.items.length, who).toBeGreaterThan(0);
      for (const item of list.body.items as { id: string; canOpen: boolean }[]) {
        const page = await client.get(`/api/cases/${item.id}`);
        expect(page.status, `${who} ${item.id}`).toBe(item.canOpen ? 200 : 404);
        if (item.canOpen) opened++;
        else closed++;
      }
    }
    expect(opened).toBeGreaterThan(0);
    expect(closed).toBeGreaterThan(0);
  });

  it('every bad query parameter is a 400 naming it', async () => {
    const admin = await t.as('admin');
    const cases: [string, string][] = [
      ['from=2026-13-01', 'from'], ['to=yesterday', 'to'], ['by=region', 'by'], ['period=year', 'period'], ['format=xml', 'format'],
      ['level=village', 'level'], ['unit=no%20such', 'unit'], ['unit=nowhere', 'unit'], ['procedure=' + 'x'.repeat(80), 'procedure'],
      ['from=2026-03-10&to=2026-03-01', 'from'], ['from=2020-01-01&to=2026-01-01', 'to'], ['from=2024-01-01&to=2026-01-01&period=day', 'period'],
      ['colour=red', 'colour'], ['by=unit&by=procedure', 'by'],
    ];
    for (const [query, path] of cases) {
      const r = await admin.get(`/api/stats?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error, query).toMatchObject({ code: 'E_BAD_QUERY', path });
    }
    const o = await admin.get('/api/stats/overdue?limit=0');
    expect(o.body.error).toMatchObject({ code: 'E_BAD_QUERY', path: 'limit' });
  });

  it('exports CSV (format=csv or Accept: text/csv) with the same figures', async () => {
    const admin = await t.as('admin');
    const json = (await admin.get(`/api/stats?${range}&by=unit&unit=prov-a`)).body as StatsAnswer;
    const csv = await admin.get(`/api/stats?${range}&by=unit&unit=prov-a&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = String(csv.body).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toContain('Tiếp nhận (received)');
    expect(lines).toHaveLength(json.rows.length + 1);
    const prov = lines.find((l) => l.includes(',prov-a,'))!.split(',');
    expect(Number(prov[3])).toBe(json.rows.find((x) => x.key === 'prov-a')?.received);
    const accept = await admin.raw(`/api/stats?${range}`, { headers: { Accept: 'text/csv' } });
    expect(accept.headers.get('content-type')).toContain('text/csv');
  });

  it('the 766 index: progress and online from the unit\'s own cases, the rest not measured', async () => {
    const admin = await t.as('admin');
    const rows = ((await admin.get(`/api/stats?${range}&by=unit&unit=prov-a`)).body as StatsAnswer).rows;
    for (const row of rows) {
      const idx = row.index766!;
      const group = (id: string): Group766 => idx.groups.find((g) => g.id === id)!;
      const progress = group('progress');
      expect(progress.points).toBeCloseTo((20 * row.onTime) / row.received, 1);
      const online = group('online-services').indicators.find((i) => i.id === 'dossiers-filed-online') as Extract<Indicator766, { kind: 'measured' }>;
      expect(online.points).toBeCloseTo(6 * Math.min(1, row.online / row.received / 0.5), 1);
      const satisfaction = group('satisfaction');
      expect(satisfaction.points).toBeNull();
      expect(satisfaction.indicators.every((i) => i.kind === 'notMeasured' && i.reason.length > 0)).toBe(true);
      expect(idx.measuredMax).toBeLessThan(100);
    }
  });

  describe('ratings', () => {
    it('only the filer, only once resolved, once, from 1 to 5', async () => {
      const cit1 = await t.as('cit-1');
      const cit2 = await t.as('cit-2');
      t.clock.now += HOUR;
      const open = (await cit1.post('/api/cases', { procedure: 'T.000003', unit: 'commune-a1', data: { applicant: { nationalId: NATIONAL_ID['cit-1'] }, child: { name: 'Bé', ageDays: 1 } }, uploads: {} })).body;
      const early = await cit1.post(`/api/cases/${open.id}/rating`, { score: 5 });
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('E_CASE_NOT_RESOLVED');
      const cso = await t.as('cso-a1');
      await cso.post(`/api/cases/${open.id}/actions`, { step: 'verify', action: 'reject', version: open.version });
      expect((await cit2.post(`/api/cases/${open.id}/rating`, { score: 5 })).status).toBe(404);
      expect((await cso.post(`/api/cases/${open.id}/rating`, { score: 5 })).body.error.code).toBe('E_FORBIDDEN');
      for (const bad of [{ score: 0 }, { score: 6 }, { score: 2.5 }, { score: '5' }, {}, { score: 3, comment: 'x' }]) {
        const r = await cit1.post(`/api/cases/${open.id}/rating`, bad);
        expect(r.status, JSON.stringify(bad)).toBe(400);
        expect(r.body.error.code).toBe('E_BAD_BODY');
      }
      expect((await cit1.post(`/api/cases/${open.id}/rating`, { score: 4 })).status).toBe(201);
      const again = await cit1.post(`/api/cases/${open.id}/rating`, { score: 1 });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('E_ALREADY_RATED');
      expect((await cit1.post('/api/cases/nope/rating', { score: 3 })).status).toBe(404);
    });
  });
});
