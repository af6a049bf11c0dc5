/**
 * Limits on every input (issue 15, findings 2, 3, 6 and 7): deeply nested bodies, huge
 * numbers, coerced amounts and hostile uploads each get a 4xx with a code, never a 500, and
 * leave nothing behind that nobody can act on.
 */
import type { Procedure } from 'motcua/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { PROCEDURE } from './fixtures';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

/** A test procedure whose applicant pays 8,000 VND before an officer verifies. */
const PAYING: Procedure = {
  ...PROCEDURE,
  code: 'T.000003',
  name: { vi: 'Thủ tục có lệ phí', en: 'A procedure with a fee' },
  fees: [{ id: 'fee', amount: 8000 }],
  payment: 'before-processing',
  steps: [{ id: 'pay', kind: 'payment', to: 'verify' }, ...PROCEDURE.steps],
};

/** The parts of a case view these tests read. */
interface Kase {
  id: string;
  version: number;
  due: string;
  steps: string[];
}

/** `{"a":{"a":...}}` nested `depth` levels around `leaf`, built as text (JSON.stringify would overflow). */
function nested(depth: number, leaf = '1'): string {
  return '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
}

forEachDatabase('input limits', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(await db().open(), db().dataDir, { procedures: [PAYING] });
  });
  afterAll(() => t?.close());

  const myCases = async (who: string): Promise<number> => ((await (await t.as(who)).get('/api/my/cases?limit=200')).body.items as unknown[]).length;

  describe('deep bodies (finding 2)', () => {
    it('a filing with a field nested 3,000 levels deep is refused, and no case is created', async () => {
      const cit = await t.as('cit-1');
      const hash = await uploadPdf(cit, '%PDF deep 1');
      const before = await myCases('cit-1');
      const base = JSON.stringify(filing(hash));
      for (const depth of [3_000, 10_000]) {
        const body = base.replace('"child":', `"extra":${nested(depth)},"child":`);
        const r = await cit.post('/api/cases', body);
        expect(r.status, `${depth}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.body.error.code).toBe('E_TOO_DEEP');
      }
      expect(await myCases('cit-1')).toBe(before);
    });

    it('a 10,000-level body with an Idempotency-Key is refused with a code', async () => {
      const cit = await t.as('cit-1');
      for (const path of ['/api/cases', '/api/documents/verify', '/api/auth/dev-login']) {
        const r = await cit.post(path, nested(10_000), { 'Idempotency-Key': `deep-${path}` });
        expect(r.status, path).toBe(400);
        expect(r.body.error.code).toBe('E_TOO_DEEP');
      }
    });

    it('a NUL character anywhere in a body or URL is refused with a code (PostgreSQL text cannot hold it), an escaped backslash before u0000 is not', async () => {
      const anon = await t.as(undefined);
      for (const body of ['{"user":"a\\u0000b"}', '{"user":"\\\\\\u0000"}', '[{"x":["\\u0000"]}]']) {
        const r = await anon.post('/api/auth/dev-login', body);
        expect(r.status, body).toBe(400);
        expect(r.body.error.code, body).toBe('E_NUL_CHARACTER');
      }
      const literal = await anon.post('/api/auth/dev-login', '{"user":"\\\\u0000"}');
      expect(literal.body.error?.code).not.toBe('E_NUL_CHARACTER');
      expect(literal.status).toBeLessThan(500);
      for (const url of ['/api/documents/a%00b', '/api/units?q=a%00b', '/api/units?level=%00']) {
        const r = await anon.get(url);
        expect(r.status, url).toBe(400);
        expect(r.body.error.code, url).toBe('E_NUL_CHARACTER');
      }
    });

    it('a field the e-form does not declare is refused, at any level', async () => {
      const cit = await t.as('cit-1');
      const hash = await uploadPdf(cit, '%PDF deep 2');
      for (const data of [
        { applicant: { nationalId: '001090000001' }, child: { name: 'Bé Na', ageDays: 10 }, extra: 1 },
        { applicant: { nationalId: '001090000001', nickname: 'x' }, child: { name: 'Bé Na', ageDays: 10 } },
        { applicant: { nationalId: '001090000001' }, child: { name: 'Bé Na', ageDays: 10, more: { a: { a: 1 } } } },
      ]) {
        const r = await cit.post('/api/cases', filing(hash, { data }));
        expect(r.status, JSON.stringify(r.body)).toBe(422);
        expect((r.body.error.details as { code: string }[]).map((d) => d.code)).toContain('E_SCHEMA_UNEVALUATEDPROPERTIES');
      }
    });
  });

  describe('numbers bounded by the procedure (finding 3)', () => {
    it('an extension past the procedure\'s max is refused at once; one within it moves the due', async () => {
      const cit = await t.as('cit-1');
      const filed = (await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF extend')))).body as Kase;
      const officer = await t.as('cso-a1');
      const act = (form: unknown, version: number) => officer.post(`/api/cases/${filed.id}/actions`, { step: 'verify', action: 'extend', form, version });
      for (const value of [100_000_000, 1_000_000, 1e300, 4]) {
        const r = await act({ value }, filed.version);
        expect(r.status, `${value}: ${JSON.stringify(r.body)}`).toBe(422);
        expect(r.body.error.code).toBe('E_EXTENSION_MAX');
      }
      for (const value of ['2', 2.5, -1, 0, null, [2]]) {
        const r = await act({ value }, filed.version);
        expect(r.status, `${JSON.stringify(value)}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
      }
      const ok = await act({ value: 2, reason: 'xác minh' }, filed.version);
      const extended = ok.body as Kase;
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(Date.parse(extended.due)).toBeGreaterThan(Date.parse(filed.due));
      // The deadline is 3 calendar days: 2 granted, 2 more would pass the max of 3.
      const again = await act({ value: 2 }, extended.version);
      expect(again.status).toBe(422);
      expect(again.body.error.code).toBe('E_EXTENSION_MAX');
    });
  });

  describe('the pay amount is strict (finding 7)', () => {
    it('refuses an amount that is not a JSON number, and any amount declared instead of paid at the gateway', async () => {
      const cit = await t.as('cit-1');
      const filed = (await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF pay'), { procedure: 'T.000003' }))).body as Kase;
      expect(filed.steps, JSON.stringify(filed)).toEqual(['pay']);
      for (const amount of [[8000], '0x1F40', ' 8000 ', '8000', true, { v: 8000 }, 8000.5]) {
        const r = await cit.post(`/api/cases/${filed.id}/actions`, { step: 'pay', action: 'pay', form: { amount }, version: filed.version });
        expect(r.status, `${JSON.stringify(amount)}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
      }
      // Even the exact amount cannot be declared by the citizen: money moves through the gateway
      // (the engine's own refusal of non-numbers, E_INVALID_AMOUNT, is checked in engine/src/runtime).
      const declared = await cit.post(`/api/cases/${filed.id}/actions`, { step: 'pay', action: 'pay', form: { amount: 8000 }, version: filed.version });
      expect(declared.status, JSON.stringify(declared.body)).toBe(422);
      expect(declared.body.error.code).toBe('E_PAY_ONLINE');
    });
  });

  describe('uploads (finding 6)', () => {
    it('officers read an upload only when a case of their units attaches it', async () => {
      const cit = await t.as('cit-1');
      const hash = await uploadPdf(cit, '%PDF attached at a1');
      const loose = await uploadPdf(cit, '%PDF attached nowhere');
      expect((await (await t.as('cso-a1')).get(`/api/uploads/${hash}`)).status).toBe(404);
      expect((await cit.post('/api/cases', filing(hash))).status).toBe(201);
      expect((await (await t.as('cso-a1')).get(`/api/uploads/${hash}`)).status).toBe(200);
      expect((await (await t.as('cso-a2')).get(`/api/uploads/${hash}`)).status).toBe(404);
      expect((await (await t.as('cso-a1')).get(`/api/uploads/${loose}`)).status).toBe(404);
      expect((await cit.get(`/api/uploads/${loose}`)).status).toBe(200);
    });

    it("the second uploader of the same bytes never sees the first uploader's file name or type", async () => {
      const bytes = '%PDF-1.4 a certificate both spouses hold';
      const up = (who: string, name: string) =>
        t.as(who).then((c) => c.raw('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'application/pdf', 'X-File-Name': encodeURIComponent(name) }, body: bytes }));
      const one = await up('cit-1', 'Nguyễn Văn An 001090000001.pdf');
      const two = await up('cit-2', 'giay-ket-hon.pdf');
      expect(one.body.name).toBe('Nguyễn Văn An 001090000001.pdf');
      expect(two.body.hash).toBe(one.body.hash);
      expect(two.body.name).toBe('giay-ket-hon.pdf');
      const filed = await (await t.as('cit-2')).post('/api/cases', filing(two.body.hash as string, {}, 'cit-2'));
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      expect(JSON.stringify(filed.body)).not.toContain('001090000001.pdf');
    });

    it('the type is sniffed from the bytes, not taken from the header', async () => {
      const cit = await t.as('cit-1');
      const r = await cit.raw('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: 'just some text, not a picture' });
      expect(r.status).toBe(415);
      expect(r.body.error.code).toBe('E_UPLOAD_TYPE');
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6e1a30000000049454e44ae426082', 'hex');
      const ok = await cit.raw('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: png });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body.type).toBe('image/png');
      const pdfAsPng = await cit.raw('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: '%PDF-1.4 not a png' });
      expect(pdfAsPng.status).toBe(415);
    });

    it('any file name works: percent signs, bad escapes, control characters, very long names', async () => {
      const cit = await t.as('cit-1');
      for (const [i, name] of ['100%.pdf', '%E0%A4%A.pdf', '%', 'a\tb.pdf', 'x'.repeat(5000)].entries()) {
        const r = await cit.raw('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'application/pdf', 'X-File-Name': name }, body: `%PDF name ${i}` });
        expect(r.status, `${name.slice(0, 20)}: ${JSON.stringify(r.body)}`).toBe(201);
        expect(typeof r.body.name).toBe('string');
        expect(r.body.name.length).toBeLessThanOrEqual(255);
      }
    });
  });
});
