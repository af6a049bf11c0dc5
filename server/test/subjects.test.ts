/* eslint-disable @typescript-eslint/no-unsafe-call -- reading JSON answers checked by expect */
/**
 * Data subjects (issue 15, finding 1): a filing reads the national records only of the people
 * its procedure declares, where the relation allows it, and after the consent of those whose
 * consent is required; the filer never sees another person's record. Runs the library's own
 * marriage registration (1.000894) on the test calendar.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrarySync } from 'motcua/engine/node';
import type { Procedure } from 'motcua/engine';
import { forEachDatabase } from './databases';
import { NATIONAL_ID, startTestServer, type TestServer } from './harness';

const library = loadLibrarySync(join(import.meta.dirname, '..', '..', 'procedures'));
const marriage: Procedure = { ...library.library.procedures.get('1.000894')!.at(-1)!.procedure, calendar: 'always' };
const GROOM = 'Nguyễn Văn An'; // cit-1's population record
const BRIDE = 'Trần Thị Bình'; // cit-2's population record

const filing = (bride: string, groom: string) => ({ procedure: '1.000894', unit: 'commune-a1', data: { bride: { nationalId: bride }, groom: { nationalId: groom } } });

forEachDatabase('data subjects', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(await db().open(), db().dataDir, { procedures: [marriage] });
  });
  afterAll(() => t?.close());

  it("refuses a marriage filed by someone who is neither party, and shows nothing of the strangers' records", async () => {
    const stranger = await t.as('cit-3');
    const r = await stranger.post('/api/cases', filing(NATIONAL_ID['cit-2']!, NATIONAL_ID['cit-1']!));
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error.details.map((p: { code: string }) => p.code)).toContain('E_NOT_A_PARTY');
    expect(JSON.stringify(r.body)).not.toContain(GROOM);
    expect(JSON.stringify(r.body)).not.toContain(BRIDE);
    expect((await stranger.get('/api/my/cases')).body.items).toEqual([]);
  });

  describe('a party files; the other party consents with their own sign-in', () => {
    let id = '';
    it('files: the case awaits the bride, none of her records is read', async () => {
      const groom = await t.as('cit-1');
      const r = await groom.post('/api/cases', filing(NATIONAL_ID['cit-2']!, NATIONAL_ID['cit-1']!));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      id = r.body.id as string;
      expect(r.body).toMatchObject({ status: 'awaiting-consent', steps: [], consents: [{ subject: 'bride', status: 'awaiting' }] });
      expect(r.body.components['bride-id']).toMatchObject({ status: 'awaiting-consent' });
      expect(r.body.components['groom-id']).toMatchObject({ status: 'replaced' });
      expect(JSON.stringify(r.body)).not.toContain(BRIDE);
      // The officer sees no task yet: the dossier is not complete.
      const officer = await t.as('cso-a1');
      expect((await officer.get('/api/worklist')).body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(id);
    });

    it('refuses the consent of anyone but the bride', async () => {
      for (const who of ['cit-3', 'cit-1']) {
        const r = await (await t.as(who)).post(`/api/cases/${id}/consents/bride`, {});
        expect(r.status, who).toBe(403);
        expect(r.body.error.code).toBe('E_NOT_SUBJECT');
      }
      const officer = await (await t.as('cso-a1')).post(`/api/cases/${id}/consents/bride`, {});
      expect(officer.status).toBe(403);
    });

    it('the bride sees what awaits her consent and confirms; the dossier completes', async () => {
      const bride = await t.as('cit-2');
      const pending = await bride.get('/api/my/consents');
      expect(pending.status).toBe(200);
      expect(pending.body.items).toEqual([expect.objectContaining({ caseId: id, subject: 'bride', relation: 'party', procedure: expect.objectContaining({ code: '1.000894' }) })]);
      expect(JSON.stringify(pending.body)).not.toContain(GROOM);
      // Nothing of hers was read by the filing (the access log says so too).
      expect((await bride.get('/api/my/data-access')).body.items).toEqual([]);
      const r = await bride.post(`/api/cases/${id}/consents/bride`, {});
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ caseId: id, subject: 'bride', status: 'given' });
      expect(JSON.stringify(r.body)).not.toContain(GROOM);
      expect((await bride.get('/api/my/consents')).body.items).toEqual([]);
      // Her records were read now, for this case, by her own consent: logged for her.
      const reads = (await bride.get('/api/my/data-access')).body.items as { reader: { id: string }; case: string; kind: string }[];
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((x) => x.reader.id === 'cit-2' && x.case === id)).toBe(true);
      expect(reads.every((x) => x.kind === 'prefill' || x.kind === 'replacement')).toBe(true);
      // Twice is refused: nothing awaits her any more.
      expect((await bride.post(`/api/cases/${id}/consents/bride`, {})).status).toBe(409);
    });

    it("the groom sees that the bride's components were replaced, never her record", async () => {
      const groom = await t.as('cit-1');
      const r = await groom.get(`/api/cases/${id}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'processing', steps: ['verify'] });
      expect(r.body.components['bride-id']).toMatchObject({ status: 'replaced', provenance: { source: 'population', key: NATIONAL_ID['cit-2'] } });
      expect(r.body.components['bride-id'].record).toBeUndefined();
      expect(JSON.stringify(r.body)).not.toContain(BRIDE);
      expect(JSON.stringify(r.body)).toContain(GROOM);
      const mine = await groom.get('/api/my/cases');
      expect(JSON.stringify(mine.body)).not.toContain(BRIDE);
      // The officer who checks the conditions reads both.
      const officer = await (await t.as('cso-a1')).get(`/api/cases/${id}`);
      expect(JSON.stringify(officer.body)).toContain(BRIDE);
    });
  });

  describe('forged and late consents', () => {
    let id = '';
    it('answers 4xx with a code to consents nobody asked for or nobody may give', async () => {
      const groom = await t.as('cit-1');
      const r = await groom.post('/api/cases', filing(NATIONAL_ID['cit-2']!, NATIONAL_ID['cit-1']!));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      id = r.body.id as string;
      const bride = await t.as('cit-2');
      const tries: [Awaited<ReturnType<typeof t.as>>, string, number, string][] = [
        [await t.as(), `/api/cases/${id}/consents/bride`, 401, 'E_UNAUTHENTICATED'],
        [bride, `/api/cases/${id}/consents/groom`, 404, 'E_CONSENT_NOT_FOUND'], // the filer's own: nothing asked
        [bride, `/api/cases/${id}/consents/witness`, 404, 'E_CONSENT_NOT_FOUND'],
        [bride, '/api/cases/HS-does-not-exist/consents/bride', 404, 'E_CONSENT_NOT_FOUND'],
        [groom, `/api/cases/${id}/consents/bride`, 403, 'E_NOT_SUBJECT'],
        [await t.as('cso-a1'), `/api/cases/${id}/consents/bride`, 403, 'E_NOT_SUBJECT'],
      ];
      for (const [who, path, status, code] of tries) {
        const answer = await who.post(path, {});
        expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(status);
        expect(answer.body.error.code, path).toBe(code);
        expect(JSON.stringify(answer.body)).not.toContain(BRIDE);
      }
      // The bride is not the case's applicant: she reads what awaits her, not the case.
      expect((await bride.get(`/api/cases/${id}`)).status).toBe(404);
    });

    it('the filer withdraws before the consent: nothing awaits the bride any more, and her consent is refused', async () => {
      const groom = await t.as('cit-1');
      const before = (await groom.get(`/api/cases/${id}`)).body;
      const r = await groom.post(`/api/cases/${id}/actions`, { step: 'withdraw', action: 'withdraw', version: before.version, form: { reason: 'Đổi ngày đăng ký' } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ status: 'withdrawn', consents: [{ subject: 'bride', status: 'closed' }] });
      const bride = await t.as('cit-2');
      expect((await bride.get('/api/my/consents')).body.items.map((c: { caseId: string }) => c.caseId)).not.toContain(id);
      const late = await bride.post(`/api/cases/${id}/consents/bride`, {});
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('E_NOT_AWAITING_CONSENT');
      // Nothing of hers was ever read into the case.
      const officer = await (await t.as('cso-a1')).get(`/api/cases/${id}`);
      expect(JSON.stringify(officer.body)).not.toContain(BRIDE);
    });
  });
});
