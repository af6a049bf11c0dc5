import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { longForm, longProcedure } from './test/bench/designer-fixtures';
const REPO = process.cwd();
const out = '/tmp/dist-prof';
const dataDir = mkdtempSync(join(tmpdir(), 'prof-'));
const { build } = await import('vite');
if (!process.env.NOBUILD) await build({ configFile: join(REPO, 'designer/vite.config.ts'), logLevel: 'warn', build: { outDir: out, emptyOutDir: true, minify: false } });
const { loadConfig, startServer } = await import('./server/src/index');
const config = loadConfig({ ...process.env, DATABASE_URL: undefined }, { dataDir });
const started = await startServer({ ...config, port: 0, host: '127.0.0.1', demo: true, library: join(REPO, 'procedures'), webDir: out, sqliteFile: join(dataDir, 'motcua.sqlite') }, () => undefined);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
await context.addInitScript('globalThis.__name = (f) => f');
const page = await context.newPage();
await page.goto(`${started.url}/#/login`);
await page.locator('#user-id').fill('author-1');
await page.locator('form button[type=submit]').click();
await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
const src = process.env.FORM ? longForm(300) : longProcedure(60);
const id = await page.evaluate(async (s) => { const res = await fetch('/api/drafts', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('motcua.token')}` }, body: JSON.stringify({ from: 'source', source: s }) }); return (await res.json()).id; }, src);
await page.goto(`${started.url}/?a#/drafts/${id}`);
await page.locator('.react-flow__node').first().waitFor();
await page.waitForTimeout(1500);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const t0 = Date.now();
if (process.env.FORM) {
  await page.getByRole('tab', { name: /Biểu mẫu điện tử/ }).click();
  const f = page.locator('.fb-preview input[type=text]').first();
  await f.click();
  for (const ch of 'Nguyen Van An') { await page.keyboard.press(ch === ' ' ? 'Space' : ch); await page.waitForTimeout(120); }
} else {
  await page.goto(`${started.url}/?b#/drafts/${id}`);
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length >= 62 && /\d+ lỗi/.test(document.querySelector('.designer-problems .badge')?.textContent ?? ''), null, { timeout: 60000, polling: 'raf' });
}
console.log('elapsed', Date.now() - t0);
const { profile } = await cdp.send('Profiler.stop') as any;
const self = new Map<string, number>();
const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
const dt: number[] = profile.timeDeltas;
const counts = new Map<number, number>();
profile.samples.forEach((s: number, i: number) => counts.set(s, (counts.get(s) ?? 0) + (dt[i] ?? 0)));
for (const [nid, t] of counts) { const n = byId.get(nid); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + t / 1000); }
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`).join('\n'));
// inclusive
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
for (const [nid, t] of counts) { const seen = new Set<string>(); let cur: number | undefined = nid; while (cur !== undefined) { const n = byId.get(cur); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; if (!seen.has(k)) { incl.set(k, (incl.get(k) ?? 0) + t / 1000); seen.add(k); } cur = parent.get(cur); } }
console.log('--- inclusive');
console.log([...incl].sort((a, b) => b[1] - a[1]).slice(0, 45).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`).join('\n'));
await browser.close(); await started.server.close();
