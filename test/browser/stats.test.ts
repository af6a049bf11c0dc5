/**
 * The leaders' dashboard in Debian's Chromium against the real server (demo mode, temp
 * SQLite): 90 days of statistics for a dozen communes of Hà Nội are recorded through the
 * statistics write functions (the same the transition's transaction calls), then the
 * province's chair opens "Thống kê": the key figures, the charts (ECharts, loaded lazily), the
 * worst and best communes by name, links to the overdue cases, and the 766 index with "not
 * measured" shown as such. A screenshot is written to test/browser/screenshots/stats.png.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCounts, dayOfInstant, monthOf, startOfDay, unitPath } from '../../server/src/stats';
import { browserPrerequisites, browserSuite, DIST, openPage, REPO } from './harness';

const missing = browserPrerequisites();
const DAY = 86_400_000;

describe.skipIf(missing !== undefined)('the statistics dashboard in the browser', () => {
  const suite = browserSuite();
  let overdueId = '';

  beforeAll(async () => {
    const db = suite.server.server.services.db;
    const units = await suite.server.server.services.cases.unitMap();
    const communes = [...units.values()].filter((u) => u.parent === 'ha-noi').slice(0, 12).map((u) => u.id);
    const procedures = ['1.004873', '1.001193', '1.000656'];
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const today = dayOfInstant(Date.now());
    const now = Date.now();
    await db.transact(async (sql) => {
      for (let d = today - 89; d <= today; d++) {
        for (const [i, unit] of communes.entries()) {
          const procedure = procedures[Math.floor(random() * procedures.length)]!;
          const received = 1 + Math.floor(random() * 6);
          const online = Math.floor(received * (0.3 + 0.5 * random()));
          // Some communes do worse than others, so that the ranking means something.
          const onTime = Math.min(received, Math.round(received * (0.55 + 0.04 * i + 0.1 * random())));
          addCounts(sql, { day: d, unitPath: unitPath(unit, units), procedure }, {
            received, online, resolved: received, onTime, processingDays: received * (2 + 4 * random()), eResults: Math.floor(received * 0.7), ratings: 1, ratingSum: 3 + Math.floor(random() * 3),
          });
        }
      }
      // A few cases still open: some past their due.
      for (let k = 0; k < 8; k++) {
        const unit = communes[k % communes.length]!;
        const day = today - 3 - k;
        const id = `demo-open-${k}`;
        if (k === 4) overdueId = id; // the longest overdue, listed first
        await sql.run('INSERT INTO case_stats (case_id, unit_id, unit_path, procedure_code, online, received_at, received_day, supplements, e_result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          id, unit, unitPath(unit, units), procedures[k % 3], true, startOfDay(day) + 9 * 3_600_000, day, 0, false,
        ]);
        await sql.run('INSERT INTO stats_open (case_id, unit_id, procedure_code, received_day, received_month, late_after, due_soon_at, supplements) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          id, unit, procedures[k % 3], day, monthOf(day), k < 5 ? now - (k + 1) * DAY : now + 2 * DAY, k < 5 ? null : now - DAY, 0,
        ]);
        addCounts(sql, { day, unitPath: unitPath(unit, units), procedure: procedures[k % 3]! }, { received: 1, online: 1 });
      }
    });
  }, 240_000);

  it('a province leader sees charts, the ranking by name, the overdue cases and the 766 index with "not measured"', async () => {
    const page = await openPage(suite.browser, suite.server.url, { user: 'province-chair.ha-noi' });
    const scripts: string[] = [];
    page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(r.url()); });
    await page.getByRole('link', { name: /Thống kê/ }).click();
    await page.getByRole('heading', { name: /Thống kê giải quyết hồ sơ/ }).waitFor();
    await page.locator('.kpis').waitFor();
    // Charts drawn by ECharts (SVG), the time series with its points.
    await page.locator('.chart svg path').first().waitFor({ state: 'attached' });
    expect(await page.locator('.chart svg').count()).toBe(3);
    // Key figures: the province's total adds up its communes.
    const received = await page.locator('.kpis dd').first().innerText();
    expect(Number(received.replace(/\D/g, ''))).toBeGreaterThan(1000);
    // Ranking and 766 table by name: no raw unit id anywhere on the page.
    const text = await page.locator('main').innerText();
    expect(text).toContain('Phường');
    expect(text).not.toMatch(/ha-noi-[a-z]/);
    expect(await page.locator('.ranking tbody tr').count()).toBe(12);
    await expect.poll(() => page.locator('.index766 .not-measured').count()).toBeGreaterThan(10);
    expect(text).toContain('Chỉ số phục vụ theo Quyết định 766/QĐ-TTg');
    // The overdue cases are listed, the longest overdue first; a province's leader sees that a
    // commune's case is late, not the citizen's file: no link that would answer 404.
    expect(await page.locator('.overdue tbody tr').count()).toBe(5);
    expect(await page.locator('.overdue tbody tr').first().innerText()).toContain(overdueId);
    expect(await page.locator('.overdue tbody tr').first().innerText()).toContain('đơn vị tiếp nhận xử lý');
    expect(await page.locator('.overdue a').count()).toBe(0);
    // ECharts came in its own chunk, after the page was opened: not in the main bundle.
    const main = readdirSync(join(DIST, 'assets')).filter((f) => /^index-.*\.js$/.test(f));
    expect(main.length).toBeGreaterThan(0);
    for (const f of main) expect(readFileSync(join(DIST, 'assets', f), 'utf8')).not.toContain('echarts');
    expect(scripts.some((u) => /StatsPage|EChart/.test(u))).toBe(true);
    mkdirSync(join(REPO, 'test/browser/screenshots'), { recursive: true });
    await page.screenshot({ path: join(REPO, 'test/browser/screenshots/stats.png'), fullPage: true });
    // Drill-down: a commune's own dashboard.
    await page.locator('.ranking a').first().click();
    await page.getByText('Toàn bộ phạm vi').waitFor();
    await page.close();
  }, 120_000);

  it('a citizen is told statistics are not theirs', async () => {
    const page = await openPage(suite.browser, suite.server.url, { user: 'citizen-1', hash: '#/stats' });
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByRole('alert').first().innerText()).toMatch(/E_FORBIDDEN|không|officer/i);
    await page.close();
  }, 60_000);
});
