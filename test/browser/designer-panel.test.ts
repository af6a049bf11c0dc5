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
import { browserPrerequisites, browserSuite, commitField, draftSource, openPage, REPO, yamlComments } from './harness';

const missing = browserPrerequisites();
const SHOTS = join(REPO, 'test/browser/screenshots');
const FIXTURE = readFileSync(join(REPO, 'test/fixtures/designer/commented-procedure.yaml'), 'utf8');

type Obj = Record<string, unknown>;

describe.skipIf(missing !== undefined)('the properties panel', () => {
  const suite = browserSuite();
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  it("changes a step's role, SLA and an action's reason through the generated panel, and the YAML says so", async () => {
    const page = await openPage(suite.browser, suite.server.url, { user: 'author-1', hash: '#/drafts' });
    const id = await page.evaluate(async (source) => {
      const res = await fetch('/api/drafts', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}` }, body: JSON.stringify({ from: 'source', source }) });
      return ((await res.json()) as { id: string }).id;
    }, FIXTURE);
    await page.goto(`${suite.server.url}/#/drafts/${encodeURIComponent(id)}`);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 20_000 }).toBe(6);
    await page.getByText('Không có lỗi').waitFor();
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
    await commitField(page, 'Tiêu đề ô lý do', 'Lý do không chứng thực', reject);
    const withdraw = panel.getByRole('listitem', { name: 'Thao tác Người yêu cầu rút' });
    await withdraw.getByLabel('Cán bộ phải ghi lý do').check();
    await withdraw.getByLabel('Tiêu đề ô lý do').waitFor();
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
    let from = 0;
    for (const c of yamlComments(FIXTURE)) {
      const at = text.indexOf(c, from);
      expect(at, `comment kept in order: ${c}`).toBeGreaterThanOrEqual(0);
      from = at + c.length;
    }
    expect(text).toContain('sla: { unit: working-day, value: 4 }');
    await page.close();
  }, 180_000);
});
