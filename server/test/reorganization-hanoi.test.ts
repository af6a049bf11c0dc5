/* eslint-disable @typescript-eslint/no-unsafe-call -- reading JSON answers checked by expect */
/**
 * The real merger of 1 July 2025 in Hà Nội (test/fixtures/reorganization/ha-noi-2025-07-01),
 * replayed with 1,000 open cases at the ten former communes and wards: the dry run counts what
 * moves and lists the cases no rule places, applying refuses until they are decided, then moves
 * everything in one audited transaction. Every case, timer, upload, document and audit row is
 * counted before and after: nothing is lost, deadlines are unchanged, the audit chain verifies,
 * former codes still resolve and a document issued by a former ward still verifies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Procedure } from 'motcua/engine';
import { upsertUnits, upsertUser, type UnitRow } from '../src/auth';
import { verifyAudit } from '../src/audit';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';
import { PROCEDURE } from './fixtures';
import { filing, startTestServer, uploadPdf, type Client, type TestServer } from './harness';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'reorganization', 'ha-noi-2025-07-01');
const OPEN_CASES = 1000;
const GROUPS = ['Tổ 1', 'Tổ 2', 'Tổ 3', 'Tổ 4', undefined] as const;

/** The test procedure, issuing a birth certificate at the commune on approval. */
const ISSUING: Procedure = {
  ...PROCEDURE,
  code: 'T.000020',
  // The split rules read the applicant's address: the form declares it (undeclared fields are refused).
  data: {
    ...PROCEDURE.data,
    schema: {
      ...PROCEDURE.data!.schema,
      properties: {
        ...(PROCEDURE.data!.schema as { properties: Record<string, unknown> }).properties,
        address: { type: 'object', properties: { province: { type: 'string' }, commune: { type: 'string' }, residentialGroup: { type: 'string' } } },
      },
    },
  },
  outcomes: { approved: { status: 'done', result: { document: 'birth-certificate', issuer: 'commune', store: 'wallet' } }, rejected: { status: 'rejected' }, withdrawn: { status: 'withdrawn' } },
};

interface FormerUnit extends UnitRow {
  district: string;
}
const former = parse(readFileSync(join(FIXTURE, 'former-units.yaml'), 'utf8')) as FormerUnit[];
const planText = readFileSync(join(FIXTURE, 'plan.yaml'), 'utf8');
 
const plan = parse(planText);
const catalogue = parse(readFileSync(join(ROOT, 'procedures', 'catalogues', 'units.yaml'), 'utf8')) as UnitRow[];

/** Where the plan sends a case, computed here from the fixture's own words (not by the code under test). */
function expectedUnit(unit: string, group: string | undefined, decided: Record<string, string>, id: string): string | undefined {
  for (const m of plan.merge) if (m.from.includes(unit)) return m.into as string;
  if (decided[id]) return decided[id];
  const byGroup: Record<string, string> = { 'to 1': 'ha-noi-ba-dinh', 'to 2': 'ha-noi-ba-dinh', 'to 3': 'ha-noi-ngoc-ha', 'to 4': 'ha-noi-ngoc-ha' };
  return group ? byGroup[group.toLowerCase().replace('ổ', 'o')] : undefined;
}

it('the fixture plan says what the conversion table rows say', () => {
  const rows = readFileSync(join(FIXTURE, 'conversion.csv'), 'utf8').trim().split('\n').slice(2).map((l) => l.split(','));
  const byCode = new Map(former.map((u) => [u.code, u.id]));
  const newIds: Record<string, string> = { '00382': 'ha-noi-kim-anh', '00004': 'ha-noi-ba-dinh', '00008': 'ha-noi-ngoc-ha' };
  for (const [, newName, newCode, oldName, oldCode, how] of rows) {
    const id = byCode.get(oldCode);
    if (!id) continue; // a ward that also went to wards outside these rows: left out (README.md)
    expect(former.find((u) => u.id === id)?.name, oldCode).toBe(oldName);
    expect(catalogue.find((u) => u.id === newIds[newCode!])?.name, newCode).toBe(newName);
    if (how === 'Nhập toàn bộ') expect(plan.merge.find((m: { from: string[] }) => m.from.includes(id))?.into, oldName).toBe(newIds[newCode!]);
    else expect(plan.split.find((s: { from: string }) => s.from === id)?.into, oldName).toContain(newIds[newCode!]);
  }
  expect(former).toHaveLength(10);
});

forEachDatabase('reorganization: the Hà Nội merger of 2025-07-01 replayed', (db) => {
  let t: TestServer;
  let database: Database;
  let admin: Client;
  let closedCase: string;
  let documentJws: string;
  const groupOf = new Map<string, string | undefined>();
  const unitOf = new Map<string, string>();

  beforeAll(async () => {
    database = await db().open();
    t = await startTestServer(database, db().dataDir, { procedures: [ISSUING] });
    const ids = new Set(['ha-noi', 'ha-noi-kim-anh', 'ha-noi-ba-dinh', 'ha-noi-ngoc-ha']);
    await upsertUnits(database.knex, [...catalogue.filter((u) => ids.has(u.id)), ...former.map(({ district: _d, ...u }) => u)]);
    // An officer per former unit, a chairman at Minh Trí, and one who already works at the new Ba Đình.
    for (const u of former) await upsertUser(database.knex, { id: `cso-${u.id}`, name: `Hộ tịch ${u.name}`, kind: 'officer', roles: [{ role: 'civil-status-officer', unit: u.id }] });
    await upsertUser(database.knex, { id: 'chair-minh-tri', name: 'Chủ tịch Minh Trí', kind: 'officer', roles: [{ role: 'commune-chair', unit: 'ha-noi-cu-minh-tri' }, { role: 'civil-status-officer', unit: 'ha-noi-cu-truc-bach' }] });
    await upsertUser(database.knex, { id: 'cso-ba-dinh', name: 'Hộ tịch Ba Đình', kind: 'officer', roles: [{ role: 'civil-status-officer', unit: 'ha-noi-ba-dinh' }] });
    admin = await t.as('admin');

    // Real filings: one open case per former unit (its own upload), and one closed at Minh Trí with a document.
    const cit = await t.as('cit-1');
    const templates: { id: string; unit: string }[] = [];
    for (const u of former) {
      const r = await cit.post('/api/cases', filing(await uploadPdf(cit, `%PDF ${u.id}`), { procedure: 'T.000020', unit: u.id, data: { ...filing('x').data as object, address: { province: 'Thành phố Hà Nội', commune: u.name, residentialGroup: 'Tổ 1' } } }));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      templates.push({ id: r.body.id, unit: u.id });
    }
    const done = await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF closed'), { procedure: 'T.000020', unit: 'ha-noi-cu-minh-tri' }));
    closedCase = done.body.id;
    expect((await (await t.as('cso-ha-noi-cu-minh-tri')).post(`/api/cases/${closedCase}/actions`, { step: 'verify', action: 'approve', version: 1 })).status).toBe(200);
    expect((await (await t.as('chair-minh-tri')).post(`/api/cases/${closedCase}/actions`, { step: 'sign', action: 'sign', version: 2 })).status).toBe(200);
    await t.server.drainOutbox();
    const doc = (await database.knex('documents').where({ case_id: closedCase }).first()) as { jws: string; issuer_unit: string };
    expect(doc.issuer_unit).toBe('ha-noi-cu-minh-tri');
    documentJws = doc.jws;

    // The other open cases, seeded fast: copies of the real ones (row, state, timeline, work item, alarm).
    await seedCopies(database, templates, OPEN_CASES - templates.length, groupOf, unitOf);
    for (const c of templates) {
      groupOf.set(c.id, 'Tổ 1');
      unitOf.set(c.id, c.unit);
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('dry run: counts what moves, lists the cases no rule places, changes nothing', async () => {
    const before = await census(database);
    const r = await admin.post('/api/admin/reorganizations/dry-run', plan);
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    const splitUnits = new Set<string>((plan.split as { from: string }[]).map((s) => s.from));
    const undecided = [...unitOf].filter(([id, unit]) => splitUnits.has(unit) && expectedUnit(unit, groupOf.get(id), {}, id) === undefined).map(([id]) => id).sort();
    expect(undecided.length).toBeGreaterThan(0);
    expect(r.body.ready).toBe(false);
    expect(r.body.decisionsNeeded.map((d: { case: string }) => d.case).sort()).toEqual(undecided);
    expect(r.body.decisionsNeeded[0]).toMatchObject({ choices: ['ha-noi-ba-dinh', 'ha-noi-ngoc-ha'], path: expect.stringMatching(/^split\[\d\]\.decisions\./) });
    const formerIds = former.map((u) => u.id);
    expect(r.body.affected).toEqual({
      openCases: OPEN_CASES,
      workItems: await countIn(database, 'work_items', 'case_id', [...unitOf.keys()]),
      timers: Number((await database.knex('timers').whereNull('fired_at').whereIn('case_id', [...unitOf.keys()]).count({ n: '*' }))[0]!.n),
      officers: new Set((await database.knex('user_roles').whereIn('unit_id', formerIds).select('user_id')).map((x: { user_id: string }) => x.user_id)).size,
      uploads: former.length,
      documents: 1,
    });
    expect(r.body.units.ended.map((u: { id: string }) => u.id).sort()).toEqual([...formerIds].sort());
    expect(r.body.units.ended.find((u: { id: string }) => u.id === 'ha-noi-cu-doi-can')).toMatchObject({ code: '00022', kind: 'split', successors: ['ha-noi-ba-dinh', 'ha-noi-ngoc-ha'] });
    expect(await census(database)).toEqual(before);
  });

  it('apply refuses while a case needs a decision (422 naming each case), and writes nothing', async () => {
    const before = await census(database);
    const r = await admin.post('/api/admin/reorganizations', plan);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('E_PLAN_DECISION_NEEDED');
    expect(r.body.error.details[0]).toMatchObject({ code: 'E_PLAN_DECISION_NEEDED', path: expect.stringMatching(/^split\[\d\]\.decisions\./) });
    expect(await census(database)).toEqual(before);
  });

  it('apply with the decisions: every open case moves where the plan says, nothing is lost, the chain verifies', async () => {
    const decided: Record<string, string> = {};
    const decisions = plan.split.map(() => ({}) as Record<string, string>);
    plan.split.forEach((s: { from: string }, i: number) => {
      for (const [id, unit] of unitOf) {
        if (unit === s.from && expectedUnit(unit, groupOf.get(id), {}, id) === undefined) decisions[i][id] = decided[id] = 'ha-noi-ngoc-ha';
      }
    });
    const decidedPlan = { ...plan, split: plan.split.map((s: object, i: number) => ({ ...s, decisions: decisions[i] })) };
    const before = await census(database);
    const dues = await duesOf(database);
    const r = await admin.post('/api/admin/reorganizations', decidedPlan);
    expect(r.status, JSON.stringify(r.body).slice(0, 800)).toBe(201);
    expect(r.body).toMatchObject({ mode: 'applied', ready: true, affected: { openCases: OPEN_CASES } });
    console.log(`[${db().name}] applied the Hà Nội plan to ${OPEN_CASES} open cases in ${r.body.tookMs} ms`);

    // Nothing lost: the same cases, timers, uploads, documents, work items; one timeline entry
    // per moved case; one audit row per moved case plus the plan's own.
    const after = await census(database);
    expect(after).toEqual({ ...before, case_events: before.case_events + OPEN_CASES, audit_log: before.audit_log + OPEN_CASES + 1, reorganizations: 1, unit_successors: before.unit_successors + 13 });
    expect(await verifyAudit(database.knex)).toMatchObject({ ok: true, rows: after.audit_log });
    expect(await duesOf(database)).toEqual(dues);

    const rows = await database.knex('cases').whereIn('id', [...unitOf.keys()]).select<{ id: string; unit_id: string; state: string }[]>('id', 'unit_id', 'state');
    for (const c of rows) {
      const want = expectedUnit(unitOf.get(c.id)!, groupOf.get(c.id), decided, c.id);
      expect(c.unit_id, c.id).toBe(want);
      expect((JSON.parse(c.state) as { unit: string }).unit).toBe(want);
    }
    const items = await database.knex('work_items').whereIn('case_id', [...unitOf.keys()]).select<{ unit_id: string }[]>('unit_id');
    expect(new Set(items.map((i) => i.unit_id))).toEqual(new Set(['ha-noi-kim-anh', 'ha-noi-ba-dinh', 'ha-noi-ngoc-ha']));
    expect((await database.knex('cases').where({ id: closedCase }).first()).unit_id).toBe('ha-noi-cu-minh-tri');

    // Officers work at the successors now; a grant already held there stays one.
    expect(await database.knex('user_roles').whereIn('unit_id', former.map((u) => u.id))).toEqual([]);
    expect(await database.knex('user_roles').where({ user_id: 'cso-ha-noi-cu-doi-can' }).select('unit_id')).toEqual([{ unit_id: 'ha-noi-ba-dinh' }]);
    expect(await database.knex('user_roles').where({ user_id: 'cso-ha-noi-cu-ngoc-ha' }).select('unit_id')).toEqual([{ unit_id: 'ha-noi-ngoc-ha' }]);
    expect(await database.knex('user_roles').where({ unit_id: 'ha-noi-ba-dinh', role: 'civil-status-officer' }).select('user_id').orderBy('user_id')).toEqual(
      ['chair-minh-tri', 'cso-ba-dinh', 'cso-ha-noi-cu-doi-can', 'cso-ha-noi-cu-kim-ma', 'cso-ha-noi-cu-quan-thanh', 'cso-ha-noi-cu-truc-bach'].map((user_id) => ({ user_id })),
    );
    const audit = (await database.knex('audit_log').where({ action: 'units.reorganize' }).first()) as { subject: string; actor: string };
    expect(audit).toMatchObject({ subject: 'ha-noi-2025-07-01', actor: 'admin' });
  }, 120_000);

  it('the statistics move with the cases: the unit that holds a file now counts it', async () => {
    const cases = new Map((await database.knex('cases').select<{ id: string; unit_id: string }[]>('id', 'unit_id')).map((c) => [c.id, c.unit_id]));
    const facts = await database.knex('case_stats').select<{ case_id: string; unit_id: string; unit_path: string }[]>('case_id', 'unit_id', 'unit_path');
    expect(facts.length).toBe(former.length + 1);
    for (const f of facts) {
      expect(f.unit_id, f.case_id).toBe(cases.get(f.case_id));
      expect(f.unit_path.split('|')[0], f.case_id).toBe(f.unit_id);
    }
    for (const o of await database.knex('stats_open').select<{ case_id: string; unit_id: string }[]>('case_id', 'unit_id')) expect(o.unit_id, o.case_id).toBe(cases.get(o.case_id));
    // The kept counts agree with the facts, unit by unit: recomputed here from the facts rows.
    const want = new Map<string, number>();
    for (const f of facts) for (const u of f.unit_path.split('|')) want.set(u, (want.get(u) ?? 0) + 1);
    const counts = await database.knex('stats_counts').where({ grain: 'd', procedure_code: '*' }).groupBy('unit_id').select('unit_id').sum({ received: 'received' });
    for (const c of counts as { unit_id: string; received: number | string }[]) expect(Number(c.received), c.unit_id).toBe(want.get(c.unit_id) ?? 0);
    expect(want.get('ha-noi-ba-dinh')).toBeGreaterThan(0);
    expect(want.get('ha-noi')).toBe(former.length + 1);
    // A former ward counts only the case it closed itself.
    for (const u of former) expect(want.get(u.id) ?? 0, u.id).toBe(u.id === 'ha-noi-cu-minh-tri' ? 1 : 0);
  });

  it('tells each applicant where the case went', async () => {
    await t.server.drainNotifications();
    const told = await database.knex('notifications').where({ kind: 'transferred', channel: 'inbox' }).select<{ case_id: string; body: string }[]>('case_id', 'body');
    expect(told).toHaveLength(OPEN_CASES);
    const one = told.find((n) => unitOf.get(n.case_id) === 'ha-noi-cu-minh-phu')!;
    expect(one.body).toContain('được chuyển đến Xã Kim Anh');
  });

  it('former codes and names still resolve to their successors', async () => {
    const anon = await t.as();
    const search = async (q: string) => (await anon.get(`/api/units?q=${encodeURIComponent(q)}`)).body.items as { id: string; replaces?: { id: string; code?: string }[] }[];
    expect(await search('00397')).toEqual([expect.objectContaining({ id: 'ha-noi-kim-anh', code: '00382', validFrom: '2025-07-01', replaces: [{ id: 'ha-noi-cu-minh-phu', name: 'Xã Minh Phú', code: '00397', validTo: '2025-06-30' }] })]);
    expect((await search('00022')).map((u) => u.id)).toEqual(['ha-noi-ba-dinh', 'ha-noi-ngoc-ha']);
    const code8 = await search('00008');
    expect(code8.map((u) => u.id)).toEqual(['ha-noi-ngoc-ha']);
    expect(code8[0]!.replaces?.map((x) => x.id)).toEqual(['ha-noi-cu-lieu-giai']);
    expect((await search('minh tri')).map((u) => u.id)).toEqual(['ha-noi-kim-anh']);
    // On a day before the reorganization, the former units are the ones in force.
    expect((await anon.get('/api/units?q=00382&at=2025-06-30')).body.items.map((u: { id: string }) => u.id)).toEqual(['ha-noi-cu-minh-tri']);
  });

  it('a document issued by a former ward still verifies; its case stays readable by the successor', async () => {
    const v = await (await t.as()).post('/api/documents/verify', { jws: documentJws });
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body).toMatchObject({ valid: true, document: { issuer: { unit: 'ha-noi-cu-minh-tri' } } });
    // The Minh Trí officer now works at Kim Anh and still sees the case filed at Minh Trí.
    expect((await (await t.as('cso-ha-noi-cu-minh-tri')).get(`/api/cases/${closedCase}`)).status).toBe(200);
  });

  it('a former unit takes no new filing, naming its successor; the plan is applied once', async () => {
    const cit = await t.as('cit-1');
    const r = await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF late'), { procedure: 'T.000020', unit: 'ha-noi-cu-tan-dan' }));
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'E_UNIT_ENDED', path: 'unit', hint: expect.stringContaining('ha-noi-kim-anh') });
    const again = await admin.post('/api/admin/reorganizations', plan);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('E_PLAN_APPLIED');
    // The moved cases go on at their new unit.
    const moved = [...unitOf].find(([, u]) => u === 'ha-noi-cu-minh-phu')![0];
    const kase = (await database.knex('cases').where({ id: moved }).first()) as { version: number };
    const act = await (await t.as('cso-ha-noi-cu-minh-phu')).post(`/api/cases/${moved}/actions`, { step: 'verify', action: 'approve', version: kase.version });
    expect(act.status, JSON.stringify(act.body)).toBe(200);
  });
});

const TABLES = ['cases', 'timers', 'uploads', 'documents', 'audit_log', 'case_events', 'work_items', 'outbox', 'reorganizations', 'unit_successors'] as const;

/** Rows per table. */
async function census(database: Database): Promise<Record<(typeof TABLES)[number], number>> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) out[table] = Number((await database.knex(table).count<{ n: number | string }[]>({ n: '*' }))[0]!.n);
  return out;
}

async function countIn(database: Database, table: string, column: string, ids: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 400) n += Number((await database.knex(table).whereIn(column, ids.slice(i, i + 400)).count<{ n: number | string }[]>({ n: '*' }))[0]!.n);
  return n;
}

async function duesOf(database: Database): Promise<Record<string, number | null>> {
  const rows = await database.knex('cases').select<{ id: string; due_at: number | string | null }[]>('id', 'due_at');
  return Object.fromEntries(rows.map((r) => [r.id, r.due_at === null ? null : Number(r.due_at)]));
}

/**
 * `n` more open cases, copied from the real ones (one per former unit, in turn): the case row
 * with its state (unit and address changed), its timeline, work item and alarm, by batch insert.
 */
async function seedCopies(database: Database, templates: { id: string; unit: string }[], n: number, groupOf: Map<string, string | undefined>, unitOf: Map<string, string>): Promise<void> {
  const k = database.knex;
  const rows = { cases: [] as object[], case_events: [] as object[], work_items: [] as object[], timers: [] as object[] };
  const source = new Map<string, { c: Record<string, unknown>; events: Record<string, unknown>[]; items: Record<string, unknown>[]; timers: Record<string, unknown>[] }>();
  for (const t of templates) {
    source.set(t.id, {
      c: (await k('cases').where({ id: t.id }).first()) as Record<string, unknown>,
      events: (await k('case_events').where({ case_id: t.id })) as Record<string, unknown>[],
      items: (await k('work_items').where({ case_id: t.id })) as Record<string, unknown>[],
      timers: (await k('timers').where({ case_id: t.id }).whereNull('fired_at')) as Record<string, unknown>[],
    });
  }
  const salt = randomBytes(3).toString('hex');
  for (let i = 0; i < n; i++) {
    const t = templates[i % templates.length]!;
    const s = source.get(t.id)!;
    const id = `copy-${salt}-${String(i).padStart(5, '0')}`;
    const group = GROUPS[Math.floor(i / templates.length) % GROUPS.length];
    const state = JSON.parse(String(s.c.state)) as { data: { address: Record<string, unknown> } };
    state.data.address = { ...state.data.address, ...(group ? { residentialGroup: group } : {}) };
    if (!group) delete state.data.address.residentialGroup;
    groupOf.set(id, group);
    unitOf.set(id, t.unit);
    rows.cases.push({ ...s.c, id, state: JSON.stringify(state) });
    for (const e of s.events) rows.case_events.push({ ...e, id: undefined, case_id: id });
    for (const w of s.items) rows.work_items.push({ ...w, case_id: id });
    for (const x of s.timers) rows.timers.push({ ...x, id: undefined, case_id: id });
  }
  for (const [table, list] of Object.entries(rows)) {
    const clean = list.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
    for (let i = 0; i < clean.length; i += 50) await k(table).insert(clean.slice(i, i + 50));
  }
}
