/**
 * The web app end to end, in Debian's Chromium against the real server (demo mode, temp SQLite):
 * an author sees a procedure's graph and a diagnostic for a broken target, drafts a new version on
 * the server that an approver approves and the author publishes, a citizen files a
 * case, an officer finds it in the worklist and approves it, and a stale action is a conflict.
 * Screenshots land in /tmp/motcua-browser-*.png for a human look.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO as REPO_ROOT, browserPrerequisites, browserSuite, openPage, signIn } from './harness';

const missing = browserPrerequisites();

describe.skipIf(missing !== undefined)('designer in the browser', () => {
  const suite = browserSuite();
  const shots: string[] = [];

  afterAll(() => {
    if (shots.length) console.log(`[test/browser] screenshots: ${shots.join(', ')}`);
  });

  const open = (hash: string): Promise<Page> => openPage(suite.browser, suite.server.url, { hash });

  async function shot(page: Page, name: string): Promise<void> {
    const path = `/tmp/motcua-browser-${name}.png`;
    await page.screenshot({ path, fullPage: true });
    shots.push(path);
  }

  it('author: opens a procedure, sees its graph, and gets a diagnostic on the line of an error', async () => {
    const page = await open('#/');
    await page.locator('#library-search').fill('chung thuc chu ky');
    await page.getByRole('link', { name: /Chứng thực chữ ký/ }).first().click();
    await page.waitForURL(/#\/procedures\/2\.000884$/);
    // check, supplement, sign, pay and three outcomes
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 20_000 }).toBe(7);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBeGreaterThanOrEqual(8);
    await page.getByText('Không có lỗi').waitFor();
    await shot(page, 'author-editor');

    await page.getByRole('tab', { name: /YAML/ }).click();
    const editor = page.locator('.cm-content');
    await editor.waitFor();
    await editor.click();
    // Replace the whole text as one paste.
    await page.keyboard.press('Control+a');
    const source = (await import('node:fs')).readFileSync((await import('node:path')).join(REPO_ROOT, 'procedures/certification/2.000884-certify-signature.yaml'), 'utf8');
    const broken = source.replace('approve: { to: sign }', 'approve: { to: sgn }');
    expect(broken).not.toBe(source);
    const line = broken.split('\n').findIndex((l) => l.includes('to: sgn')) + 1;
    await page.keyboard.insertText(broken);
    const diag = page.locator('.diag-error').filter({ hasText: 'E_UNKNOWN_TARGET' });
    await expect.poll(() => diag.count(), { timeout: 10_000 }).toBe(1);
    expect(await diag.innerText()).toContain(`${line}:`);
    await diag.locator('button').click();
    await expect.poll(() => page.locator('.cm-activeLine').innerText()).toContain('to: sgn');
    await page.locator('.cm-lintRange-error').first().waitFor();
    await page.getByRole('tab', { name: /Biểu mẫu điện tử/ }).click();
    await page.locator('.fb-preview').getByLabel(/Số định danh cá nhân/).first().waitFor();
    await shot(page, 'author-diagnostic');
    await page.close();
  }, 90_000);

  it('author: drafts a new version on the server, an approver approves it, the author publishes it', async () => {
    const page = await open('#/');
    await signIn(page, suite.server.url, 'author-1');
    await page.goto(`${suite.server.url}/#/procedures/2.000884`);
    // A published version never changes: the author starts a draft of the next version.
    await page.getByRole('button', { name: /Soạn phiên bản mới/ }).click();
    await page.waitForURL(/#\/drafts\/[^/]+$/);
    const draftId = decodeURIComponent(page.url().split('/').pop() ?? '');
    await page.getByRole('tab', { name: /YAML/ }).click();
    const editor = page.locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+a');
    const text = (await import('node:fs')).readFileSync((await import('node:path')).join(REPO_ROOT, 'procedures/certification/2.000884-certify-signature.yaml'), 'utf8');
    // 1.0.0 is in force with no end date and never changes: an approver retires it so that
    // 1.0.1 may take over (the validator refuses two versions in force on one day).
    const dev = async (user: string): Promise<string> => page.evaluate(async (u) => ((await (await fetch('/api/auth/dev-login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: u }) })).json()) as { token: string }).token, user);
    const approver = await dev('approver-1');
    const retired = await page.evaluate(async (t) => (await fetch('/api/procedures/2.000884/versions/1.0.0/retire', { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: '{}' })).status, approver);
    expect(retired).toBe(200);
    // The new version renames a field: the citizen's form (next test) must be this version's.
    await page.keyboard.insertText(text.replace('version: 1.0.0', 'version: 1.0.1').replace('title: "Tên giấy tờ, văn bản cần chứng thực chữ ký"', 'title: "Tên giấy tờ, văn bản cần chứng thực chữ ký (bản 1.0.1)"'));
    await page.getByRole('button', { name: /Lưu bản nháp/ }).click();
    await page.locator('.save-state', { hasText: 'Đã lưu' }).waitFor();
    await page.getByRole('button', { name: /Gửi phê duyệt/ }).click();
    await expect.poll(() => page.locator('.review-status .badge').innerText()).toContain('Chờ phê duyệt');
    const approved = await page.evaluate(async ([t, d]) => (await fetch(`/api/drafts/${d}/approve`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: '{}' })).status, [approver, draftId] as const);
    expect(approved).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: /^Xuất bản/ }).click();
    await page.getByText('Đã xuất bản phiên bản 1.0.1.').waitFor();
    const versions = await page.evaluate(async () => ((await (await fetch('/api/procedures/2.000884?version=1.0.1')).json()) as { procedure: { version: string } }).procedure.version);
    expect(versions).toBe('1.0.1');
    // A procedure the app was not built with: the portal must offer it all the same.
    const status = await page.evaluate(async () => {
      const token = sessionStorage.getItem('motcua.token') ?? '';
      const { procedure } = (await (await fetch('/api/procedures/2.000884?version=1.0.1')).json()) as { procedure: Record<string, unknown> };
      const fresh = { ...procedure, code: '9.000884', version: '1.0.0', name: { vi: 'Thủ tục thí điểm mới công bố' } };
      const res = await fetch('/api/procedures', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(fresh) });
      return res.status;
    });
    expect(status).toBe(201);
    await page.close();
  }, 90_000);

  let caseId = '';

  it('citizen: files a case from the portal and sees it', async () => {
    const page = await open('#/portal');
    await signIn(page, suite.server.url, 'citizen-1');
    const me = await page.evaluate(async () => {
      const res = await fetch('/api/auth/me', { headers: { authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}` } });
      return (await res.json()) as { nationalId: string };
    });
    await page.goto(`${suite.server.url}/#/portal`);
    // The portal lists what the server has, not only what the app was built with.
    await page.locator('#portal-search').fill('thi diem moi cong bo');
    await page.getByRole('link', { name: 'Thủ tục thí điểm mới công bố' }).first().waitFor();
    await page.locator('#portal-search').fill('chứng thực chữ ký');
    await page.getByRole('link', { name: /Chứng thực chữ ký/ }).first().click();
    await page.locator('#file-unit').selectOption('ha-noi-hoan-kiem');
    // The signer files (data.applicantId): the field starts with the account's national ID, read-only.
    await expect.poll(() => page.getByLabel(/Số định danh cá nhân/).inputValue()).toBe(me.nationalId);
    expect(await page.getByLabel(/Số định danh cá nhân/).isEditable()).toBe(false);
    // The form is the version the server has in force (published above), not the app's bundled copy.
    await page.getByLabel(/Tên giấy tờ, văn bản cần chứng thực chữ ký \(bản 1\.0\.1\)/).fill('Giấy ủy quyền');
    await expect.poll(() => page.getByTestId('fee-total').innerText()).toMatch(/10\.000/);
    // Without the document to be signed, the refusal lists what is missing, all at once.
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'E_MISSING_COMPONENTS' });
    await refusal.waitFor();
    // In Vietnamese, by the component's name (never the English message or the component's id).
    expect(await refusal.locator('li').allInnerTexts()).toEqual([expect.stringMatching(/^Thiếu giấy tờ bắt buộc: Giấy tờ, văn bản mà mình sẽ ký/)]);
    await page.locator('#component-document').setInputFiles({ name: 'giay-uy-quyen.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 test') });
    await shot(page, 'citizen-file');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.waitForURL(/#\/cases\/[^/]+$/);
    caseId = decodeURIComponent(page.url().split('/').pop() ?? '');
    await page.getByText('Đang xử lý').first().waitFor();
    await page.getByText('lấy từ CSDL quốc gia').first().waitFor();
    // The locked name came from the population database, with its provenance.
    expect(await page.locator('tr[data-field="signer.fullName"]').innerText()).toContain('Cơ sở dữ liệu quốc gia về dân cư');
    expect(await page.locator('.timeline').innerText()).toContain('Nộp hồ sơ');
    await shot(page, 'citizen-case');
    await page.goto(`${suite.server.url}/#/my`);
    await page.getByRole('link', { name: caseId }).waitFor();
    await page.close();
  }, 90_000);

  it('officer: sees the case in the worklist and approves it', async () => {
    expect(caseId).not.toBe('');
    const page = await open('#/');
    await signIn(page, suite.server.url, 'officer-1');
    await page.goto(`${suite.server.url}/#/worklist`);
    const row = page.locator('tr').filter({ hasText: caseId });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Sắp đến hạn|Trong hạn|Quá hạn/);
    await shot(page, 'officer-worklist');
    // The case is not overdue: the overdue filter hides it, "all" brings it back.
    await page.getByLabel('Tình trạng hạn').selectOption('overdue');
    await page.getByText('Không có việc nào đang chờ bạn.').waitFor();
    await page.getByLabel('Tình trạng hạn').selectOption('all');
    await row.waitFor();
    await row.getByRole('link', { name: caseId }).click();
    const task = page.getByRole('region', { name: /Xử lý bước Kiểm tra giấy tờ/ });
    await task.waitFor();
    await shot(page, 'officer-case');
    await task.getByRole('button', { name: /Duyệt/ }).click();
    await page.getByRole('region', { name: /Xử lý bước Ký lời chứng/ }).waitFor();
    expect(await page.locator('.timeline').innerText()).toContain('Duyệt');
    await page.close();
  }, 90_000);

  it('officer: a stale action is refused as a conflict with a reload button', async () => {
    const a = await open('#/');
    await signIn(a, suite.server.url, 'officer-1');
    // sessionStorage is per tab: the second tab signs in too, like a colleague at another desk.
    const b = await a.context().newPage();
    await signIn(b, suite.server.url, 'officer-1');
    for (const p of [a, b]) await p.goto(`${suite.server.url}/#/cases/${encodeURIComponent(caseId)}`);
    const region = /Xử lý bước Ký lời chứng/;
    await Promise.all([a, b].map((p) => p.getByRole('region', { name: region }).waitFor()));
    await a.getByRole('region', { name: region }).getByRole('button', { name: /^Ký/ }).click();
    await a.getByRole('region', { name: region }).waitFor({ state: 'detached' });
    await b.getByRole('region', { name: region }).getByRole('button', { name: /^Ký/ }).click();
    const alert = b.getByRole('alert').filter({ hasText: 'tải lại' });
    await alert.waitFor();
    await shot(b, 'officer-conflict');
    await alert.getByRole('button', { name: /Tải lại/ }).click();
    await b.getByRole('region', { name: region }).waitFor({ state: 'detached' });
    await a.close();
  }, 90_000);
});
