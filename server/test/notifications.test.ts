/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- reading JSON answers checked by expect */
/**
 * Notifications: planned from the case timeline, delivered by e-mail to a local SMTP sink,
 * by SMS to a local HTTP gateway, and to the in-app inbox; each exactly once across a restart;
 * retried with backoff while the mail server is down, then shown to administrators as failed.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/db';
import { decoded, smtpSink, type SmtpSink } from '../../test/support/smtp-sink';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

forEachDatabase('notifications', (db) => {
  let database: Database;
  let sink: SmtpSink;
  let sms: Server;
  const texts: { to: string; text: string }[] = [];
  let t: TestServer;
  let smsUrl = '';

  const start = async (smtpUrl = sink.url): Promise<TestServer> =>
    startTestServer(database, db().dataDir, {
      config: { notifications: { smtpUrl, mailFrom: 'Một cửa <no-reply@test.local>', smsUrl, intervalMs: 3_600_000, backoffMs: 60_000, maxAttempts: 2 } },
    });

  beforeAll(async () => {
    database = await db().open();
    sink = await smtpSink();
    sms = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        texts.push(JSON.parse(body) as { to: string; text: string });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => sms.listen(0, '127.0.0.1', resolve));
    smsUrl = `http://127.0.0.1:${(sms.address() as AddressInfo).port}/sms`;
    t = await start();
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
    sms?.close();
  });

  it('tells the applicant their case was received, by e-mail, SMS and the inbox, once', async () => {
    const cit = await t.as('cit-1');
    expect((await cit.put('/api/my/contact', { email: 'cong.dan@example.vn', phone: '+84912345678' })).status).toBe(200);
    const kase = (await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF notify')))).body;
    expect(kase.id).toBeTruthy();
    const report = await t.server.drainNotifications();
    expect(report).toMatchObject({ sent: 2, failed: 0 });
    const mail = sink.mails.filter((m) => decoded(m.text).includes(kase.id));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toBe('cong.dan@example.vn');
    expect(decoded(mail[0]!.text)).toContain('Đăng ký khai sinh thử nghiệm');
    expect(texts.filter((s) => s.text.includes(kase.id))).toEqual([expect.objectContaining({ to: '+84912345678' })]);
    const inbox = (await cit.get('/api/my/notifications')).body;
    expect(inbox.items[0]).toMatchObject({ case: kase.id, kind: 'received', read: false, subject: `Đã tiếp nhận hồ sơ ${kase.id}` });
    // Another citizen's inbox does not hold it.
    expect((await (await t.as('cit-2')).get('/api/my/notifications')).body.items.filter((n: { case: string }) => n.case === kase.id)).toEqual([]);
    // Marking read; someone else's id is not found.
    expect((await cit.post(`/api/my/notifications/${inbox.items[0].id}/read`)).body.read).toBe(true);
    expect((await (await t.as('cit-2')).post(`/api/my/notifications/${inbox.items[0].id}/read`)).status).toBe(404);
  });

  it('says why a case was refused, and sends nothing twice after a restart', async () => {
    const cit = await t.as('cit-1');
    const kase = (await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF refuse')))).body;
    await (await t.as('cso-a1')).post(`/api/cases/${kase.id}/actions`, { step: 'verify', action: 'reject', version: kase.version, form: { reason: 'Giấy chứng sinh không hợp lệ' } });
    await t.server.drainNotifications();
    const refused = sink.mails.filter((m) => decoded(m.text).includes(`(mã ${kase.id}) không được giải quyết`));
    expect(refused).toHaveLength(1);
    expect(decoded(refused[0]!.text)).toContain('Lý do: Giấy chứng sinh không hợp lệ');
    const inbox = (await cit.get('/api/my/notifications')).body.items.filter((n: { case: string }) => n.case === kase.id);
    expect(inbox.map((n: { kind: string }) => n.kind)).toEqual(['rejected', 'received']);
    const before = sink.mails.length;
    await t.close();
    t = await start();
    expect(await t.server.drainNotifications()).toMatchObject({ planned: 0, sent: 0 });
    expect(sink.mails).toHaveLength(before);
  });

  it('retries while the mail server is down, then lists the message as failed for administrators', async () => {
    await t.close();
    t = await start('smtp://127.0.0.1:1');
    const cit = await t.as('cit-1');
    const kase = (await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF down')))).body;
    expect(await t.server.drainNotifications()).toMatchObject({ retried: 1 });
    // Not due again before its backoff.
    expect(await t.server.drainNotifications()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    t.clock.now += 61_000;
    expect(await t.server.drainNotifications()).toMatchObject({ failed: 1 });
    const admin = await t.as('admin');
    const failed = (await admin.get('/api/admin/notifications?status=failed')).body.items.filter((n: { case: string }) => n.case === kase.id);
    expect(failed).toEqual([expect.objectContaining({ channel: 'email', attempts: 2, error: expect.stringMatching(/ECONNREFUSED|connect/) })]);
    expect((await cit.get('/api/admin/notifications')).status).toBe(403);
    expect((await admin.get('/api/admin/notifications?status=lost')).status).toBe(400);
    // Back up: an administrator sends it again.
    await t.close();
    t = await start();
    expect((await (await t.as('admin')).post(`/api/admin/notifications/${failed[0].id}/retry`)).status).toBe(200);
    expect(await t.server.drainNotifications()).toMatchObject({ sent: 1 });
    expect(sink.mails.filter((m) => decoded(m.text).includes(kase.id))).toHaveLength(1);
  });

  it('tells the officers holding a task that its step is due soon, and the applicant nothing of it', async () => {
    const cit = await t.as('cit-1');
    const kase = (await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF due soon')))).body;
    await t.server.drainNotifications();
    // A step's own deadline nearing (the test procedure has none: its event is appended as the engine would write it).
    const [last] = await database.knex('case_events').where({ case_id: kase.id }).max<{ seq: number }[]>('seq as seq');
    const seq = last!.seq;
    const event = { type: 'due-soon', at: new Date(t.clock.now).toISOString(), step: 'verify', detail: { due: kase.due } };
    await database.knex('case_events').insert({ case_id: kase.id, seq: Number(seq) + 1, type: 'due-soon', at: t.clock.now, body: JSON.stringify(event) });
    expect((await t.server.drainNotifications()).planned).toBeGreaterThan(0);
    const rows = await database.knex('notifications').where({ case_id: kase.id, kind: 'due-soon', channel: 'inbox' }).select<{ user_id: string }[]>('user_id');
    const [item] = await database.knex('work_items').where({ case_id: kase.id, step: 'verify' }).select<{ role: string; unit_id: string }[]>('role', 'unit_id');
    const officers = await database.knex('users as u').join('user_roles as g', 'g.user_id', 'u.id').where({ 'g.role': item!.role, 'g.unit_id': item!.unit_id, 'u.active': true }).pluck<string[]>('u.id');
    expect(officers.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.user_id).sort()).toEqual([...new Set(officers)].sort());
    expect(rows.map((r) => r.user_id)).not.toContain('cit-1');
    // Planned once: draining again adds nothing.
    expect((await t.server.drainNotifications()).planned).toBe(0);
  });

  it('refuses a malformed contact with 400 naming the field', async () => {
    const r = await (await t.as('cit-1')).put('/api/my/contact', { email: 'not an address' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.error)).toContain('email');
  });
});
