/**
 * From an author to an officer, in the browser, in PRODUCTION mode (no demo users, no
 * one-step publish): an author, without typing any YAML, starts a procedure from a template,
 * adds a task step from the graph's palette, a dossier component that population data can
 * replace (source and key pickers), a fee with an exemption, and changes the deadline; steps a
 * case by hand in the simulator, saves it as a scenario into the draft, runs the scenarios
 * (they pass, as they then do on the server) and submits; a reviewer approves; it is
 * published; a citizen files it (the component replaced by the population record, the fee
 * exempted online); an officer approves it from the worklist, both steps.
 * Screenshots go to test/browser/screenshots/a2o-*.png (gitignored) for a human look.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertUser, type NewUser } from '../../server/src/auth/users';
import { upsertRecords } from '../../server/src/sources';
import { browserPrerequisites, browserSuite, commitField, pageAs, REPO } from './harness';

const missing = browserPrerequisites();
const SHOTS = join(REPO, 'test/browser/screenshots');
const CODE = 'T.900002';
const UNIT = 'ha-noi-hoan-kiem';
const CITIZEN_ID = '001090000001';

describe.skipIf(missing !== undefined)('from an author to an officer, in the browser (production mode)', () => {
  const suite = browserSuite({ demo: false });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const knex = suite.server.server.services.db.knex;
    const users: NewUser[] = [
      { id: 'tac-gia', name: 'Tác giả thủ tục', kind: 'author' },
      { id: 'phe-duyet', name: 'Người phê duyệt', kind: 'author', roles: [{ role: 'procedure-approver', unit: UNIT }] },
      { id: 'cong-dan', name: 'Nguyễn Văn An', kind: 'citizen', nationalId: CITIZEN_ID },
      { id: 'can-bo', name: 'Cán bộ một cửa', kind: 'officer', roles: [{ role: 'reception-officer', unit: UNIT }] },
    ];
    for (const u of users) await upsertUser(knex, u);
    // What the national population database holds about the citizen (production has no demo seed).
    await upsertRecords(knex, [{ source: 'population', key: CITIZEN_ID, record: { nationalId: CITIZEN_ID, fullName: 'Nguyễn Văn An', birthDate: '1990-01-01', gender: 'male' } }]);
  }, 240_000);

  const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: join(SHOTS, `a2o-${name}.png`), fullPage: true });

  const as = (user: string, hash: string): Promise<Page> => pageAs(suite.browser, suite.server, user, hash);
  const commit = commitField;

  const status = (page: Page) => page.locator('.review-status .badge').innerText();

  it('an author builds it without YAML and proves it in the simulator; reviewed, published, filed by a citizen, approved by an officer', async () => {
    // A new procedure from a template.
    const author = await as('tac-gia', '#/drafts');
    await author.getByRole('heading', { name: /Soạn thủ tục mới/ }).waitFor();
    await author.getByLabel(/^Mã thủ tục/).fill(CODE);
    await author.getByLabel(/^Tên thủ tục \(tiếng Việt\)/).fill('Cấp giấy xác nhận cư trú thử nghiệm');
    await author.getByLabel(/^Bắt đầu từ/).selectOption({ label: 'Mẫu: Một bước: tiếp nhận và giải quyết' });
    await author.getByRole('button', { name: /Tạo bản nháp/ }).click();
    await author.waitForURL(/#\/drafts\/[^/]+$/);
    const draftId = decodeURIComponent(author.url().split('/').pop() ?? '');
    await expect.poll(() => author.locator('.react-flow__node').count(), { timeout: 20_000 }).toBe(4);

    // A task step from the palette, on the connection "decide -> approved".
    await author.locator('.ge-chip', { hasText: 'duyệt' }).first().click();
    await author.getByRole('toolbar', { name: 'Thêm bước' }).getByRole('button', { name: /^Xử lý/ }).click();
    await expect.poll(() => author.locator('.react-flow__node').count(), { timeout: 10_000 }).toBe(5);
    const props = author.getByRole('complementary', { name: 'Thuộc tính' });
    await commit(author, 'Tên bước (tiếng Việt)', 'Ký giấy xác nhận', props);
    await author.locator('.react-flow__node', { hasText: 'Ký giấy xác nhận' }).waitFor();
    await author.getByText('Không có lỗi').waitFor();
    await shot(author, '01-task-added');

    // A component the population database can replace, a fee exempted online, a shorter deadline.
    await author.getByRole('tab', { name: /Hồ sơ, phí, thời hạn/ }).click();
    await author.getByRole('button', { name: '+ Thêm thành phần hồ sơ' }).click();
    await commit(author, 'Tên giấy tờ (tiếng Việt)', 'Giấy xác nhận thông tin cư trú', author.getByRole('listitem', { name: 'Thành phần Giấy tờ mới', exact: true }));
    const component = author.getByRole('listitem', { name: 'Thành phần Giấy xác nhận thông tin cư trú', exact: true });
    await component.getByLabel(/lấy được dữ liệu từ CSDL quốc gia/).check();
    await component.getByLabel('Nguồn dữ liệu').selectOption('population');
    await component.getByLabel('Tra cứu theo trường').selectOption('applicant.nationalId');
    await author.getByRole('button', { name: '+ Thêm khoản phí' }).click();
    const fee = author.getByRole('listitem', { name: 'Khoản phí Lệ phí', exact: true });
    await commit(author, 'Mức thu', '15000', fee);
    await fee.getByLabel('Có trường hợp được miễn').check();
    await fee.getByText(/Đọc là:/).waitFor();
    await commit(author, 'Số', '5', author.getByRole('group', { name: 'Thời hạn giải quyết theo luật' }));
    await author.getByText('Không có lỗi').waitFor();
    await shot(author, '02-dossier');
    await author.getByRole('button', { name: /Lưu bản nháp/ }).click();
    await author.locator('.save-state', { hasText: 'Đã lưu' }).waitFor();

    // The simulator: a case by hand, online, the component on record in the population database.
    await author.getByRole('tab', { name: /Mô phỏng/ }).click();
    const hand = author.getByRole('region', { name: 'Chạy thử một hồ sơ' });
    await author.getByText('Bản nháp chưa có kịch bản nào.', { exact: false }).waitFor();
    await hand.getByLabel(/Cơ sở dữ liệu quốc gia về dân cư có bản ghi với khóa 001090000001/).check();
    await shot(author, '03-simulator-setup');
    await hand.getByRole('button', { name: 'Nộp hồ sơ mẫu' }).click();
    await expect.poll(() => hand.getByTestId('sim-status').innerText()).toBe('đang xử lý');
    expect(await hand.getByTestId('sim-fees').innerText()).toMatch(/^0 ₫ \(Lệ phí: miễn\)/);
    expect(await hand.locator('[data-testid="sim-components"] li[data-status="replaced"]').innerText()).toContain('Giấy xác nhận thông tin cư trú');
    const actions = hand.getByRole('group', { name: 'Thao tác được phép lúc này' });
    await actions.getByRole('button', { name: 'Xem xét, giải quyết: duyệt' }).click();
    await expect.poll(() => hand.getByTestId('sim-active').innerText()).toBe('Ký giấy xác nhận');
    await hand.getByLabel('Số ngày làm việc').fill('2');
    await hand.getByRole('button', { name: 'Chuyển đồng hồ' }).click();
    await actions.getByRole('button', { name: 'Ký giấy xác nhận: duyệt' }).click();
    await expect.poll(() => hand.getByTestId('sim-status').innerText()).toBe('đã giải quyết');
    expect(await hand.getByRole('region', { name: 'Diễn biến' }).innerText()).toMatch(/Nộp hồ sơ[\s\S]*Chuyển bước[\s\S]*Kết thúc/);
    await shot(author, '04-simulator-run');
    await hand.getByLabel('Tên trường hợp').fill('Nộp trực tuyến, giấy tờ lấy từ CSDL dân cư, được miễn lệ phí');
    await hand.getByRole('button', { name: 'Lưu thành kịch bản vào bản nháp' }).click();
    await hand.getByText(/Đã lưu kịch bản .*\.test\.yaml vào bản nháp/).waitFor();
    await author.locator('.save-state', { hasText: 'Đã lưu' }).waitFor();

    // The saved scenario runs green in the browser...
    const runs = author.getByRole('region', { name: 'Kịch bản kiểm thử' });
    await runs.getByRole('button', { name: 'Chạy tất cả kịch bản' }).click();
    await expect.poll(() => runs.getByTestId('scenario-summary').innerText()).toBe('1 đạt, 0 không đạt, 0 bỏ qua');
    await shot(author, '05-scenarios-pass');
    // ...and the server holds it in the draft, with the exact verdict: no diagnostics.
    const token = await suite.server.server.services.auth.issue('tac-gia');
    const draft = (await (await fetch(`${suite.server.url}/api/drafts/${draftId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { scenarios: { name: string; source: string }[]; diagnostics: { code: string }[]; source: string };
    expect(draft.scenarios).toHaveLength(1);
    expect(draft.diagnostics.filter((d) => d.code.startsWith('E_'))).toEqual([]);
    const saved = parse(draft.source) as { steps: { id: string; name: { vi: string } }[]; components: { replaceableBy?: unknown }[]; fees: { amount: number; exempt?: string }[]; deadline: { value: number } };
    expect(saved.steps.map((s) => s.name.vi)).toContain('Ký giấy xác nhận');
    expect(saved.components.at(-1)?.replaceableBy).toEqual({ source: 'population', key: 'data.applicant.nationalId' });
    expect(saved.fees.at(-1)).toMatchObject({ amount: 15000, exempt: expect.any(String) });
    expect(saved.deadline.value).toBe(5);
    expect(draft.scenarios[0]?.source).toMatch(/fees: 0/);

    await author.getByRole('button', { name: /Gửi phê duyệt/ }).click();
    await expect.poll(() => status(author)).toContain('Chờ phê duyệt');

    // A reviewer approves; the author publishes.
    const approver = await as('phe-duyet', `#/drafts/${draftId}`);
    await approver.getByLabel(/Ý kiến phê duyệt/).fill('Đạt.');
    await approver.getByRole('button', { name: /^Phê duyệt/ }).click();
    await expect.poll(() => status(approver)).toContain('Đã phê duyệt');
    await author.reload();
    await author.getByRole('button', { name: /^Xuất bản/ }).click();
    await author.getByText('Đã xuất bản phiên bản 1.0.0.').waitFor();
    await shot(author, '06-published');

    // A citizen files it: the component is on record, the fee exempted online.
    const citizen = await as('cong-dan', `#/portal/${CODE}`);
    await citizen.getByRole('heading', { name: /Cấp giấy xác nhận cư trú thử nghiệm/ }).waitFor();
    await citizen.locator('#file-unit').selectOption(UNIT);
    await citizen.locator('[data-testid^="replaced-"]').first().waitFor();
    await expect.poll(() => citizen.getByTestId('fee-total').innerText()).toMatch(/^0 ₫/);
    // Only the template's request form is uploaded; the new component is not asked for.
    expect(await citizen.locator('input[type=file]').count()).toBe(1);
    await citizen.locator('#component-request-form').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 test') });
    await shot(citizen, '07-citizen-form');
    await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await citizen.waitForURL(/#\/cases\/[^/]+$/);
    const caseId = decodeURIComponent(citizen.url().split('/').pop() ?? '');
    expect(caseId).not.toBe('');
    await shot(citizen, '08-citizen-case');

    // An officer approves from the worklist: both steps.
    const officer = await as('can-bo', '#/worklist');
    await officer.locator('tr').filter({ hasText: caseId }).getByRole('link', { name: caseId }).click();
    const decide = officer.getByRole('region', { name: /Xử lý bước Xem xét, giải quyết/ });
    await decide.waitFor();
    await shot(officer, '09-officer-case');
    await decide.getByRole('button', { name: /^Duyệt/ }).click();
    const sign = officer.getByRole('region', { name: /Xử lý bước Ký giấy xác nhận/ });
    await sign.waitFor();
    await sign.getByRole('button', { name: /^Duyệt/ }).click();
    await sign.waitFor({ state: 'detached' });
    await shot(officer, '10-officer-done');
    const view = (await (await fetch(`${suite.server.url}/api/cases/${encodeURIComponent(caseId)}`, { headers: { authorization: `Bearer ${await suite.server.server.services.auth.issue('cong-dan')}` } })).json()) as { outcome?: string; status: string; fees?: { total: number }; components?: Record<string, { status: string }> };
    expect([view.status, view.outcome]).toEqual(['done', 'approved']);
    for (const p of [author, approver, citizen, officer]) await p.close();
  }, 240_000);
});
