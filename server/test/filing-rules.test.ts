/**
 * Where and how a case is filed is the server's to decide (issue 12, item 6): the unit must be
 * able to handle the procedure's level (the engine's `routeUnit`), and the channel follows who
 * files (a citizen online, an officer at the counter of their unit), never the request.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

forEachDatabase('filing rules', (db) => {
  let t: TestServer;
  let database: Database;
  beforeAll(async () => {
    database = await db().open();
    t = await startTestServer(database, db().dataDir);
  });
  afterAll(() => t?.close());
  const channelOf = async (id: string) => (JSON.parse((await database.knex('cases').where({ id }).first<{ state: string }>('state')).state) as { channel?: string }).channel;

  it('refuses a commune procedure filed at a province unit (422, path unit): no officer could act on it', async () => {
    const cit = await t.as('cit-1');
    const r = await cit.post('/api/cases', filing(await uploadPdf(cit), { unit: 'prov-a' }));
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error.details).toContainEqual(expect.objectContaining({ code: 'E_UNIT_CANNOT_HANDLE', path: 'unit' }));
    const unknown = await cit.post('/api/cases', filing(await uploadPdf(cit), { unit: 'no-such-unit' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toContainEqual(expect.objectContaining({ code: 'E_UNKNOWN_UNIT', path: 'unit' }));
  });

  it('decides the channel from who files: a citizen online; a body naming a channel is refused', async () => {
    const cit = await t.as('cit-1');
    const claimed = await cit.post('/api/cases', filing(await uploadPdf(cit), { channel: 'counter' }));
    expect(claimed.status).toBe(400);
    const r = await cit.post('/api/cases', filing(await uploadPdf(cit)));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(await channelOf(r.body.id as string)).toBe('online');
  });

  it('an officer files at the counter of their unit, for the citizen the form names', async () => {
    const officer = await t.as('cso-a1');
    const r = await officer.post('/api/cases', filing(await uploadPdf(officer)));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ applicant: 'cit-1', unit: 'commune-a1' });
    expect(await channelOf(r.body.id as string)).toBe('counter');
    // The citizen follows the case filed for them.
    expect((await (await t.as('cit-1')).get(`/api/cases/${r.body.id}`)).status).toBe(200);
    // Not at another unit's counter; not for someone without an account.
    expect((await (await t.as('cso-a2')).post('/api/cases', filing(await uploadPdf(officer)))).status).toBe(403);
    const nobody = filing(await uploadPdf(officer));
    (nobody.data as { applicant: { nationalId: string } }).applicant.nationalId = '001090009999';
    const refused = await officer.post('/api/cases', nobody);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toContainEqual(expect.objectContaining({ code: 'E_APPLICANT_UNKNOWN', path: 'data.applicant.nationalId' }));
  });
});
