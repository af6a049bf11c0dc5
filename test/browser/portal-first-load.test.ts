/**
 * The portal's first load on a slow network, in Debian's Chromium: index.html fetches the first
 * page of procedures while the app's script downloads, and when that answer is there before the
 * script (as on a phone), the portal's first render shows the cards: one request for the list,
 * never a loading state, in both languages. A later read of the same page asks the server again.
 * The timing itself is `npm run bench -- portal` (docs/server.md).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPrerequisites, browserSuite } from './harness';

const missing = browserPrerequisites();
const FIRST_PAGE = '/api/procedures?open=true&limit=20&offset=0';

describe.skipIf(missing !== undefined)("the portal's first load", () => {
  const suite = browserSuite();

  /** The portal opened with the app's scripts held back 600 ms (the list's answer comes first), in `language`. */
  async function slowScriptPortal(language: 'vi' | 'en'): Promise<{ page: Page; listReads: string[]; errors: string[] }> {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript((lng) => {
      localStorage.setItem('motcua.language', lng);
      // Whether the loading state was ever on screen, watched from the first byte of the page.
      new MutationObserver(() => {
        if (document.querySelector('main [role="status"][aria-busy="true"]')) (window as { sawLoading?: boolean }).sawLoading = true;
      }).observe(document, { childList: true, subtree: true });
    }, language);
    await page.route('**/assets/*.js', async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    const listReads: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/procedures') listReads.push(url.pathname + url.search);
    });
    await page.goto(`${suite.server.url}/#/portal`);
    return { page, listReads, errors };
  }

  it('shows the first page of cards in its first render, from the one request index.html made', async () => {
    const { page, listReads, errors } = await slowScriptPortal('vi');
    const first = page.locator('.cards .card h2 a').first();
    await first.waitFor();
    expect(await page.locator('.cards .card').count()).toBe(20);
    expect(await first.getAttribute('href')).toMatch(/^#\/portal\/\d/);
    expect(await page.locator('h1').textContent()).toBe('Dịch vụ công trực tuyến');
    expect(await page.locator('.cards .card .button').first().textContent()).toBe('Nộp hồ sơ trực tuyến');
    expect(await page.evaluate(() => (window as { sawLoading?: boolean }).sawLoading ?? false)).toBe(false);
    expect(listReads).toEqual([FIRST_PAGE]);

    // The prefetch is spent: going back to the first page after a filter asks the server again.
    const level = page.locator('#portal-level');
    const picked = await level.locator('option').nth(1).getAttribute('value');
    await level.selectOption(picked ?? '');
    await expect.poll(() => listReads.length).toBe(2);
    await level.selectOption('');
    await expect.poll(() => listReads).toEqual([FIRST_PAGE, expect.stringContaining(`level=${picked}`), FIRST_PAGE]);
    await page.locator('.cards .card h2 a').first().waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('does the same in English', async () => {
    const { page, listReads, errors } = await slowScriptPortal('en');
    await page.locator('.cards .card h2 a').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('Online public services');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('.cards .card .button').first().textContent()).toBe('File online');
    expect(await page.evaluate(() => (window as { sawLoading?: boolean }).sawLoading ?? false)).toBe(false);
    expect(listReads).toEqual([FIRST_PAGE]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
