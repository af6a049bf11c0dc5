/**
 * Online payments through the built-in gateway simulator: a case's payment step completes
 * only by the gateway's verified IPN (never by the applicant's word), with a receipt in the
 * case and the wallet; forged, tampered, unknown, wrong-amount, replayed, concurrent and late
 * callbacks change nothing and are kept in the callback log; a paid case that is rejected
 * owes a refund.
 */
import { afterAll, expect, it } from 'vitest';
import type { Procedure } from 'motcua/engine';
import type { Database } from '../src/db';
import { gatewayAnswer, withSignature } from '../src/payments';
import { forEachDatabase } from './databases';
import { PROCEDURE } from './fixtures';
import { startTestServer, uploadPdf, type Client, type TestServer } from './harness';

/** A procedure whose fee is paid before processing. */
const PAYING: Procedure = {
  ...PROCEDURE,
  code: 'T.000030',
  fees: [{ id: 'copy-fee', name: { vi: 'Lệ phí cấp bản sao' }, amount: 8000 }],
  payment: 'before-processing',
  steps: [{ id: 'pay', kind: 'payment', to: 'verify' }, ...PROCEDURE.steps],
};

forEachDatabase('online payments through the gateway simulator', (db) => {
  const running: TestServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
  });

  async function start(): Promise<{ s: TestServer; database: Database; cit: Client; secret: string }> {
    const database = await db().open();
    const s = await startTestServer(database, db().dataDir, { procedures: [PAYING] });
    running.push(s);
    return { s, database, cit: await s.as('cit-1'), secret: s.server.services.config.payments.secret };
  }

  async function fileCase(cit: Client): Promise<{ id: string; version: number }> {
    const r = await cit.post('/api/cases', { procedure: 'T.000030', unit: 'commune-a1', data: { applicant: { nationalId: '001090000001' }, child: { name: 'Bé Na', ageDays: 10 } }, uploads: { 'birth-certificate': await uploadPdf(cit) } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.steps).toEqual(['pay']);
    return { id: r.body.id as string, version: r.body.version as number };
  }

  /** Starts a payment: its reference and the signed request the gateway received. */
  async function startPayment(cit: Client, id: string): Promise<{ txnRef: string; request: Record<string, string>; redirectUrl: string }> {
    const r = await cit.post(`/api/cases/${id}/payments`);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const url = new URL(r.body.redirectUrl as string);
    return { txnRef: r.body.payment.txnRef as string, request: Object.fromEntries(url.searchParams), redirectUrl: r.body.redirectUrl as string };
  }

  const ipn = async (s: TestServer, params: Record<string, string>) => (await (await s.as()).post('/api/payments/simulator/ipn', params)).body as { RspCode: string };
  const outcomes = async (database: Database, txnRef: string): Promise<string[]> => {
    const rows: { outcome: string }[] = await database.knex('payment_callbacks').where({ txn_ref: txnRef, channel: 'ipn' }).orderBy('id').select('outcome');
    return rows.map((r) => r.outcome);
  };

  it('pays through the simulator: the IPN completes the payment step, the receipt is in the case and the wallet; declaring paid is refused', async () => {
    const { s, cit } = await start();
    const kase = await fileCase(cit);
    const declared = await cit.post(`/api/cases/${kase.id}/actions`, { step: 'pay', action: 'pay', form: { amount: 8000 }, version: kase.version });
    expect(declared.status).toBe(422);
    expect(declared.body.error.code).toBe('E_PAY_ONLINE');
    expect((await (await s.as('cit-2')).post(`/api/cases/${kase.id}/payments`)).status).toBe(404);

    const { txnRef, request, redirectUrl } = await startPayment(cit, kase.id);
    expect(request).toMatchObject({ vnp_Amount: '800000', vnp_TxnRef: txnRef, vnp_CurrCode: 'VND' });
    expect(request.vnp_SecureHash).toMatch(/^[0-9a-f]{128}$/);
    const page = await fetch(redirectUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('8.000');
    // A request whose amount was changed on the way is refused by the gateway too.
    expect((await fetch(redirectUrl.replace('vnp_Amount=800000', 'vnp_Amount=100'))).status).toBe(400);

    const form = new URLSearchParams({ ...request, choice: 'pay' });
    const done = await fetch(`${s.url}/api/payments/simulator/complete`, { method: 'POST', body: form, redirect: 'manual' });
    expect(done.status).toBe(303);
    const back = await fetch(done.headers.get('location')!, { redirect: 'manual' });
    expect(back.headers.get('location')).toBe(`/#/cases/${kase.id}`);

    const view = (await cit.get(`/api/cases/${kase.id}`)).body;
    expect(view.steps).toEqual(['verify']);
    const paid = (view.timeline as { type: string; actor?: { id: string }; detail?: { amount?: number; reference?: string } }[]).filter((e) => e.type === 'paid');
    expect(paid).toEqual([expect.objectContaining({ actor: { kind: 'system', id: 'payments' }, detail: { amount: 8000, reference: txnRef } })]);

    const payments = (await cit.get(`/api/cases/${kase.id}/payments`)).body.items;
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ txnRef, status: 'paid', amount: 8000 });
    expect(payments[0].receipt).toMatchObject({
      txnRef, case: kase.id, amount: 8000, method: 'gateway',
      payer: { id: 'cit-1', name: 'Công dân 1', nationalId: '001090000001' },
      payee: { unit: 'commune-a1', name: 'Xã A1' },
      fees: [{ id: 'copy-fee', name: 'Lệ phí cấp bản sao', amount: 8000 }],
    });
    expect(payments[0].receipt.number).toMatch(/^BL-2026-\d{8}$/);
    expect((await cit.get('/api/my/receipts')).body.items).toEqual([payments[0].receipt]);
    expect((await (await s.as('cso-a1')).get(`/api/cases/${kase.id}/payments`)).body.items[0].receipt.number).toBe(payments[0].receipt.number);
    expect((await (await s.as('cit-2')).get(`/api/cases/${kase.id}/payments`)).status).toBe(404);
    expect((await (await s.as('cit-2')).get('/api/my/receipts')).body.items).toEqual([]);
  });

  it('refuses forged, tampered, unknown and wrong-amount callbacks, then confirms once: replays and a concurrent twin change nothing; all are logged', async () => {
    const { s, database, cit, secret } = await start();
    const kase = await fileCase(cit);
    const { txnRef, request } = await startPayment(cit, kase.id);
    const genuine = gatewayAnswer(request, 'pay', secret, s.clock.now);
    const { vnp_SecureHash: _drop, ...unsigned } = genuine;

    expect((await ipn(s, gatewayAnswer(request, 'pay', 'not-the-secret', s.clock.now))).RspCode).toBe('97');
    expect((await ipn(s, { ...genuine, vnp_Amount: '100' })).RspCode).toBe('97');
    expect((await ipn(s, { ...genuine, vnp_SecureHash: undefined as unknown as string })).RspCode).toBe('97');
    expect((await ipn(s, withSignature({ ...unsigned, vnp_Amount: '100' }, secret))).RspCode).toBe('04');
    expect((await ipn(s, withSignature({ ...unsigned, vnp_TxnRef: 'TTNOSUCHPAYMENT00' }, secret))).RspCode).toBe('01');
    expect((await ipn(s, { vnp_TxnRef: txnRef, evil: 'x' })).RspCode).toBe('99');
    let view = (await cit.get(`/api/cases/${kase.id}`)).body;
    expect(view).toMatchObject({ steps: ['pay'], version: kase.version });

    // The genuine notification twice at once, then once more: one payment, one receipt.
    const both = await Promise.all([ipn(s, genuine), ipn(s, genuine)]);
    expect(both.map((a) => a.RspCode).sort()).toEqual(['00', '02']);
    expect((await ipn(s, genuine)).RspCode).toBe('02');
    view = (await cit.get(`/api/cases/${kase.id}`)).body;
    expect(view.steps).toEqual(['verify']);
    expect(view.version).toBe(kase.version + 1);
    expect((view.timeline as { type: string }[]).filter((e) => e.type === 'paid')).toHaveLength(1);
    expect((await cit.get('/api/my/receipts')).body.items).toHaveLength(1);
    const all = await outcomes(database, txnRef);
    expect(all.filter((o) => o === 'accepted')).toHaveLength(1);
    expect(all.filter((o) => o === 'replayed')).toHaveLength(2);
    expect(all.filter((o) => o === 'forged')).toHaveLength(3);
    expect(all.filter((o) => o === 'wrong-amount')).toHaveLength(1);
    expect(await outcomes(database, 'TTNOSUCHPAYMENT00')).toEqual(['unknown']);
    expect(((await database.knex('payment_callbacks').where({ outcome: 'malformed' }).select('txn_ref')) as unknown[]).length).toBe(1);
    expect(await database.knex('audit_log').where({ action: 'case.payment.pay', subject: kase.id }).count({ n: '*' }).first().then((r) => Number((r as { n: unknown }).n))).toBe(1);
  });

  it('a late or cancelled payment changes nothing; a new payment can still be made', async () => {
    const { s, database, cit, secret } = await start();
    const kase = await fileCase(cit);
    const first = await startPayment(cit, kase.id);
    s.clock.now += (s.server.services.config.payments.ttlSeconds + 1) * 1000;
    expect((await ipn(s, gatewayAnswer(first.request, 'pay', secret, s.clock.now))).RspCode).toBe('02');
    expect(await outcomes(database, first.txnRef)).toEqual(['late']);
    expect((await cit.get(`/api/cases/${kase.id}`)).body.steps).toEqual(['pay']);

    const second = await startPayment(cit, kase.id);
    expect((await ipn(s, gatewayAnswer(second.request, 'cancel', secret, s.clock.now))).RspCode).toBe('00');
    const payments = (await cit.get(`/api/cases/${kase.id}/payments`)).body.items as { txnRef: string; status: string }[];
    expect(payments.map((p) => p.status)).toEqual(['pending', 'cancelled']);
    expect((await cit.get(`/api/cases/${kase.id}`)).body.steps).toEqual(['pay']);
    // A success after the cancellation is refused: the gateway already said no.
    expect((await ipn(s, gatewayAnswer(second.request, 'pay', secret, s.clock.now))).RspCode).toBe('02');

    const third = await startPayment(cit, kase.id);
    expect((await ipn(s, gatewayAnswer(third.request, 'pay', secret, s.clock.now))).RspCode).toBe('00');
    expect((await cit.get(`/api/cases/${kase.id}`)).body.steps).toEqual(['verify']);
    expect((await cit.post(`/api/cases/${kase.id}/payments`)).status).toBe(409);
  });

  it('records a refund due when a paid case is rejected', async () => {
    const { s, cit, secret } = await start();
    const kase = await fileCase(cit);
    const { request } = await startPayment(cit, kase.id);
    expect((await ipn(s, gatewayAnswer(request, 'pay', secret, s.clock.now))).RspCode).toBe('00');
    const version = (await cit.get(`/api/cases/${kase.id}`)).body.version as number;
    const rejected = await (await s.as('cso-a1')).post(`/api/cases/${kase.id}/actions`, { step: 'verify', action: 'reject', form: { reason: 'Hồ sơ không hợp lệ' }, version });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const [payment] = (await cit.get(`/api/cases/${kase.id}/payments`)).body.items;
    expect(payment).toMatchObject({ status: 'refund-due', refund: { amount: 8000, reason: 'case-rejected', status: 'due' } });
  });
});
