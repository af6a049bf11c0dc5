/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call -- reading JSON answers checked by expect */
/**
 * Two server processes on one SQLite file (two `motcua serve` on one data dir): each takes the
 * file's write lock for its group commit (BEGIN IMMEDIATE, busy timeout), so their transitions
 * interleave without a lost update, a doubled event or a forked audit chain. PostgreSQL's
 * multi-process guarantees are covered by the SKIP LOCKED and version-race tests; publishing
 * across processes, on both databases, by publishing-processes.test.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit';
import { openDatabase, type Database } from '../src/db';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

let dir: string;
let db: Database;
let first: TestServer;
let child: ChildProcess;
let secondUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-two-'));
  const file = join(dir, 'motcua.sqlite');
  db = openDatabase({ sqlite: file });
  await db.migrate();
  first = await startTestServer(db, dir);
  child = fork(join(import.meta.dirname, 'support', 'second-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  secondUrl = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url?: string; error?: string }) => (m.url ? resolve(m.url) : reject(new Error(m.error))));
    child.once('exit', (code) => reject(new Error(`second process exited with ${String(code)}`)));
    child.send({ file, dataDir: dir });
  });
}, 60_000);

afterAll(async () => {
  if (child?.connected) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('close');
    await exited;
  }
  await first?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A request to either process, with a token of the shared signing key. */
async function call(url: string, user: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const token = await first.server.services.auth.issue(user);
  const res = await fetch(url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

it('files and advances cases through both processes at once: every transition kept once, one audit chain', async () => {
  const hash = await uploadPdf(await first.as('cit-1'), '%PDF two processes');
  const urls = [first.url, secondUrl];
  const cases = 24;
  await Promise.all(
    Array.from({ length: cases }, async (_, i) => {
      const [a, b] = i % 2 ? [urls[0]!, urls[1]!] : [urls[1]!, urls[0]!];
      const filed = await call(a, 'cit-1', '/api/cases', filing(hash));
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const verified = await call(b, 'cso-a1', `/api/cases/${filed.body.id}/actions`, { step: 'verify', action: 'approve', version: 1 });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
      const signed = await call(a, 'chair-a1', `/api/cases/${filed.body.id}/actions`, { step: 'sign', action: 'sign', version: 2 });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body).toMatchObject({ status: 'done', version: 3 });
      expect(signed.body.timeline.filter((e: { type: string }) => e.type === 'submitted')).toHaveLength(1);
    }),
  );
  const done = await db.knex('cases').where({ status: 'done' }).count<{ n: number }[]>('* as n');
  expect(Number(done[0]?.n)).toBe(cases);
  expect(await verifyAudit(db.knex)).toMatchObject({ ok: true });
});

it('the same action sent to both processes at once: exactly one wins, the other gets 409', async () => {
  const cit = await first.as('cit-1');
  const filed = await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF race')));
  const action = { step: 'verify', action: 'approve', version: 1 };
  const replies = await Promise.all([first.url, secondUrl, first.url, secondUrl].map((u) => call(u, 'cso-a1', `/api/cases/${filed.body.id as string}/actions`, action)));
  expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
  const events = await db.knex('case_events').where({ case_id: filed.body.id as string }).select('seq');
  expect(events.map((e: { seq: number }) => Number(e.seq))).toEqual([...Array(events.length).keys()].map((k) => k + 1));
  expect(await verifyAudit(db.knex)).toMatchObject({ ok: true });
});
