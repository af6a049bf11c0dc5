/**
 * The OpenAPI document describes every answer of every route: the routes are listed from
 * the router itself (a route without a description fails), each is called for real (a route
 * nobody calls here fails too), and every answer, success or error, is validated with ajv
 * against the document: its status must be one the operation lists, its body the schema
 * given for it (the wire contract's, motcua/contract).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Procedure } from 'motcua/engine';
import { stringify } from 'yaml';
import { createFirstAdmin } from '../src/auth';
import { apiRouters, openApiDocument } from '../src/http';
import { forEachDatabase } from './databases';
import { CALENDAR, PROCEDURE } from './fixtures';
import { filing, NATIONAL_ID, startTestServer, uploadPdf, type Reply, type TestServer } from './harness';
import { Browser } from './support/oidc';

/** A procedure whose approval issues a document into the wallet. */
const ISSUING: Procedure = {
  ...PROCEDURE,
  code: 'T.000030',
  outcomes: { approved: { status: 'done', result: { document: 'birth-certificate', issuer: 'commune', store: 'wallet' } }, rejected: { status: 'rejected' }, withdrawn: { status: 'withdrawn' } },
};

/** A procedure that reads a second party's records only once they consent (docs/security.md, data subjects). */
const CONSENTING: Procedure = {
  ...PROCEDURE,
  code: 'T.000034',
  data: {
    schema: {
      ...PROCEDURE.data!.schema,
      properties: { ...(PROCEDURE.data!.schema.properties as Record<string, unknown>), spouse: { type: 'object', required: ['nationalId'], properties: { nationalId: { type: 'string', pattern: '^[0-9]{12}$' } } } },
    },
  },
  subjects: [
    { id: 'applicant', key: 'data.applicant.nationalId', relation: 'party' },
    { id: 'spouse', key: 'data.spouse.nationalId', relation: 'party', consent: 'required' },
  ],
};

/** A procedure whose fee is paid online before processing. */
const PAYING: Procedure = {
  ...PROCEDURE,
  code: 'T.000033',
  fees: [{ id: 'copy-fee', name: { vi: 'Lệ phí cấp bản sao' }, amount: 8000 }],
  payment: 'before-processing',
  steps: [{ id: 'pay', kind: 'payment', to: 'verify' }, ...PROCEDURE.steps],
};

/** A fetch answer as the harness's clients give it. */
async function replyOf(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body, headers: res.headers };
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
interface Exchange {
  method: Method;
  /** The router's path, e.g. `/api/cases/:id`. */
  route: string;
  reply: Reply;
}

const toOpenApi = (route: string) => route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

forEachDatabase('the OpenAPI document and the real answers', (db) => {
  let s: TestServer;
  const seen: Exchange[] = [];
  const doc = openApiDocument();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: 'openapi' });
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    const database = await db().open();
    // A mail server that refuses (port 1): the e-mail fails at once, for the administrators' list.
    s = await startTestServer(database, db().dataDir, {
      procedures: [PAYING],
      config: { testClock: true, notifications: { smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'Một cửa <no-reply@test.local>', intervalMs: 3_600_000, backoffMs: 60_000, maxAttempts: 1 } },
    });
    const anon = await s.as();
    const cit = await s.as('cit-1');
    const cso = await s.as('cso-a1');
    const chair = await s.as('chair-a1');
    const author = await s.as('author');
    const admin = await s.as('admin');
    const record = async (method: Method, route: string, reply: Promise<Reply>) => {
      const r = await reply;
      seen.push({ method, route, reply: r });
      return r;
    };

    await record('GET', '/api/health', anon.get('/api/health'));
    await record('GET', '/api/openapi.json', anon.get('/api/openapi.json'));
    await record('GET', '/api/docs', anon.get('/api/docs'));
    const demoUsers = await record('GET', '/api/auth/dev-users', anon.get('/api/auth/dev-users'));
    await record('POST', '/api/auth/dev-login', anon.post('/api/auth/dev-login', { user: demoUsers.body.users[0]?.id as string }));
    // cit-1 is a user of the database, not a demo user: dev-login never signs it in.
    await record('POST', '/api/auth/dev-login', anon.post('/api/auth/dev-login', { user: 'cit-1' }));
    const link = await createFirstAdmin(database, { nationalId: '079085001234', name: 'Trần Thị Bình' }, s.clock.now);
    await record('POST', '/api/auth/sign-in-link', anon.post('/api/auth/sign-in-link', { code: link.code }));
    await record('POST', '/api/auth/sign-in-link', anon.post('/api/auth/sign-in-link', { code: link.code }));
    await record('POST', '/api/auth/sign-in-link', anon.post('/api/auth/sign-in-link', { code: 'short' }));
    await record('POST', '/api/auth/dev-login', anon.post('/api/auth/dev-login', { user: 'nobody' }));
    await record('GET', '/api/auth/me', cit.get('/api/auth/me'));
    await record('GET', '/api/auth/me', anon.get('/api/auth/me'));
    await record('GET', '/api/auth/jwks', anon.get('/api/auth/jwks'));
    await record('GET', '/api/procedures', anon.get('/api/procedures?q=khai%20sinh'));
    await record('GET', '/api/procedures', anon.get('/api/procedures?limit=0'));
    await record('GET', '/api/procedures', anon.get('/api/procedures?level=commune&open=true&limit=1'));
    await record('GET', '/api/procedures', anon.get(`/api/procedures?q=${'a'.repeat(201)}`));
    await record('GET', '/api/catalogues', anon.get('/api/catalogues'));
    await record('POST', '/api/procedures', author.post('/api/procedures', ISSUING));
    await record('POST', '/api/procedures', cit.post('/api/procedures', ISSUING));
    await record('POST', '/api/procedures', author.post('/api/procedures', { ...ISSUING, code: 'T.000039', steps: [] }));
    await record('GET', '/api/procedures/:code', anon.get('/api/procedures/T.000001'));
    await record('GET', '/api/procedures/:code', anon.get('/api/procedures/X.999999'));

    const upload = await record('POST', '/api/uploads', cit.raw('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'application/pdf', 'X-File-Name': 'giay-chung-sinh.pdf' }, body: '%PDF-1.4 openapi' }));
    await record('POST', '/api/uploads', cit.raw('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' }));
    const hash = upload.body.hash as string;
    await record('GET', '/api/uploads/:hash', cit.get(`/api/uploads/${hash}`));
    await record('GET', '/api/uploads/:hash', cit.get(`/api/uploads/${'0'.repeat(64)}`));

    await record('PUT', '/api/my/contact', cit.put('/api/my/contact', { email: 'cong.dan@example.vn', locale: 'vi' }));
    await record('PUT', '/api/my/contact', cit.put('/api/my/contact', { email: 'not an address' }));
    await record('GET', '/api/my/contact', cit.get('/api/my/contact'));
    await record('GET', '/api/my/contact', anon.get('/api/my/contact'));
    const filed = await record('POST', '/api/cases', cit.post('/api/cases', filing(hash)));
    await record('POST', '/api/cases', cit.post('/api/cases', { ...filing(hash), channel: 'counter' }));
    await record('POST', '/api/cases', cit.post('/api/cases', { ...filing(hash), unit: 'nowhere' }));
    await record('POST', '/api/cases', cit.post('/api/cases', { procedure: 'T.000001' }));
    await record('POST', '/api/cases', cso.post('/api/cases', filing(hash)));
    const id = filed.body.id as string;
    await record('GET', '/api/cases/:id', cit.get(`/api/cases/${id}`));
    await record('GET', '/api/cases/:id', cit.get('/api/cases/nope'));
    await record('GET', '/api/worklist', cso.get('/api/worklist?limit=5'));
    await record('GET', '/api/worklist', cit.get('/api/worklist'));
    const acted = await record('POST', '/api/cases/:id/actions', cso.post(`/api/cases/${id}/actions`, { step: 'verify', action: 'approve', version: filed.body.version }));
    await record('POST', '/api/cases/:id/actions', cso.post(`/api/cases/${id}/actions`, { step: 'verify', action: 'approve', version: filed.body.version }));
    await record('POST', '/api/cases/:id/actions', chair.post(`/api/cases/${id}/actions`, { step: 'nowhere', action: 'sign', version: acted.body.version }));
    await record('POST', '/api/cases/:id/actions', chair.post(`/api/cases/${id}/actions`, { step: 'sign', action: 'sign', version: acted.body.version }));
    await record('GET', '/api/my/cases', cit.get('/api/my/cases?limit=5'));
    // A case that awaits the consent of the second party (cit-2): what they see, who may consent.
    const spouse = await s.as('cit-2');
    await record('POST', '/api/procedures', author.post('/api/procedures', CONSENTING));
    const asking = await record('POST', '/api/cases', cit.post('/api/cases', { ...filing(hash), procedure: CONSENTING.code, data: { ...(filing(hash).data as object), spouse: { nationalId: NATIONAL_ID['cit-2'] } } }));
    expect(asking.status, JSON.stringify(asking.body)).toBe(201);
    await record('GET', '/api/my/consents', spouse.get('/api/my/consents?limit=5'));
    await record('GET', '/api/my/consents', spouse.get('/api/my/consents?limit=0'));
    await record('GET', '/api/my/consents', anon.get('/api/my/consents'));
    await record('POST', '/api/cases/:id/consents/:subject', cit.post(`/api/cases/${asking.body.id as string}/consents/spouse`, {}));
    await record('POST', '/api/cases/:id/consents/:subject', spouse.post(`/api/cases/${asking.body.id as string}/consents/nobody`, {}));
    await record('POST', '/api/cases/:id/consents/:subject', anon.post(`/api/cases/${asking.body.id as string}/consents/spouse`, {}));
    await record('POST', '/api/cases/:id/consents/:subject', spouse.post(`/api/cases/${asking.body.id as string}/consents/spouse`, {}));
    await record('POST', '/api/cases/:id/consents/:subject', spouse.post(`/api/cases/${asking.body.id as string}/consents/spouse`, {}));

    // The filing's notifications: in the inbox, and an e-mail the refusing mail server fails.
    await s.server.drainNotifications();
    const inbox = await record('GET', '/api/my/notifications', cit.get('/api/my/notifications?limit=5'));
    await record('GET', '/api/my/notifications', cit.get('/api/my/notifications?limit=0'));
    await record('POST', '/api/my/notifications/:id/read', cit.post(`/api/my/notifications/${inbox.body.items[0]?.id as number}/read`));
    await record('POST', '/api/my/notifications/:id/read', cit.post('/api/my/notifications/999999/read'));
    const failed = await record('GET', '/api/admin/notifications', admin.get('/api/admin/notifications?status=failed'));
    await record('GET', '/api/admin/notifications', admin.get('/api/admin/notifications?status=lost'));
    await record('GET', '/api/admin/notifications', cit.get('/api/admin/notifications'));
    await record('POST', '/api/admin/notifications/:id/retry', admin.post(`/api/admin/notifications/${failed.body.items[0]?.id as number}/retry`));
    await record('POST', '/api/admin/notifications/:id/retry', admin.post('/api/admin/notifications/999999/retry'));

    // A case of the issuing procedure, finished: its document reaches the wallet.
    const issued = await cit.post('/api/cases', { ...filing(hash), procedure: 'T.000030' });
    let version = issued.body.version as number;
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    for (const [who, step, action] of [[cso, 'verify', 'approve'], [chair, 'sign', 'sign']] as const) {
      const r = await who.post(`/api/cases/${issued.body.id}/actions`, { step, action, version });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      version = r.body.version as number;
    }
    await s.server.drainOutbox();
    // Statistics and ratings (docs/statistics.md).
    await record('GET', '/api/stats', admin.get('/api/stats?by=unit&unit=prov-a'));
    await record('GET', '/api/stats', cso.get('/api/stats?by=procedure&period=day'));
    await record('GET', '/api/stats', cso.get('/api/stats?unit=commune-a2'));
    await record('GET', '/api/stats', admin.get('/api/stats?period=year'));
    await record('GET', '/api/stats', cit.get('/api/stats'));
    await record('GET', '/api/stats/overdue', cso.get('/api/stats/overdue'));
    await record('GET', '/api/stats/overdue', cso.get('/api/stats/overdue?limit=0'));
    await record('POST', '/api/cases/:id/rating', cit.post(`/api/cases/${issued.body.id}/rating`, { score: 5 }));
    await record('POST', '/api/cases/:id/rating', cit.post(`/api/cases/${issued.body.id}/rating`, { score: 4 }));
    await record('POST', '/api/cases/:id/rating', cit.post(`/api/cases/${issued.body.id}/rating`, { score: 9 }));
    const wallet = await record('GET', '/api/my/documents', cit.get('/api/my/documents'));
    const docId = wallet.body.items[0]?.id as string;
    const view = await record('GET', '/api/documents/:id', cit.get(`/api/documents/${docId}`));

    // Publishing: a draft through review to a published version, another from it, a retirement and a migration.
    const approver = await s.as('approver');
    const oa = stringify({ ...PROCEDURE, code: 'OA.000001', name: { vi: 'Thủ tục OpenAPI' } });
    await record('GET', '/api/drafts/templates', author.get('/api/drafts/templates'));
    const draft = await record('POST', '/api/drafts', author.post('/api/drafts', { from: 'source', source: oa }));
    await record('POST', '/api/drafts', cit.post('/api/drafts', { from: 'source', source: oa }));
    await record('GET', '/api/drafts', author.get('/api/drafts?status=editing'));
    await record('GET', '/api/drafts/:id', approver.get(`/api/drafts/${draft.body.id}`));
    await record('PUT', '/api/drafts/:id', author.put(`/api/drafts/${draft.body.id}`, { source: oa, revision: draft.body.revision }));
    await record('PUT', '/api/drafts/:id', author.put(`/api/drafts/${draft.body.id}`, { source: oa, revision: draft.body.revision }));
    await record('GET', '/api/drafts/:id/diff', author.get(`/api/drafts/${draft.body.id}/diff`));
    await record('POST', '/api/drafts/:id/submit', author.post(`/api/drafts/${draft.body.id}/submit`, {}));
    await record('POST', '/api/drafts/:id/approve', author.post(`/api/drafts/${draft.body.id}/approve`, {}));
    await record('POST', '/api/drafts/:id/return', approver.post(`/api/drafts/${draft.body.id}/return`, { comment: 'Thiếu căn cứ pháp lý' }));
    await record('POST', '/api/drafts/:id/publish', author.post(`/api/drafts/${draft.body.id}/publish`, {}));
    await record('POST', '/api/drafts/:id/submit', author.post(`/api/drafts/${draft.body.id}/submit`, {}));
    await record('POST', '/api/drafts/:id/approve', approver.post(`/api/drafts/${draft.body.id}/approve`, { comment: 'Đạt' }));
    await record('POST', '/api/drafts/:id/publish', author.post(`/api/drafts/${draft.body.id}/publish`, {}));
    await record('POST', '/api/procedures/validate', author.post('/api/procedures/validate', { source: oa }));
    await record('POST', '/api/procedures/validate', author.post('/api/procedures/validate', { source: 'code: [' }));
    await record('GET', '/api/procedures/in-force', anon.get('/api/procedures/in-force'));
    await record('GET', '/api/procedures/:code/versions', anon.get('/api/procedures/OA.000001/versions'));
    await record('GET', '/api/procedures/:code/versions', anon.get('/api/procedures/NO.000000/versions'));
    await record('POST', '/api/procedures/:code/versions/:version/retire', author.post('/api/procedures/OA.000001/versions/1.0.0/retire', {}));
    await record('POST', '/api/procedures/:code/versions/:version/retire', approver.post('/api/procedures/OA.000001/versions/1.0.0/retire', { reason: 'Thay bằng 1.0.1' }));
    const next = await record('POST', '/api/drafts', author.post('/api/drafts', { from: 'version', code: 'OA.000001', version: '1.0.0' }));
    expect(next.body.version).toBe('1.0.1');
    await author.post(`/api/drafts/${next.body.id}/submit`, {});
    await approver.post(`/api/drafts/${next.body.id}/approve`, {});
    expect((await author.post(`/api/drafts/${next.body.id}/publish`, {})).status).toBe(201);
    const plan = { code: 'OA.000001', from: '1.0.0', to: '1.0.1', deadline: 'keep' };
    await record('POST', '/api/migrations/dry-run', author.post('/api/migrations/dry-run', plan));
    await record('POST', '/api/migrations/dry-run', author.post('/api/migrations/dry-run', { ...plan, to: '1.0.0' }));
    await record('POST', '/api/migrations', author.post('/api/migrations', plan));
    await record('POST', '/api/migrations', approver.post('/api/migrations', plan));
    // A province's overlay of OA.000003 (marked overridable), published through review: its listing and its diff.
    const national = await author.post('/api/drafts', { from: 'source', source: stringify({ ...PROCEDURE, code: 'OA.000003', name: { vi: 'Thủ tục quốc gia' }, overridable: { 'fees.late.amount': { min: 0, max: 9000 } } }) });
    await author.post(`/api/drafts/${national.body.id}/submit`, {});
    await approver.post(`/api/drafts/${national.body.id}/approve`, {});
    expect((await author.post(`/api/drafts/${national.body.id}/publish`, {})).status).toBe(201);
    const overlay = await author.post('/api/drafts', { from: 'source', source: 'code: "OA.000003-prov-a"\nversion: 1.0.0\nextends: { code: "OA.000003", version: "^1.0.0" }\nscope: { province: prov-a }\noverrides:\n  fees.late.amount: 7000\n' });
    await author.post(`/api/drafts/${overlay.body.id}/submit`, {});
    await approver.post(`/api/drafts/${overlay.body.id}/approve`, {});
    expect((await author.post(`/api/drafts/${overlay.body.id}/publish`, {})).status).toBe(201);
    await record('GET', '/api/procedures/:code/overlays', anon.get('/api/procedures/OA.000003/overlays'));
    await record('GET', '/api/procedures/:code/overlays', anon.get('/api/procedures/OA.000003/overlays?stale=maybe'));
    await record('GET', '/api/procedures/:code/overlays', anon.get('/api/procedures/NO.000000/overlays'));
    await record('GET', '/api/procedures/:code/overlay-diff', anon.get('/api/procedures/OA.000003-prov-a/overlay-diff'));
    await record('GET', '/api/procedures/:code/overlay-diff', anon.get('/api/procedures/OA.000003/overlay-diff'));
    await record('GET', '/api/procedures/:code/overlay-diff', anon.get('/api/procedures/OA.000003-prov-a/overlay-diff?against=nope'));
    await record('GET', '/api/procedures/:code', anon.get('/api/procedures/OA.000003-prov-a'));
    const scrap = await author.post('/api/drafts', { from: 'scratch', code: 'OA.000002', name: { vi: 'Nháp bỏ' } });
    await record('DELETE', '/api/drafts/:id', author.raw(`/api/drafts/${scrap.body.id}`, { method: 'DELETE' }));
    await record('DELETE', '/api/drafts/:id', author.raw(`/api/drafts/${scrap.body.id}`, { method: 'DELETE' }));
    await record('GET', '/api/documents/:id', cso.get('/api/documents/KQ-nope'));
    await record('POST', '/api/documents/verify', anon.post('/api/documents/verify', { jws: view.body.jws }));
    await record('POST', '/api/documents/verify', anon.post('/api/documents/verify', { jws: 'not.a.jws' }));
    await record('POST', '/api/documents/:id/revoke', cso.post(`/api/documents/${docId}/revoke`, { reason: 'cấp nhầm' }));
    await record('POST', '/api/documents/:id/revoke', cso.post(`/api/documents/${docId}/revoke`, { reason: 'again' }));
    await record('GET', '/api/documents/:id/pdf', cit.get(`/api/documents/${docId}/pdf`));
    await record('GET', '/api/documents/:id/pdf', anon.get(`/api/documents/${docId}/pdf`));
    await record('GET', '/api/documents/:id/check', anon.get(`/api/documents/${docId}/check?code=notthecode`));
    await record('GET', '/api/documents/:id/check', anon.get(`/api/documents/${docId}/check`));

    // Who read my data.
    await record('GET', '/api/procedures/:code/prefill', cit.get('/api/procedures/T.000001/prefill'));
    await record('GET', '/api/procedures/:code/prefill', admin.get('/api/procedures/T.000001/prefill'));
    await record('GET', '/api/procedures/:code/prefill', cit.get('/api/procedures/T.000001/prefill?version=9.9.9'));
    await record('GET', '/api/my/data-access', cit.get('/api/my/data-access'));
    await record('GET', '/api/admin/data-access', admin.get('/api/admin/data-access?nationalId=001090000001'));
    await record('GET', '/api/admin/data-access', cit.get('/api/admin/data-access?nationalId=001090000001'));
    await record('GET', '/api/admin/data-access', admin.get('/api/admin/data-access'));

    // Online payment through the gateway simulator.
    const paying = await record('POST', '/api/cases', cit.post('/api/cases', { ...filing(await uploadPdf(cit)), procedure: 'T.000033' }));
    const payment = await record('POST', '/api/cases/:id/payments', cit.post(`/api/cases/${paying.body.id as string}/payments`));
    await record('POST', '/api/cases/:id/payments', cit.post('/api/cases/HS-nope/payments'));
    const gateway = new URL(payment.body.redirectUrl as string);
    const request = Object.fromEntries(gateway.searchParams);
    await record('GET', '/api/payments/simulator/pay', replyOf(await fetch(gateway)));
    await record('GET', '/api/payments/simulator/pay', replyOf(await fetch(`${s.url}/api/payments/simulator/pay?vnp_TxnRef=forged`)));
    const paid = await record('POST', '/api/payments/simulator/complete', replyOf(await fetch(`${s.url}/api/payments/simulator/complete`, { method: 'POST', body: new URLSearchParams({ ...request, choice: 'pay' }), redirect: 'manual' })));
    await record('POST', '/api/payments/simulator/complete', replyOf(await fetch(`${s.url}/api/payments/simulator/complete`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })));
    await record('GET', '/api/payments/return', replyOf(await fetch(paid.headers.get('location')!, { redirect: 'manual' })));
    await record('POST', '/api/payments/simulator/ipn', anon.post('/api/payments/simulator/ipn', { vnp_TxnRef: 'forged' }));
    await record('POST', '/api/payments/ipn', anon.post('/api/payments/ipn', { vnp_TxnRef: 'forged' }));
    await record('GET', '/api/payments/ipn', anon.get('/api/payments/ipn?vnp_TxnRef=forged'));
    await record('GET', '/api/cases/:id/payments', cit.get(`/api/cases/${paying.body.id as string}/payments`));
    await record('GET', '/api/cases/:id/payments', anon.get(`/api/cases/${paying.body.id as string}/payments`));
    await record('GET', '/api/my/receipts', cit.get('/api/my/receipts'));
    await record('GET', '/api/my/receipts', cit.get('/api/my/receipts?limit=0'));

    // Sign-in through the embedded OpenID Connect provider (demo mode).
    await record('GET', '/api/auth/providers', anon.get('/api/auth/providers'));
    const browser = new Browser();
    const started = await record('GET', '/api/auth/oidc/start', replyOf(await browser.go(`${s.url}/api/auth/oidc/start`)));
    const atLogin = await browser.follow(started.headers.get('location')!, (u) => u.pathname.includes('/interaction/'));
    const loginPage = await (await browser.go(atLogin.url.href)).text();
    const posted = await browser.go(new URL(/action="([^"]+\/login)"/.exec(loginPage)![1]!, s.url).href, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'national_id=001090000002' });
    const back = await browser.follow(new URL(posted.headers.get('location')!, s.url).href, (u) => u.pathname === '/api/auth/oidc/callback');
    await record('GET', '/api/auth/oidc/callback', replyOf(await browser.go(back.url.href)));
    await record('GET', '/api/auth/oidc/callback', replyOf(await browser.go(back.url.href)));

    await record('GET', '/api/units', anon.get('/api/units?level=commune&q=a1'));
    await record('GET', '/api/units', anon.get('/api/units?level=district'));
    await record('GET', '/api/admin/units', admin.get('/api/admin/units'));
    await record('GET', '/api/admin/units', cit.get('/api/admin/units'));
    await record('PUT', '/api/admin/units/:id', admin.put('/api/admin/units/commune-z', { name: 'Xã Z', level: 'commune', parent: 'prov-a' }));
    await record('PUT', '/api/admin/units/:id', admin.put('/api/admin/units/commune-z', { name: 'Xã Z', level: 'district' }));
    // A reorganization that touches no case: a new commune, then Xã Z merged into it.
    const unitPlan = { id: 'openapi-plan', effective: '2026-01-01', create: [{ id: 'commune-y', name: 'Xã Y', level: 'commune', parent: 'prov-a', code: '99901' }], merge: [{ into: 'commune-y', from: ['commune-z'] }] };
    await record('POST', '/api/admin/reorganizations/dry-run', admin.post('/api/admin/reorganizations/dry-run', unitPlan));
    await record('POST', '/api/admin/reorganizations/dry-run', admin.post('/api/admin/reorganizations/dry-run', { id: 'Bad Id' }));
    await record('POST', '/api/admin/reorganizations/dry-run', admin.post('/api/admin/reorganizations/dry-run', { ...unitPlan, merge: [{ into: 'commune-y', from: ['nowhere'] }] }));
    await record('POST', '/api/admin/reorganizations/dry-run', cit.post('/api/admin/reorganizations/dry-run', unitPlan));
    await record('POST', '/api/admin/reorganizations', admin.post('/api/admin/reorganizations', unitPlan));
    await record('POST', '/api/admin/reorganizations', admin.post('/api/admin/reorganizations', unitPlan));
    await record('GET', '/api/admin/reorganizations', admin.get('/api/admin/reorganizations'));
    await record('GET', '/api/units', anon.get('/api/units?q=Z'));
    await record('GET', '/api/admin/users/:id', admin.get('/api/admin/users/cso-a1'));
    await record('POST', '/api/admin/users/:id/sign-in-link', admin.post('/api/admin/users/cso-a1/sign-in-link', { ttlMinutes: 5 }));
    await record('POST', '/api/admin/users/:id/sign-in-link', admin.post('/api/admin/users/cit-1/sign-in-link', {}));
    await record('POST', '/api/admin/users/:id/sign-in-link', admin.post('/api/admin/users/nobody/sign-in-link', {}));
    await record('GET', '/api/admin/users/:id', admin.get('/api/admin/users/nobody'));
    await record('PUT', '/api/admin/users/:id', admin.put('/api/admin/users/cso-z', { name: 'Cán bộ Z', kind: 'officer', roles: [{ role: 'civil-status-officer', unit: 'commune-z' }] }));
    await record('PUT', '/api/admin/users/:id', admin.put('/api/admin/users/cso-z', { name: 'Cán bộ Z', kind: 'officer', roles: [{ role: 'civil-status-officer', unit: 'nowhere' }] }));

    await record('GET', '/api/test/world', anon.get('/api/test/world'));
    await record('PUT', '/api/test/clock', anon.put('/api/test/clock', { now: '2026-03-10T09:00:00+07:00' }));
    await record('PUT', '/api/test/clock', anon.put('/api/test/clock', { now: 'tomorrow' }));
    await record('PUT', '/api/test/calendar', anon.put('/api/test/calendar', { calendar: CALENDAR }));
    await record('PUT', '/api/test/calendar', anon.put('/api/test/calendar', { calendar: { id: 'bad', timezone: 'Nowhere/City', week: [] } }));
    await record('PUT', '/api/test/calendar', anon.put('/api/test/calendar', { calendar: null }));
    await record('PUT', '/api/test/registry', anon.put('/api/test/registry', { records: { population: { '001090000001': { nationalId: '001090000001', fullName: 'Nguyễn Văn An' } } } }));
    await record('POST', '/api/test/procedures', anon.post('/api/test/procedures', { procedures: [{ ...PROCEDURE, code: 'T.000031' }] }));
    await record('POST', '/api/test/principals', anon.post('/api/test/principals', { id: 'officer-x', kind: 'officer', roles: [{ role: 'civil-status-officer', unit: 'commune-a1' }] }));
    await record('POST', '/api/test/principals', anon.post('/api/test/principals', { id: 'officer-y', kind: 'officer', roles: [{ role: 'civil-status-officer', unit: 'nowhere' }] }));
  });
  afterAll(() => s?.close());

  it('describes every route of the router', () => {
    const routes = apiRouters(s.server.services, {}).flatMap((r) => r.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => ({ method: m, route: String(layer.path) }))));
    expect(routes.length).toBeGreaterThan(30);
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    const undescribed = routes.filter((r) => !paths[toOpenApi(r.route)]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.route}`);
    expect(undescribed, 'describe these routes in server/src/http/openapi.ts').toEqual([]);
    const described = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const stale = described.filter((d) => !routes.some((r) => `${r.method} ${toOpenApi(r.route)}` === d));
    expect(stale, 'the document describes routes the router does not have').toEqual([]);
    const untried = routes.filter((r) => !seen.some((e) => e.method === r.method && e.route === r.route && e.reply.status < 400)).map((r) => `${r.method} ${r.route}`);
    // A redirect is the success of the browser's routes (sign-in, the payment gateway's return).
    expect(untried, 'call these routes (with a successful answer) in this test').toEqual([]);
  });

  it('validates every real answer, success and error, against the document', () => {
    const problems: string[] = [];
    for (const { method, route, reply } of seen) {
      const where = `${method} ${route} -> ${reply.status}`;
      const op = (doc.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>)[toOpenApi(route)]?.[method.toLowerCase()];
      const response = op?.responses[String(reply.status)];
      if (!response) {
        problems.push(`${where}: status not described (${JSON.stringify(reply.body).slice(0, 200)})`);
        continue;
      }
      const type = (reply.headers.get('content-type') ?? '').split(';')[0]!;
      const content = response.content ?? {};
      // An answer described without content (204) has none.
      if (!Object.keys(content).length && reply.status === 204 && !reply.body) continue;
      if (!content['application/json']) {
        if (!Object.keys(content).some((t) => t === type || t === 'application/octet-stream')) problems.push(`${where}: content type ${type} not described`);
        continue;
      }
      if (type !== 'application/json') problems.push(`${where}: answered ${type}, described as JSON`);
      const pointer = `openapi#/paths/${toOpenApi(route).replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${reply.status}/content/application~1json/schema`;
      let validate = validators.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: pointer });
        validators.set(pointer, validate);
      }
      if (!validate(reply.body)) problems.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(seen.filter((e) => e.reply.status >= 400).length).toBeGreaterThan(15);
    expect(problems).toEqual([]);
  });
});
