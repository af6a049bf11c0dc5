import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
const REPO = process.cwd();
const dirs = (process.env.DIRS ?? '/tmp/p3g-a,/tmp/p3g-b').split(',');
const { loadConfig, startServer } = await import(join(REPO, 'server/src/index.ts'));
const servers = [];
for (const out of dirs) {
  const dataDir = mkdtempSync(join(tmpdir(), 'p3g-data-'));
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined }, { dataDir });
  servers.push(await startServer({ ...config, port: 0, host: '127.0.0.1', demo: true, library: join(REPO, 'procedures'), webDir: out, sqliteFile: join(dataDir, 'motcua.sqlite') }, () => undefined));
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const res: Record<string, { total: number[]; cpu: number[]; card: number[] }> = {};
for (let i = 0; i < Number(process.env.N ?? 3); i++) {
  for (const [k, started] of servers.entries()) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: process.env.LOCALE ?? 'vi-VN' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (!process.env.FAST) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50000, uploadThroughput: 50000 });
    await page.addInitScript(() => { new MutationObserver((_, o) => { if (document.querySelector('.cards .card h2 a')) { (window as any).__cardAt = performance.now(); o.disconnect(); } }).observe(document, { childList: true, subtree: true }); });
    const t0 = performance.now();
    await page.goto(`${started.url}/${process.env.HASH ?? '#/portal'}`, { waitUntil: 'commit', timeout: 60000 });
    await page.locator('.cards .card h2 a').first().waitFor({ timeout: 60000 });
    const total = performance.now() - t0;
    const m = await page.evaluate(() => { const js = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).map((r: any) => r.responseEnd); return { card: (window as any).__cardAt as number, lastJs: Math.max(...js) }; });
    const r = (res[dirs[k]!] ??= { total: [], cpu: [], card: [] });
    r.total.push(Math.round(total)); r.card.push(Math.round(m.card)); r.cpu.push(Math.round(m.card - m.lastJs));
    await context.close();
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [d, r] of Object.entries(res)) console.log(d, 'total', r.total.join(','), 'med', med(r.total), '| card(page clock)', r.card.join(','), '| after last js', r.cpu.join(','), 'med', med(r.cpu));
await browser.close();
for (const s of servers) await s.server.close();
