/* eslint-disable @typescript-eslint/no-unsafe-call -- reading JSON answers checked by expect */
/**
 * `GET /api/units`: the public unit list the portal's picker reads (no sign-in), by level and
 * parent, searched without diacritics or by the statistics office's code; bad queries are 400.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertUnits } from '../src/auth';
import { forEachDatabase } from './databases';
import { startTestServer, type Client, type TestServer } from './harness';

forEachDatabase('units API', (db) => {
  let t: TestServer;
  let anon: Client;
  beforeAll(async () => {
    const database = await db().open();
    t = await startTestServer(database, db().dataDir);
    await upsertUnits(database.knex, [
      { id: 'ha-noi', name: 'Thành phố Hà Nội', level: 'province', code: '01' },
      { id: 'ha-noi-cua-nam', name: 'Phường Cửa Nam', level: 'commune', parent: 'ha-noi', code: '00082' },
      { id: 'ha-noi-hoan-kiem', name: 'Phường Hoàn Kiếm', level: 'commune', parent: 'ha-noi', code: '00070' },
    ]);
    anon = await t.as();
  });
  afterAll(() => t?.close());

  it('lists a province\'s communes in code order, without sign-in', async () => {
    const r = await anon.get('/api/units?level=commune&parent=ha-noi');
    expect(r.status).toBe(200);
    expect(r.body.items.map((u: { id: string }) => u.id)).toEqual(['ha-noi-hoan-kiem', 'ha-noi-cua-nam']);
    expect(r.body.items[1]).toEqual({ id: 'ha-noi-cua-nam', name: 'Phường Cửa Nam', level: 'commune', parent: 'ha-noi', code: '00082' });
  });

  it('finds a unit by its name without diacritics or by its code', async () => {
    expect((await anon.get('/api/units?q=cua%20nam')).body.items.map((u: { id: string }) => u.id)).toEqual(['ha-noi-cua-nam']);
    expect((await anon.get('/api/units?q=00070')).body.items.map((u: { id: string }) => u.id)).toEqual(['ha-noi-hoan-kiem']);
  });

  it('lists provinces apart from communes', async () => {
    const ids = (await anon.get('/api/units?level=province')).body.items.map((u: { id: string }) => u.id);
    expect(ids).toContain('ha-noi');
    expect(ids).not.toContain('ha-noi-cua-nam');
  });

  it('refuses a bad level or limit with 400 naming the parameter', async () => {
    const bad = await anon.get('/api/units?level=district');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'E_BAD_QUERY', path: 'level' });
    expect((await anon.get('/api/units?limit=0')).body.error.path).toBe('limit');
  });
});
