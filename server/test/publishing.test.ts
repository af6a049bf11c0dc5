/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- reading JSON answers checked by expect */
/**
 * Publishing procedures safely (issue 10), on SQLite and PostgreSQL: immutable versions, the
 * one validator (a refusal changes nothing), drafts with optimistic saves, four-eyes review in
 * the audit trail, effective dates and retirement, the start-up conflict report, and two
 * servers on one database agreeing on what is in force.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Procedure } from 'motcua/engine';
import { verifyAudit } from '../src/audit';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';
import { PROCEDURE } from './fixtures';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

/** A procedure of the test library's shape under another code. */
function proc(code: string, overrides: Partial<Procedure> = {}): Procedure {
  return { ...PROCEDURE, code, name: { vi: `Thủ tục ${code}` }, ...overrides };
}
const yaml = (p: Procedure): string => stringify(p);

forEachDatabase('publishing', (db) => {
  let t: TestServer;
  let database: Database;
  const running: TestServer[] = [];
  beforeAll(async () => {
    database = await db().open();
    t = await startTestServer(database, db().dataDir);
  });
  afterAll(async () => {
    for (const s of running) await s.close();
    await t?.close();
  });

  /** Creates, submits, has `approver` approve and publishes a draft; returns the publish answer. */
  async function reviewAndPublish(source: string, author = 'author', approver = 'approver'): Promise<{ status: number; body: any; draft: string }> {
    const a = await t.as(author);
    const created = await a.post('/api/drafts', { from: 'source', source });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const submitted = await a.post(`/api/drafts/${created.body.id}/submit`, {});
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const approved = await (await t.as(approver)).post(`/api/drafts/${created.body.id}/approve`, { comment: 'Đạt' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const published = await a.post(`/api/drafts/${created.body.id}/publish`, {});
    return { ...published, draft: created.body.id };
  }

  describe('immutable versions', () => {
    it('answers the same content again with 200 and other content with 409 and a hint, changing nothing', async () => {
      const author = await t.as('author');
      const p = proc('I.000001');
      expect((await author.post('/api/procedures', p)).status).toBe(201);
      const again = await author.post('/api/procedures', JSON.parse(JSON.stringify(p)));
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('unchanged');
      const changed = await author.post('/api/procedures', { ...p, steps: [...p.steps, { id: 'extra', kind: 'task', role: 'commune-chair', actions: { ok: { to: 'approved' } } }] });
      expect(changed.status).toBe(409);
      expect(changed.body.error).toMatchObject({ code: 'E_VERSION_PUBLISHED', path: 'version' });
      expect(changed.body.error.hint).toMatch(/1\.0\.1/);
      const read = await (await t.as()).get('/api/procedures/I.000001');
      expect(read.body.procedure.steps.map((s: { id: string }) => s.id)).toEqual(['verify', 'sign']);
    });

    it('a stored version wins over a differing library file at start, which is reported in health and the log', async () => {
      const author = await t.as('author');
      const p = proc('I.000002');
      expect((await author.post('/api/procedures', p)).status).toBe(201);
      const lines: string[] = [];
      const onDisk = { ...p, steps: [p.steps[0]!, { ...p.steps[1]!, id: 'sign-2' }] };
      const fixedActions = { ...onDisk, steps: [{ ...p.steps[0]!, actions: { approve: { to: 'sign-2' } } } as Procedure['steps'][number], onDisk.steps[1]!] };
      const again = await startTestServer(database, db().dataDir, { procedures: [fixedActions], log: (l) => lines.push(l) });
      running.push(again);
      const health = (await (await again.as()).get('/api/health')).body;
      expect(health.status).toBe('degraded');
      expect(health.procedures.conflicts).toEqual([expect.objectContaining({ code: 'I.000002', version: '1.0.0' })]);
      expect(lines.join('\n')).toMatch(/I\.000002@1\.0\.0/);
      const read = await (await again.as()).get('/api/procedures/I.000002');
      expect(read.body.procedure.steps.map((s: { id: string }) => s.id)).toEqual(['verify', 'sign']);
    });
  });

  describe('one validator', () => {
    it('refuses with every diagnostic and its path, and a refused version changes nothing in memory', async () => {
      const author = await t.as('author');
      const cit = await t.as('cit-1');
      // A running case of T.000001@1.0.0 before the attempt.
      const filed = await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF validator')));
      expect(filed.status).toBe(201);
      const bad = { ...PROCEDURE, steps: [{ ...PROCEDURE.steps[0]!, role: 'no-such-role' } as Procedure['steps'][number], PROCEDURE.steps[1]!], effective: { from: '2026-01-01', to: null } } as Procedure;
      const r = await author.post('/api/procedures', { ...bad, version: '1.1.0' });
      expect(r.status).toBe(422);
      const codes = r.body.error.details.map((d: { code: string; path: string }) => `${d.code} ${d.path}`);
      expect(codes).toEqual(expect.arrayContaining(['E_UNKNOWN_ROLE steps[0].role', 'E_EFFECTIVE_OVERLAP effective']));
      expect((await (await t.as()).get('/api/procedures/T.000001')).body.versions).toEqual(['1.0.0']);
      const acted = await (await t.as('cso-a1')).post(`/api/cases/${filed.body.id}/actions`, { step: 'verify', action: 'approve', version: 1 });
      expect(acted.status, JSON.stringify(acted.body)).toBe(200);
    });

    it("runs a draft's scenario files: a failing case is an error of the draft", async () => {
      const author = await t.as('author');
      const p = proc('S.000001');
      const scenario = (outcome: string) =>
        stringify({
          procedure: 'S.000001',
          clock: '2026-03-02T09:00:00+07:00',
          registry: { population: { '001090000001': { nationalId: '001090000001', fullName: 'A' } } },
          cases: [{ name: 'duyệt', steps: [{ submit: { data: { applicant: { nationalId: '001090000001' }, child: { name: 'B', ageDays: 1 } }, upload: ['birth-certificate'] } }, { act: { step: 'verify', action: 'approve', as: { role: 'civil-status-officer' } } }, { act: { step: 'sign', action: 'sign', as: { role: 'commune-chair' } } }, { expect: { outcome } }] }],
        });
      const good = await author.post('/api/drafts', { from: 'source', source: yaml(p), scenarios: [{ name: 's.test.yaml', source: scenario('approved') }] });
      expect(good.body.diagnostics, JSON.stringify(good.body.diagnostics)).toEqual([]);
      expect(good.body.valid).toBe(true);
      const bad = await author.post('/api/drafts', { from: 'source', source: yaml(p), scenarios: [{ name: 's.test.yaml', source: scenario('rejected') }] });
      expect(bad.body.valid).toBe(false);
      expect(bad.body.diagnostics.map((d: { code: string }) => d.code)).toContain('E_SCENARIO_FAILED');
      expect((await author.post(`/api/drafts/${bad.body.id}/submit`, {})).status).toBe(422);
    });
  });

  describe('drafts', () => {
    it('starts from scratch, a template or a version; saves with a revision; lists and deletes', async () => {
      const author = await t.as('author');
      const scratch = await author.post('/api/drafts', { from: 'scratch', code: 'N.000001', name: { vi: 'Thủ tục mới' } });
      expect(scratch.status, JSON.stringify(scratch.body)).toBe(201);
      expect(scratch.body).toMatchObject({ code: 'N.000001', version: '1.0.0', status: 'editing', revision: 1, valid: true, diagnostics: [] });
      const templates = (await author.get('/api/drafts/templates')).body.items.map((x: { id: string }) => x.id);
      expect(templates).toContain('verify-sign');
      const tpl = await author.post('/api/drafts', { from: 'template', template: 'verify-sign', code: 'N.000002', name: { vi: 'Hai bước' } });
      expect(tpl.body.valid, JSON.stringify(tpl.body.diagnostics)).toBe(true);
      expect((await author.post('/api/drafts', { from: 'template', template: 'nope', code: 'N.3', name: { vi: 'x' } })).body.error.code).toBe('E_UNKNOWN_TEMPLATE');
      const fromVersion = await author.post('/api/drafts', { from: 'version', code: 'T.000001', version: '1.0.0' });
      expect(fromVersion.body).toMatchObject({ code: 'T.000001', version: '1.0.1', base: { code: 'T.000001', version: '1.0.0' } });
      // 1.0.0 has no effective dates (always in force): the copy overlaps it until dated.
      expect(fromVersion.body.diagnostics.map((d: { code: string }) => d.code)).toContain('E_EFFECTIVE_OVERLAP');

      const saved = await author.put(`/api/drafts/${scratch.body.id}`, { source: scratch.body.source.replace('Thủ tục mới', 'Thủ tục mới (sửa)'), revision: 1 });
      expect(saved.status).toBe(200);
      expect(saved.body.revision).toBe(2);
      const stale = await (await t.as('author-b')).put(`/api/drafts/${scratch.body.id}`, { source: scratch.body.source, revision: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('E_DRAFT_STALE');
      expect((await author.get(`/api/drafts/${scratch.body.id}`)).body.source).toMatch(/\(sửa\)/);

      const listed = (await author.get('/api/drafts')).body.items.map((d: { id: string }) => d.id);
      expect(listed).toEqual(expect.arrayContaining([scratch.body.id, tpl.body.id, fromVersion.body.id]));
      expect((await (await t.as('cit-1')).get('/api/drafts')).status).toBe(403);
      expect((await author.raw(`/api/drafts/${tpl.body.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await author.get(`/api/drafts/${tpl.body.id}`)).status).toBe(404);
    });

    it('diffs a draft against the version in force: steps, actions, fees, components, deadline, fields', async () => {
      const author = await t.as('author');
      const draft = await author.post('/api/drafts', { from: 'version', code: 'T.000001', version: '1.0.0' });
      const next = draft.body.source
        .replace(/amount: 5000/, 'amount: 7000')
        .replace(/value: 3\n/, 'value: 5\n');
      const saved = await author.put(`/api/drafts/${draft.body.id}`, { source: next, revision: 1 });
      expect(saved.status).toBe(200);
      const diff = await author.get(`/api/drafts/${draft.body.id}/diff`);
      expect(diff.status).toBe(200);
      expect(diff.body.from).toEqual({ code: 'T.000001', version: '1.0.0' });
      const changes = diff.body.changes.map((c: { kind: string; area: string; path: string }) => `${c.kind} ${c.area} ${c.path}`);
      expect(changes).toEqual(expect.arrayContaining(['changed fee fees.late', 'changed deadline deadline']));
      expect(changes.some((c: string) => c.includes(' step '))).toBe(false);
    });
  });

  describe('four-eyes review', () => {
    it('only an approver who did not edit the draft approves; every step is in the audit trail', async () => {
      const author = await t.as('author');
      const approver = await t.as('approver');
      const p = proc('R.000001');
      const created = await author.post('/api/drafts', { from: 'source', source: yaml(p) });
      const id = created.body.id as string;
      expect((await author.post(`/api/drafts/${id}/publish`, {})).body.error.code).toBe('E_NOT_APPROVED');
      expect((await approver.post(`/api/drafts/${id}/approve`, {})).body.error.code).toBe('E_DRAFT_STATUS');
      expect((await author.post(`/api/drafts/${id}/submit`, {})).status).toBe(200);
      // The author is no approver; an approver who edited a draft is one of its authors, not its second pair of eyes.
      expect((await author.post(`/api/drafts/${id}/approve`, {})).status).toBe(403);
      const approverEdits = await author.post('/api/drafts', { from: 'source', source: yaml(proc('R.000002')) });
      const edited = await approver.put(`/api/drafts/${approverEdits.body.id}`, { source: yaml(proc('R.000002', { name: { vi: 'Sửa bởi người duyệt' } })), revision: 1 });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      expect((await author.post(`/api/drafts/${approverEdits.body.id}/submit`, {})).status).toBe(200);
      const byEditor = await approver.post(`/api/drafts/${approverEdits.body.id}/approve`, {});
      expect(byEditor.status).toBe(403);
      expect(byEditor.body.error.code).toBe('E_FOUR_EYES');

      const returned = await approver.post(`/api/drafts/${id}/return`, { comment: 'Thiếu căn cứ pháp lý' });
      expect(returned.body).toMatchObject({ status: 'returned', comments: [{ kind: 'submit' }, { kind: 'return', by: 'approver', text: 'Thiếu căn cứ pháp lý' }] });
      const fixed = await author.put(`/api/drafts/${id}`, { source: yaml({ ...p, legalBasis: [{ doc: '60/2014/QH13' }] }), revision: returned.body.revision });
      expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
      expect((await author.post(`/api/drafts/${id}/submit`, {})).status).toBe(200);
      const approved = await approver.post(`/api/drafts/${id}/approve`, { comment: 'Đạt' });
      expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'approver' });
      const published = await author.post(`/api/drafts/${id}/publish`, {});
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      expect(published.body).toMatchObject({ code: 'R.000001', version: '1.0.0', status: 'published', draft: { status: 'published' } });
      expect((await (await t.as()).get('/api/procedures/R.000001')).body.procedure.legalBasis).toEqual([{ doc: '60/2014/QH13' }]);

      const rows = await database.knex('audit_log').where('subject', `draft:${id}`).orWhere('subject', 'procedure:R.000001@1.0.0').orderBy('id').select('actor', 'action', 'payload', 'at');
      expect(rows.map((r: { actor: string; action: string }) => `${r.actor} ${r.action}`)).toEqual([
        'author procedure.draft.create',
        'author procedure.draft.submit',
        'approver procedure.draft.return',
        'author procedure.draft.submit',
        'approver procedure.draft.approve',
        'author procedure.publish',
      ]);
      const last = JSON.parse(rows.at(-1)!.payload);
      expect(last).toMatchObject({ contentHash: published.body.contentHash, draft: id, approvedBy: 'approver' });
      expect(JSON.parse(rows.at(-2)!.payload).contentHash).toBe(published.body.contentHash);
      expect(await verifyAudit(database.knex)).toMatchObject({ ok: true });
    });

    it('an approver may not approve a draft they created (four-eyes violation)', async () => {
      const approver = await t.as('approver');
      const created = await approver.post('/api/drafts', { from: 'source', source: yaml(proc('R.000003')) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect((await approver.post(`/api/drafts/${created.body.id}/submit`, {})).status).toBe(200);
      const self = await approver.post(`/api/drafts/${created.body.id}/approve`, {});
      expect(self.status).toBe(403);
      expect(self.body.error.code).toBe('E_FOUR_EYES');
      expect((await (await t.as('approver-2')).post(`/api/drafts/${created.body.id}/approve`, {})).status).toBe(200);
    });

    it('an approved draft saved again needs a new approval', async () => {
      const author = await t.as('author');
      const created = await author.post('/api/drafts', { from: 'source', source: yaml(proc('R.000004')) });
      await author.post(`/api/drafts/${created.body.id}/submit`, {});
      const ok = await (await t.as('approver')).post(`/api/drafts/${created.body.id}/approve`, {});
      const changed = await author.put(`/api/drafts/${created.body.id}`, { source: yaml(proc('R.000004', { name: { vi: 'Đổi sau khi duyệt' } })), revision: ok.body.revision });
      expect(changed.body.status).toBe('editing');
      expect((await author.post(`/api/drafts/${created.body.id}/publish`, {})).body.error.code).toBe('E_NOT_APPROVED');
    });
  });

  describe('effective dates and retirement', () => {
    it('files under the version in force on the filing date; refuses an explicit version not in force; a retired version takes no new filings but its cases go on', async () => {
      const march = proc('E.000001', { effective: { from: '2026-01-01', to: '2026-03-31' } });
      const april = proc('E.000001', { version: '1.1.0', effective: { from: '2026-04-01', to: null } });
      expect((await reviewAndPublish(yaml(march))).status).toBe(201);
      expect((await reviewAndPublish(yaml(april))).status).toBe(201);
      const cit = await t.as('cit-1');
      const file = async (extra: Record<string, unknown> = {}) => cit.post('/api/cases', filing(await uploadPdf(cit, `%PDF e ${Math.random()}`), { procedure: 'E.000001', ...extra }));
      const now = await file();
      expect(now.status, JSON.stringify(now.body)).toBe(201);
      expect(now.body.procedure.version).toBe('1.0.0');
      const early = await file({ version: '1.1.0' });
      expect(early.status).toBe(422);
      expect(early.body.error).toMatchObject({ code: 'E_VERSION_NOT_IN_FORCE', path: 'version' });
      const states = (await (await t.as()).get('/api/procedures/E.000001/versions')).body.items.map((v: { version: string; state: string }) => `${v.version} ${v.state}`);
      expect(states).toEqual(['1.0.0 in-force', '1.1.0 scheduled']);

      // Retiring takes an approver; the running case of 1.0.0 goes on.
      expect((await (await t.as('author')).post('/api/procedures/E.000001/versions/1.0.0/retire', {})).status).toBe(403);
      const retired = await (await t.as('approver')).post('/api/procedures/E.000001/versions/1.0.0/retire', { reason: 'Sai biểu mẫu' });
      expect(retired.status, JSON.stringify(retired.body)).toBe(200);
      const refused = await file();
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('E_VERSION_NOT_IN_FORCE');
      const acted = await (await t.as('cso-a1')).post(`/api/cases/${now.body.id}/actions`, { step: 'verify', action: 'approve', version: 1 });
      expect(acted.status, JSON.stringify(acted.body)).toBe(200);
      const audit = await database.knex('audit_log').where({ action: 'procedure.retire', subject: 'procedure:E.000001@1.0.0' }).first();
      expect(audit.actor).toBe('approver');

      const saved = t.clock.now;
      t.clock.now = Date.parse('2026-04-02T09:00:00+07:00');
      try {
        const later = await file();
        expect(later.status, JSON.stringify(later.body)).toBe(201);
        expect(later.body.procedure.version).toBe('1.1.0');
      } finally {
        t.clock.now = saved;
      }
    });
  });

  describe('in-flight migration', () => {
    it('dry-runs a plan over the open cases (changing nothing), then moves each in one audited transition', async () => {
      const v1 = proc('G.000001', { effective: { from: '2026-01-01', to: '2026-03-31' } });
      const steps = v1.steps.map((st) => (st.id === 'verify' ? { ...st, id: 'check', actions: { ...(st as { actions: object }).actions } } : st)) as Procedure['steps'];
      const schema = structuredClone(v1.data!.schema) as { required: string[]; properties: Record<string, unknown> };
      schema.required.push('purpose');
      schema.properties.purpose = { type: 'string', minLength: 1 };
      const v2 = proc('G.000001', { version: '1.1.0', effective: { from: '2026-04-01', to: null }, steps, data: { schema }, deadline: { value: 5, unit: 'calendar-day' } });
      expect((await reviewAndPublish(yaml(v1))).status).toBe(201);
      expect((await reviewAndPublish(yaml(v2))).status).toBe(201);
      const cit = await t.as('cit-1');
      const cso = await t.as('cso-a1');
      const file = async (): Promise<{ id: string; due: string }> => (await cit.post('/api/cases', filing(await uploadPdf(cit, `%PDF g ${Math.random()}`), { procedure: 'G.000001' }))).body;
      const atVerify = await file();
      const atSign = await file();
      expect((await cso.post(`/api/cases/${atSign.id}/actions`, { step: 'verify', action: 'approve', version: 1 })).status).toBe(200);
      const closed = await file();
      expect((await cso.post(`/api/cases/${closed.id}/actions`, { step: 'verify', action: 'reject', form: { reason: 'x' }, version: 1 })).status).toBe(200);

      const plan = { code: 'G.000001', from: '1.0.0', to: '1.1.0', steps: { verify: 'check' }, deadline: 'keep' };
      const author = await t.as('author');
      const noDefaults = await author.post('/api/migrations/dry-run', plan);
      expect(noDefaults.status, JSON.stringify(noDefaults.body)).toBe(200);
      expect(noDefaults.body).toMatchObject({ dryRun: true, open: 2, moved: 0, blockedTotal: 2 });
      expect(noDefaults.body.blocked[0]).toMatchObject({ code: 'E_MIGRATION_DATA' });
      expect(noDefaults.body.blocked[0].reason).toMatch(/purpose/);
      const badPlan = await author.post('/api/migrations/dry-run', { ...plan, steps: { verify: 'nope' } });
      expect(badPlan.status).toBe(422);
      expect(badPlan.body.error.code).toBe('E_MIGRATION_PLAN');

      const withDefaults = { ...plan, defaults: { purpose: 'khác' }, deadline: 'recompute' };
      const dry = await author.post('/api/migrations/dry-run', withDefaults);
      expect(dry.body).toMatchObject({ open: 2, moved: 2, blockedTotal: 0, bySteps: { 'verify -> check': 1, 'sign -> sign': 1 } });
      expect((await cit.get(`/api/cases/${atVerify.id}`)).body).toMatchObject({ procedure: { version: '1.0.0' }, steps: ['verify'] });

      expect((await author.post('/api/migrations', withDefaults)).status).toBe(403);
      const applied = await (await t.as('approver')).post('/api/migrations', withDefaults);
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      expect(applied.body).toMatchObject({ dryRun: false, moved: 2, blockedTotal: 0 });
      const moved = (await cit.get(`/api/cases/${atVerify.id}`)).body;
      expect(moved).toMatchObject({ procedure: { version: '1.1.0' }, steps: ['check'], tasks: [{ step: 'check', role: 'civil-status-officer' }], version: 2, data: { purpose: 'khác' } });
      expect(Date.parse(moved.due) - Date.parse(atVerify.due)).toBe(2 * 86_400_000);
      expect((await cit.get(`/api/cases/${closed.id}`)).body.procedure.version).toBe('1.0.0');
      const acted = await cso.post(`/api/cases/${atVerify.id}/actions`, { step: 'check', action: 'approve', version: 2 });
      expect(acted.status, JSON.stringify(acted.body)).toBe(200);
      expect(acted.body.steps).toEqual(['sign']);
      const audit = await database.knex('audit_log').where({ action: 'case.migrate' }).whereIn('subject', [atVerify.id, atSign.id]).select('actor');
      expect(audit.map((a: { actor: string }) => a.actor)).toEqual(['approver', 'approver']);
      expect(await verifyAudit(database.knex)).toMatchObject({ ok: true });
      // Applied once: nothing of 1.0.0 is open any more.
      expect((await author.post('/api/migrations/dry-run', withDefaults)).body).toMatchObject({ open: 0, moved: 0 });
    });
  });

  describe('two servers on one database', () => {
    it('a publish and a retirement on one are in force on the other within 2 seconds', async () => {
      const other = await startTestServer(db().again(database), db().dataDir);
      running.push(other);
      const cit = await other.as('cit-1');
      const code = 'M.000001';
      expect((await (await other.as()).get(`/api/procedures/${code}`)).status).toBe(404);
      const published = await reviewAndPublish(yaml(proc(code)));
      expect(published.status).toBe(201);
      const seen = async (check: () => Promise<boolean>): Promise<number> => {
        const start = Date.now();
        while (!(await check())) {
          if (Date.now() - start > 2000) throw new Error('not in force on the other server within 2 s');
          await new Promise((r) => setTimeout(r, 50));
        }
        return Date.now() - start;
      };
      expect(await seen(async () => (await cit.post('/api/cases', filing(await uploadPdf(cit, `%PDF m ${Math.random()}`), { procedure: code }))).status === 201)).toBeLessThan(2000);
      expect((await (await t.as('approver')).post(`/api/procedures/${code}/versions/1.0.0/retire`, {})).status).toBe(200);
      expect(await seen(async () => (await cit.post('/api/cases', filing(await uploadPdf(cit, `%PDF m ${Math.random()}`), { procedure: code }))).status === 422)).toBeLessThan(2000);
    });
  });

  describe('production mode', () => {
    it('real accounts draft, review and publish; the one-step publish is refused', async () => {
      // A fresh database never run in demo mode: the harness's users are real (not marked demo).
      const prod = await startTestServer(await db().open(), db().dataDir, { demo: false });
      running.push(prod);
      const author = await prod.as('author');
      const direct = await author.post('/api/procedures', proc('X.000001'));
      expect(direct.status).toBe(403);
      expect(direct.body.error.code).toBe('E_REVIEW_REQUIRED');
      const created = await author.post('/api/drafts', { from: 'source', source: yaml(proc('X.000001')) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect((await author.post(`/api/drafts/${created.body.id}/submit`, {})).status).toBe(200);
      const self = await author.post(`/api/drafts/${created.body.id}/approve`, {});
      expect(self.status).toBe(403);
      const approved = await (await prod.as('approver')).post(`/api/drafts/${created.body.id}/approve`, { comment: 'Đạt' });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      const published = await author.post(`/api/drafts/${created.body.id}/publish`, {});
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      const read = await (await prod.as()).get('/api/procedures/X.000001');
      expect(read.body.versions).toEqual(['1.0.0']);
      // The text it was published from, byte for byte: what the web designer opens.
      expect(read.body.source).toBe(yaml(proc('X.000001')));
      const cit = await prod.as('cit-1');
      const filed = await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF prod'), { procedure: 'X.000001' }));
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    });
  });
});
