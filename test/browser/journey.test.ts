/**
 * The citizen's whole journey in Debian's Chromium against the real server (demo mode, temp
 * SQLite), with real redirects and no dev-login: a citizen signs in with "Đăng nhập bằng VNeID"
 * through the embedded OpenID Connect provider, gives an e-mail address for notifications,
 * opens the e-form of a marital status confirmation (1.004873) and sees, before filing, what the
 * population database holds for them (locked fields read-only with their value and source, the
 * identity paper not asked for), files it, pays the 10,000 VND charge in the gateway simulator;
 * an officer signs in the same way and approves and signs from the case page; the result is
 * issued and the citizen receives the e-mail in a local SMTP sink, opens the result PDF (its
 * text holds their Vietnamese name exactly) and its public verification page (valid). The
 * citizen's "who read my data" lists the read made to prefill the form.
 *
 * Screenshots go to test/browser/screenshots/journey-*.png (gitignored) for a human look.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decoded, smtpSink, type SmtpSink } from '../support/smtp-sink';
import { browserPrerequisites, browserSuite, openPage, REPO, resultPdf } from './harness';

const missing = browserPrerequisites();
const SHOTS = join(REPO, 'test/browser/screenshots');
const EMAIL = 'cong.dan@example.vn';

describe.skipIf(missing !== undefined)('the citizen journey: VNeID sign-in, prefilled e-form, payment, result by e-mail, PDF and its check', () => {
  let url: string;
  let sink: SmtpSink;
  // The outbox and the notifier run when the test drains them, so each step is seen happen.
  const suite = browserSuite(async () => {
    sink = await smtpSink();
    return { outboxIntervalMs: 3_600_000, notifications: { smtpUrl: sink.url, mailFrom: 'Một cửa <no-reply@motcua.test>', intervalMs: 3_600_000 } };
  });

  beforeAll(() => {
    url = suite.server.url;
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await sink?.close();
  }, 60_000);

  const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: join(SHOTS, `journey-${name}.png`), fullPage: true });

  /** Signs in through the sign-in page's VNeID button and the embedded provider's own page. */
  async function signInWithVneid(page: Page, user: string): Promise<void> {
    const row = await suite.server.server.services.db.knex('users').where({ id: user }).first<{ national_id: string } | undefined>('national_id');
    expect(row?.national_id).toMatch(/^\d{12}$/);
    await page.goto(`${url}/#/login`);
    await page.getByTestId('vneid-sign-in').click();
    // The provider's login page (a real redirect to /oidc/...), not the app's.
    await page.waitForURL(/\/oidc\//);
    expect(await page.locator('h1').innerText()).toContain('VNeID');
    await page.locator('#national_id').selectOption(row!.national_id);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    expect(page.url()).toContain(url);
  }

  it('signs in with VNeID, files a prefilled form, pays, gets the result by e-mail, opens its PDF and its check', async () => {
    const page = await openPage(suite.browser, url);
    await signInWithVneid(page, 'citizen-1');
    await shot(page, '01-signed-in');

    // Where notifications go: the citizen's own e-mail.
    await page.getByRole('link', { name: /Thông báo/ }).click();
    await page.locator('#contact-email').fill(EMAIL);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu' }).waitFor();

    // The e-form, before filing: the population database's values, with their source.
    await page.goto(`${url}/#/portal/1.004873`);
    const panel = page.getByRole('table', { name: 'Thông tin điền sẵn' });
    await panel.waitFor();
    const nameRow = panel.locator('tr[data-field="applicant.fullName"]');
    const name = await nameRow.locator('strong').innerText();
    // A Vietnamese name, with diacritics, never empty.
    expect([...name].some((ch) => ch.charCodeAt(0) > 127), name).toBe(true);
    expect(await nameRow.innerText()).toContain('Cơ sở dữ liệu quốc gia về dân cư');
    for (const text of await panel.locator('tbody tr td:nth-child(2)').allInnerTexts()) expect(text.trim()).not.toBe('');
    // The locked field in the form holds the same value, read-only.
    const field = page.locator('#case_applicant_fullName');
    expect(await field.inputValue()).toBe(name);
    expect(await field.isEditable()).toBe(false);
    // The identity paper is on record: no upload asked for.
    await page.getByTestId('replaced-applicant-id').waitFor();
    expect(await page.locator('#component-applicant-id').count()).toBe(0);

    await page.locator('#file-unit').selectOption('ha-noi-hoan-kiem');
    // The choice reads in words (values.json), never its id `other`.
    await page.locator('#case_purpose').selectOption({ label: 'Khác' });
    await expect.poll(() => page.getByTestId('fee-total').innerText()).toMatch(/10\.000/);
    await shot(page, '02-prefilled-form');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.waitForURL(/#\/cases\/[^/]+$/);
    const id = decodeURIComponent(page.url().split('/').pop() ?? '');
    expect(id).not.toBe('');

    // Pays in the gateway simulator's own page, back to the case with a receipt.
    const mine = page.getByRole('region', { name: 'Việc của người nộp hồ sơ' });
    await mine.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    await page.getByRole('heading', { name: 'Thanh toán trực tuyến' }).waitFor();
    expect(await page.getByTestId('sim-amount').innerText()).toMatch(/10\.000/);
    await shot(page, '03-gateway-simulator');
    await page.getByRole('button', { name: 'Thanh toán (Pay)' }).click();
    await page.getByTestId('receipt').waitFor();
    await shot(page, '04-paid-case');

    // The officer signs in the same way and works the case from the web app.
    const desk = await openPage(suite.browser, url);
    await signInWithVneid(desk, 'officer-1');
    await desk.goto(`${url}/#/worklist`);
    await desk.locator('tr').filter({ hasText: id }).getByRole('link', { name: id }).click();
    const verify = desk.getByRole('region', { name: /Xử lý bước Kiểm tra/ });
    await verify.waitFor();
    await shot(desk, '05-officer-case');
    await verify.getByRole('button', { name: /^Duyệt/ }).click();
    const sign = desk.getByRole('region', { name: /Xử lý bước Ký Giấy xác nhận/ });
    await sign.waitFor();
    await sign.getByRole('button', { name: /^Ký/ }).click();
    await sign.waitFor({ state: 'detached' });
    await desk.close();

    // The result is issued, then the e-mail goes out, once.
    expect((await suite.server.server.drainOutbox()).issued).toBe(1);
    await suite.server.server.drainNotifications();
    const mails = sink.mails.filter((m) => m.to === EMAIL).map((m) => decoded(m.text));
    const result = mails.filter((m) => m.includes(`Kết quả giải quyết hồ sơ "Cấp Giấy xác nhận tình trạng hôn nhân" (mã ${id}) đã được cấp`));
    expect(result, mails.join('\n----\n')).toHaveLength(1);
    const number = /KQ-\d{4}-\d+-[A-Z0-9]+/.exec(result[0]!)?.[0] ?? '';
    expect(number).not.toBe('');

    // The same news in the in-app inbox.
    await page.getByRole('link', { name: /Thông báo/ }).click();
    await page.getByRole('list', { name: 'Hộp thư thông báo' }).getByText(`Đã có kết quả hồ sơ ${id}`).waitFor();
    await shot(page, '06-inbox');

    // The case links the result; the wallet shows it; its PDF holds the name exactly.
    await page.goto(`${url}/#/cases/${encodeURIComponent(id)}`);
    await page.getByRole('link', { name: `Xem giấy tờ ${number}` }).click();
    await page.getByTestId('verified').waitFor();
    await shot(page, '07-result');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Tải bản PDF' }).click()]);
    await tab.waitForLoadState();
    await tab.waitForTimeout(3000);
    await tab.screenshot({ path: join(SHOTS, 'journey-08-result-pdf.png') });
    await tab.close();
    const pdf = await resultPdf(page, number);
    expect(pdf.type).toBe('application/pdf');
    const { text, verifyLink } = pdf;
    expect(text).toContain(name);
    expect(verifyLink).toContain(number);

    // Anyone with the printout checks it, signed out: valid, with the issuer.
    const anyone = await openPage(suite.browser, url);
    await anyone.goto(verifyLink);
    await expect.poll(() => anyone.getByTestId('verdict').getAttribute('data-result')).toBe('valid');
    expect(await anyone.getByTestId('issuer').innerText()).not.toBe('');
    await shot(anyone, '09-verify-valid');
    await anyone.close();

    // "Who read my data" names the read made to prefill the form, before any case existed.
    await page.getByRole('link', { name: /Ai xem dữ liệu của tôi/ }).click();
    const log = page.getByRole('table', { name: 'Nhật ký truy cập dữ liệu' });
    await log.waitFor();
    expect(await log.innerText()).toContain('Tờ khai Cấp Giấy xác nhận tình trạng hôn nhân');
    await shot(page, '10-data-access');
    await page.close();
  }, 180_000);
});
