/**
 * The publishing lifecycle from the browser, in PRODUCTION mode (no demo users, no one-step
 * publish): an author starts a new procedure from a template, changes it without typing YAML,
 * saves (a concurrent save is a clear conflict and the author's work is kept), sees the diff
 * and submits; an approver returns it with a comment; the author sees the comment, fixes it and
 * submits again; the approver approves; it is published; a citizen then opens its e-form; the
 * approver retires it.
 * Screenshots go to test/browser/screenshots/ (gitignored) for a human look.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertUser, type NewUser } from '../../server/src/auth/users';
import { browserPrerequisites, browserSuite, commitField, pageAs, REPO } from './harness';

const missing = browserPrerequisites();
const SHOTS = join(REPO, 'test/browser/screenshots');
const CODE = 'T.900001';

describe.skipIf(missing !== undefined)('the publishing lifecycle in the browser (production mode)', () => {
  const suite = browserSuite({ demo: false });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const knex = suite.server.server.services.db.knex;
    const unit = (await knex('units').orderBy('id').first<{ id: string }>('id')).id;
    const users: NewUser[] = [
      { id: 'tac-gia', name: 'Tác giả thủ tục', kind: 'author' },
      { id: 'tac-gia-2', name: 'Tác giả thứ hai', kind: 'author' },
      { id: 'phe-duyet', name: 'Người phê duyệt', kind: 'author', roles: [{ role: 'procedure-approver', unit }] },
      { id: 'cong-dan', name: 'Nguyễn Văn An', kind: 'citizen', nationalId: '001090000001' },
    ];
    for (const u of users) await upsertUser(knex, u);
  }, 240_000);

  const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  const as = (user: string, hash: string): Promise<Page> => pageAs(suite.browser, suite.server, user, hash);
  const commit = commitField;

  const status = (page: Page) => page.locator('.review-status .badge').innerText();

  it('author drafts from a template, approver returns with a comment, author fixes, approver approves, it is published and fileable', async () => {
    // The one-step publish is refused here: the browser goes through drafts only.
    const author = await as('tac-gia', '#/drafts');
    await author.getByRole('heading', { name: /Soạn thủ tục mới/ }).waitFor();
    await author.getByLabel(/^Mã thủ tục/).fill(CODE);
    await author.getByLabel(/^Tên thủ tục \(tiếng Việt\)/).fill('Cấp giấy xác nhận thử nghiệm');
    await author.getByLabel(/^Bắt đầu từ/).selectOption({ label: 'Mẫu: Hai bước: thẩm định và ký duyệt' });
    await shot(author, 'lifecycle-new');
    await author.getByRole('button', { name: /Tạo bản nháp/ }).click();
    await author.waitForURL(/#\/drafts\/[^/]+$/);
    const draftId = decodeURIComponent(author.url().split('/').pop() ?? '');
    await expect.poll(() => author.locator('.react-flow__node').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    expect(await status(author)).toContain('Đang soạn');
    await author.getByText('Đã lưu').first().waitFor();

    // A change without YAML: the deadline and a fee, from the forms.
    await author.getByRole('tab', { name: /Hồ sơ, phí, thời hạn/ }).click();
    await commit(author, 'Số', '10', author.getByRole('group', { name: 'Thời hạn giải quyết theo luật' }));
    await author.getByRole('button', { name: '+ Thêm khoản phí' }).click();
    await commit(author, 'Mức thu', '15000', author.getByRole('listitem', { name: 'Khoản phí Lệ phí', exact: true }));
    await author.locator('.save-state', { hasText: 'Chưa lưu' }).waitFor();

    // Someone else saves the draft meanwhile: the author's save is a clear conflict, and their work stays on the page.
    const other = await suite.server.server.services.auth.issue('tac-gia-2');
    const theirs = (await (await fetch(`${suite.server.url}/api/drafts/${draftId}`, { headers: { authorization: `Bearer ${other}` } })).json()) as { source: string; revision: number };
    const put = await fetch(`${suite.server.url}/api/drafts/${draftId}`, { method: 'PUT', headers: { authorization: `Bearer ${other}`, 'content-type': 'application/json' }, body: JSON.stringify({ source: `${theirs.source}\n# ghi chú của tác giả thứ hai\n`, revision: theirs.revision }) });
    expect(put.status).toBe(200);
    await author.getByRole('button', { name: /Lưu bản nháp/ }).click();
    const conflict = author.getByRole('alert').filter({ hasText: 'vừa được người khác lưu' });
    await conflict.waitFor();
    await shot(author, 'lifecycle-conflict');
    await conflict.getByRole('button', { name: /Giữ bản của tôi/ }).click();
    await author.locator('.save-state', { hasText: 'Đã lưu' }).waitFor();
    await conflict.waitFor({ state: 'detached' });

    // The diff, in words.
    await author.getByRole('tab', { name: /Thay đổi/ }).click();
    const diff = author.getByRole('region', { name: 'Thay đổi so với phiên bản đang hiệu lực' });
    await diff.getByText('Thủ tục mới').waitFor();
    expect(await diff.innerText()).toMatch(/Thêm\s+khoản phí “Lệ phí”/);
    expect(await diff.innerText()).toMatch(/10 ngày làm việc/);
    expect(await diff.innerText()).not.toMatch(/\{"|":/);
    await shot(author, 'lifecycle-diff');

    await author.getByRole('button', { name: /Gửi phê duyệt/ }).click();
    await expect.poll(() => status(author)).toContain('Chờ phê duyệt');
    // Four eyes: the author is offered no approval.
    expect(await author.getByRole('button', { name: /^Phê duyệt/ }).count()).toBe(0);

    // The approver finds it awaiting review and returns it with a comment.
    const approver = await as('phe-duyet', '#/drafts');
    const queue = approver.getByRole('table', { name: 'Chờ tôi phê duyệt' });
    await queue.getByRole('link', { name: CODE }).click();
    await approver.waitForURL(new RegExp(`#/drafts/${draftId}$`));
    await approver.getByRole('tab', { name: /Thay đổi/ }).click();
    await approver.getByText(/khoản phí “Lệ phí”/).waitFor();
    await approver.getByLabel(/Ý kiến phê duyệt/).fill('Thời hạn 10 ngày quá dài: đề nghị 5 ngày làm việc.');
    await shot(approver, 'lifecycle-review');
    await approver.getByRole('button', { name: /^Trả lại/ }).click();
    await expect.poll(() => status(approver)).toContain('Bị trả lại');

    // The author sees the comment, fixes the deadline, saves and submits again.
    await author.reload();
    const note = author.getByRole('note', { name: 'Ý kiến khi trả lại' });
    await note.getByText('Thời hạn 10 ngày quá dài').waitFor();
    await shot(author, 'lifecycle-returned');
    await author.getByRole('tab', { name: /Hồ sơ, phí, thời hạn/ }).click();
    await commit(author, 'Số', '5', author.getByRole('group', { name: 'Thời hạn giải quyết theo luật' }));
    await author.getByRole('button', { name: /Lưu bản nháp/ }).click();
    await author.locator('.save-state', { hasText: 'Đã lưu' }).waitFor();
    await author.getByRole('button', { name: /Gửi phê duyệt/ }).click();
    await expect.poll(() => status(author)).toContain('Chờ phê duyệt');

    // The approver approves; the author publishes.
    await approver.reload();
    await approver.getByLabel(/Ý kiến phê duyệt/).fill('Đạt.');
    await approver.getByRole('button', { name: /^Phê duyệt/ }).click();
    await expect.poll(() => status(approver)).toContain('Đã phê duyệt');
    await author.reload();
    await author.getByRole('button', { name: /^Xuất bản/ }).click();
    await author.getByText('Đã xuất bản phiên bản 1.0.0.').waitFor();
    await expect.poll(() => status(author)).toContain('Đã xuất bản');
    await shot(author, 'lifecycle-published');

    // Published and fileable: the server lists it, and a citizen opens its e-form.
    const listed = (await (await fetch(`${suite.server.url}/api/procedures?q=${CODE}`)).json()) as { items: { code: string; version: string }[] };
    expect(listed.items).toContainEqual(expect.objectContaining({ code: CODE, version: '1.0.0' }));
    const citizen = await as('cong-dan', `#/portal/${CODE}`);
    await citizen.getByRole('heading', { name: /Cấp giấy xác nhận thử nghiệm/ }).waitFor();
    await citizen.getByLabel(/Họ và tên/).first().waitFor();
    await shot(citizen, 'lifecycle-citizen-form');

    // The approver retires the version: no new filings from now on (running cases would go on).
    await approver.goto(`${suite.server.url}/#/procedures/${CODE}`);
    await approver.getByText(/Các phiên bản/).click();
    await approver.locator('.versions-panel').getByRole('button', { name: /Ngừng áp dụng/ }).click();
    await approver.getByLabel('Lý do').fill('Kết thúc thử nghiệm');
    await approver.getByRole('button', { name: 'Xác nhận ngừng áp dụng' }).click();
    await approver.getByText('Đã ngừng áp dụng phiên bản 1.0.0').waitFor();
    await approver.locator('.versions-panel .badge', { hasText: 'Đã ngừng áp dụng' }).waitFor();
    await shot(approver, 'lifecycle-retired');
    const versions = (await (await fetch(`${suite.server.url}/api/procedures/${CODE}/versions`)).json()) as { items: { state: string }[] };
    expect(versions.items.map((v) => v.state)).toEqual(['retired']);
    for (const p of [author, approver, citizen]) await p.close();
  }, 180_000);
});
