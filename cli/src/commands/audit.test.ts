/**
 * `motcua audit verify` on a server's data: intact after real transitions, then each kind of
 * tampering (edit, delete in the middle, delete the tail) is named with the first bad row.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../main';
import type { CliIO } from '../io';
import { openDatabase, type Database } from 'motcua/server';
import { GENESIS_HASH, hashRow } from '../../../server/src/audit';
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
  expect(await t.server.checkpointAudit()).toMatchObject({ lastId: 6 });
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

it('passes with the checkpoints the server wrote (its key and checkpoint dir by default)', async () => {
  const io = recorder();
  expect(await main(['audit', 'verify', '--data-dir', dir, '--checkpoints', join(dir, 'audit-checkpoints')], io)).toBe(0);
  expect(io.text()).toMatch(/audit: OK, 6 row\(s\), head [0-9a-f]{64}, 1 checkpoint\(s\) agree/);
});

it('with --checkpoints, catches a rewrite with every later hash recomputed, which the chain alone misses', async () => {
  const before = (await db.knex('audit_log').orderBy('id')) as { id: number; at: number; actor: string; action: string; subject: string; payload: string; hash: string }[];
  const head = (await db.knex('audit_head').first()) as Record<string, unknown>;
  try {
    let prev = GENESIS_HASH;
    for (const r of before) {
      const row = r.id === 2 ? { ...r, actor: 'someone-else' } : r;
      const hash = hashRow(prev, row);
      await db.knex('audit_log').where({ id: r.id }).update({ actor: row.actor, prev_hash: prev, hash });
      prev = hash;
    }
    await db.knex('audit_head').where({ id: 1 }).update({ last_hash: prev });
    expect((await verify()).code).toBe(0);
    const io = recorder();
    expect(await main(['audit', 'verify', '--data-dir', dir, '--checkpoints', join(dir, 'audit-checkpoints'), '--public-key', join(dir, 'audit-checkpoint.key.pub')], io)).toBe(1);
    expect(io.text()).toMatch(/TAMPERED at row 6: row 6 differs from checkpoint #1 .*rows 1 to 6 were rewritten and re-hashed/);
    const nokey = recorder();
    expect(await main(['audit', 'verify', '--data-dir', dir, '--checkpoints', join(dir, 'audit-checkpoints'), '--public-key', join(dir, 'nope.pem')], nokey)).toBe(1);
    expect(nokey.text()).toMatch(/E_AUDIT_KEY|Cannot use the audit checkpoint key/);
  } finally {
    await db.knex('audit_log').delete();
    await db.knex('audit_log').insert(before.map((r) => ({ ...r, prev_hash: (r as unknown as { prev_hash: string }).prev_hash })));
    await db.knex('audit_head').where({ id: 1 }).update(head);
  }
  expect((await verify()).code).toBe(0);
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
