/**
 * SQLite's group commit (server/src/db/sqlite-batch.ts): when a batch commits. Transactions
 * that begin within a turn of the event loop after another join its COMMIT; a batch commits
 * after a turn with no new work, alone or not; a load that never pauses is cut at the cap;
 * the members' counters are summed and written once, before the COMMIT.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CounterBuffer, groupCommitStats, openDatabase, type CounterTable, type Database, type Sql } from '../src/db';
import { addCounts, ALL } from '../src/stats';

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-group-commit-'));
  db = openDatabase({ sqlite: join(dir, 'db.sqlite') });
  await db.migrate();
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Commits and members since `before` (the counters are per database, since its start). */
function since(before: { commits: number; members: number } | undefined): { commits: number; members: number } {
  const now = groupCommitStats(db.knex) ?? { commits: 0, members: 0 };
  return { commits: now.commits - (before?.commits ?? 0), members: now.members - (before?.members ?? 0) };
}

const write = (i: number) => db.transact((sql) => sql.run("INSERT INTO units (id, name, level, parent) VALUES (?, ?, 'commune', NULL)", [`gc-${i}-${Math.random()}`, `Xã ${i}`]));

/** Resolves after `turns` turns of the event loop (each a check phase). */
const turnsLater = (turns: number) => new Promise<void>((resolve) => {
  const next = (left: number): void => void (left ? setImmediate(() => next(left - 1)) : resolve());
  next(turns);
});

it('a transaction that begins in the turn of the event loop after the batch was checked joins it', async () => {
  const before = groupCommitStats(db.knex);
  let second: Promise<number> | undefined;
  const first = db.transact(async (sql) => {
    const n = await sql.run("INSERT INTO units (id, name, level, parent) VALUES (?, 'X', 'commune', NULL)", [`gc-first-${Math.random()}`]);
    // Registered before the batch's first check, so this runs in that check phase and the
    // write in the next turn's, after the check saw the queue empty.
    setImmediate(() =>
      setImmediate(() => {
        second = write(2);
      }),
    );
    return n;
  });
  await first;
  expect(second).toBeDefined();
  await second;
  expect(since(before)).toEqual({ commits: 1, members: 2 });
});

it('a batch commits after a quiet turn: a transaction alone is answered, and one begun later takes a new batch', async () => {
  const before = groupCommitStats(db.knex);
  await write(3);
  expect(since(before)).toEqual({ commits: 1, members: 1 });
  await turnsLater(3);
  await write(4);
  expect(since(before)).toEqual({ commits: 2, members: 2 });
});

it('work arriving every turn does not hold the COMMIT back past the cap of members', async () => {
  const before = groupCommitStats(db.knex);
  const writes: Promise<number>[] = [];
  // 150 transactions, one a turn: each turn brings work, so only the cap (64) cuts the batches.
  for (let i = 0; i < 150; i++) {
    writes.push(write(100 + i));
    await turnsLater(1);
  }
  await Promise.all(writes);
  const { commits, members } = since(before);
  expect(members).toBe(150);
  expect(commits).toBeGreaterThanOrEqual(3);
  expect(commits).toBeLessThan(150);
});

it('a member that fails rolls back alone, and the batch still commits the others', async () => {
  const before = groupCommitStats(db.knex);
  const ok = write(300);
  const failing = db.transact(async (sql) => {
    await sql.run("INSERT INTO units (id, name, level, parent) VALUES ('gc-failing', 'X', 'commune', NULL)", []);
    throw new Error('refused');
  });
  await expect(failing).rejects.toThrow('refused');
  await ok;
  expect(since(before)).toEqual({ commits: 1, members: 1 });
  expect(await db.knex('units').where({ id: 'gc-failing' }).first()).toBeUndefined();
});

it("sums the members' counters into one statement before the COMMIT, without a failed member's", async () => {
  const key = { day: 20_000, unitPath: `gc-unit|${ALL}`, procedure: 'GC.1' };
  const sent: string[] = [];
  const member = (fail: boolean) =>
    db.transact((sql) => {
      const spy: Sql = { ...sql, send: (text, params) => (sent.push(text), sql.send(text, params)) };
      addCounts(spy, key, { received: 1, online: 1 });
      return fail ? Promise.reject(new Error('refused after counting')) : Promise.resolve();
    });
  const results = await Promise.allSettled([member(false), member(true), member(false), member(false)]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  // The members only buffered: nothing reached the database through them.
  expect(sent).toEqual([]);
  const rows = await db.knex('stats_counts').where({ procedure_code: 'GC.1' }).select<{ grain: string; unit_id: string; received: number; online: number }[]>('grain', 'unit_id', 'received', 'online');
  // Day and month, for the unit and the country: each counted by the three members that succeeded.
  expect(rows).toHaveLength(4);
  for (const r of rows) expect([Number(r.received), Number(r.online)]).toEqual([3, 3]);
});

it('a counter buffer sums rows by key and writes one statement per table', () => {
  const table: CounterTable = { head: 'INSERT INTO t (k, n, m) VALUES ', tail: ' ON CONFLICT (k) DO UPDATE SET n = t.n + excluded.n, m = t.m + excluded.m', keyColumns: 1, valueColumns: 2 };
  const a = new CounterBuffer();
  a.add(table, ['x', 1, 2]);
  a.add(table, ['y', 5, 0]);
  const b = new CounterBuffer();
  b.add(table, ['x', 10, 20]);
  a.merge(b);
  const sent: [string, readonly unknown[]][] = [];
  a.flush({ send: (text: string, params: readonly unknown[]) => sent.push([text, params]) } as unknown as Sql);
  expect(sent).toEqual([[`${table.head}(?, ?, ?), (?, ?, ?)${table.tail}`, ['x', 11, 22, 'y', 5, 0]]]);
  // Flushed rows are gone: a second flush writes nothing.
  a.flush({ send: (text: string, params: readonly unknown[]) => sent.push([text, params]) } as unknown as Sql);
  expect(sent).toHaveLength(1);
});
