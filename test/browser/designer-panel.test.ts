/**
 * The designer's properties panel, generated from the format's JSON Schema with rjsf, in
 * Debian's Chromium: an author selects a step and changes its role (the catalogue's picker),
 * its SLA and an action's reason field, adds a step from the palette while a step is selected
 * (it is connected), sets an outcome's storage, and the saved YAML holds exactly that, with every
 * comment of the hand-written file in order. Screenshots of the panel go to
 * test/browser/screenshots/ (gitignored).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contextOf, loadLibrarySync, validateProcedureText } from 'motcua/engine/node';
import type { Page } from 'playwright-core';
import { axe, browserPrerequisites, browserSuite, commitField, draftSource, openPage, REPO, yamlComments } from './harness';

const missing = browserPrerequisites();
const SHOTS = join(REPO, 'test/browser/screenshots');
const FIXTURE = readFileSync(join(REPO, 'test/fixtures/designer/commented-procedure.yaml'), 'utf8');

type Obj = Record<string, unknown>;

describe.skipIf(missing !== undefined)('the properties panel', () => {
  const suite = browserSuite();
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  /** A draft of the commented fixture, opened in the designer as an author. */
  async function openFixture(): Promise<{ page: Page; id: string }> {
    const page = await openPage(suite.browser, suite.server.url, { user: 'author-1', hash: '#/drafts' });
    const id = await page.evaluate(async (source) => {
      const res = await fetch('/api/drafts', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}` }, body: JSON.stringify({ from: 'source', source }) });
      return ((await res.json()) as { id: string }).id;
    }, FIXTURE);
    await page.goto(`${suite.server.url}/#/drafts/${encodeURIComponent(id)}`);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 20_000 }).toBe(6);
    await page.getByText('Không có lỗi').waitFor();
    return { page, id };
  }

  /** Every comment of the fixture is in `text`, in the same order. */
  function expectCommentsKept(text: string): void {
    let from = 0;
    for (const c of yamlComments(FIXTURE)) {
      const at = text.indexOf(c, from);
      expect(at, `comment kept in order: ${c}`).toBeGreaterThanOrEqual(0);
      from = at + c.length;
    }
  }

  /** axe-core on the properties panel as it stands: no serious or critical violation. */
  async function expectPanelAccessible(page: Page, what: string): Promise<void> {
    const bad = (await axe(page, '.props-panel')).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${what}: ${v.id} ${v.help} ${JSON.stringify(v.nodes)}`)).toEqual([]);
  }

  it("changes a step's role, SLA and an action's reason through the generated panel, and the YAML says so", async () => {
    const { page, id } = await openFixture();
    const panel = page.getByRole('complementary', { name: 'Thuộc tính' });

    await page.locator('.react-flow__node[data-id="check"]').click();
    await panel.getByLabel('Vai trò xử lý').waitFor();
    await panel.screenshot({ path: join(SHOTS, 'designer-panel-step.png') });
    // The role picker lists the catalogue's roles by name and level.
    const role = panel.getByLabel('Vai trò xử lý');
    const options = await role.locator('option').allInnerTexts();
    expect(options.length).toBeGreaterThan(3);
    for (const o of options) expect(o).toMatch(/\(cấp (xã|tỉnh|bộ)/i);
    await role.selectOption('commune-chair');
    const sla = panel.getByRole('group', { name: 'Thời hạn của bước (SLA)' });
    await commitField(page, 'Số', '4', sla);
    await sla.getByLabel('Đơn vị').selectOption('working-day');
    // The reject action's reason: its title; the withdraw action now requires one too.
    const reject = panel.getByRole('listitem', { name: 'Thao tác Từ chối chứng thực' });
    await commitField(page, /^Tiêu đề$/, 'Lý do không chứng thực', reject);
    const withdraw = panel.getByRole('listitem', { name: 'Thao tác Người yêu cầu rút' });
    await withdraw.getByLabel('Cán bộ phải ghi lý do').check();
    await withdraw.locator('.fb-field', { hasText: 'reason' }).waitFor();
    expect(await page.getByRole('button', { name: /Hoàn tác/ }).getAttribute('title')).toMatch(/Yêu cầu lý do/);
    await page.getByText('Không có lỗi').waitFor();
    await panel.screenshot({ path: join(SHOTS, 'designer-panel-task.png') });

    // No English of the format's schema, and no raw key, in the Vietnamese panel.
    const words = await panel.innerText();
    for (const english of ["share of the statutory", 'A step id', 'Action id', 'JSON Schema', 'props.', 'panel.', 'Role (catalogues']) expect(words).not.toContain(english);

    // A step added from the palette while `sign` is selected is connected: sign's way forward leads to it.
    await page.locator('.react-flow__node[data-id="sign"]').click();
    await page.getByRole('toolbar', { name: 'Thêm bước' }).getByRole('button', { name: /^Thanh toán|^Nộp phí/ }).first().click();
    await page.locator('.react-flow__node[data-id="payment"]').waitFor();
    await expect.poll(() => page.locator('.react-flow__edge[data-id="sign:sign"]').getAttribute('aria-label')).toMatch(/tới «Nộp phí, lệ phí»/);

    // An outcome: its status in words, its result kept nowhere.
    await page.locator('.react-flow__node[data-id="approved"]').click();
    expect(await panel.getByLabel('Trạng thái hồ sơ').locator('option:checked').innerText()).toBe('Hoàn thành (trả kết quả)');
    await panel.getByLabel('Nơi lưu giấy tờ kết quả').selectOption('none');
    await panel.screenshot({ path: join(SHOTS, 'designer-panel-outcome.png') });

    await page.getByRole('button', { name: /Lưu bản nháp/ }).click();
    await page.locator('.save-state', { hasText: 'Đã lưu' }).waitFor();
    const text = await draftSource(page, id);
    const value = parse(text) as { steps: Obj[]; outcomes: Record<string, Obj> };
    const check = value.steps.find((s) => s.id === 'check') as { role: string; sla: Obj; actions: Record<string, { form?: { required?: string[]; properties?: Record<string, Obj> } }> };
    expect(check.role).toBe('commune-chair');
    expect(check.sla).toEqual({ unit: 'working-day', value: 4 });
    expect(check.actions.reject?.form?.properties?.reason).toMatchObject({ type: 'string', minLength: 1, title: 'Lý do không chứng thực' });
    expect(check.actions.withdraw?.form).toMatchObject({ required: ['reason'], properties: { reason: { type: 'string', title: 'Lý do' } } });
    expect(value.steps.find((s) => s.id === 'sign')).toMatchObject({ actions: { sign: { to: 'payment' } } });
    expect(value.steps.find((s) => s.id === 'payment')).toMatchObject({ kind: 'payment', to: 'approved' });
    expect(value.outcomes.approved).toMatchObject({ status: 'done', result: { store: 'none', issuer: 'commune', document: 'certified-copy' } });
    // Panel edits are edits of the yaml Document: the file's comments stay, in order, and a flow mapping stays a flow mapping.
    expectCommentsKept(text);
    expect(text).toContain('sla: { unit: working-day, value: 4 }');
    await page.close();
  }, 180_000);

  it("edits an action's form, a parallel step's branches and a linked procedure's data mapping without YAML, and the engine validates the result", async () => {
    const { page, id } = await openFixture();
    const panel = page.getByRole('complementary', { name: 'Thuộc tính' });

    // (a) The reject action's form, with the e-form's own builder: a new field with labelled
    // choices, required, moved above the reason.
    await page.locator('.react-flow__node[data-id="check"]').click();
    const reject = panel.getByRole('listitem', { name: 'Thao tác Từ chối chứng thực' });
    await reject.getByRole('button', { name: '+ Thêm trường' }).click();
    const added = reject.locator('.fb-field', { hasText: 'truongMoi' });
    await commitField(page, /^Tiêu đề$/, 'Loại sai sót', added);
    await commitField(page, 'Mã trường', 'loaiSaiSot', added);
    const field = reject.locator('.fb-field', { hasText: 'loaiSaiSot' });
    // Its texts in both languages: the guidance shown under the input, and the English ones.
    await commitField(page, /^Ghi chú hướng dẫn$/, 'Chọn đúng loại sai sót trên bản chính', field);
    await commitField(page, 'Tiêu đề tiếng Anh', 'Kind of error', field);
    await commitField(page, 'Ghi chú hướng dẫn tiếng Anh', 'Pick the error found on the original', field);
    for (const [i, label] of ['Sai tên người ký', 'Thiếu trang'].entries()) {
      await field.getByLabel('Lựa chọn mới (nhãn tiếng Việt)').fill(label);
      await field.getByLabel('Lựa chọn mới (nhãn tiếng Việt)').press('Enter');
      await expect.poll(() => field.getByLabel(`Nhãn lựa chọn ${i + 1}`).inputValue()).toBe(label);
    }
    await field.getByLabel('Bắt buộc', { exact: true }).check();
    await field.getByRole('button', { name: 'Đưa trường Loại sai sót lên' }).click();
    await expect.poll(() => reject.locator('.fb-field code').allInnerTexts()).toEqual(['loaiSaiSot', 'reason']);
    expect(await page.getByRole('button', { name: /Hoàn tác/ }).getAttribute('title')).toMatch(/Đưa trường lên/);
    await panel.screenshot({ path: join(SHOTS, 'designer-panel-action-form.png') });
    await expectPanelAccessible(page, 'action form');

    // (b) A parallel step added after `sign`: a second branch, renamed, with a role and a second step.
    await page.locator('.react-flow__node[data-id="sign"]').click();
    await page.getByRole('toolbar', { name: 'Thêm bước' }).getByRole('button', { name: /^Song song/ }).click();
    await panel.getByText('Các nhánh song song').waitFor();
    await panel.getByRole('button', { name: '+ Thêm nhánh' }).click();
    const second = panel.getByRole('listitem', { name: 'Nhánh nhanh-2' });
    await commitField(page, 'Tên nhánh (mã)', 'thue', second);
    const tax = panel.getByRole('listitem', { name: 'Nhánh thue' });
    await tax.getByLabel('Vai trò xử lý').selectOption('certification-officer');
    await tax.getByRole('button', { name: '+ Thêm bước vào cuối nhánh' }).click();
    await expect.poll(() => tax.locator('.branch-step').count()).toBe(2);
    expect(await panel.getByLabel('Khi các nhánh xong, đi tới').locator('option:checked').innerText()).toMatch(/Bản sao được chứng thực/);
    await panel.screenshot({ path: join(SHOTS, 'designer-panel-parallel.png') });
    await expectPanelAccessible(page, 'parallel');

    // (c) A linked procedure after the parallel step, picked through the server's search, its
    // data mapped from this e-form's fields by their titles.
    await page.getByRole('toolbar', { name: 'Thêm bước' }).getByRole('button', { name: /^Liên thông/ }).click();
    await panel.getByLabel('Thủ tục liên thông').fill('2.000815');
    await panel.getByRole('button', { name: /^Chọn 2\.000815 / }).click();
    await panel.getByText(/Máy chủ đang giữ các phiên bản/).waitFor();
    const pages = panel.getByLabel(/«Số trang của bản chính» lấy từ/);
    await pages.waitFor();
    const sources = await pages.locator('option').allInnerTexts();
    expect(sources).toContain('Số trang của bản chính');
    expect(sources.join(' ')).not.toMatch(/data\./);
    await pages.selectOption({ label: 'Số trang của bản chính' });
    await panel.getByLabel(/«Số bản sao cần chứng thực» lấy từ/).selectOption({ label: 'Số bản sao' });
    await expect.poll(() => page.getByRole('button', { name: /Hoàn tác/ }).getAttribute('title')).toMatch(/Đổi dữ liệu chuyển sang liên thông/);
    await pages.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SHOTS, 'designer-panel-linked.png') });
    await expectPanelAccessible(page, 'linked procedure');
    // Nothing of the panel sends the author to the YAML tab any more.
    expect(await panel.innerText()).not.toMatch(/thẻ YAML/);

    await page.getByRole('button', { name: /Lưu bản nháp/ }).click();
    await page.locator('.save-state', { hasText: 'Đã lưu' }).waitFor();
    const text = await draftSource(page, id);
    const value = parse(text) as { steps: Obj[] };
    const check = value.steps.find((s) => s.id === 'check') as { actions: { reject: { form: { required: string[]; properties: Record<string, Obj> } } } };
    const form = check.actions.reject.form;
    expect(Object.keys(form.properties)).toEqual(['loaiSaiSot', 'reason']);
    expect(form.properties.loaiSaiSot).toEqual({
      type: 'string',
      title: 'Loại sai sót',
      description: 'Chọn đúng loại sai sót trên bản chính',
      'x-i18n': { en: { title: 'Kind of error', description: 'Pick the error found on the original' } },
      oneOf: [{ const: 'sai-ten-nguoi-ky', title: 'Sai tên người ký' }, { const: 'thieu-trang', title: 'Thiếu trang' }],
    });
    expect([...form.required].sort()).toEqual(['loaiSaiSot', 'reason']);
    // The spec's shapes: sign -> parallel (branches a and thue, each ending with `to: end`) -> linked -> approved.
    expect(value.steps.find((s) => s.id === 'sign')).toMatchObject({ actions: { sign: { to: 'parallel' } } });
    const parallel = value.steps.find((s) => s.id === 'parallel') as { kind: string; to: string; branches: Record<string, Obj[]> };
    expect(parallel.kind).toBe('parallel');
    expect(parallel.to).toBe('linked');
    expect(Object.keys(parallel.branches)).toEqual(['a', 'thue']);
    const thue = parallel.branches.thue ?? [];
    expect(thue).toHaveLength(2);
    expect(thue[0]).toMatchObject({ kind: 'task', role: 'certification-officer', actions: { done: { to: thue[1]?.id } } });
    expect(thue[1]).toMatchObject({ kind: 'task', role: 'certification-officer', actions: { done: { to: 'end' } } });
    expect(value.steps.find((s) => s.id === 'linked')).toMatchObject({ kind: 'procedure', procedure: '2.000815', data: { pages: 'data.pages', copies: 'data.copies' }, to: 'approved' });
    // The engine, with the library's catalogues and codes, finds no error in what was written.
    const { library } = loadLibrarySync(join(REPO, 'procedures'));
    const errors = validateProcedureText(text, 'draft.yaml', contextOf(library)).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expectCommentsKept(text);
    await page.close();
  }, 240_000);
});
