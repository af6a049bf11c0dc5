/**
 * A citizen's first visit to the portal on a phone's slow network, in Debian's Chromium
 * (playwright-core, the flags of test/browser): a fresh build of the web app served by the real
 * server (real library, SQLite), a cold cache, and the network throttled through CDP
 * (`Network.emulateNetworkConditions`) to slow 3G as WebPageTest and Lighthouse define it:
 * 400 ms round trip, 400 kbit/s down and up. Printed, for each of RUNS loads and their median:
 * - the script the first load downloads (bytes on the wire, Brotli as the server sends it to
 *   Chromium: target <= 150 KB), and its share of all the app's script (baseline: every chunk
 *   of the same build, as the build precompressed it);
 * - the time until the portal is usable (a procedure card's link is on screen: target <= 3 s),
 *   and its ratio to the network floor of the same run (index.html and its stylesheet alone,
 *   without running script, on the same throttled network).
 * BENCH_PORTAL_RUNS overrides the number of loads (default 3).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const REPO = resolve(import.meta.dirname, '../..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_PORTAL_RUNS ?? 3);
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const TARGET_KB = 150;
const TARGET_MS = 3000;

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Opens `url` in a fresh context on the throttled network; resolves once `ready` holds, with the script bytes received. */
async function load(browser: Browser, url: string, ready: (page: Page) => Promise<unknown>, javaScript = true): Promise<{ ms: number; scriptBytes: number; scripts: number }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN', javaScriptEnabled: javaScript });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    const scripts = new Set<string>();
    let scriptBytes = 0;
    cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => {
      if (e.type === 'Script') scripts.add(e.requestId);
    });
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      if (scripts.has(e.requestId)) scriptBytes += e.encodedDataLength;
    });
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    await ready(page);
    const ms = performance.now() - t0;
    return { ms, scriptBytes, scripts: scripts.size };
  } finally {
    await context.close();
  }
}

export async function run(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'motcua-bench-portal-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-portal-data-'));
  const { build } = await import('vite');
  await build({ configFile: join(REPO, 'designer/vite.config.ts'), logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
  const assets = join(out, 'assets');
  const files = new Set(readdirSync(assets));
  const allScript = [...files].filter((f) => f.endsWith('.js')).reduce((n, f) => n + (files.has(`${f}.br`) ? statSync(join(assets, `${f}.br`)).size : statSync(join(assets, f)).size), 0);
  const { loadConfig, startServer } = await import('../../server/src/index');
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined }, { dataDir });
  const started = await startServer({ ...config, port: 0, host: '127.0.0.1', demo: true, library: join(REPO, 'procedures'), webDir: out, sqliteFile: join(dataDir, 'motcua.sqlite') }, () => undefined);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const floor: number[] = [];
    const portal: { ms: number; scriptBytes: number; scripts: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      floor.push((await load(browser, `${started.url}/index.html`, (p) => p.waitForLoadState('load'), false)).ms);
      portal.push(await load(browser, `${started.url}/#/portal`, (p) => p.locator('.cards .card h2 a').first().waitFor({ timeout: 60_000 })));
    }
    const bytes = median(portal.map((p) => p.scriptBytes));
    const ms = median(portal.map((p) => p.ms));
    const floorMs = median(floor);
    console.log(`network: slow 3G (${SLOW_3G.latency} ms round trip, ${(SLOW_3G.downloadThroughput * 8) / 1000} kbit/s down), cold cache, phone viewport; ${RUNS} loads`);
    console.log(`first-load script (compressed, on the wire): ${portal.map((p) => `${kb(p.scriptBytes)} in ${p.scripts} files`).join(', ')}; median ${kb(bytes)}  x${(bytes / allScript).toFixed(2)} of the whole app's script (${kb(allScript)})`);
    console.log(`target: first-load script <= ${TARGET_KB} KB: ${kb(bytes)} ${bytes <= TARGET_KB * 1024 ? 'MET' : 'NOT MET'}`);
    console.log(`baseline: index.html and its CSS, no script: ${floor.map((f) => f.toFixed(0)).join(', ')} ms; median ${floorMs.toFixed(0)} ms`);
    console.log(`portal usable (a procedure card on screen): ${portal.map((p) => p.ms.toFixed(0)).join(', ')} ms; median ${ms.toFixed(0)} ms  x${(ms / floorMs).toFixed(2)} baseline`);
    console.log(`target: portal usable <= ${TARGET_MS} ms: ${ms.toFixed(0)} ms ${ms <= TARGET_MS ? 'MET' : 'NOT MET'}`);
  } finally {
    await browser.close();
    await started.server.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
