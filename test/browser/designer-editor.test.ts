/**
 * The visual designer in Debian's Chromium: an author changes a procedure without typing YAML
 * (a task step inserted on a connection, a component population data can replace, a fee with an
 * exemption, a new deadline), and graph edits keep the file's comments and key order.
 * Screenshots go to test/browser/screenshots/ (gitignored) for a human look.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { longProcedure } from '../support/long-procedures';
import { browserPrerequisites, browserSuite, draftSource, openPage, REPO, yamlComments } from './harness';

const missing = browserPrerequisites();
const SHOTS = join(REPO, 'test/browser/screenshots');

/** Lines that start a top-level key, in order. */
const topKeys = (text: string): string[] => text.split('\n').filter((l) => /^[a-zA-Z]/.test(l)).map((l) => l.split(':')[0] ?? '');
/**
 * Every mapping of a YAML text with its keys in order, by a path in which list items that have an
 * `id` are named by it (so inserting or deleting a step does not rename its neighbours).
 */
function mappings(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (node: YamlNode | null | undefined, path: string): void => {
    if (isMap(node)) {
      out.set(path, node.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key)));
      for (const p of node.items) walk(p.value as YamlNode, `${path}/${String(isScalar(p.key) ? p.key.value : p.key)}`);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const id = isMap(item) ? item.get('id') : undefined;
        walk(item as YamlNode, `${path}/${typeof id === 'string' ? `#${id}` : i}`);
      });
    }
  };
  walk(parseDocument(text).contents, '');
  return out;
}

describe.skipIf(missing !== undefined)('the visual designer', () => {
  const suite = browserSuite();

  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });

  const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  /**
   * The procedure's YAML as the server keeps it: the author saves the edited version as a draft
   * ("Lưu thành bản nháp", docs/publishing.md) and the draft's text is read back.
   */
  async function savedDraftText(page: Page): Promise<string> {
    await page.getByRole('button', { name: /Lưu thành bản nháp/ }).click();
    await page.waitForURL(/#\/drafts\/[^/]+$/);
    const id = decodeURIComponent(page.url().split('/').pop() ?? '');
    await page.locator('.save-state', { hasText: 'Đã lưu' }).waitFor();
    return draftSource(page, id);
  }

  async function commit(page: Page, label: RegExp | string, value: string, scope = page.locator('body')): Promise<void> {
    const field = scope.getByLabel(label).first();
    await field.fill(value);
    await field.press('Enter');
  }

  it('an author adds a task, a replaceable component, a fee with an exemption and changes the deadline, without typing YAML', async () => {
    const page = await openPage(suite.browser, suite.server.url, { user: 'author-1', hash: '#/procedures/2.000884' });
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 20_000 }).toBe(7);
    await page.getByText('Không có lỗi').waitFor();
    await shot(page, 'designer-flow');

    // Insert a task on the connection "check -> sign" (the approve action).
    await page.locator('.ge-chip', { hasText: 'duyệt' }).first().click();
    await page.getByRole('toolbar', { name: 'Thêm bước' }).getByRole('button', { name: /^Xử lý/ }).click();
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 10_000 }).toBe(8);
    const panel = page.getByRole('complementary', { name: 'Thuộc tính' });
    await commit(page, 'Tên bước (tiếng Việt)', 'Thẩm định hồ sơ', panel);
    await panel.getByLabel('Vai trò xử lý').selectOption('certification-officer');
    await page.locator('.react-flow__node', { hasText: 'Thẩm định hồ sơ' }).waitFor();
    await page.getByText('Không có lỗi').waitFor();
    await shot(page, 'designer-task-added');

    // Undo the role and the rename from the toolbar, then redo both.
    const undo = page.getByRole('button', { name: /Hoàn tác/ });
    expect(await undo.getAttribute('title')).toMatch(/Đổi vai trò/);
    await undo.click();
    await undo.click();
    await page.locator('.react-flow__node', { hasText: 'Thẩm định hồ sơ' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /Làm lại/ }).click();
    await page.getByRole('button', { name: /Làm lại/ }).click();
    await page.locator('.react-flow__node', { hasText: 'Thẩm định hồ sơ' }).waitFor();

    await page.getByRole('tab', { name: /Hồ sơ, phí, thời hạn/ }).click();
    await page.getByRole('button', { name: '+ Thêm thành phần hồ sơ' }).click();
    const component = page.getByRole('listitem', { name: 'Thành phần Giấy tờ mới', exact: true });
    await commit(page, 'Tên giấy tờ (tiếng Việt)', 'Giấy khai sinh', component);
    const replaced = page.getByRole('listitem', { name: 'Thành phần Giấy khai sinh', exact: true });
    await replaced.getByLabel(/lấy được dữ liệu từ CSDL quốc gia/).check();
    await replaced.getByLabel('Nguồn dữ liệu').selectOption('population');

    await page.getByRole('button', { name: '+ Thêm khoản phí' }).click();
    const fee = page.getByRole('listitem', { name: 'Khoản phí Lệ phí', exact: true });
    await commit(page, 'Mức thu', '20000', fee);
    await fee.getByLabel('Có trường hợp được miễn').check();
    await fee.getByText(/Đọc là:/).waitFor();
    const deadline = page.getByRole('group', { name: 'Thời hạn giải quyết theo luật' });
    await commit(page, 'Số', '3', deadline);
    await commit(page, 'Gia hạn tối đa (cộng dồn)', '2');
    await shot(page, 'designer-dossier');

    // The procedure stays valid after all of it.
    await page.getByText('Không có lỗi').waitFor();
    await page.getByRole('tab', { name: /YAML/ }).click();
    await page.locator('.cm-content').waitFor();
    await shot(page, 'designer-yaml');
    const text = await savedDraftText(page);
    const value = (await import('yaml')).parse(text) as { steps: { id: string; name?: { vi: string }; role?: string; actions?: Record<string, { to: string }> }[]; components: { name: { vi: string }; replaceableBy?: { source: string } }[]; fees: { amount: number; exempt?: string }[]; deadline: { value: number }; extension?: { max: number } };
    const task = value.steps.find((s) => s.name?.vi === 'Thẩm định hồ sơ');
    expect(task?.role).toBe('certification-officer');
    expect(value.steps.find((s) => s.id === 'check')?.actions?.approve?.to).toBe(task?.id);
    expect(task?.actions?.approve?.to).toBe('sign');
    expect(value.components.at(-1)).toMatchObject({ name: { vi: 'Giấy khai sinh' }, replaceableBy: { source: 'population' } });
    expect(value.fees.at(-1)).toMatchObject({ amount: 20000, exempt: expect.any(String) });
    expect(value.deadline.value).toBe(3);
    expect(value.extension).toEqual({ max: 2 });
    await page.close();
  }, 120_000);

  it("the YAML tab completes keys from the format's schema", async () => {
    const page = await openPage(suite.browser, suite.server.url, { user: 'author-1', hash: '#/procedures/2.000815' });
    await page.getByRole('tab', { name: /YAML/ }).click();
    const content = page.locator('.cm-content');
    await content.waitFor();
    // At the top level, after the last line: "legal" offers the format's legalBasis key.
    await content.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nlegal');
    const list = page.locator('.cm-tooltip-autocomplete');
    await list.waitFor({ timeout: 10_000 });
    await expect.poll(() => list.innerText()).toContain('legalBasis');
    await page.close();
  }, 60_000);

  it('graph edits keep the comments and the key order of the YAML', async () => {
    const file = readFileSync(join(REPO, 'procedures/certification/2.000815-certify-copy-from-original.yaml'), 'utf8');
    const page = await openPage(suite.browser, suite.server.url, { user: 'author-1', hash: '#/procedures/2.000815' });
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    // Rename a step from the properties panel: every reference follows.
    await page.locator('.react-flow__node[data-id="sign"]').click();
    const panel = page.getByRole('complementary', { name: 'Thuộc tính' });
    await commit(page, /^Mã \(dùng để nối/, 'ky-chung-thuc', panel);
    await page.locator('.react-flow__node[data-id="ky-chung-thuc"]').waitFor();
    // Connect by dragging: the sign step's "return" handle onto the supplement step.
    const handle = page.locator('.react-flow__node[data-id="ky-chung-thuc"] .react-flow__handle[data-handleid="return"]');
    const target = page.locator('.react-flow__node[data-id="supplement"]');
    await handle.dragTo(target);
    await page.locator('.react-flow__edge[data-id="ky-chung-thuc:return"]').waitFor();
    await expect.poll(() => page.locator('.react-flow__edge[data-id="ky-chung-thuc:return"]').getAttribute('aria-label')).toMatch(/tới «Người yêu cầu bổ sung giấy tờ»/);
    // Add an outcome and change the deadline from the panel.
    await page.getByRole('button', { name: 'Từ chối' }).first().click();
    await expect.poll(() => page.locator('.react-flow__node[data-id="rejected-2"]').count()).toBe(1);
    await shot(page, 'designer-comments-graph');

    const text = await savedDraftText(page);
    expect(text).toContain('id: ky-chung-thuc');
    expect(text).toMatch(/return: \{ to: supplement/);
    expect(text).not.toMatch(/to: sign\b/);
    for (const c of yamlComments(file)) expect(text).toContain(c);
    // The draft's version is the next one (a published version never changes); the rest keeps its place.
    expect(text).toMatch(/^version: 1\.0\.1$/m);
    expect(topKeys(text)).toEqual(topKeys(file));
    await page.close();
  }, 120_000);

  it('graph edits (add a step from the palette, connect by dragging, rename, delete) keep every comment and key order', async () => {
    const original = readFileSync(join(REPO, 'test/fixtures/designer/commented-procedure.yaml'), 'utf8');
    const page = await openPage(suite.browser, suite.server.url, { user: 'author-1', hash: '#/drafts' });
    const id = await page.evaluate(async (source) => {
      const res = await fetch('/api/drafts', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}` }, body: JSON.stringify({ from: 'source', source }) });
      return ((await res.json()) as { id: string }).id;
    }, original);
    await page.goto(`${suite.server.url}/#/drafts/${encodeURIComponent(id)}`);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 20_000 }).toBe(6);
    await page.getByText('Không có lỗi').waitFor();
    const panel = page.getByRole('complementary', { name: 'Thuộc tính' });

    // The palette adds a task after the selected step.
    await page.locator('.react-flow__node[data-id="check"]').click();
    await page.getByRole('toolbar', { name: 'Thêm bước' }).getByRole('button', { name: /^Xử lý/ }).click();
    await page.locator('.react-flow__node[data-id="task"]').waitFor();
    // Rename it (its id and its name) from the panel.
    await commit(page, /^Mã \(dùng để nối/, 'tham-dinh', panel);
    await page.locator('.react-flow__node[data-id="tham-dinh"]').waitFor();
    await commit(page, 'Tên bước (tiếng Việt)', 'Thẩm định', panel);
    await page.locator('.react-flow__node[data-id="tham-dinh"]', { hasText: 'Thẩm định' }).waitFor();
    // Dragging the new step's "+" handle onto the signing step adds an action going there.
    await page.locator('.react-flow__node[data-id="tham-dinh"] .react-flow__handle[data-handleid="__new"]').dragTo(page.locator('.react-flow__node[data-id="sign"]'));
    await page.locator('.react-flow__edge[data-id="tham-dinh:action"]').waitFor();
    // Delete the last outcome: the panel lists the step that still points at it first.
    await page.locator('.react-flow__node[data-id="withdrawn"]').click();
    await panel.getByRole('button', { name: /^Xóa «withdrawn»/ }).click();
    const confirm = panel.getByRole('alertdialog');
    await confirm.getByText('bước «Kiểm tra bản chính», Người yêu cầu rút').waitFor();
    await confirm.getByRole('button', { name: 'Xóa', exact: true }).click();
    await expect.poll(() => page.locator('.react-flow__node[data-id="withdrawn"]').count()).toBe(0);
    await shot(page, 'designer-commented-graph');

    await page.getByRole('button', { name: /Lưu bản nháp/ }).click();
    await page.locator('.save-state', { hasText: 'Đã lưu' }).waitFor();
    const text = await page.evaluate(async (d) => {
      const res = await fetch(`/api/drafts/${encodeURIComponent(d)}`, { headers: { authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}` } });
      return ((await res.json()) as { source: string }).source;
    }, id);

    // The edits are there...
    const after = (await import('yaml')).parse(text) as { steps: { id: string; name?: { vi: string }; actions?: Record<string, { to: string }> }[]; outcomes: Record<string, unknown> };
    expect(after.steps.map((s) => s.id)).toEqual(['pay', 'check', 'tham-dinh', 'sign']);
    expect(after.steps[2]).toMatchObject({ name: { vi: 'Thẩm định' }, actions: { action: { to: 'sign' } } });
    expect(Object.keys(after.outcomes)).toEqual(['approved', 'rejected']);
    // ...every comment of the original is kept, in the same order...
    const kept = yamlComments(original);
    expect(kept.length).toBeGreaterThan(8);
    let from = 0;
    for (const c of kept) {
      const at = text.indexOf(c, from);
      expect(at, `comment kept in order: ${c}`).toBeGreaterThanOrEqual(0);
      from = at + c.length;
    }
    // ...and every mapping keeps its keys' order: exactly where no key came or went, relatively elsewhere.
    const before = mappings(original);
    const now = mappings(text);
    let compared = 0;
    for (const [path, keys] of before) {
      const current = now.get(path);
      if (!current) continue;
      const surviving = keys.filter((k) => current.includes(k));
      expect(current.filter((k) => keys.includes(k)), `key order at ${path || '/'}`).toEqual(surviving);
      if (surviving.length === keys.length && current.length === keys.length) {
        expect(current, `keys at ${path || '/'}`).toEqual(keys);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    await page.close();
  }, 120_000);

  /** Chips (edge labels) whose boxes overlap on screen, as pairs of their texts. */
  async function overlappingChips(page: Page): Promise<string[]> {
    return page.locator('.ge-chip').evaluateAll((chips) => {
      const boxes = chips.map((c) => ({ text: c.textContent ?? '', r: c.getBoundingClientRect() }));
      const out: string[] = [];
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
        if (a.r.left < b.r.right - 0.5 && b.r.left < a.r.right - 0.5 && a.r.top < b.r.bottom - 0.5 && b.r.top < a.r.bottom - 0.5) out.push(`${a.text} / ${b.text}`);
      }));
      return out;
    });
  }

  it('the graph of a 60-step procedure names roles (with their level), steps and conditions, and no edge labels overlap', async () => {
    const page = await openPage(suite.browser, suite.server.url, { user: 'author-1', hash: '#/drafts' });
    const { id, roles } = await page.evaluate(async (source) => {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}` };
      const res = await fetch('/api/drafts', { method: 'POST', headers, body: JSON.stringify({ from: 'source', source }) });
      const catalogues = (await (await fetch('/api/catalogues', { headers })).json()) as { roles: { id: string; name: { vi: string } }[] };
      return { id: ((await res.json()) as { id: string }).id, roles: catalogues.roles };
    }, longProcedure(60));
    await page.goto(`${suite.server.url}/#/drafts/${encodeURIComponent(id)}`);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 20_000 }).toBe(62);
    await page.getByText('Không có lỗi').waitFor();

    // Roles by their catalogue name and level, never their id; no CEL on any label.
    const t0 = roles.find((r) => r.id === 'reception-officer');
    // Polled: the graph shows a node once it has measured it (hidden until then, without text).
    await expect.poll(() => page.locator('.react-flow__node[data-id="t0"] .ge-detail').innerText()).toBe(`${t0?.name.vi ?? '?'} (cấp xã)`);
    const nodeTexts = (await page.locator('.react-flow__node').allInnerTexts()).join('\n');
    for (const r of roles) expect(nodeTexts).not.toContain(r.id);
    const chips = await page.locator('.ge-chip').allInnerTexts();
    expect(chips.length).toBeGreaterThan(100);
    for (const c of chips) expect(c).not.toMatch(/data\.|==|&&|\|\||^approve$|^reject$/);
    expect(chips.filter((c) => /^nếu Số bản sao lớn hơn \d/.test(c)).length).toBe(8);
    // Edges are named by their steps' titles.
    expect(await page.locator('.react-flow__edge[data-id="pay:to"]').getAttribute('aria-label')).toBe('đã nộp phí: từ «Nộp lệ phí» tới «Tiếp nhận hồ sơ (0)»');

    expect(await overlappingChips(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sắp xếp lại' }).click();
    await page.getByRole('button', { name: 'Sắp xếp lại' }).waitFor();
    await page.waitForTimeout(500);
    expect(await overlappingChips(page)).toEqual([]);
    // A closer look for a human: zoomed on the start of the flow.
    for (let i = 0; i < 4; i++) await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.ge-canvas').screenshot({ path: join(SHOTS, 'designer-60-steps.png') });
    expect(await overlappingChips(page)).toEqual([]);
    await page.close();
  }, 120_000);
});
