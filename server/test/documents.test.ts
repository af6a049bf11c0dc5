/* eslint-disable @typescript-eslint/no-unsafe-call -- reading JSON answers checked by expect */
/**
 * Signed result documents and the data wallet: the outbox consumer issues one document per
 * `issue-result` effect (also when run twice, after a restart, and with two consumers on
 * PostgreSQL), the JWS verifies with the published JWKS, a tampered copy is refused with its
 * code, a holder sees only their own documents, officers of the issuing unit see theirs, and
 * a later procedure's component is replaced by a wallet document.
 */
import { compactVerify, CompactSign, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Knex } from 'knex';
import { afterAll, expect, it } from 'vitest';
import type { Procedure } from 'motcua/engine';
import { loadOrCreateSigningKey } from '../src/auth';
import type { Database } from '../src/db';
import { DOCUMENT_JWS_TYPE, drainOutbox } from '../src/documents';
import { forEachDatabase } from './databases';
import { PROCEDURE } from './fixtures';
import { approveAndSign, startTestServer, uploadPdf, type Client, type TestServer } from './harness';

/** The test procedure, with a birth certificate issued at the commune on approval. */
const ISSUING: Procedure = {
  ...PROCEDURE,
  code: 'T.000010',
  outcomes: {
    approved: { status: 'done', result: { document: 'birth-certificate', issuer: 'commune', store: 'wallet', validFor: { value: 30, unit: 'calendar-day' } } },
    rejected: { status: 'rejected' },
    withdrawn: { status: 'withdrawn' },
  },
};

/** Issued by the province (the commune's parent) and kept out of the wallet. */
const PROVINCE_NO_WALLET: Procedure = {
  ...ISSUING,
  code: 'T.000011',
  outcomes: { ...ISSUING.outcomes, approved: { status: 'done', result: { document: 'birth-extract', issuer: 'province', store: 'none' } } },
};

/** A later procedure: its birth-certificate copy can come from the wallet, by number or by holder + type. */
const REUSING: Procedure = {
  ...PROCEDURE,
  code: 'T.000012',
  data: {
    schema: {
      type: 'object',
      required: ['applicant'],
      properties: {
        applicant: { type: 'object', required: ['nationalId'], properties: { nationalId: { type: 'string', pattern: '^[0-9]{12}$' } } },
        birthCertificateNo: { type: 'string', default: '' },
      },
    },
  },
  components: [
    { id: 'birth-certificate', name: { vi: 'Giấy khai sinh' }, required: true, replaceableBy: { source: 'wallet', key: 'data.birthCertificateNo' } },
    { id: 'latest-birth-certificate', name: { vi: 'Giấy khai sinh (mới nhất)' }, required: true, replaceableBy: { source: 'wallet', key: "data.applicant.nationalId + '/birth-certificate'" } },
  ],
  fees: [],
  steps: [{ id: 'verify', kind: 'task', role: 'civil-status-officer', level: 'commune', actions: { approve: { to: 'approved' } } }],
  outcomes: { approved: { status: 'done' }, rejected: { status: 'rejected' }, withdrawn: { status: 'withdrawn' } },
};

const DAY = 24 * 3600 * 1000;

async function count(database: Database, table: string, where: (q: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<number> {
  const row = (await where(database.knex(table)).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** Back to "every effect pending, nothing issued" (a server's own consumer may have run). */
async function undoIssuance(database: Database): Promise<void> {
  await database.knex('documents').delete();
  await database.knex('case_events').where({ type: 'result-issued' }).delete();
  await database.knex('source_records').where({ source: 'wallet' }).delete();
  await database.knex('outbox').update({ done_at: null, attempts: 0, last_error: null });
}

forEachDatabase('result documents and the wallet', (db) => {
  const running: TestServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
  });

  async function start(database?: Database): Promise<TestServer> {
    const s = await startTestServer(database ?? (await db().open()), db().dataDir);
    running.push(s);
    const author = await s.as('author');
    for (const p of [ISSUING, PROVINCE_NO_WALLET, REUSING]) {
      const r = await author.post('/api/procedures', p);
      // Published once (201); the same content again (a restart on the same database) is unchanged (200).
      expect(`${r.status} ${r.body.status}`, JSON.stringify(r.body)).toMatch(/^(201 published|200 unchanged)$/);
    }
    return s;
  }

  /** Files a case of `code` as cit-1 and has the officers finish it with `approved`. */
  async function finishedCase(s: TestServer, code: string, content = '%PDF doc'): Promise<string> {
    const cit = await s.as('cit-1');
    const filed = await cit.post('/api/cases', {
      procedure: code,
      unit: 'commune-a1',
      data: { applicant: { nationalId: '001090000001' }, child: { name: 'Bé Na', ageDays: 10 } },
      uploads: { 'birth-certificate': await uploadPdf(cit, content) },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;
    await approveAndSign(s, id, filed.body.version as number);
    return id;
  }

  async function documentsOf(database: Database, caseId: string): Promise<{ id: string; outbox_id: number }[]> {
    return database.knex('documents').where({ case_id: caseId }).select('id', 'outbox_id');
  }

  async function walletOf(c: Client): Promise<{ id: string; status: string; document: { case: string } }[]> {
    const r = await c.get('/api/my/documents');
    expect(r.status).toBe(200);
    return r.body.items as { id: string; status: string; document: { case: string } }[];
  }

  it('issues one signed document per effect: draining twice and after a restart issues nothing more', async () => {
    const database = await db().open();
    const s = await start(database);
    const caseId = await finishedCase(s, 'T.000010');
    await s.server.drainOutbox();
    await s.server.drainOutbox();
    const docs = await documentsOf(database, caseId);
    expect(docs).toHaveLength(1);
    await s.close();
    // A new process on the same database finds the effect done.
    const again = await start(database);
    expect((await again.server.drainOutbox()).issued).toBe(0);
    expect(await documentsOf(database, caseId)).toHaveLength(1);
    expect(await count(database, 'outbox', (q) => q.whereNull('done_at'))).toBe(0);

    const cit = await again.as('cit-1');
    const view = (await cit.get(`/api/cases/${caseId}`)).body;
    const issued = (view.timeline as { type: string; detail?: { document?: string } }[]).filter((e) => e.type === 'result-issued');
    expect(issued).toHaveLength(1);
    expect(issued[0]?.detail?.document).toBe(docs[0]?.id);

    const doc = (await cit.get(`/api/documents/${docs[0]!.id}`)).body;
    expect(doc).toMatchObject({ id: docs[0]!.id, status: 'valid', inWallet: true });
    expect(doc.document).toMatchObject({
      id: docs[0]!.id,
      document: 'birth-certificate',
      procedure: { code: 'T.000010', version: '1.0.0' },
      case: caseId,
      outcome: 'approved',
      holder: { id: 'cit-1', nationalId: '001090000001' },
      issuer: { unit: 'commune-a1', level: 'commune' },
      data: { child: { name: 'Bé Na', ageDays: 10 } },
    });
    expect(Date.parse(doc.document.validUntil as string) - Date.parse(doc.document.issuedAt as string)).toBe(30 * DAY);
    expect(await count(database, 'audit_log', (q) => q.where({ action: 'document.issued', subject: caseId }))).toBe(1);
  });

  it('signs with the key published in the JWKS; verification answers valid with the payload', async () => {
    const s = await start();
    const caseId = await finishedCase(s, 'T.000010');
    await s.server.drainOutbox();
    const cit = await s.as('cit-1');
    const [doc] = await walletOf(cit);
    const full = (await cit.get(`/api/documents/${doc!.id}`)).body;
    const jwks = (await (await s.as()).get('/api/auth/jwks')).body.keys as JWK[];
    const { protectedHeader } = await compactVerify(full.jws as string, async (header) => importJWK(jwks.find((k) => k.kid === header.kid)!, 'EdDSA'));
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: DOCUMENT_JWS_TYPE, kid: jwks[0]!.kid });

    const anyone = await s.as();
    const verified = await anyone.post('/api/documents/verify', { jws: full.jws });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ valid: true, status: 'valid', kid: jwks[0]!.kid, document: { id: doc!.id, case: caseId } });
    // A document is no bearer token, though the same key signs both.
    expect((await anyone.raw('/api/auth/me', { headers: { Authorization: `Bearer ${full.jws as string}` } })).status).toBe(401);
  });

  it('refuses a tampered, re-signed, foreign, malformed or expired JWS with its code', async () => {
    const s = await start();
    await finishedCase(s, 'T.000010');
    await s.server.drainOutbox();
    const cit = await s.as('cit-1');
    const [doc] = await walletOf(cit);
    const jws = (await cit.get(`/api/documents/${doc!.id}`)).body.jws as string;
    const [header = '', payload = '', signature = ''] = jws.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const anyone = await s.as();
    const verify = async (candidate: string) => (await anyone.post('/api/documents/verify', { jws: candidate })).body.error?.code as string | undefined;

    claims.data.child.name = 'Bé Khác';
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const refused = await anyone.post('/api/documents/verify', { jws: tampered });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'E_DOCUMENT_TAMPERED', path: 'jws' });
    expect(refused.body.error.message).toContain('data.child.name');

    // A payload naming an issued number under a made-up signature is just a bad signature:
    // verification is no oracle on what the stored document holds.
    const guessed = `${header}.${Buffer.from(JSON.stringify({ id: doc!.id, document: 'birth-certificate' })).toString('base64url')}.${signature.slice(0, -4)}AAAA`;
    expect(await verify(guessed)).toBe('E_JWS_BAD_SIGNATURE');
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(await verify(`${header}.${payload}.${flipped}`)).toBe('E_JWS_BAD_SIGNATURE');
    expect(await verify('not-a-jws')).toBe('E_JWS_MALFORMED');
    expect(await verify(`${header}.${payload}`)).toBe('E_JWS_MALFORMED');
    expect(await verify(await s.server.services.auth.issue('cit-1'))).toBe('E_JWS_NOT_A_DOCUMENT');
    const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new CompactSign(Buffer.from(payload, 'base64url')).setProtectedHeader({ alg: 'EdDSA', kid: 'someone-else', typ: DOCUMENT_JWS_TYPE }).sign(stranger.privateKey);
    expect(await verify(forged)).toBe('E_JWS_UNKNOWN_KEY');
    expect((await anyone.post('/api/documents/verify', {})).status).toBe(400);

    expect(await verify(jws)).toBeUndefined();
    s.clock.now += 31 * DAY;
    expect(await verify(jws)).toBe('E_DOCUMENT_EXPIRED');
    expect((await cit.get(`/api/documents/${doc!.id}`)).body.status).toBe('expired');
    // Expired: the next pass takes it out of the wallet source, so it replaces nothing any more.
    const sourced = () => s.server.services.db.knex('source_records').where({ source: 'wallet' }).count({ n: '*' }).first();
    expect(Number((await sourced())?.n)).toBe(2);
    await s.server.drainOutbox();
    expect(Number((await sourced())?.n)).toBe(0);
  });

  it('shows a document to its holder and officers of the issuing unit only (404 otherwise)', async () => {
    const s = await start();
    const commune = await finishedCase(s, 'T.000010', '%PDF a');
    const province = await finishedCase(s, 'T.000011', '%PDF b');
    await s.server.drainOutbox();
    const [c] = await documentsOf(s.server.services.db, commune);
    const [p] = await documentsOf(s.server.services.db, province);
    const status = async (user: string, id: string) => (await (await s.as(user)).get(`/api/documents/${id}`)).status;
    expect(await status('cit-1', c!.id)).toBe(200);
    expect(await status('cso-a1', c!.id)).toBe(200);
    expect(await status('cit-2', c!.id)).toBe(404);
    expect(await status('cso-a2', c!.id)).toBe(404);
    expect(await status('cso-prov', c!.id)).toBe(404);
    expect(await status('admin', c!.id)).toBe(404);
    expect(await status('cit-2', 'KQ-2099-99999999')).toBe(404);
    expect((await (await s.as()).get(`/api/documents/${c!.id}`)).status).toBe(401);
    // Issued by the province: its officers see it, the commune's do not.
    expect(await status('cso-prov', p!.id)).toBe(200);
    expect(await status('cso-a1', p!.id)).toBe(404);

    // store: none is issued, readable by its holder, but not in the wallet nor the wallet source.
    const wallet = await walletOf(await s.as('cit-1'));
    expect(wallet.map((d) => d.id)).toEqual([c!.id]);
    expect((await (await s.as('cit-1')).get(`/api/documents/${p!.id}`)).body).toMatchObject({ inWallet: false, document: { issuer: { unit: 'prov-a' } } });
    expect(await walletOf(await s.as('cit-2'))).toEqual([]);
    const sourced = await s.server.services.db.knex('source_records').where({ source: 'wallet' }).select('key');
    expect(sourced.map((r: { key: string }) => r.key).sort()).toEqual([c!.id, '001090000001/birth-certificate'].sort());
  });

  it('lists the wallet newest first, paginated', async () => {
    const s = await start();
    const first = await finishedCase(s, 'T.000010', '%PDF 1');
    s.clock.now += 1000;
    await s.server.drainOutbox();
    s.clock.now += 1000;
    const second = await finishedCase(s, 'T.000010', '%PDF 2');
    await s.server.drainOutbox();
    const cit = await s.as('cit-1');
    expect((await walletOf(cit)).map((d) => d.document.case)).toEqual([second, first]);
    expect((await cit.get('/api/my/documents?limit=1&offset=1')).body.items.map((d: { document: { case: string } }) => d.document.case)).toEqual([first]);
    expect((await cit.get('/api/my/documents?limit=0')).status).toBe(400);
  });

  it('replaces a later procedure\'s component by the wallet document, by number and by holder + type; not once revoked', async () => {
    const s = await start();
    await finishedCase(s, 'T.000010');
    await s.server.drainOutbox();
    const cit = await s.as('cit-1');
    const [doc] = await walletOf(cit);
    const filed = await cit.post('/api/cases', { procedure: 'T.000012', unit: 'commune-a1', data: { applicant: { nationalId: '001090000001' }, birthCertificateNo: doc!.id }, uploads: {} });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.components['birth-certificate']).toMatchObject({ status: 'replaced', provenance: { source: 'wallet', key: doc!.id }, record: { resultId: doc!.id, document: 'birth-certificate', holderId: '001090000001', procedure: 'T.000010' } });
    expect(filed.body.components['latest-birth-certificate']).toMatchObject({ status: 'replaced', provenance: { source: 'wallet', key: '001090000001/birth-certificate' }, record: { data: { child: { name: 'Bé Na' } } } });

    // An unknown number replaces nothing: the component is missing.
    const unknown = await cit.post('/api/cases', { procedure: 'T.000012', unit: 'commune-a1', data: { applicant: { nationalId: '001090000001' }, birthCertificateNo: 'KQ-2099-00000001' }, uploads: {} });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body.error)).toContain('birth-certificate');

    // Revoked: verification refuses it and the wallet no longer serves it.
    const jws = (await cit.get(`/api/documents/${doc!.id}`)).body.jws as string;
    expect((await cit.post(`/api/documents/${doc!.id}/revoke`, { reason: 'nhầm' })).status).toBe(403);
    expect((await (await s.as('cso-a2')).post(`/api/documents/${doc!.id}/revoke`, { reason: 'nhầm' })).status).toBe(404);
    const revoked = await (await s.as('cso-a1')).post(`/api/documents/${doc!.id}/revoke`, { reason: 'Cấp nhầm' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect((await (await s.as()).post('/api/documents/verify', { jws })).body.error.code).toBe('E_DOCUMENT_REVOKED');
    const after = await cit.post('/api/cases', { procedure: 'T.000012', unit: 'commune-a1', data: { applicant: { nationalId: '001090000001' }, birthCertificateNo: doc!.id }, uploads: {} });
    expect(after.status).toBe(422);
  });

  it('parks a row whose case is gone and marks unknown effects done with a log line, without blocking the others', async () => {
    const database = await db().open();
    const s = await start(database);
    const caseId = await finishedCase(s, 'T.000010');
    await s.close();
    await undoIssuance(database);
    const now = Date.now();
    const [orphan] = await database.knex('outbox').insert({ case_id: 'no-such-case', type: 'issue-result', payload: JSON.stringify({ type: 'issue-result', outcome: 'approved', document: 'x' }), created_at: now }).returning<{ id: number }[]>('id');
    await database.knex('outbox').insert({ case_id: caseId, type: 'send-sms', payload: JSON.stringify({ type: 'send-sms' }), created_at: now });
    const key = await loadOrCreateSigningKey(database);
    const lines: string[] = [];
    const first = await drainOutbox({ db: database, key, log: (l) => lines.push(l), maxAttempts: 2 });
    expect(first).toEqual({ issued: 1, skipped: 1, failed: 1, expired: 0 });
    expect(lines.some((l) => l.includes("unknown effect type 'send-sms'"))).toBe(true);
    expect(lines.some((l) => l.includes('no-such-case'))).toBe(true);
    const row = await database.knex('outbox').where({ id: orphan!.id }).first();
    expect(row).toMatchObject({ attempts: 1, done_at: null });
    expect(row.last_error).toContain('does not exist');
    expect(await drainOutbox({ db: database, key, maxAttempts: 2 })).toEqual({ issued: 0, skipped: 0, failed: 1, expired: 0 });
    // Parked after maxAttempts: never claimed again.
    expect(await drainOutbox({ db: database, key, maxAttempts: 2 })).toEqual({ issued: 0, skipped: 0, failed: 0, expired: 0 });
    expect(await documentsOf(database, caseId)).toHaveLength(1);
  });

  // better-sqlite3 is synchronous: two connections in ONE node process cannot wait for each
  // other's lock, so the two-process case runs on PostgreSQL (the deployment it is about).
  it.skipIf(db().name === 'sqlite')('two consumers draining together issue every document exactly once', async () => {
    const database = await db().open();
    const s = await start(database);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await finishedCase(s, 'T.000010', `%PDF p${i}`));
    await s.close();
    // The closed server's own consumer may have issued some already: start again from none.
    await undoIssuance(database);
    const other = db().again(database);
    const key = await loadOrCreateSigningKey(database);
    const [a, b] = await Promise.all([drainOutbox({ db: database, key }), drainOutbox({ db: other, key })]);
    expect(a.issued + b.issued).toBe(ids.length);
    for (const id of ids) expect(await documentsOf(database, id)).toHaveLength(1);
    expect(await count(database, 'case_events', (q) => q.where({ type: 'result-issued' }))).toBe(ids.length);
  });
});
