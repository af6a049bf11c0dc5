/**
 * The citizen's data wallet in Debian's Chromium against the real server (demo mode, temp
 * SQLite): a citizen files a marital status confirmation (1.004873), pays, officers approve and
 * sign, the outbox is drained, and the signed result appears: linked from the case page, listed
 * in "Giấy tờ của tôi" with its signature verified by the server, and shown in full.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserPrerequisites, ensureDesignerBuilt, launchBrowser, openPage, startTestServer, type RunningServer } from './harness';

const missing = browserPrerequisites();

describe.skipIf(missing !== undefined)('the data wallet in the browser', () => {
  let running: RunningServer;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    await ensureDesignerBuilt();
    // The consumer's own interval is an hour: the document appears because the test drains the outbox.
    [running, browser] = await Promise.all([startTestServer({ outboxIntervalMs: 3_600_000 }), launchBrowser()]);
    url = running.url;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  }, 60_000);

  async function officer(id: string, step: string, action: string): Promise<void> {
    const { token } = (await (await fetch(`${url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'officer-1' }) })).json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const current = (await (await fetch(`${url}/api/cases/${encodeURIComponent(id)}`, { headers })).json()) as { version: number };
    const res = await fetch(`${url}/api/cases/${encodeURIComponent(id)}/actions`, { method: 'POST', headers, body: JSON.stringify({ step, action, form: {}, version: current.version }) });
    expect(res.status, await res.clone().text()).toBe(200);
  }

  it('citizen: the issued result is linked from the case, listed in the wallet with a valid signature, and shown in full', async () => {
    const page = await openPage(browser, url, { user: 'citizen-1' });
    await page.getByRole('link', { name: /Giấy tờ của tôi/ }).click();
    await page.getByText('Chưa có giấy tờ nào').waitFor();

    // Filing from the portal is designer.test.ts's concern: here the case is filed and paid over the API.
    const filed = await page.evaluate(async () => {
      const headers = { authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}`, 'content-type': 'application/json' };
      const me = (await (await fetch('/api/auth/me', { headers })).json()) as { nationalId: string };
      const data = { applicant: { nationalId: me.nationalId }, purpose: 'other' };
      const res = await fetch('/api/cases', { method: 'POST', headers, body: JSON.stringify({ procedure: '1.004873', unit: 'ha-noi-hoan-kiem', data, uploads: {} }) });
      const body = (await res.json()) as { id?: string; version?: number; steps?: string[] };
      if (res.status !== 201 || body.steps?.[0] !== 'pay') return { status: res.status, body };
      const paid = await fetch(`/api/cases/${encodeURIComponent(body.id ?? '')}/actions`, { method: 'POST', headers, body: JSON.stringify({ step: 'pay', action: 'pay', form: {}, version: body.version }) });
      return { status: paid.status === 200 ? 201 : paid.status, body };
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id ?? '';
    await officer(id, 'verify', 'approve');
    await officer(id, 'sign', 'sign');
    const drained = await running.server.drainOutbox();
    expect(drained.issued).toBe(1);

    await page.goto(`${url}/#/cases/${encodeURIComponent(id)}`);
    const link = page.getByRole('link', { name: /Xem giấy tờ KQ-/ });
    await link.waitFor();
    expect(await page.locator('.timeline').innerText()).toContain('Cấp kết quả điện tử');
    const number = ((await link.innerText()).match(/KQ-\d{4}-\d+-[A-Z0-9]+/) ?? [''])[0];
    expect(number).not.toBe('');

    await page.getByRole('link', { name: /Giấy tờ của tôi/ }).first().click();
    const row = page.getByRole('table', { name: 'Giấy tờ của tôi' }).locator('tr').filter({ hasText: number });
    await row.getByTestId('verified').waitFor();
    expect(await row.innerText()).toContain('marital-status-certificate');

    await row.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: /marital-status-certificate/ }).waitFor();
    await page.getByTestId('verified').waitFor();
    const jws = await page.getByLabel('JWS').inputValue();
    expect(jws.split('.')).toHaveLength(3);
    await page.close();
  });
});
