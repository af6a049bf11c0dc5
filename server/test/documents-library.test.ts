/* eslint-disable @typescript-eslint/no-explicit-any -- reading JSON answers checked by expect */
/**
 * "One data" with the real library: a citizen gets a criminal record certificate No. 1
 * (2.000488, issued by the province into the wallet), and the employer's work permit filing
 * for that person (1.000459) names its number: the `criminal-record` component is replaced by
 * the wallet document instead of a paper original.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, loadConfig, loadServerLibrary, type MotcuaServer } from '../src';
import { payOnline } from './pay-online';
import { forEachDatabase } from './databases';

const LIBRARY = resolve(import.meta.dirname, '../../procedures');

forEachDatabase('wallet documents reused by the real library', (db) => {
  let server: MotcuaServer;
  let url: string;
  const clock = { now: Date.parse('2026-03-02T09:00:00+07:00') };

  beforeAll(async () => {
    const database = await db().open();
    const config = loadConfig({}, { dataDir: db().dataDir, demo: true, library: LIBRARY, host: '127.0.0.1', timerIntervalMs: 3_600_000, outboxIntervalMs: 3_600_000 });
    server = await createServer({ config, library: await loadServerLibrary(LIBRARY), database, now: () => new Date(clock.now), log: () => undefined });
    url = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server?.close());

  async function call(user: string, method: string, path: string, body?: unknown, type = 'application/json'): Promise<{ status: number; body: any }> {
    const token = await server.services.auth.issue(user);
    const res = await fetch(url + path, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
    return { status: res.status, body: await res.json() };
  }

  async function act(user: string, id: string, step: string, action: string, form: Record<string, unknown> = {}): Promise<any> {
    const current = (await call(user, 'GET', `/api/cases/${id}`)).body;
    const r = await call(user, 'POST', `/api/cases/${id}/actions`, { step, action, version: current.version, form });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  }

  async function upload(tag: string): Promise<string> {
    return (await call('citizen-1', 'POST', '/api/uploads', `%PDF ${tag}`, 'application/pdf')).body.hash as string;
  }

  it('a criminal record certificate from the wallet replaces the paper original in a work permit filing', async () => {
    const me = (await call('citizen-1', 'GET', '/api/auth/me')).body;
    const filed = await call('citizen-1', 'POST', '/api/cases', {
      procedure: '2.000488',
      unit: 'ha-noi',
      data: { applicant: { nationalId: me.nationalId }, purpose: 'Xin giấy phép lao động', copies: 1 },
      uploads: { 'request-form': await upload('request') },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;
    expect((await payOnline(url, await server.services.auth.issue('citizen-1'), id)).body.steps).toEqual(['receive']);
    await act('judicial-records-officer.ha-noi', id, 'receive', 'accept');
    await act('judicial-records-officer.ha-noi', id, 'records-search', 'no-record');
    await act('police-records-officer.ha-noi', id, 'police-check', 'answered');
    const signed = await act('department-head.ha-noi', id, 'sign', 'sign');
    expect(signed).toMatchObject({ status: 'done', outcome: 'approved' });

    await server.drainOutbox();
    const wallet = (await call('citizen-1', 'GET', '/api/my/documents')).body.items as any[];
    expect(wallet).toHaveLength(1);
    expect(wallet[0].document).toMatchObject({ document: 'criminal-record-certificate-1', procedure: { code: '2.000488' }, case: id, issuer: { unit: 'ha-noi', level: 'province' }, holder: { id: 'citizen-1', nationalId: me.nationalId } });
    const number = wallet[0].id as string;

    const permit = await call('citizen-1', 'POST', '/api/cases', {
      procedure: '1.000459',
      unit: 'ha-noi',
      data: {
        worker: { passportNo: 'X1234567', fullName: 'John Smith', nationality: 'Anh', criminalRecordResultId: number },
        employer: { enterpriseCode: '0109876543', demandApprovalId: 'CV-2026-000111' },
        position: 'expert',
        startDate: '2026-04-15',
        durationMonths: 24,
      },
      uploads: Object.fromEntries(await Promise.all(['application', 'health-certificate', 'qualification-proof', 'passport', 'photos'].map(async (c) => [c, await upload(c)] as const))),
    });
    expect(permit.status, JSON.stringify(permit.body)).toBe(201);
    expect(permit.body.components['criminal-record']).toMatchObject({
      status: 'replaced',
      provenance: { source: 'wallet', key: number },
      record: { resultId: number, document: 'criminal-record-certificate-1', procedure: '2.000488', holderId: me.nationalId },
    });
  });
});
