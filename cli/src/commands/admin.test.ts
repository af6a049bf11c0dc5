/**
 * `motcua admin create` on a SQLite data dir: prints a sign-in link whose code a production
 * server accepts once; bad input exits 2, a taken id exits 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from 'motcua/server';
import { startTestServer } from '../../../server/test/harness';
import type { CliIO } from '../io';
import { main } from '../main';

const dir = mkdtempSync(join(tmpdir(), 'motcua-admin-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recorder(): CliIO & { text: () => string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), isTTY: false, cwd: process.cwd(), text: () => lines.join('\n') };
}

it('creates the first administrator and prints a one-time link a production server accepts', async () => {
  const io = recorder();
  expect(await main(['admin', 'create', '--national-id', '001085009999', '--name', 'Phạm Thị Dung', '--data-dir', dir, '--url', 'https://motcua.example.vn/'], io)).toBe(0);
  const text = io.text();
  expect(text).toMatch(/created administrator admin-001085009999/);
  const code = /https:\/\/motcua\.example\.vn\/#\/signin\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  expect(code).toBeDefined();
  const db = openDatabase({ sqlite: join(dir, 'motcua.sqlite') });
  const t = await startTestServer(db, dir, { demo: false });
  try {
    const r = await (await t.as()).post('/api/auth/sign-in-link', { code });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ id: 'admin-001085009999', kind: 'admin', name: 'Phạm Thị Dung' });
  } finally {
    await t.close();
    await db.close();
  }
});

it('exits 2 on a bad national ID or missing name, 1 when the id is another user', async () => {
  const io = recorder();
  expect(await main(['admin', 'create', '--national-id', '12ab', '--name', 'X', '--data-dir', dir], io)).toBe(2);
  expect(io.text()).toMatch(/E_BAD_ADMIN/);
  expect(await main(['admin', 'create', '--national-id', '001085009999', '--data-dir', dir], recorder())).toBe(2);
  const taken = recorder();
  expect(await main(['admin', 'create', '--national-id', '001085008888', '--name', 'Y', '--id', 'admin-001085009999', '--data-dir', dir], taken)).toBe(1);
  expect(taken.text()).toMatch(/E_USER_EXISTS/);
});
