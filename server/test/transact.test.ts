/**
 * `Database.transact` on both databases: writes sent without waiting (`Sql.send`), the COMMIT
 * sent behind them, and on PostgreSQL the COMMIT sent early behind a last read
 * (`Sql.commitEarly`). Whatever is pipelined, a failed write must roll the whole transaction
 * back and surface as that write's error, and what commits must be visible to others.
 */
import pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import { guardedUpdate, isStaleVersionFailure, type Database } from '../src/db';
import { forEachDatabase } from './databases';
import { countSocketWrites } from './support/socket-writes';

/** Records the text of every statement the pg clients send until the returned function is called. */
function spyQueries(texts: string[]): () => void {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    const q = a[0] as { text?: string } | string;
    texts.push(typeof q === 'string' ? q : (q.text ?? ''));
    return query.apply(this, a);
  };
  return () => {
    proto.query = query;
  };
}

forEachDatabase('transactions with pipelined writes and COMMIT', (dbCase) => {
  let db: Database;
  let other: Database;

  beforeAll(async () => {
    db = await dbCase().open();
    await db.knex.schema.createTable('pipelined', (t) => {
      t.integer('id').primary();
      t.string('v').notNullable();
    });
    await db.knex.schema.createTable('pipelined_child', (t) => {
      t.integer('id').primary();
      t.integer('parent').notNullable().references('id').inTable('pipelined');
    });
    other = dbCase().again(db);
  });

  /** The ids from `from` to `from + 99` another connection sees: only committed rows. */
  const committed = async (from: number): Promise<number[]> =>
    (await other.knex('pipelined').whereBetween('id', [from, from + 99]).orderBy('id').select<{ id: number }[]>('id')).map((r) => Number(r.id));

  it('a write that fails before the COMMIT rolls every write back and throws its own error', async () => {
    const attempt = db.transact((sql) => {
      sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [100, 'a']);
      sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [101, null]);
      sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [102, 'c']);
      return Promise.resolve('done');
    });
    await expect(attempt).rejects.toThrow(/not.null|NOT NULL/i);
    expect(await committed(100)).toEqual([]);
  });

  it('a read answered after an early COMMIT sees the writes, and they are committed', async () => {
    const seen = await db.transact(async (sql) => {
      sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [200, 'a']);
      sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [201, 'b']);
      const read = sql.all<{ id: number }>('SELECT id FROM pipelined WHERE id >= ? ORDER BY id', [200]);
      sql.commitEarly?.();
      return (await read).map((r) => Number(r.id));
    });
    expect(seen).toEqual([200, 201]);
    expect(await committed(200)).toEqual([200, 201]);
  });

  it('a write that fails before an early COMMIT: the read fails with its error and nothing is committed', async () => {
    if (dbCase().name === 'postgres') expect(typeof (await db.transact((sql) => Promise.resolve(sql.commitEarly)))).toBe('function');
    const attempt = db.transact((sql) => {
      sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [300, 'a']);
      sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [300, 'duplicate']);
      const read = sql.all<{ id: number }>('SELECT id FROM pipelined WHERE id >= ?', [300]);
      sql.commitEarly?.();
      return read;
    });
    await expect(attempt).rejects.toThrow(/unique|duplicate/i);
    expect(await committed(300)).toEqual([]);
    // The connection is usable afterwards: the next transaction commits normally.
    await db.transact((sql) => {
      sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [310, 'after']);
      return Promise.resolve();
    });
    expect(await committed(300)).toEqual([310]);
  });

  it('writes to different tables sent together: a parent and its child commit, and a failing part rolls all of them back', async () => {
    // On PostgreSQL the pg client receives one statement for writes to different tables.
    const texts: string[] = [];
    const seen = await db.transact(async (sql) => {
      const unspy = sql.dialect === 'postgres' ? spyQueries(texts) : undefined;
      try {
        sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [500, 'parent']);
        sql.send('INSERT INTO pipelined_child (id, parent) VALUES (?, ?)', [1, 500]);
        // Same table again: a statement of its own (it may need what the first wrote).
        sql.send('UPDATE pipelined SET v = ? WHERE id = ?', ['parent, updated', 500]);
        return await sql.all<{ v: string }>('SELECT v FROM pipelined WHERE id = ?', [500]);
      } finally {
        unspy?.();
      }
    });
    expect(seen.map((r) => r.v)).toEqual(['parent, updated']);
    expect(await committed(500)).toEqual([500]);
    if (dbCase().name === 'postgres') {
      expect(texts.filter((t) => t.startsWith('WITH w1 AS (INSERT INTO pipelined ')).length).toBe(1);
      expect(texts.filter((t) => t.includes('pipelined')).length).toBe(3);
    }
    const attempt = db.transact((sql) => {
      sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [600, 'a']);
      sql.send('INSERT INTO pipelined_child (id, parent) VALUES (?, ?)', [2, 999]);
      return Promise.resolve();
    });
    await expect(attempt).rejects.toThrow(/foreign key/i);
    expect(await committed(600)).toEqual([]);
  });

  it('a write that reads its own table joins the group; one that reads another table does not', async () => {
    const texts: string[] = [];
    await db.transact(async (sql) => {
      const unspy = sql.dialect === 'postgres' ? spyQueries(texts) : undefined;
      try {
        sql.send('INSERT INTO pipelined (id, v) SELECT 700 + count(*), ? FROM pipelined WHERE id BETWEEN 700 AND 799', ['counted']);
        sql.send('INSERT INTO pipelined_child (id, parent) VALUES (?, ?)', [3, 700]);
        // Reads pipelined, which the group above writes: it must see that write, so it is sent alone.
        sql.send('UPDATE pipelined_child SET parent = (SELECT max(id) FROM pipelined WHERE id BETWEEN 700 AND 799) WHERE id = ?', [3]);
        await sql.settle();
      } finally {
        unspy?.();
      }
    });
    expect(await committed(700)).toEqual([700]);
    const [child] = await other.knex('pipelined_child').where('id', 3).select<{ parent: number }[]>('parent');
    expect(Number(child?.parent)).toBe(700);
    if (dbCase().name === 'postgres') {
      expect(texts.filter((t) => t.startsWith('WITH w1 AS (INSERT INTO pipelined (id, v) SELECT')).length).toBe(1);
      expect(texts.filter((t) => t.startsWith('UPDATE pipelined_child')).length).toBe(1);
    }
  });

  it('on PostgreSQL the statements sent together leave in one socket write, not one each', async () => {
    if (dbCase().name !== 'postgres') return;
    // Every socket write of this worker while the transaction runs (nothing else writes here).
    const counter = countSocketWrites();
    let seen: number[];
    try {
      seen = await db.transact(async (sql) => {
        for (let id = 400; id < 410; id++) sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [id, 'x']);
        const read = sql.all<{ id: number }>('SELECT id FROM pipelined WHERE id BETWEEN ? AND ? ORDER BY id', [400, 499]);
        sql.commitEarly?.();
        return (await read).map((r) => Number(r.id));
      });
    } finally {
      counter.stop();
    }
    const writes = counter.writes();
    const ids = Array.from({ length: 10 }, (_, k) => 400 + k);
    expect(seen).toEqual(ids);
    expect(await committed(400)).toEqual(ids);
    // BEGIN, ten inserts, the read and COMMIT: thirteen statements, one write (pg alone made thirteen).
    expect(writes).toBe(1);
  });

  it('on PostgreSQL a guarded update that changes no row fails the transaction as the caller refines it, COMMIT sent early or not', async () => {
    if (dbCase().name !== 'postgres') return;
    await db.knex('pipelined').insert({ id: 800, v: 'v1' });
    const guarded = guardedUpdate('UPDATE pipelined SET v = ? WHERE id = ? AND v = ? RETURNING 1');
    class Stale extends Error {}
    const refine = (err: unknown): unknown => (isStaleVersionFailure(err) ? new Stale('stale') : err);
    for (const early of [false, true]) {
      const attempt = db.transact(async (sql) => {
        // Stale: the row holds 'v1'. The writes behind it are refused by PostgreSQL (the
        // transaction is aborted), and what surfaces is the guard's failure, refined.
        sql.send(guarded, ['v2', 800, 'v0', 'pipelined 800', 0], refine);
        sql.send('INSERT INTO pipelined (id, v) VALUES (?, ?)', [801, 'after']);
        const read = sql.all('SELECT id FROM pipelined WHERE id = ?', [800]);
        if (early) sql.commitEarly?.();
        return read;
      });
      await expect(attempt).rejects.toBeInstanceOf(Stale);
      expect(await committed(800)).toEqual([800]);
      expect((await other.knex('pipelined').where({ id: 800 }).first<{ v: string }>('v'))?.v).toBe('v1');
    }
    // The same statement, fresh: it changes its row and commits.
    await db.transact(async (sql) => {
      sql.send(guarded, ['v2', 800, 'v1', 'pipelined 800', 1], refine);
      return Promise.resolve();
    });
    expect((await other.knex('pipelined').where({ id: 800 }).first<{ v: string }>('v'))?.v).toBe('v2');
  });
});
