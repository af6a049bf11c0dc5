import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './open-database';

describe('group commit on SQLite', () => {
  let dir: string;
  let db: Database;
  let acquired: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-batch-'));
    db = openDatabase({ sqlite: join(dir, 'db.sqlite') });
    await db.knex.raw('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
    await db.knex.raw('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL, parent INTEGER REFERENCES parent(id))');
    // Counts how often a batch takes the connection from knex's pool.
    const client = db.knex.client as { acquireConnection: () => Promise<unknown> };
    const acquire = client.acquireConnection.bind(client);
    acquired = 0;
    client.acquireConnection = () => {
      acquired++;
      return acquire();
    };
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What another connection (another process) sees: only committed rows. */
  const committed = async (): Promise<number[]> => {
    const other = openDatabase({ sqlite: join(dir, 'db.sqlite') });
    try {
      return (await other.knex.raw<{ id: number }[]>('SELECT id FROM t ORDER BY id')).map((r) => r.id);
    } finally {
      await other.close();
    }
  };

  it('commits concurrent transactions together; a failing member changes nothing and the others are kept', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transact(async (sql) => {
          await sql.run('INSERT INTO t (id, v) VALUES (?, ?)', [i, `row ${i}`]);
          if (i === 7) throw new Error('member 7 refuses');
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.value)).toEqual([...Array(20).keys()].filter((i) => i !== 7));
    const failed = results[7];
    expect(failed?.status === 'rejected' && (failed.reason as Error).message).toBe('member 7 refuses');
    expect(await committed()).toEqual([...Array(20).keys()].filter((i) => i !== 7));
    // One batch: the connection was taken once for all twenty.
    expect(acquired).toBe(1);
  });

  it('answers a member only once its write is visible to other connections', async () => {
    const seen = await db.transact(async (sql) => {
      await sql.run('INSERT INTO t (id, v) VALUES (?, ?)', [1, 'one']);
      return 'written';
    }).then(committed);
    expect(seen).toEqual([1]);
  });

  it('reads made while a batch is open see its writes, after the work queued before them', async () => {
    const write = db.transact((sql) => sql.run('INSERT INTO t (id, v) VALUES (?, ?)', [5, 'five']));
    const read = db.query((sql) => sql.all<{ id: number }>('SELECT id FROM t', []));
    await write;
    expect((await read).map((r) => r.id)).toEqual([5]);
  });

  it('a failed COMMIT fails every member of the batch and keeps none of their writes', async () => {
    const results = await Promise.allSettled([
      db.transact((sql) => sql.run('INSERT INTO t (id, v) VALUES (?, ?)', [1, 'fine'])),
      db.transact(async (sql) => {
        // A deferred foreign key is checked at COMMIT: the whole batch's commit fails.
        await sql.run('PRAGMA defer_foreign_keys = ON', []);
        return sql.run('INSERT INTO t (id, v, parent) VALUES (?, ?, ?)', [2, 'orphan', 999]);
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(await committed()).toEqual([]);
    // The connection went back to the pool: the next transaction runs.
    await db.transact((sql) => sql.run('INSERT INTO t (id, v) VALUES (?, ?)', [3, 'after']));
    expect(await committed()).toEqual([3]);
  });
});
