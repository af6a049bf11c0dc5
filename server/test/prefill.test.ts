/**
 * The e-form before filing (GET /api/procedures/:code/prefill): the signed-in citizen sees what
 * the national sources hold for them (locked fields with their value and source, components
 * their own records replace), only their own records are read, each read is logged for them as
 * a `prefill` read of that procedure, and bad requests get a 4xx with a code.
 */
import { afterAll, expect, it } from 'vitest';
import type { Procedure, SourceEntry } from 'motcua/engine';
import { upsertRecords } from '../src/sources';
import { forEachDatabase } from './databases';
import { PROCEDURE } from './fixtures';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

/** T.000001 with prefill rules: the applicant's own (locked and not), another person's (constant key and form field), and a wallet component. */
const PREFILLED: Procedure = {
  ...PROCEDURE,
  code: 'T.000010',
  name: { vi: 'Thủ tục điền sẵn thử nghiệm' },
  data: {
    schema: {
      type: 'object',
      properties: {
        applicant: { type: 'object', properties: { nationalId: { type: 'string' }, fullName: { type: 'string' }, birthDate: { type: 'string' } } },
        mother: { type: 'object', properties: { nationalId: { type: 'string' }, fullName: { type: 'string' } } },
        neighbour: { type: 'object', properties: { fullName: { type: 'string' } } },
      },
    },
    prefill: [
      { field: 'applicant.fullName', source: 'population', key: 'data.applicant.nationalId', select: 'fullName', lock: true },
      { field: 'applicant.birthDate', source: 'population', key: 'data.applicant.nationalId', select: 'birthDate' },
      { field: 'mother.fullName', source: 'population', key: 'data.mother.nationalId', select: 'fullName', lock: true },
      { field: 'neighbour.fullName', source: 'population', key: "'001090000002'", select: 'fullName', lock: true },
    ],
  },
  components: [
    ...(PROCEDURE.components ?? []),
    { id: 'marital-status', name: { vi: 'Giấy xác nhận tình trạng hôn nhân' }, required: false, replaceableBy: { source: 'wallet', key: "data.applicant.nationalId + '/marital-status-certificate'" } },
  ],
};

const SOURCES = new Map<string, SourceEntry>([
  ['population', { id: 'population', name: { vi: 'Cơ sở dữ liệu quốc gia về dân cư', en: 'National Population Database' }, key: 'national ID', schema: { type: 'object' } }],
  ['wallet', { id: 'wallet', name: { vi: 'Kho dữ liệu của công dân', en: "Citizen's data wallet" }, key: 'document number', schema: { type: 'object' } }],
]);

forEachDatabase('prefill before filing', (db) => {
  const running: TestServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
  });
  const start = async (): Promise<TestServer> => {
    const database = await db().open();
    const s = await startTestServer(database, db().dataDir, { procedures: [PREFILLED], sources: SOURCES });
    await upsertRecords(database.knex, [{ source: 'wallet', key: '001090000001/marital-status-certificate', record: { resultId: 'KQ-2026-00000001-ABCDEF', document: 'marital-status-certificate', holderId: '001090000001', data: {} } }]);
    running.push(s);
    return s;
  };

  it("shows the citizen's own records, reads nobody else's, and logs each read for them", async () => {
    const s = await start();
    const cit = await s.as('cit-1');
    const r = await cit.get('/api/procedures/T.000010/prefill');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const population = { vi: 'Cơ sở dữ liệu quốc gia về dân cư', en: 'National Population Database' };
    expect(r.body).toEqual({
      procedure: { code: 'T.000010', version: '1.0.0' },
      data: { applicant: { nationalId: '001090000001', fullName: 'Nguyễn Văn An', birthDate: '1990-01-01' } },
      fields: [
        { field: 'applicant.fullName', source: 'population', sourceName: population, lock: true, value: 'Nguyễn Văn An' },
        { field: 'applicant.birthDate', source: 'population', sourceName: population, lock: false, value: '1990-01-01' },
      ],
      replaced: [
        { component: 'applicant-id', source: 'population', sourceName: population, key: '001090000001' },
        { component: 'marital-status', source: 'wallet', sourceName: { vi: 'Kho dữ liệu của công dân', en: "Citizen's data wallet" }, key: '001090000001/marital-status-certificate' },
      ],
    });
    // Each record read once, for this e-form, before any case: the citizen sees it in their list.
    const mine = (await cit.get('/api/my/data-access')).body.items as Record<string, unknown>[];
    expect(mine).toHaveLength(2);
    for (const e of mine) expect(e).toMatchObject({ kind: 'prefill', reader: { id: 'cit-1' }, procedure: 'T.000010', at: new Date(s.clock.now).toISOString() });
    expect(mine.map((e) => `${e.source as string}:${e.key as string}`).sort()).toEqual(['population:001090000001', 'wallet:001090000001/marital-status-certificate']);
    expect(mine.every((e) => !('case' in e))).toBe(true);
    // The neighbour's record (a constant key) was never read: cit-2's list is empty.
    expect((await (await s.as('cit-2')).get('/api/my/data-access')).body.items).toEqual([]);
  });

  it('fills nothing for a citizen the sources do not know, and refuses officers, strangers and bad requests', async () => {
    const s = await start();
    const cit3 = await s.as('cit-3');
    const none = await cit3.get('/api/procedures/T.000010/prefill');
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ data: { applicant: { nationalId: '001090000003' } }, fields: [], replaced: [] });
    expect((await cit3.get('/api/my/data-access')).body.items).toEqual([]);

    const officer = await (await s.as('cso-a1')).get('/api/procedures/T.000010/prefill');
    expect(officer.status).toBe(403);
    expect((await (await s.as()).get('/api/procedures/T.000010/prefill')).status).toBe(401);
    const cit = await s.as('cit-1');
    const unknown = await cit.get('/api/procedures/X.999999/prefill');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'E_PROCEDURE_NOT_FOUND']);
    const long = await cit.get(`/api/procedures/T.000010/prefill?version=${'9'.repeat(40)}`);
    expect([long.status, long.body.error.code]).toEqual([400, 'E_BAD_QUERY']);
    const noVersion = await cit.get('/api/procedures/T.000010/prefill?version=9.9.9');
    expect([noVersion.status, noVersion.body.error.code]).toEqual([404, 'E_PROCEDURE_NOT_FOUND']);
    // None of the refusals read anything.
    expect((await cit.get('/api/my/data-access')).body.items).toEqual([]);
  });
});
