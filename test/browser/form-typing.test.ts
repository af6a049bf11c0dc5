/**
 * Typing in an e-form (the designer's preview, drawn by the app's SchemaForm with rjsf) adds,
 * removes or rewrites no DOM node: the keystroke reaches the input and nothing else. On the app's
 * runtime (Preact's compat layer) every keystroke once rewrote an empty text node in the form's
 * root `<fieldset>` (rjsf's empty root title), which made Chromium rebuild the layout of every
 * field of the form: 30-60 ms a key on a 300-field form (designer/src/lib/empty-text.ts).
 */
import { describe, expect, it } from 'vitest';
import { browserPrerequisites, browserSuite, openPage } from './harness';

const missing = browserPrerequisites();
const TYPED = 'Hop dong mua ban nha';

describe.skipIf(missing !== undefined)('typing in an e-form', () => {
  const suite = browserSuite();

  it('writes no DOM node outside the input, and keeps every keystroke', async () => {
    const page = await openPage(suite.browser, suite.server.url, { hash: '#/procedures/2.000884' });
    await page.getByRole('tab', { name: /Biểu mẫu điện tử/ }).click();
    const field = page.locator('.fb-preview').getByLabel(/Tên giấy tờ, văn bản cần chứng thực/);
    await field.click();
    // A first key and a pause: whatever the first change renders once (an error cleared) is done.
    await page.keyboard.press('H');
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(300);
    await page.evaluate(() => {
      const where = (n: Node | null): string => {
        const path: string[] = [];
        for (; n && n !== document.body; n = n.parentNode) path.push(n instanceof Element ? `${n.localName}${n.id ? `#${n.id}` : ''}` : n.nodeName);
        return path.join(' < ');
      };
      const seen: string[] = [];
      (window as unknown as { __writes: string[] }).__writes = seen;
      new MutationObserver((records) => {
        for (const r of records) seen.push(`${r.type} at ${where(r.target)}`);
      }).observe(document.querySelector('.fb-preview')!, { subtree: true, childList: true, characterData: true });
    });
    for (const ch of TYPED) await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    await expect.poll(() => field.inputValue()).toBe(TYPED);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __writes: string[] }).__writes)).toEqual([]);
    await page.close();
  }, 60_000);
});
