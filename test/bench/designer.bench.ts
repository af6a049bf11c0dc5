/**
 * The visual designer in Debian's Chromium (playwright-core, the flags of test/browser), on a
 * fresh build of the web app served by the real server (real library, SQLite, demo mode),
 * signed in as an author. Three drafts are created from generated text (test/support/long-procedures.ts):
 * a 60-step procedure, a one-task procedure with a 300-field e-form, and a 2-step procedure, the
 * baseline every figure is divided by. For each of RUNS runs, printed with the targets:
 * - open: from navigation start (a full load of `#/drafts/<id>`, warm cache) until the graph's
 *   nodes, the properties panel and the check's count are on screen (target < 1 s);
 * - edit to diagnostics: a keystroke in the YAML tab that breaks (then mends) the first key,
 *   from its keydown to the frame after the new count is on screen (target < 150 ms);
 * - typing in the e-form preview: each keystroke's keydown to the frame after its input is
 *   handled (rAF then a task: the next paint), over 30 keystrokes (target < 50 ms, p95 and max).
 * BENCH_DESIGNER_RUNS overrides the number of runs (default 3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { longForm, longProcedure } from '../support/long-procedures';
import { median, percentile } from './measure';

const REPO = resolve(import.meta.dirname, '../..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_DESIGNER_RUNS ?? 3);
const TARGET = { open: 1000, diagnostics: 150, keystroke: 50 } as const;
const EDITS = 5;
const KEYS = 'Nguyen Van An, so nha 12 pho Hue';

const ms = (x: number): string => `${x.toFixed(0)} ms`;
const met = (x: number, target: number): string => `${x < target ? 'MET' : 'NOT MET'} (target < ${target} ms)`;

async function createDraft(page: Page, source: string): Promise<string> {
  return page.evaluate(async (s) => {
    const res = await fetch('/api/drafts', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}` }, body: JSON.stringify({ from: 'source', source: s }) });
    if (!res.ok) throw new Error(`draft: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }, source);
}

/**
 * Milliseconds from navigation start until the designer shows `nodes` nodes, the panel and the
 * check's count. The URL's query names the run and the draft: two URLs that differ only after
 * `#` would be a same-document navigation (no load at all, and `performance.now()` still
 * counting from the previous page's load), so each open is checked to be a new document.
 */
async function open(page: Page, url: string, id: string, nodes: number, run: number): Promise<number> {
  await page.evaluate(() => {
    (window as unknown as { __previousPage?: boolean }).__previousPage = true;
  }).catch(() => undefined);
  await page.goto(`${url}/?open=${run}-${encodeURIComponent(id)}#/drafts/${encodeURIComponent(id)}`, { waitUntil: 'commit' });
  return page.evaluate((n) => new Promise<number>((done, fail) => {
    if ((window as unknown as { __previousPage?: boolean }).__previousPage) return fail(new Error('not a full load: the previous document is still there'));
    const check = (): void => {
      if (performance.now() > 60_000) return fail(new Error('the designer did not open within a minute'));
      const ready = document.querySelectorAll('.react-flow__node').length >= n
        && document.querySelector('.props-panel') !== null
        && /\d+ lỗi/.test(document.querySelector('.designer-problems .badge')?.textContent ?? '');
      if (ready) {
        done(performance.now());
      }
      else requestAnimationFrame(check);
    };
    check();
  }), nodes);
}

/** Times one keystroke, in the page, to the frame after the check's count says errors (or none). */
async function timeKey(page: Page, key: string, errors: boolean): Promise<number> {
  // The listener is in place before the key is pressed; the result is read after.
  await page.evaluate((wanted) => {
    (window as unknown as { __key: Promise<number> }).__key = new Promise<number>((done, fail) => {
      const holds = (): boolean => /^[1-9]\d* lỗi/.test(document.querySelector('.designer-problems .badge')?.textContent ?? '') === wanted;
      const onKey = (e: KeyboardEvent): void => {
        const t0 = e.timeStamp;
        document.removeEventListener('keydown', onKey, true);
        const poll = (): void => {
          if (performance.now() - t0 > 10_000) return fail(new Error(`no ${wanted ? 'errors' : 'clean check'} seen`));
          if (holds()) requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
          else requestAnimationFrame(poll);
        };
        setTimeout(poll, 0);
      };
      document.addEventListener('keydown', onKey, true);
    });
  }, errors);
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __key: Promise<number> }).__key);
}

/** Edit-to-diagnostics latencies: `x` before the first key breaks it, Backspace mends it. */
async function editToDiagnostics(page: Page): Promise<number[]> {
  await page.getByRole('tab', { name: /YAML/ }).click();
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  const out: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    out.push(await timeKey(page, 'x', true));
    out.push(await timeKey(page, 'Backspace', false));
  }
  return out;
}

/** Per-keystroke latencies typing into the first text field of the e-form preview. */
async function typing(page: Page): Promise<number[]> {
  await page.getByRole('tab', { name: /Biểu mẫu điện tử/ }).click();
  const field = page.locator('.fb-preview input[type=text]').first();
  await field.click();
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[] };
    w.__lat = [];
    document.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => w.__lat.push(performance.now() - t0), 0));
    }, true);
  });
  for (const ch of KEYS) {
    await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    await page.waitForTimeout(120);
  }
  const typed = await field.inputValue();
  if (typed !== KEYS) throw new Error(`typed ${JSON.stringify(typed)}`);
  return page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
}

export async function run(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'motcua-bench-designer-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-designer-data-'));
  const { build } = await import('vite');
  await build({ configFile: join(REPO, 'designer/vite.config.ts'), logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
  const { loadConfig, startServer } = await import('../../server/src/index');
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined }, { dataDir });
  const started = await startServer({ ...config, port: 0, host: '127.0.0.1', demo: true, library: join(REPO, 'procedures'), webDir: out, sqliteFile: join(dataDir, 'motcua.sqlite') }, () => undefined);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    // tsx compiles this file with esbuild's keepNames: functions passed to page.evaluate call its `__name`.
    await context.addInitScript('globalThis.__name = (f) => f');
    const page = await context.newPage();
    await page.goto(`${started.url}/#/login`);
    await page.locator('#user-id').fill('author-1');
    await page.locator('form button[type=submit]').click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    const big = longProcedure(60);
    const drafts = {
      tiny: { id: await createDraft(page, longProcedure(2, '9.900002')), nodes: 4 },
      big: { id: await createDraft(page, big), nodes: 62 },
      form: { id: await createDraft(page, longForm(300)), nodes: 3 },
    };
    // One unmeasured load of each: the build's chunks are in the cache as for an author at work.
    for (const d of Object.values(drafts)) await open(page, started.url, d.id, d.nodes, -1);
    console.log(`60-step procedure: ${big.split('\n').length} lines; e-form: 300 fields in 15 groups; baseline: a 2-step procedure; ${RUNS} runs, Chromium headless on this machine`);
    const rows: { open: number; openBase: number; diag: number; diagMax: number; diagBase: number; key: number; keyMax: number; keyBase: number }[] = [];
    for (let r = 0; r < RUNS; r++) {
      const openBase = await open(page, started.url, drafts.tiny.id, drafts.tiny.nodes, r);
      const diagBase = await editToDiagnostics(page);
      const keyBase = await typing(page);
      const openBig = await open(page, started.url, drafts.big.id, drafts.big.nodes, r);
      const diag = await editToDiagnostics(page);
      await open(page, started.url, drafts.form.id, drafts.form.nodes, r);
      const keys = await typing(page);
      const row = { open: openBig, openBase, diag: median(diag), diagMax: Math.max(...diag), diagBase: median(diagBase), key: percentile(keys, 95), keyMax: Math.max(...keys), keyBase: percentile(keyBase, 95) };
      rows.push(row);
      console.log(`run ${r + 1}: open ${ms(row.open)} (x${(row.open / row.openBase).toFixed(2)} of ${ms(row.openBase)}); edit to diagnostics median ${ms(row.diag)}, max ${ms(row.diagMax)} (x${(row.diag / row.diagBase).toFixed(2)} of ${ms(row.diagBase)}); keystroke p95 ${ms(row.key)}, max ${ms(row.keyMax)} (x${(row.key / row.keyBase).toFixed(2)} of ${ms(row.keyBase)})`);
    }
    const spread = (f: (r: (typeof rows)[number]) => number): string => `${ms(Math.min(...rows.map(f)))}-${ms(Math.max(...rows.map(f)))}`;
    const worst = (f: (r: (typeof rows)[number]) => number): number => Math.max(...rows.map(f));
    console.log(`target: 60-step procedure opens: ${spread((r) => r.open)} over ${RUNS} runs: ${met(worst((r) => r.open), TARGET.open)}`);
    console.log(`target: edit to diagnostics on screen (median of ${EDITS * 2} edits; max): ${spread((r) => r.diag)}; max ${ms(worst((r) => r.diagMax))}: ${met(worst((r) => r.diag), TARGET.diagnostics)}`);
    console.log(`target: keystroke in the 300-field preview (p95 of ${KEYS.length}; max): ${spread((r) => r.key)}; max ${ms(worst((r) => r.keyMax))}: ${met(worst((r) => r.key), TARGET.keystroke)}`);
  } finally {
    await browser.close();
    await started.server.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
