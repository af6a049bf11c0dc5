/**
 * Result documents as PDF and their public verification page: the PDF's extracted text holds
 * the Vietnamese names exactly (the embedded font's Unicode map, not look-alike glyphs) and
 * the verification link; the public check (no sign-in) answers valid, revoked after an
 * officer revokes it, and invalid for an altered check code or number, saying nothing more.
 */
import { afterAll, expect, it } from 'vitest';
import type { Procedure } from 'motcua/engine';
import { pdfText } from '../../test/support/pdf-text';
import { forEachDatabase } from './databases';
import { PROCEDURE } from './fixtures';
import { approveAndSign, startTestServer, uploadPdf, type TestServer } from './harness';

const ISSUING: Procedure = {
  ...PROCEDURE,
  code: 'T.000020',
  data: {
    schema: {
      ...PROCEDURE.data!.schema,
      properties: {
        ...(PROCEDURE.data!.schema as { properties: Record<string, unknown> }).properties,
        child: { type: 'object', required: ['name', 'ageDays'], properties: { name: { type: 'string', title: 'Họ và tên trẻ' }, ageDays: { type: 'integer', title: 'Số ngày tuổi' } } },
      },
    },
  },
  outcomes: {
    approved: { status: 'done', name: { vi: 'Cấp Giấy khai sinh' }, result: { document: 'birth-certificate', issuer: 'commune', store: 'wallet' } },
    rejected: { status: 'rejected' },
    withdrawn: { status: 'withdrawn' },
  },
};

const CHILD = 'Nguyễn Thị Ánh Tuyết';

forEachDatabase('result documents as PDF with a public verification page', (db) => {
  const running: TestServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
  });

  /** A server with one issued document of cit-1: its number and the server. */
  async function issued(): Promise<{ s: TestServer; id: string }> {
    const s = await startTestServer(await db().open(), db().dataDir, { procedures: [ISSUING] });
    running.push(s);
    const cit = await s.as('cit-1');
    const filed = await cit.post('/api/cases', {
      procedure: 'T.000020',
      unit: 'commune-a1',
      data: { applicant: { nationalId: '001090000001' }, child: { name: CHILD, ageDays: 10 } },
      uploads: { 'birth-certificate': await uploadPdf(cit) },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    await approveAndSign(s, filed.body.id as string, filed.body.version as number);
    await s.server.drainOutbox();
    const wallet = await cit.get('/api/my/documents');
    return { s, id: wallet.body.items[0].id as string };
  }

  async function pdfOf(s: TestServer, user: string | undefined, id: string): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
    const res = await fetch(`${s.url}/api/documents/${id}/pdf`, { headers: user ? { Authorization: `Bearer ${await s.server.services.auth.issue(user)}` } : {} });
    return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  /** The verification link printed under the QR code: `/#/verify/<number>/<code>`. */
  function linkIn(text: string): { id: string; code: string } {
    const m = /\/#\/verify\/([^/\s]+)\/([A-Za-z0-9_-]{22})/.exec(text);
    expect(m, text).not.toBeNull();
    return { id: decodeURIComponent(m![1]!), code: m![2]! };
  }

  it('renders the PDF with the Vietnamese names exact and the verification link; only for the holder and the issuing unit', async () => {
    const { s, id } = await issued();
    const pdf = await pdfOf(s, 'cit-1', id);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.bytes);
    for (const expected of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'GIẤY KHAI SINH', `Họ và tên trẻ: ${CHILD}`, 'Người được cấp: Công dân 1', 'Cơ quan cấp: Xã A1', 'Đăng ký khai sinh thử nghiệm', `Số: ${id}`]) {
      expect(text).toContain(expected);
    }
    expect(linkIn(text).id).toBe(id);
    expect((await pdfOf(s, 'chair-a1', id)).status).toBe(200);
    expect((await pdfOf(s, 'cit-2', id)).status).toBe(404);
    expect((await pdfOf(s, 'cso-a2', id)).status).toBe(404);
    expect((await pdfOf(s, undefined, id)).status).toBe(401);
  });

  it('the public check says valid with the issuer and date, revoked once an officer revokes it, invalid when altered', async () => {
    const { s, id } = await issued();
    const { code } = linkIn(await pdfText((await pdfOf(s, 'cit-1', id)).bytes));
    const anyone = await s.as();
    const valid = await anyone.get(`/api/documents/${encodeURIComponent(id)}/check?code=${code}`);
    expect(valid.status).toBe(200);
    expect(valid.body).toMatchObject({ result: 'valid', id, title: 'Giấy khai sinh', holder: { name: 'Công dân 1' }, issuer: { unit: 'commune-a1', name: 'Xã A1' } });
    expect(Date.parse(valid.body.issuedAt as string)).toBeGreaterThan(0);
    expect(valid.body.holder.nationalId).toBeUndefined();

    // An altered code or number (a forged printout) is invalid, and says nothing else.
    const flipped = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;
    for (const [num, c] of [[id, flipped], [id, code.slice(0, -1)], [id.replace(/.$/, (x) => (x === 'A' ? 'B' : 'A')), code], ['KQ-2026-99999999-ZZZZZZ', code]] as const) {
      const r = await anyone.get(`/api/documents/${encodeURIComponent(num)}/check?code=${c}`);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ result: 'invalid' });
    }
    expect((await anyone.get(`/api/documents/${encodeURIComponent(id)}/check`)).body.error.code).toBe('E_BAD_QUERY');
    expect((await anyone.get(`/api/documents/${encodeURIComponent(id)}/check?code=a%20b`)).status).toBe(400);

    const revoked = await (await s.as('cso-a1')).post(`/api/documents/${id}/revoke`, { reason: 'Cấp nhầm người' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedReason: 'Cấp nhầm người' });
    const after = await anyone.get(`/api/documents/${encodeURIComponent(id)}/check?code=${code}`);
    expect(after.body).toMatchObject({ result: 'revoked', id, issuer: { name: 'Xã A1' } });
    expect(Date.parse(after.body.revokedAt as string)).toBeGreaterThan(0);
    expect(after.body.revokedReason).toBeUndefined();
    expect(await pdfText((await pdfOf(s, 'cit-1', id)).bytes)).toContain('ĐÃ BỊ THU HỒI');
  });
});
