/**
 * Accessibility of the main pages, in Debian's Chromium against the real server (demo mode,
 * temp SQLite), checked by axe-core injected into each page: the library, the portal, a filing
 * page, a case page (as its applicant and as an officer), the worklist, the designer on a
 * procedure, the drafts, the statistics, the wallet and the login page, each in Vietnamese and
 * in English. A `serious` or `critical` violation fails the test; the lesser ones are printed.
 * Keyboard use: the skip link is the first stop and moves focus to the page, focus is visible,
 * and the language switch and navigation are reached by Tab. Screenshots of the portal and the
 * designer in both languages go to test/browser/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, browserPrerequisites, browserSuite, openPage, REPO } from './harness';

const missing = browserPrerequisites();
const SHOTS = join(REPO, 'test/browser/screenshots');

/** Waits until the page has its heading and nothing is loading any more. */
async function settle(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('main [aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
}

describe.skipIf(missing !== undefined)('accessibility of the main pages (axe-core)', () => {
  const suite = browserSuite();
  let caseId = '';
  const report: string[] = [];

  beforeAll(async () => {
    // A case to look at: a marital status confirmation filed by citizen-1 (over the API: filing is designer.test.ts's concern).
    const login = async (user: string): Promise<string> => ((await (await fetch(`${suite.server.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) })).json()) as { token: string }).token;
    const token = await login('citizen-1');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const me = (await (await fetch(`${suite.server.url}/api/auth/me`, { headers })).json()) as { nationalId: string };
    const res = await fetch(`${suite.server.url}/api/cases`, { method: 'POST', headers, body: JSON.stringify({ procedure: '1.004873', unit: 'ha-noi-hoan-kiem', data: { applicant: { nationalId: me.nationalId }, purpose: 'other' }, uploads: {} }) });
    expect(res.status).toBe(201);
    caseId = ((await res.json()) as { id: string }).id;
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);

  afterAll(() => {
    if (report.length) console.log(`axe: violations below "serious" (not failing):\n${report.join('\n')}`);
  });

  const PAGES = [
    { name: 'library', user: undefined, hash: '#/' },
    { name: 'portal', user: undefined, hash: '#/portal' },
    { name: 'login', user: undefined, hash: '#/login' },
    { name: 'filing', user: 'citizen-1', hash: '#/portal/1.004873' },
    { name: 'case (citizen)', user: 'citizen-1', hash: 'case' },
    { name: 'wallet', user: 'citizen-1', hash: '#/documents' },
    { name: 'worklist', user: 'officer-1', hash: '#/worklist' },
    { name: 'case (officer)', user: 'officer-1', hash: 'case' },
    { name: 'stats', user: 'officer-1', hash: '#/stats' },
    { name: 'designer', user: 'author-1', hash: '#/procedures/1.004873' },
    { name: 'drafts', user: 'author-1', hash: '#/drafts' },
  ] as const;

  for (const lng of ['vi', 'en'] as const) {
    it(`has no serious or critical violation on the main pages (${lng})`, async () => {
      const failures: string[] = [];
      // One page per user, reused across that user's pages (signing in is not what is measured).
      const pages = new Map<string, Page>();
      for (const p of PAGES) {
        const who = p.user ?? 'anonymous';
        let page = pages.get(who);
        if (!page) {
          page = await openPage(suite.browser, suite.server.url, p.user ? { user: p.user } : {});
          // The language the app starts in, as the switch keeps it.
          await page.context().addInitScript((l) => localStorage.setItem('motcua.language', l), lng);
          pages.set(who, page);
        }
        await page.goto(`${suite.server.url}/${p.hash === 'case' ? `#/cases/${encodeURIComponent(caseId)}` : p.hash}`);
        await page.reload();
        await settle(page);
        expect(await page.evaluate(() => document.documentElement.lang), p.name).toBe(lng);
        if (p.name === 'portal' || p.name === 'designer') await page.screenshot({ path: join(SHOTS, `${p.name}-${lng}.png`), fullPage: p.name === 'portal' });
        for (const v of await axe(page)) {
          const line = `  [${lng}] ${p.name}: ${v.impact ?? '?'} ${v.id} (${v.help}) ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.html}`).join(' | ')}`;
          if (v.impact === 'serious' || v.impact === 'critical') failures.push(line);
          else report.push(line);
        }
      }
      for (const page of pages.values()) await page.close();
      expect(failures, failures.join('\n')).toEqual([]);
    }, 300_000);
  }

  it('keyboard: the skip link comes first and moves focus to the page; focus is visible; the language switch is reached by Tab', async () => {
    const page = await openPage(suite.browser, suite.server.url, { hash: '#/portal' });
    await settle(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    // A visible focus ring on the focused control (outline or box-shadow).
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement as Element);
      return s.outlineStyle !== 'none' && s.outlineWidth !== '0px' ? s.outlineStyle : s.boxShadow;
    });
    expect(ring).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The app routes on the hash: skipping must not navigate away from the page.
    expect(page.url()).toMatch(/#\/portal$/);
    // From the top, Tab reaches the language switch; Enter switches the page to English.
    await page.reload();
    await settle(page);
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate(() => document.activeElement?.textContent)) === 'English';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Online public services');
    await page.close();
  }, 120_000);
});
