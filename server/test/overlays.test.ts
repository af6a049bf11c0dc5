/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- reading JSON answers checked by expect */
/**
 * National procedures with provincial overlays (issue 14, item 6), on SQLite and PostgreSQL:
 * an overlay is published through the reviewed drafts like any version; what it overrides
 * beyond the national `overridable` is refused with the validator's codes; a case of it is
 * filed with the overlay's fee and agency, in its province only; the semantic diff shows what
 * the province changed; a new national version flags the overlays built on the older one, in
 * the publish answer and in the overlay listing, on every process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Procedure } from 'motcua/engine';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';
import { PROCEDURE, UNITS } from './fixtures';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

/** The national procedure: the late-registration fee is set by each province within 0..10,000 VND. */
const NATIONAL: Procedure = {
  ...PROCEDURE,
  code: 'N.000001',
  name: { vi: 'Thủ tục quốc gia' },
  effective: { from: '2025-01-01', to: '2026-12-31' },
  agency: { vi: 'Ủy ban nhân dân cấp xã' },
  overridable: { 'fees.late.amount': { min: 0, max: 10000 }, agency: true, addresses: true, components: { add: 'optional' } },
};

const overlayText = (over: { version?: string; amount?: number; extendsVersion?: string; extra?: string } = {}): string => `
code: "N.000001-prov-a"
version: ${over.version ?? '1.0.0'}
extends: { code: "N.000001", version: "${over.extendsVersion ?? '^1.0.0'}" }
scope: { province: prov-a }
name: { vi: Thủ tục quốc gia (Tỉnh A) }
overrides:
  fees.late.amount: ${over.amount ?? 7000}
  agency: { vi: Ủy ban nhân dân xã thuộc Tỉnh A }
  addresses:
    - { name: { vi: Bộ phận Một cửa xã A1 }, address: "1 Đường Một, Xã A1" }
  components:
    - { id: local-survey, name: { vi: Phiếu khảo sát của tỉnh } }
${over.extra ?? ''}`;

forEachDatabase('national procedures and provincial overlays', (db) => {
  let t: TestServer;
  let database: Database;
  beforeAll(async () => {
    database = await db().open();
    t = await startTestServer(database, db().dataDir, { procedures: [NATIONAL] });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function reviewAndPublish(source: string): Promise<{ status: number; body: any }> {
    const a = await t.as('author');
    const created = await a.post('/api/drafts', { from: 'source', source });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const submitted = await a.post(`/api/drafts/${created.body.id}/submit`, {});
    if (submitted.status !== 200) return submitted;
    const approved = await (await t.as('approver')).post(`/api/drafts/${created.body.id}/approve`, { comment: 'Đạt' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    return a.post(`/api/drafts/${created.body.id}/publish`, {});
  }

  describe('validation', () => {
    it('refuses an override the national procedure does not allow, an amount out of bounds, and an unknown base, each with its code, line and hint', async () => {
      const author = await t.as('author');
      const check = async (source: string) => (await author.post('/api/procedures/validate', { source })).body;
      const out = await check(overlayText({ amount: 20000, extra: 'deadline: { value: 1, unit: calendar-day }\n' }));
      expect(out.valid).toBe(false);
      const codes = out.diagnostics.map((d: any) => [d.code, d.line]);
      expect(codes).toEqual(expect.arrayContaining([['E_OVERLAY_OUT_OF_BOUNDS', 8], ['E_OVERLAY_NOT_OVERRIDABLE', 14]]));
      expect(out.diagnostics.find((d: any) => d.code === 'E_OVERLAY_OUT_OF_BOUNDS').hint).toMatch(/0 to 10000 VND/);
      expect((await check(overlayText().replace('fees.late.amount', 'fees.other.amount'))).diagnostics.map((d: any) => d.code)).toEqual(['E_OVERLAY_NOT_OVERRIDABLE']);
      expect((await check(overlayText().replace('code: "N.000001", ', 'code: "N.999999", '))).diagnostics.map((d: any) => d.code)).toEqual(['E_OVERLAY_UNKNOWN_BASE']);
      expect((await check(overlayText({ extendsVersion: '2.0.0' }))).diagnostics.map((d: any) => d.code)).toEqual(['E_OVERLAY_BASE_VERSION']);
      const refused = await reviewAndPublish(overlayText({ amount: 20000 }));
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('E_INVALID_DEFINITION');
      expect(refused.body.error.details.map((d: any) => d.code)).toEqual(['E_OVERLAY_OUT_OF_BOUNDS']);
      expect((await (await t.as()).get('/api/procedures/N.000001-prov-a')).status).toBe(404);
    });
    it('checks scope.province against the units in force in the database: an unknown id, a commune, a province a reorganization ended', async () => {
      const author = await t.as('author');
      const scopeProblems = async (province: string) =>
        ((await author.post('/api/procedures/validate', { source: overlayText().replace('province: prov-a', `province: ${province}`) })).body.diagnostics as any[])
          .filter((d) => d.code === 'E_OVERLAY_SCOPE')
          .map((d) => `${d.line}: ${d.message}`);
      expect(await scopeProblems('prov-a')).toEqual([]);
      expect(await scopeProblems('prov-zz')).toEqual(["5: no unit 'prov-zz' among the units in force"]);
      const commune = UNITS.find((u) => u.level === 'commune')!;
      expect(await scopeProblems(commune.id)).toEqual([`5: '${commune.id}' is a commune-level unit, not a province`]);
      // A province merged away on 30 June 2025 is in the table, but no longer in force.
      await database.knex('units').insert({ id: 'prov-old', name: 'Tỉnh cũ', level: 'province', parent: null, valid_to: '2025-06-30' });
      expect(await scopeProblems('prov-old')).toEqual(["5: no unit 'prov-old' among the units in force"]);
      const refused = await reviewAndPublish(overlayText().replace('province: prov-a', 'province: prov-old'));
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.map((d: any) => d.code)).toEqual(['E_OVERLAY_SCOPE']);
    });
  });

  describe('publishing, filing, the diff and staleness', () => {
    it('publishes an overlay through review; the same text again is unchanged', async () => {
      const published = await reviewAndPublish(overlayText());
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      expect(published.body).toMatchObject({ code: 'N.000001-prov-a', version: '1.0.0', status: 'published' });
      const again = await reviewAndPublish(overlayText());
      expect(again.body.status).toBe('unchanged');
      const detail = await (await t.as()).get('/api/procedures/N.000001-prov-a');
      expect(detail.body.procedure.fees).toEqual([{ id: 'late', amount: 7000, when: 'data.child.ageDays > 60' }]);
      expect(detail.body.procedure.steps).toEqual(NATIONAL.steps);
      expect(detail.body.overlay).toMatchObject({ base: { code: 'N.000001', version: '1.0.0', range: '^1.0.0' }, stale: false });
      // What `motcua pull` gives back is the overlay's own text.
      const pulled = (await (await t.as()).get('/api/procedures/in-force')).body.items.find((i: any) => i.code === 'N.000001-prov-a');
      expect(pulled.source).toContain('extends:');
    });

    it('files a case of the overlay with its fee and agency, in its province only', async () => {
      const cit = await t.as('cit-1');
      const upload = await uploadPdf(cit);
      const late = { applicant: { nationalId: '001090000001' }, child: { name: 'Bé Na', ageDays: 90 } };
      const local = await cit.post('/api/cases', filing(upload, { procedure: 'N.000001-prov-a', data: late }));
      expect(local.status, JSON.stringify(local.body)).toBe(201);
      expect(local.body.procedure).toMatchObject({ code: 'N.000001-prov-a', version: '1.0.0', agency: 'Ủy ban nhân dân xã thuộc Tỉnh A' });
      expect(local.body.fees.total).toBe(7000);
      expect(local.body.components['local-survey']).toMatchObject({ status: 'missing', required: false });
      const national = await cit.post('/api/cases', filing(upload, { procedure: 'N.000001', data: late }));
      expect(national.body.fees.total).toBe(5000);
      expect(national.body.procedure.agency).toBe('Ủy ban nhân dân cấp xã');
      // A unit outside the province: the overlay does not apply there.
      expect(UNITS.some((u) => u.id === 'prov-b')).toBe(false);
      await database.knex('units').insert({ id: 'commune-b1', name: 'Xã B1', level: 'commune', parent: null });
      t.server.services.cases.invalidateUnits();
      const outside = await cit.post('/api/cases', filing(upload, { procedure: 'N.000001-prov-a', unit: 'commune-b1', data: late }));
      expect(outside.status).toBe(422);
      expect(outside.body.error).toMatchObject({ code: 'E_OVERLAY_SCOPE', path: 'unit' });
    });

    it('shows what the province changed, as a semantic diff', async () => {
      const diff = await (await t.as()).get('/api/procedures/N.000001-prov-a/overlay-diff');
      expect(diff.status).toBe(200);
      expect(diff.body.from).toEqual({ code: 'N.000001', version: '1.0.0' });
      expect(diff.body.changes.map((c: any) => `${c.kind} ${c.area} ${c.path}`)).toEqual([
        'changed procedure name',
        'changed procedure agency',
        'added procedure addresses',
        'added component components.local-survey',
        'changed fee fees.late',
      ]);
      expect(diff.body.changes.at(-1)).toMatchObject({ before: { amount: 5000 }, after: { amount: 7000 } });
      const notOverlay = await (await t.as()).get('/api/procedures/N.000001/overlay-diff');
      expect(notOverlay.status).toBe(422);
      expect(notOverlay.body.error.code).toBe('E_NOT_AN_OVERLAY');
    });

    it('flags and lists the overlays built on an older national version once a new one is published', async () => {
      const anon = await t.as();
      expect((await anon.get('/api/procedures/N.000001/overlays')).body).toEqual({
        code: 'N.000001',
        latest: '1.0.0',
        items: [expect.objectContaining({ code: 'N.000001-prov-a', version: '1.0.0', stale: false, latest: '1.0.0', scope: { province: 'prov-a' } })],
      });
      const next = await reviewAndPublish(stringify({ ...NATIONAL, version: '1.1.0', effective: { from: '2027-01-01', to: null }, fees: [{ id: 'late', amount: 6000, when: 'data.child.ageDays > 60' }] }));
      expect(next.status, JSON.stringify(next.body)).toBe(201);
      expect(next.body.staleOverlays).toEqual([{ code: 'N.000001-prov-a', version: '1.0.0', builtOn: '1.0.0' }]);
      const listed = (await anon.get('/api/procedures/N.000001/overlays?stale=true')).body;
      expect(listed.latest).toBe('1.1.0');
      expect(listed.items).toEqual([expect.objectContaining({ code: 'N.000001-prov-a', stale: true, base: { code: 'N.000001', version: '1.0.0', range: '^1.0.0' } })]);
      expect((await anon.get('/api/procedures/N.000001/overlays?stale=false')).body.items).toEqual([]);
      // Against the newest national version: what the province must review.
      const review = (await anon.get('/api/procedures/N.000001-prov-a/overlay-diff?against=latest')).body;
      expect(review.from).toEqual({ code: 'N.000001', version: '1.1.0' });
      expect(review.changes.find((c: any) => c.path === 'fees.late')).toMatchObject({ before: { amount: 6000 }, after: { amount: 7000 } });
      // Another process on the same database sees the same (staleness is read from the versions held).
      const other = await startTestServer(database, db().dataDir, { procedures: [NATIONAL] });
      try {
        expect((await (await other.as()).get('/api/procedures/N.000001/overlays')).body.items).toEqual([expect.objectContaining({ code: 'N.000001-prov-a', stale: true })]);
      } finally {
        await other.close();
      }
      // The province rebuilds on 1.1.0 under a new version: current again; 1.0.0 keeps its base.
      const rebuilt = await reviewAndPublish(overlayText({ version: '1.1.0' }));
      expect(rebuilt.status, JSON.stringify(rebuilt.body)).toBe(201);
      const after = (await anon.get('/api/procedures/N.000001/overlays')).body.items.map((i: any) => [i.version, i.base.version, i.stale]);
      expect(after).toEqual([['1.0.0', '1.0.0', true], ['1.1.0', '1.1.0', false]]);
      // A published version never changes: the very text of 1.0.0 would now build on 1.1.0,
      // which is other content (publishing it is refused: bump the version).
      const author = await t.as('author');
      expect((await author.post('/api/procedures/validate', { source: overlayText() })).body.published).toBe('other');
    });

    it('answers 404 for an unknown code and 400 for a bad query', async () => {
      const anon = await t.as();
      expect((await anon.get('/api/procedures/X.404/overlays')).status).toBe(404);
      expect((await anon.get('/api/procedures/N.000001/overlays?stale=maybe')).status).toBe(400);
      expect((await anon.get('/api/procedures/N.000001-prov-a/overlay-diff?against=newest')).status).toBe(400);
    });
  });
});
