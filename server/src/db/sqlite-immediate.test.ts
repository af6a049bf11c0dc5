import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './open-database';

describe('knex transactions on SQLite begin IMMEDIATE', () => {
  let dir: string;
  let a: Database;
  let b: Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-immediate-'));
    const file = join(dir, 'db.sqlite');
    a = openDatabase({ sqlite: file });
    b = openDatabase({ sqlite: file });
    await a.knex.raw('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)');
    await a.knex('t').insert({ id: 1, v: 0 });
    // The second process gives up quickly (better-sqlite3 waits synchronously, blocking this test's loop).
    await b.knex.raw('PRAGMA busy_timeout = 50');
  });

  afterEach(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a transaction that reads, then writes, is never refused because another process wrote in between', async () => {
    // Deferred, the other process's insert would commit between the read and the update, and
    // the update would fail at once with SQLITE_BUSY; IMMEDIATE, the other process waits instead.
    const other = await a.knex.transaction(async (trx) => {
      const row = await trx('t').where({ id: 1 }).first<{ v: number }>();
      const attempt = await b.knex('t').insert({ id: 2, v: 0 }).then(() => 'written', (err: Error) => err.message);
      await trx('t').where({ id: 1 }).update({ v: (row?.v ?? 0) + 1 });
      return attempt;
    });
    expect(other).toMatch(/locked|busy/i);
    expect(await a.knex('t').where({ id: 1 }).first()).toEqual({ id: 1, v: 1 });
    // Once committed, the other process writes.
    await b.knex('t').insert({ id: 2, v: 0 });
    expect(await b.knex('t').count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('a nested transaction is a savepoint inside the immediate one', async () => {
    await a.knex.transaction(async (trx) => {
      await trx('t').insert({ id: 3, v: 3 });
      await trx.transaction(async (inner) => inner('t').insert({ id: 4, v: 4 })).catch(() => undefined);
      await expect(trx.transaction(async (inner) => {
        await inner('t').insert({ id: 5, v: 5 });
        throw new Error('undo 5');
      })).rejects.toThrow('undo 5');
    });
    expect((await a.knex('t').orderBy('id').select('id')).map((r: { id: number }) => r.id)).toEqual([1, 3, 4]);
  });
});
