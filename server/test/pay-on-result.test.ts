/**
 * `payment: on-result` over HTTP: a decided case with fees unpaid waits in `awaiting-payment`
 * and no document is issued, whatever the outbox does; paying the exact balance issues it.
 */
import { afterAll, expect, it } from 'vitest';
import type { Procedure } from 'motcua/engine';
import { forEachDatabase } from './databases';
import { PROCEDURE } from './fixtures';
import { approveAndSign, startTestServer, uploadPdf, type TestServer } from './harness';

const ON_RESULT: Procedure = {
  ...PROCEDURE,
  code: 'T.000030',
  payment: 'on-result',
  outcomes: {
    approved: { status: 'done', result: { document: 'birth-certificate', issuer: 'commune', store: 'wallet' } },
    rejected: { status: 'rejected' },
    withdrawn: { status: 'withdrawn' },
  },
};

forEachDatabase('payment on result', (db) => {
  const running: TestServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
  });

  it('issues no result before the fees are paid, and issues it once paid', async () => {
    const database = await db().open();
    const s = await startTestServer(database, db().dataDir);
    running.push(s);
    expect((await (await s.as('author')).post('/api/procedures', ON_RESULT)).status).toBe(201);
    const cit = await s.as('cit-1');
    // 70 days old: the late fee (5,000 VND) is due with the result.
    const filed = await cit.post('/api/cases', {
      procedure: 'T.000030',
      unit: 'commune-a1',
      data: { applicant: { nationalId: '001090000001' }, child: { name: 'Bé Na', ageDays: 70 } },
      uploads: { 'birth-certificate': await uploadPdf(cit, '%PDF late') },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;
    const version = await approveAndSign(s, id, filed.body.version as number);
    await s.server.drainOutbox();
    const held = (await cit.get(`/api/cases/${id}`)).body;
    expect(held.status).toBe('awaiting-payment');
    expect(held.outcome).toBe('approved');
    expect(Number(((await database.knex('documents').where({ case_id: id }).count({ n: '*' }).first()) as { n: number | string }).n)).toBe(0);

    // Money is never declared: the citizen pays the balance at the gateway (its simulator here).
    const declared = await cit.post(`/api/cases/${id}/actions`, { step: 'pay', action: 'pay', form: { amount: 5000 }, version });
    expect(declared.status, JSON.stringify(declared.body)).toBe(422);
    expect(declared.body.error.code).toBe('E_PAY_ONLINE');
    const started = await cit.post(`/api/cases/${id}/payments`, {});
    expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
    const request = Object.fromEntries(new URL(started.body.redirectUrl as string).searchParams);
    const done = await fetch(`${s.url}/api/payments/simulator/complete`, { method: 'POST', body: new URLSearchParams({ ...request, choice: 'pay' }), redirect: 'manual' });
    expect(done.status).toBeLessThan(400);
    const paid = await cit.get(`/api/cases/${id}`);
    expect(paid.body.status).toBe('done');
    await s.server.drainOutbox();
    expect(Number(((await database.knex('documents').where({ case_id: id }).count({ n: '*' }).first()) as { n: number | string }).n)).toBe(1);
  });
});
