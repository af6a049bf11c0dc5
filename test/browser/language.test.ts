/**
 * The language switch in Debian's Chromium: the app opens in Vietnamese, the switch turns the
 * shell into English (and `<html lang>` with it, for screen readers), the choice survives a
 * reload, and switching back restores Vietnamese.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserPrerequisites, ensureDesignerBuilt, launchBrowser, openPage, startTestServer, type RunningServer } from './harness';

const missing = browserPrerequisites();

describe.skipIf(missing !== undefined)('the language switch', () => {
  let running: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    await ensureDesignerBuilt();
    [running, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('switches the shell between Vietnamese and English and remembers the choice', async () => {
    const page = await openPage(browser, running.url, { hash: '' });
    const nav = page.locator('header nav');
    await expect.poll(() => nav.textContent()).toContain('Thư viện thủ tục');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => nav.textContent()).toContain('Procedure library');
    expect(await nav.textContent()).not.toContain('Thư viện thủ tục');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');

    await page.reload();
    await expect.poll(() => page.locator('header nav').textContent()).toContain('Procedure library');

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect.poll(() => page.locator('header nav').textContent()).toContain('Thư viện thủ tục');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await page.close();
  }, 120_000);
});
