/**
 * Who read my data: a filing's replacement by a population record, and an officer opening the
 * case, are listed for the citizen whose data it is (reader, unit, case, time); another
 * citizen sees none of it; an administrator (auditor) reads anyone's; an officer cannot.
 */
import { afterAll, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

forEachDatabase('who read my data', (db) => {
  const running: TestServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
  });

  it('lists the filing\'s reads and an officer\'s opening to their citizen, to an auditor, and to nobody else', async () => {
    const s = await startTestServer(await db().open(), db().dataDir);
    running.push(s);
    const cit = await s.as('cit-1');
    const filed = await cit.post('/api/cases', filing(await uploadPdf(cit)));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;
    expect((await cit.get('/api/my/data-access')).body.items).toEqual([
      expect.objectContaining({ source: 'population', key: '001090000001', kind: 'replacement', reader: { id: 'cit-1', name: 'Công dân 1' }, unit: { id: 'commune-a1', name: 'Xã A1' }, case: id }),
    ]);

    s.clock.now += 60_000;
    expect((await (await s.as('cso-a1')).get(`/api/cases/${id}`)).status).toBe(200);
    const mine = (await cit.get('/api/my/data-access')).body.items as { kind: string; reader: { id: string }; unit?: { id: string }; at: string }[];
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ kind: 'case-view', reader: { id: 'cso-a1', name: 'Hộ tịch A1' }, unit: { id: 'commune-a1' }, case: id, at: new Date(s.clock.now).toISOString() });
    // A refused look (another commune's officer gets 404) reads nothing and logs nothing.
    expect((await (await s.as('cso-a2')).get(`/api/cases/${id}`)).status).toBe(404);
    expect((await cit.get('/api/my/data-access')).body.items).toHaveLength(2);

    expect((await (await s.as('cit-2')).get('/api/my/data-access')).body.items).toEqual([]);
    const audited = await (await s.as('admin')).get('/api/admin/data-access?nationalId=001090000001');
    expect(audited.status).toBe(200);
    expect(audited.body.items).toEqual(mine);
    expect((await (await s.as('cso-a1')).get('/api/admin/data-access?nationalId=001090000001')).status).toBe(403);
    expect((await (await s.as('admin')).get('/api/admin/data-access?nationalId=abc')).status).toBe(400);
  });
});
