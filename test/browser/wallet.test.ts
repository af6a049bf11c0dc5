/**
 * The citizen's data wallet in Debian's Chromium against the real server (demo mode, temp
 * SQLite): a citizen files a marital status confirmation (1.004873), pays in the gateway
 * simulator, officers approve and sign, the outbox is drained, and the signed result appears:
 * linked from the case page, listed in "Giấy tờ của tôi" with its signature verified by the
 * server, shown in full, opened as a PDF (its text holds the holder's Vietnamese name and the
 * verification link); the public verification page says valid, invalid for a tampered link,
 * and revoked once an officer revokes it from the web app with a reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { browserPrerequisites, browserSuite, openPage, resultPdf } from './harness';

const missing = browserPrerequisites();

describe.skipIf(missing !== undefined)('the data wallet in the browser', () => {
  const suite = browserSuite({ outboxIntervalMs: 3_600_000 });
  let url: string;

  beforeAll(() => {
    // The consumer's own interval is an hour: the document appears because the test drains the outbox.
    url = suite.server.url;
  });

  async function officer(id: string, step: string, action: string): Promise<void> {
    const { token } = (await (await fetch(`${url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'officer-1' }) })).json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const current = (await (await fetch(`${url}/api/cases/${encodeURIComponent(id)}`, { headers })).json()) as { version: number };
    const res = await fetch(`${url}/api/cases/${encodeURIComponent(id)}/actions`, { method: 'POST', headers, body: JSON.stringify({ step, action, form: {}, version: current.version }) });
    expect(res.status, await res.clone().text()).toBe(200);
  }

  it('citizen: the issued result is linked from the case, listed in the wallet with a valid signature, and shown in full', async () => {
    const page = await openPage(suite.browser, url, { user: 'citizen-1' });
    await page.getByRole('link', { name: /Giấy tờ của tôi/ }).click();
    await page.getByText('Chưa có giấy tờ nào').waitFor();

    // Filing from the portal is designer.test.ts's concern: here the case is filed and paid over the API.
    const filed = await page.evaluate(async () => {
      const headers = { authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}`, 'content-type': 'application/json' };
      const me = (await (await fetch('/api/auth/me', { headers })).json()) as { nationalId: string };
      const data = { applicant: { nationalId: me.nationalId }, purpose: 'other' };
      const res = await fetch('/api/cases', { method: 'POST', headers, body: JSON.stringify({ procedure: '1.004873', unit: 'ha-noi-hoan-kiem', data, uploads: {} }) });
      return { status: res.status, body: (await res.json()) as { id?: string; version?: number; steps?: string[] } };
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.steps).toEqual(['pay']);
    const id = filed.body.id ?? '';
    // Paid in the gateway simulator from the case page.
    await page.goto(`${url}/#/cases/${encodeURIComponent(id)}`);
    await page.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    await page.getByRole('button', { name: 'Thanh toán (Pay)' }).click();
    await page.getByTestId('receipt').waitFor();
    await officer(id, 'verify', 'approve');
    await officer(id, 'sign', 'sign');
    const drained = await suite.server.server.drainOutbox();
    expect(drained.issued).toBe(1);

    // The page is still on the case (paid above): reload to see the result.
    await page.goto(`${url}/#/cases/${encodeURIComponent(id)}`);
    await page.reload();
    const link = page.getByRole('link', { name: /Xem giấy tờ KQ-/ });
    await link.waitFor();
    expect(await page.locator('.timeline').innerText()).toContain('Cấp kết quả điện tử');
    const number = ((await link.innerText()).match(/KQ-\d{4}-\d+-[A-Z0-9]+/) ?? [''])[0];
    expect(number).not.toBe('');

    await page.getByRole('link', { name: /Giấy tờ của tôi/ }).first().click();
    const row = page.getByRole('table', { name: 'Giấy tờ của tôi' }).locator('tr').filter({ hasText: number });
    await row.getByTestId('verified').waitFor();
    expect(await row.innerText()).toContain('Giấy xác nhận tình trạng hôn nhân');

    await row.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: /Giấy xác nhận tình trạng hôn nhân/ }).waitFor();
    await page.getByTestId('verified').waitFor();
    const jws = await page.getByLabel('JWS').inputValue();
    expect(jws.split('.')).toHaveLength(3);

    // The PDF opens in a new tab; its text holds the holder's name exactly and the verification link.
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Tải bản PDF' }).click()]);
    await tab.waitForLoadState();
    await tab.waitForTimeout(4000);
    await tab.screenshot({ path: '/tmp/motcua-browser-result-pdf.png' });
    await tab.close();
    const pdf = await resultPdf(page, number);
    expect(pdf.type).toBe('application/pdf');
    const { text, verifyLink } = pdf;
    const holder = (await page.locator('.facts div').filter({ hasText: 'Người được cấp' }).locator('strong').innerText()).split(' · ')[0]!;
    // A name with diacritics (the demo citizens are Vietnamese): the embedded font's map is what is tested.
    expect([...holder].some((ch) => ch.charCodeAt(0) > 127), holder).toBe(true);
    expect(text).toContain(holder);
    expect(verifyLink).toContain(number);

    // The verification page, signed out: valid with the issuer; a tampered code is invalid.
    const anyone = await openPage(suite.browser, url);
    await anyone.goto(verifyLink);
    await expect.poll(() => anyone.getByTestId('verdict').getAttribute('data-result')).toBe('valid');
    expect(await anyone.getByTestId('issuer').innerText()).not.toBe('');
    await anyone.screenshot({ path: '/tmp/motcua-browser-verify-valid.png', fullPage: true });
    await anyone.goto(verifyLink.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    await anyone.reload();
    await expect.poll(() => anyone.getByTestId('verdict').getAttribute('data-result')).toBe('invalid');
    await anyone.screenshot({ path: '/tmp/motcua-browser-verify-invalid.png', fullPage: true });

    // An officer of the issuing unit revokes it from the web app, with a reason; the page then says revoked.
    const officerPage = await openPage(suite.browser, url, { user: 'officer-1', hash: `#/documents/${encodeURIComponent(number)}` });
    await officerPage.locator('#revoke-reason').fill('Cấp nhầm, sẽ cấp lại');
    await officerPage.getByRole('button', { name: 'Thu hồi' }).click();
    await officerPage.getByText('Đã thu hồi').waitFor();
    await officerPage.close();
    await anyone.goto(verifyLink);
    await anyone.reload();
    await expect.poll(() => anyone.getByTestId('verdict').getAttribute('data-result')).toBe('revoked');
    await anyone.screenshot({ path: '/tmp/motcua-browser-verify-revoked.png', fullPage: true });
    await anyone.close();
    await page.close();
  }, 120_000);
});
