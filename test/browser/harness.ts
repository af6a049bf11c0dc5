/**
 * What the browser suites need: Debian's Chromium (never a downloaded browser), a fresh build of
 * the designer, and the real server started in-process on a temp SQLite file and an ephemeral
 * port, in demo mode.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaServer, ServerConfig } from '../../server/src';
import { pdfText } from '../support/pdf-text';

export const REPO = resolve(import.meta.dirname, '../..');
export const DESIGNER = join(REPO, 'designer');
export const DIST = join(DESIGNER, 'dist');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the suite cannot run here, or undefined when it can. */
export function missingBrowser(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium package or set CHROMIUM_PATH (browser suites skipped)`;
}

/** True in CI, where a skipped suite is a failure. */
export const REQUIRE_ALL = process.env.MOTCUA_REQUIRE_ALL_SUITES === '1';

/**
 * Why a browser suite cannot run here (undefined when it can). Without Chromium the suite is
 * skipped with a warning, except in CI (MOTCUA_REQUIRE_ALL_SUITES=1), where a failing test is
 * registered instead so that a missing browser never passes silently.
 */
export function browserPrerequisites(): string | undefined {
  const missing = missingBrowser();
  if (missing && !REQUIRE_ALL) console.warn(`[test/browser] ${missing}`);
  if (missing && REQUIRE_ALL) {
    describe('browser suite prerequisites (MOTCUA_REQUIRE_ALL_SUITES=1)', () => {
      it('has Chromium', () => {
        throw new Error(missing);
      });
    });
  }
  return missing;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds designer/dist when it is missing or older than designer/src. */
export async function ensureDesignerBuilt(): Promise<void> {
  const index = join(DIST, 'index.html');
  const sources = Math.max(newestMtime(join(DESIGNER, 'src')), statSync(join(DESIGNER, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(DESIGNER, 'vite.config.ts'), logLevel: 'warn' });
}

export interface RunningServer {
  url: string;
  server: MotcuaServer;
  close(this: void): Promise<void>;
}

/** Starts the server (in demo mode unless `overrides.demo` is false) on a temp SQLite file and an ephemeral port (`overrides` on its config). */
export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-browser-'));
  const { loadConfig, startServer } = await import('../../server/src/index');
  const env = { ...process.env, DATABASE_URL: undefined, MOTCUA_OIDC_ISSUER: undefined, MOTCUA_OIDC_JWKS_URL: undefined, MOTCUA_OIDC_AUDIENCE: undefined };
  // Demo mode as `npm start` runs it: demo users, and the embedded e-ID provider behind "Đăng nhập bằng VNeID".
  // A production server (`overrides.demo === false`) is configured as one: no embedded provider.
  const demo = overrides.demo ?? true;
  const config = loadConfig(env, { dataDir, demo });
  const started = await startServer(
    { ...config, port: 0, host: '127.0.0.1', demo, library: join(REPO, 'procedures'), webDir: DIST, sqliteFile: join(dataDir, 'motcua.sqlite'), ...overrides },
    () => undefined,
  );
  return {
    url: started.url,
    server: started.server,
    async close() {
      await started.server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new page (its own context, Vietnamese locale and time zone) that fails the test on any
 * uncaught error in the page; signed in as `user` first when given, then at `hash`.
 */
export async function openPage(browser: Browser, url: string, o: { user?: string; hash?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('close', () => expect(errors, 'uncaught errors in the page').toEqual([]));
  if (o.user) await signIn(page, url, o.user);
  if (o.hash !== undefined) await page.goto(`${url}/${o.hash}`);
  return page;
}

/** Signs `page` in as a demo user through the login page. */
export async function signIn(page: Page, url: string, user: string): Promise<void> {
  await page.goto(`${url}/#/login`);
  await page.locator('#user-id').fill(user);
  await page.locator('form button[type=submit]').click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/**
 * The result PDF of document `number`, fetched by the signed-in page as the web app does, with
 * its text and the verification link printed under its QR code.
 */
export async function resultPdf(page: Page, number: string): Promise<{ type: string | null; text: string; verifyLink: string }> {
  const pdf = await page.evaluate(async (n) => {
    const res = await fetch(`/api/documents/${encodeURIComponent(n)}/pdf`, { headers: { authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}` } });
    return { type: res.headers.get('content-type'), bytes: Array.from(new Uint8Array(await res.arrayBuffer())) };
  }, number);
  const text = await pdfText(new Uint8Array(pdf.bytes));
  const verifyLink = /https?:\/\/\S+?\/#\/verify\/[^/\s]+\/[A-Za-z0-9_-]{22}/.exec(text)?.[0] ?? '';
  return { type: pdf.type, text, verifyLink };
}

/**
 * A page signed in as `user` with a token the server issued, at `hash` (a production server's
 * sign-in is the e-ID's, not a form the test could fill in).
 */
export async function pageAs(browser: Browser, running: RunningServer, user: string, hash: string): Promise<Page> {
  const token = await running.server.services.auth.issue(user);
  const me = (await (await fetch(`${running.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
  const page = await openPage(browser, running.url, { hash: '#/' });
  await page.evaluate(([t, u]) => {
    sessionStorage.setItem('motcua.token', t);
    sessionStorage.setItem('motcua.user', u);
  }, [token, JSON.stringify(me)] as const);
  await page.goto(`${running.url}/${hash}`);
  await page.reload();
  return page;
}

/** Types `value` into the field labelled `label` (within `scope`) and commits it with Enter, as the designer's fields commit. */
export async function commitField(page: Page, label: RegExp | string, value: string, scope = page.locator('body')): Promise<void> {
  const field = scope.getByLabel(label).first();
  await field.fill(value);
  await field.press('Enter');
}

/** Every comment of a YAML text (each line's text from its `#`), in order. For fixtures without `#` inside strings. */
export const yamlComments = (text: string): string[] => text.split('\n').filter((l) => l.includes('#')).map((l) => l.slice(l.indexOf('#')).trim());

/** A draft's YAML text as the server keeps it, read with the page's own sign-in. */
export function draftSource(page: Page, id: string): Promise<string> {
  return page.evaluate(async (d) => {
    const res = await fetch(`/api/drafts/${encodeURIComponent(d)}`, { headers: { authorization: `Bearer ${sessionStorage.getItem('motcua.token') ?? ''}` } });
    return ((await res.json()) as { source: string }).source;
  }, id);
}

/** The server and browser a describe block shares; read them inside its tests (they exist once its beforeAll ran). */
export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * Starts a test server (with `overrides`, or what a function resolves to, for a config that needs
 * something started first) and Chromium before the enclosing describe block's tests, after
 * building the web app if it is stale, and closes both after them.
 */
export function browserSuite(overrides: Partial<ServerConfig> | (() => Promise<Partial<ServerConfig>>) = {}): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureDesignerBuilt();
    const config = typeof overrides === 'function' ? await overrides() : overrides;
    [server, browser] = await Promise.all([startTestServer(config), launchBrowser()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('browserSuite: read the server and browser inside a test, after beforeAll');
    return value;
  };
  return {
    get server() { return started(server); },
    get browser() { return started(browser); },
  };
}

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeNode { target: unknown[]; html: string; failureSummary?: string }
/** One rule axe-core found broken, with up to five of the elements that break it. */
export interface AxeViolation { id: string; impact: string | null; help: string; nodes: AxeNode[] }

/**
 * Runs axe-core on the page as it stands (WCAG 2.1 A and AA rules and best practices), on the
 * whole document or on the elements matching `scope` (a CSS selector: one panel of the page).
 */
export async function axe(page: Page, scope?: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (sel) => {
    const w = window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(sel ? { include: [[sel]] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 160), ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}) })) }));
  }, scope);
}
