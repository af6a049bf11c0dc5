/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- reading JSON answers checked by expect */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import type { Procedure } from 'motcua/engine';
import { PROCEDURE } from './fixtures';
import { filing, NATIONAL_ID, startTestServer, uploadPdf, type TestServer } from './harness';

forEachDatabase('cases over HTTP', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(await db().open(), db().dataDir);
  });
  afterAll(() => t?.close());

  it('files a case: component replaced with provenance, fees and due computed, worklist entry', async () => {
    const cit = await t.as('cit-1');
    const hash = await uploadPdf(cit);
    const r = await cit.post('/api/cases', filing(hash));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: 'processing', steps: ['verify'], version: 1, unit: 'commune-a1' });
    expect(r.body.components['applicant-id']).toMatchObject({ status: 'replaced', provenance: { source: 'population', key: '001090000001' } });
    expect(r.body.components['birth-certificate']).toMatchObject({ status: 'provided', file: { hash } });
    expect(r.body.fees.total).toBe(0);
    expect(Date.parse(r.body.due)).toBeGreaterThan(t.clock.now);
    expect(r.body.timeline[0].type).toBe('submitted');

    const officer = await t.as('cso-a1');
    const wl = await officer.get('/api/worklist');
    expect(wl.status).toBe(200);
    expect(wl.body.items.map((i: { caseId: string }) => i.caseId)).toContain(r.body.id);
    // Names, not ids: the applicant's display name and the unit's, read by the same query.
    expect(wl.body.items.find((i: { caseId: string }) => i.caseId === r.body.id)).toMatchObject({ applicant: 'cit-1', applicantName: 'Công dân 1', unit: 'commune-a1', unitName: 'Xã A1' });
  });

  it('walks a case to its outcome: verify then sign, each by its role', async () => {
    const cit = await t.as('cit-1');
    const filed = (await cit.post('/api/cases', filing(await uploadPdf(cit)))).body;
    const cso = await t.as('cso-a1');
    const a = await cso.post(`/api/cases/${filed.id}/actions`, { step: 'verify', action: 'approve', version: 1 });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ steps: ['sign'], version: 2 });
    const chair = await t.as('chair-a1');
    const b = await chair.post(`/api/cases/${filed.id}/actions`, { step: 'sign', action: 'sign', version: 2 });
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    expect(b.body).toMatchObject({ status: 'done', outcome: 'approved', version: 3 });
    const mine = await cit.get('/api/my/cases');
    expect(mine.body.items.find((c: { id: string }) => c.id === filed.id)).toMatchObject({ status: 'done' });
  });

  it('refuses a bad submission with every problem at once (422), never a 500', async () => {
    const cit = await t.as('cit-1');
    const r = await cit.post('/api/cases', {
      procedure: 'T.000001',
      unit: 'commune-a1',
      data: { applicant: { nationalId: 'abc' }, child: { ageDays: -1 } },
    });
    expect(r.status).toBe(422);
    const paths = (r.body.error.details as { path: string }[]).map((p) => p.path).join(' ');
    expect(paths).toMatch(/nationalId/);
    expect(paths).toMatch(/child/);
  });

  it("refuses a filing under someone else's national ID, and tells nothing of their record", async () => {
    const cit = await t.as('cit-2');
    const r = await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF not mine'), {}, 'cit-1'));
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((p: { code: string }) => p.code)).toEqual(['E_APPLICANT_NOT_CALLER']);
    expect(r.body.error.details[0].path).toBe('data.applicant.nationalId');
    // cit-1's population record (their name) never reaches cit-2.
    expect(JSON.stringify(r.body)).not.toMatch(/Nguyễn Văn An/);
    expect((await cit.get('/api/my/cases')).body.items).toEqual([]);
  });

  it('lists every missing component', async () => {
    const cit = await t.as('cit-3');
    const r = await cit.post('/api/cases', {
      procedure: 'T.000001',
      unit: 'commune-a1',
      data: { applicant: { nationalId: '001090000003' }, child: { name: 'X', ageDays: 1 } },
    });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body.error)).toMatch(/applicant-id/);
    expect(JSON.stringify(r.body.error)).toMatch(/birth-certificate/);
  });
});

/** A form that names its applicant `signer` and says so (`data.applicantId`). */
const SIGNER_PROCEDURE: Procedure = {
  ...PROCEDURE,
  code: 'T.000010',
  name: { vi: 'Thủ tục người ký nộp hồ sơ' },
  components: [],
  fees: [],
  data: {
    schema: { type: 'object', required: ['signer'], properties: { signer: { type: 'object', required: ['nationalId'], properties: { nationalId: { type: 'string' } } } } },
    applicantId: 'data.signer.nationalId',
  },
};

forEachDatabase('the applicant named by data.applicantId', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(await db().open(), db().dataDir, { procedures: [SIGNER_PROCEDURE] });
  });
  afterAll(() => t?.close());

  const file = async (who: string, signer: string) => (await t.as(who)).post('/api/cases', { procedure: 'T.000010', unit: 'commune-a1', data: { signer: { nationalId: signer } } });

  it('files when the signer is the signed-in citizen, and refuses anyone else, naming the field', async () => {
    const mine = await file('cit-1', NATIONAL_ID['cit-1']!);
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    const other = await file('cit-2', NATIONAL_ID['cit-1']!);
    expect(other.status).toBe(422);
    expect(other.body.error.details[0]).toMatchObject({ code: 'E_APPLICANT_NOT_CALLER', path: 'data.signer.nationalId' });
  });
});
