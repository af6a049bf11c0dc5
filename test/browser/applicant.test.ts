/**
 * The applicant's own actions on their case, in Debian's Chromium against the real server (demo
 * mode, temp SQLite): a citizen files (over the API) a copy of a civil status extract (2.000635: pay before
 * processing, 8,000 VND a copy), pays online from the case page through the built-in gateway
 * simulator and sees the case move on to the officer's step with a receipt, reads what the
 * officer's supplement request names (the component and the note) and uploads exactly that,
 * then withdraws it (at a task step that itself declares `withdraw`).
 */
import { describe, expect, it } from 'vitest';
import { browserPrerequisites, browserSuite, openPage } from './harness';

const missing = browserPrerequisites();

describe.skipIf(missing !== undefined)('applicant actions in the browser', () => {
  const suite = browserSuite();

  it('citizen: pays the fee online through the simulator, gets a receipt, answers a supplement request naming what is missing, then withdraws', async () => {
    const page = await openPage(suite.browser, suite.server.url, { user: 'citizen-1' });
    // Filing from the portal is designer.test.ts's concern: here the case is filed over the API.
    const filed = await page.evaluate(async () => {
      const headers = { authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}`, 'content-type': 'application/json' };
      const me = (await (await fetch('/api/auth/me', { headers })).json()) as { nationalId: string };
      const data = { applicant: { nationalId: me.nationalId }, event: 'birth', subjectId: '001099000123', copies: 1 };
      const res = await fetch('/api/cases', { method: 'POST', headers, body: JSON.stringify({ procedure: '2.000635', unit: 'ha-noi-hoan-kiem', data, uploads: {} }) });
      return { status: res.status, body: (await res.json()) as { id?: string; steps?: string[] } };
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.steps).toEqual(['pay']);
    const id = filed.body.id ?? '';
    await page.goto(`${suite.server.url}/#/cases/${encodeURIComponent(id)}`);

    const mine = page.getByRole('region', { name: 'Việc của người nộp hồ sơ' });
    await expect.poll(() => mine.getByTestId('amount-due').innerText()).toMatch(/8\.000/);
    await mine.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    // The gateway simulator's page, then back to the case once its IPN has settled the payment.
    await page.getByRole('heading', { name: 'Thanh toán trực tuyến' }).waitFor();
    expect(await page.getByTestId('sim-amount').innerText()).toMatch(/8\.000/);
    await page.screenshot({ path: '/tmp/motcua-browser-payment-simulator.png', fullPage: true });
    await page.getByRole('button', { name: 'Thanh toán (Pay)' }).click();
    // Paid: the payment step is gone, the officer's step is current, the timeline has the payment, the receipt is shown.
    await page.locator('.facts').getByText('Tra cứu sổ hộ tịch và in trích lục').waitFor();
    expect(await mine.getByRole('button', { name: 'Thanh toán trực tuyến' }).count()).toBe(0);
    expect(await page.locator('.timeline').innerText()).toContain('Đã nộp phí');
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    expect(await receipt.innerText()).toMatch(/BL-\d{4}-\d{8}/);
    expect(await receipt.getByTestId('receipt-amount').innerText()).toMatch(/8\.000/);
    await page.screenshot({ path: '/tmp/motcua-browser-receipt.png', fullPage: true });

    // The officer asks for a supplement (over the API); the citizen uploads and sends it.
    const officer = (await (await fetch(`${suite.server.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'officer-1' }) })).json()) as { token: string };
    const current = (await (await fetch(`${suite.server.url}/api/cases/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${officer.token}` } })).json()) as { version: number };
    const asked = await fetch(`${suite.server.url}/api/cases/${encodeURIComponent(id)}/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ step: 'verify', action: 'request-supplement', form: { components: ['authorisation'], note: 'Văn bản ủy quyền chưa có chữ ký, đề nghị nộp lại.' }, version: current.version }),
    });
    expect(asked.status, await asked.clone().text()).toBe(200);
    await page.reload();
    const form = mine.getByRole('form', { name: 'Bổ sung hồ sơ' });
    // Exactly what the officer asked for: the note and that one component.
    expect(await form.getByTestId('supplement-note').innerText()).toContain('Văn bản ủy quyền chưa có chữ ký, đề nghị nộp lại.');
    expect(await form.getByRole('list', { name: 'Thành phần cần bổ sung' }).locator('li').count()).toBe(1);
    expect(await page.locator('.timeline').innerText()).toContain('Thành phần cần bổ sung: Văn bản ủy quyền');
    await page.screenshot({ path: '/tmp/motcua-browser-supplement-request.png', fullPage: true });
    await form.locator('#supplement-authorisation').setInputFiles({ name: 'uy-quyen.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 test') });
    await form.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await page.locator('.timeline').getByText('Tiếp tục xử lý').waitFor();
    expect(await mine.getByRole('form', { name: 'Bổ sung hồ sơ' }).count()).toBe(0);
    expect(await page.locator('li').filter({ hasText: /^Văn bản ủy quyền/ }).innerText()).toContain('đã nộp');

    await mine.getByRole('button', { name: 'Rút hồ sơ' }).click();
    await mine.locator('#withdraw-reason').fill('Không cần nữa');
    await mine.getByRole('button', { name: 'Xác nhận rút hồ sơ' }).click();
    await page.getByRole('status').filter({ hasText: 'Kết quả' }).getByText('Rút hồ sơ').waitFor();
    expect(await page.getByRole('region', { name: 'Việc của người nộp hồ sơ' }).count()).toBe(0);
    expect(await page.locator('.timeline').innerText()).toContain('Rút hồ sơ');
    await page.screenshot({ path: '/tmp/motcua-browser-applicant-withdrawn.png', fullPage: true });
    await page.close();
  }, 120_000);
});
