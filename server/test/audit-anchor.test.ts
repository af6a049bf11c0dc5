/**
 * The audit trail anchored outside the database (issue 15, finding 4). Each attack of someone
 * with write access to the database passes the chain alone (shown first) and is caught with
 * the signed checkpoints: an edited row with every later hash recomputed, a truncated tail,
 * emptied tables; and a checkpoint forged with another key. The same through an HTTP witness
 * on 127.0.0.1, and the checkpoints a running server writes by itself.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CHECKPOINT_FILE, GENESIS_HASH, appendAudit, directorySink, hashRow, httpWitnessSink, kidOf, loadOrCreateAnchorKey, signCheckpoint, startAuditAnchor, verifyAnchored, verifyAudit,
  type AnchorKey, type CheckpointSink,
} from '../src/audit';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf } from './harness';

/** A witness: keeps what is POSTed, answers it back as JSON lines on GET. */
let witness: Server;
let witnessUrl: string;
const witnessed = new Map<string, string[]>();
beforeAll(async () => {
  witness = createServer((req, res) => {
    const lines = witnessed.get(req.url!) ?? [];
    witnessed.set(req.url!, lines);
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        lines.push(JSON.stringify(JSON.parse(body)));
        res.statusCode = 201;
        res.end();
      });
      return;
    }
    res.setHeader('content-type', 'application/x-ndjson');
    res.end(lines.map((l) => `${l}\n`).join(''));
  });
  await new Promise<void>((r) => witness.listen(0, '127.0.0.1', r));
  witnessUrl = `http://127.0.0.1:${(witness.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => witness.close(() => r())));

forEachDatabase('audit anchor', (db) => {
  let counter = 0;
  const fresh = (): string => mkdtempSync(join(db().dataDir, `anchor-${++counter}-`));

  async function append(d: Database, from: number, to: number): Promise<void> {
    for (let i = from; i <= to; i++) {
      await d.knex.transaction((trx) => appendAudit(trx, [{ actor: 'cso-a1', action: 'case.act', subject: `case-${i}`, payload: { i, note: 'Phê duyệt' }, at: 1_700_000_000_000 + i }]));
    }
  }

  /** Rows 1..8 with checkpoints after rows 5 and 8, written by the anchor. */
  async function anchored(sink: CheckpointSink): Promise<{ d: Database; key: AnchorKey }> {
    const d = await db().open();
    const key = loadOrCreateAnchorKey(join(fresh(), 'audit.key'));
    const anchor = startAuditAnchor({ knex: d.knex, key, sink, intervalMs: 3_600_000, now: () => 1_700_000_100_000, log: () => undefined });
    await append(d, 1, 5);
    expect(await anchor.checkpoint()).toMatchObject({ lastId: 5 });
    await append(d, 6, 8);
    await anchor.stop();
    return { d, key };
  }

  /** The attacker's rewrite: edits row `id` and recomputes every later hash and the head. */
  async function rewriteAndRehash(d: Database, id: number): Promise<void> {
    await d.knex('audit_log').where({ id }).update({ actor: 'someone-else' });
    const rows = (await d.knex('audit_log').orderBy('id')) as { id: number; at: number; actor: string; action: string; subject: string; payload: string }[];
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const hash = hashRow(prev, r);
      await d.knex('audit_log').where({ id: r.id }).update({ prev_hash: prev, hash });
      prev = hash;
    }
    await d.knex('audit_head').where({ id: 1 }).update({ last_id: rows.at(-1)?.id ?? 0, last_hash: prev });
  }

  /** The attacker's truncation: deletes rows after `keep` and moves the head back. */
  async function truncate(d: Database, keep: number): Promise<void> {
    await d.knex('audit_log').where('id', '>', keep).delete();
    const last = (await d.knex('audit_log').where({ id: keep }).first()) as { hash: string } | undefined;
    await d.knex('audit_head').where({ id: 1 }).update({ last_id: keep, last_hash: last?.hash ?? GENESIS_HASH });
  }

  it('passes an intact trail, with both checkpoints checked', async () => {
    const sink = directorySink(fresh());
    const { d, key } = await anchored(sink);
    expect(await sink.readAll()).toHaveLength(2);
    expect(await verifyAnchored(d.knex, sink, [key.publicKey], 3)).toEqual({ ok: true, rows: 8, head: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, checkpoints: 2 });
  });

  it('detects an edited row with every later hash recomputed', async () => {
    const sink = directorySink(fresh());
    const { d, key } = await anchored(sink);
    await rewriteAndRehash(d, 3);
    expect(await verifyAudit(d.knex)).toMatchObject({ ok: true, rows: 8 }); // the chain alone is fooled
    const verdict = await verifyAnchored(d.knex, sink, [key.publicKey]);
    expect(verdict).toMatchObject({ ok: false, badRow: 5 });
    expect(verdict.ok ? '' : verdict.reason).toMatch(/rows 1 to 5 were rewritten and re-hashed/);
    // A rewrite after the first checkpoint is narrowed down to the rows after it.
    const sink2 = directorySink(fresh());
    const second = await anchored(sink2);
    await rewriteAndRehash(second.d, 7);
    const v2 = await verifyAnchored(second.d.knex, sink2, [second.key.publicKey]);
    expect(v2.ok ? '' : v2.reason).toMatch(/rows 6 to 8 were rewritten/);
  });

  it('detects a truncated tail', async () => {
    const sink = directorySink(fresh());
    const { d, key } = await anchored(sink);
    await truncate(d, 6);
    expect(await verifyAudit(d.knex)).toMatchObject({ ok: true, rows: 6 });
    const verdict = await verifyAnchored(d.knex, sink, [key.publicKey]);
    expect(verdict).toMatchObject({ ok: false, badRow: 7 });
    expect(verdict.ok ? '' : verdict.reason).toMatch(/pins row 8 but the trail ends at row 6: rows were deleted from the end/);
  });

  it('detects emptied tables', async () => {
    const sink = directorySink(fresh());
    const { d, key } = await anchored(sink);
    await truncate(d, 0);
    expect(await verifyAudit(d.knex)).toMatchObject({ ok: true, rows: 0 });
    const verdict = await verifyAnchored(d.knex, sink, [key.publicKey]);
    expect(verdict.ok ? '' : verdict.reason).toMatch(/the audit tables were emptied/);
  });

  it('refuses a checkpoint signed with another key or altered', async () => {
    const dir = fresh();
    const sink = directorySink(dir);
    const { d, key } = await anchored(sink);
    await truncate(d, 6);
    // The attacker signs the truncated head with a key of their own...
    const pair = generateKeyPairSync('ed25519');
    await sink.append(signCheckpoint({ kid: kidOf(pair.publicKey), ...pair }, { lastId: 6, lastHash: 'a'.repeat(64), at: 0 }));
    const forged = await verifyAnchored(d.knex, sink, [key.publicKey]);
    expect(forged.ok ? '' : forged.reason).toMatch(/checkpoint #3 .* unknown key/);
    // ...or alters a genuine one.
    const sink2 = directorySink(fresh());
    const other = await anchored(sink2);
    const genuine = JSON.parse(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8').split('\n')[0]!) as Record<string, unknown>;
    await sink2.append({ ...genuine, kid: other.key.kid, lastId: 2 } as never);
    const altered = await verifyAnchored(other.d.knex, sink2, [other.key.publicKey]);
    expect(altered.ok ? '' : altered.reason).toMatch(/signature does not match/);
  });

  it('through an HTTP witness: intact, then a truncation is caught', async () => {
    const sink = httpWitnessSink(`${witnessUrl}/${db().name}/${++counter}`);
    const { d, key } = await anchored(sink);
    expect(await verifyAnchored(d.knex, sink, [key.publicKey])).toMatchObject({ ok: true, rows: 8, checkpoints: 2 });
    await truncate(d, 7);
    expect(await verifyAnchored(d.knex, sink, [key.publicKey])).toMatchObject({ ok: false, badRow: 8 });
  });

  it('a running server checkpoints its head by itself (and on close), and refuses to sign over a rewrite', async () => {
    const dir = fresh();
    const d = await db().open();
    const logs: string[] = [];
    const t = await startTestServer(d, dir, { config: { auditAnchor: { keyFile: join(dir, 'audit.key'), target: join(dir, 'cp'), intervalMs: 50 } } });
    const cit = await t.as('cit-1');
    const filed = await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF anchor')));
    expect(filed.status).toBe(201);
    const sink = directorySink(join(dir, 'cp'));
    const deadline = Date.now() + 5000;
    while ((await sink.readAll()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await sink.readAll()).not.toHaveLength(0);
    const key = loadOrCreateAnchorKey(join(dir, 'audit.key'));
    expect(await verifyAnchored(d.knex, sink, [key.publicKey])).toMatchObject({ ok: true });
    await t.close();
    // The writer itself notices a rewrite of a row it signed, and says so instead of signing.
    const writer = startAuditAnchor({ knex: d.knex, key, sink, intervalMs: 3_600_000, now: Date.now, log: (l) => logs.push(l) });
    await append(d, 100, 100);
    expect(await writer.checkpoint()).toBeDefined();
    await rewriteAndRehash(d, 1);
    await append(d, 101, 101);
    expect(await writer.checkpoint()).toBeUndefined();
    expect(logs.join('\n')).toMatch(/AUDIT TAMPERED/);
    await writer.stop();
  });
});
