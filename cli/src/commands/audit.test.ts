/**
 * `motcua audit verify` on a server's data: intact after real transitions, then each kind of
 * tampering (edit, delete in the middle, delete the tail) is named with the first bad row.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../main';
import type { CliIO } from '../io';
import { openDatabase, type Database } from 'motcua/server';
import { filing, startTestServer, uploadPdf, type TestServer } from '../../../server/test/harness';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function recorder(): CliIO & { text: () => string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), isTTY: false, cwd: process.cwd(), text: () => lines.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'motcua-audit-cli-'));
let t: TestServer;
let db: Database;

beforeAll(async () => {
  db = openDatabase({ sqlite: join(dir, 'motcua.sqlite') });
  await db.migrate();
  t = await startTestServer(db, dir);
  const cit = await t.as('cit-1');
  for (let i = 0; i < 3; i++) {
    const c = (await cit.post('/api/cases', filing(await uploadPdf(cit, `%PDF audit ${i}`)))).body;
    await (await t.as('cso-a1')).post(`/api/cases/${c.id}/actions`, { step: 'verify', action: 'approve', version: 1 });
  }
});
afterAll(async () => {
  await t?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function verify(): Promise<{ code: number; text: string }> {
  const io = recorder();
  const code = await main(['audit', 'verify', '--data-dir', dir], io);
  return { code, text: io.text() };
}

it('passes on an intact trail', async () => {
  const r = await verify();
  expect(r.code).toBe(0);
  expect(r.text).toMatch(/audit: OK, 6 row\(s\)/);
});

it('names an edited row', async () => {
  await db.knex('audit_log').where({ id: 4 }).update({ actor: 'someone-else' });
  const r = await verify();
  expect(r.code).toBe(1);
  expect(r.text).toMatch(/TAMPERED at row 4/);
  await db.knex('audit_log').where({ id: 4 }).update({ actor: 'cso-a1' });
  expect((await verify()).code).toBe(0);
});

it('names a deleted row and a deleted tail', async () => {
  const row5 = (await db.knex('audit_log').where({ id: 5 }).first()) as Record<string, unknown>;
  await db.knex('audit_log').where({ id: 5 }).delete();
  expect((await verify()).text).toMatch(/TAMPERED at row 5: row 5 is missing/);
  await db.knex('audit_log').insert(row5);
  await db.knex('audit_log').where({ id: 6 }).delete();
  const r = await verify();
  expect(r.code).toBe(1);
  expect(r.text).toMatch(/rows were deleted from the end/);
});

it('usage errors exit 2', async () => {
  const io = recorder();
  expect(await main(['audit', 'check'], io)).toBe(2);
});
