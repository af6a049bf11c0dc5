/**
 * A dropdown of an e-form (a field with `enum` choices, drawn by the app's SchemaForm) keeps the
 * option the citizen chose: the select shows it, the data holds its value (the fee that depends
 * on the form is computed, the filing is accepted), and a second choice replaces the first. It
 * once lost the choice on the app's runtime (Preact's compat layer), so the filing was blocked
 * by the form's own validation.
 */
import { describe, expect, it } from 'vitest';
import { browserPrerequisites, browserSuite, openPage } from './harness';

const missing = browserPrerequisites();

describe.skipIf(missing !== undefined)("an e-form's dropdown", () => {
  const suite = browserSuite();

  it('keeps the chosen option, in the select and in the filed data', async () => {
    const page = await openPage(suite.browser, suite.server.url, { user: 'citizen-1', hash: '#/portal/1.004873' });
    await page.locator('#file-unit').selectOption('ha-noi-hoan-kiem');
    const purpose = page.locator('#case_purpose');
    await purpose.selectOption({ label: 'Khác' });
    // Read after a round of rendering: the app re-renders on the change (fees), which must not reset the select.
    await expect.poll(() => page.getByTestId('fee-total').innerText()).toMatch(/10\.000/);
    expect(await purpose.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Khác');
    await purpose.selectOption({ label: 'Kết hôn' });
    await page.waitForTimeout(200);
    expect(await purpose.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Kết hôn');
    await purpose.selectOption({ label: 'Khác' });
    await page.waitForTimeout(200);
    expect(await purpose.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Khác');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.waitForURL(/#\/cases\/[^/]+$/);
    const id = decodeURIComponent(page.url().split('/').pop() ?? '');
    const filed = await page.evaluate(async (c) => {
      const res = await fetch(`/api/cases/${encodeURIComponent(c)}`, { headers: { authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}` } });
      return (await res.json()) as { data?: { purpose?: unknown } };
    }, id);
    expect(filed.data?.purpose).toBe('other');
    await page.close();
  });
});
