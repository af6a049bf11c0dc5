/**
 * Migration 0145 on a database written before it: on SQLite the append-only tables lose
 * AUTOINCREMENT (no `sqlite_sequence` write per insert) and keep every row, id, index and
 * foreign key, the audit chain still verifies and new ids continue after the last; on
 * PostgreSQL (sequences) nothing changes.
 */
import { expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../src/audit';
import { MIGRATIONS, migrationSource, type Database } from '../src/db';
import { forEachDatabase } from './databases';

const TABLES = ['case_events', 'audit_log', 'data_access', 'outbox'];

forEachDatabase('append-only tables without AUTOINCREMENT (migration 0145)', (dbCase) => {
  it('keeps the rows, ids, indexes and keys of a database written before it; new ids follow the last', async () => {
    const sqlite = dbCase().name === 'sqlite';
    // The older schema, as every database before 0145 has it.
    const older = await olderDatabase(dbCase);
    const before = await snapshot(older);
    await older.migrate();
    const after = await snapshot(older);
    expect(after.rows).toEqual(before.rows);
    expect(after.indexes).toEqual(before.indexes);
    if (sqlite) {
      expect(before.autoincrement).toEqual(TABLES);
      expect(after.autoincrement).toEqual([]);
      expect(await older.knex.raw('PRAGMA foreign_key_check')).toEqual([]);
      // timers keeps AUTOINCREMENT: its rows are deleted while the poller marks them by id.
      const [timers] = await older.knex.raw<{ sql: string }[]>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'timers'");
      expect(timers?.sql).toMatch(/autoincrement/i);
    }
    expect(await verifyAudit(older.knex)).toMatchObject({ ok: true, rows: 3 });
    // New rows continue after the last id of each table, and the chain with them.
    await older.knex.transaction(async (trx) => {
      await appendAudit(trx, [{ actor: 'test', action: 'after', subject: 'c1', payload: {}, at: 4 }]);
      await trx('case_events').insert({ case_id: 'c1', seq: 3, type: 'after', at: 4, body: '{}' });
    });
    const lastEvent = await older.knex('case_events').max({ id: 'id' }).first<{ id: number }>();
    expect(Number(lastEvent.id)).toBe(Math.max(...before.rows.case_events!.map((r) => Number(r.id))) + 1);
    expect(await verifyAudit(older.knex)).toMatchObject({ ok: true, rows: 4 });
  });
});

/** A second database of the same kind, migrated up to 0145 excluded, with rows in each table. */
async function olderDatabase(dbCase: () => { open: () => Promise<Database> }): Promise<Database> {
  const db = await dbCase().open();
  const { knex } = db;
  // Empty it back to nothing, then up to (not including) 0145.
  while (((await knex.migrate.list({ migrationSource })) as [unknown[]])[0].length) await knex.migrate.down({ migrationSource });
  const older: typeof migrationSource = { ...migrationSource, getMigrations: () => Promise.resolve(MIGRATIONS.filter((m) => m.name !== '0145_rowid_ids')) };
  await knex.migrate.latest({ migrationSource: older });
  await knex('cases').insert({ id: 'c1', procedure_code: 'T', procedure_version: '1', applicant_id: 'a', unit_id: 'u', status: 'processing', submitted_at: 1, updated_at: 1, version: 1, state: '{}' });
  await knex.transaction(async (trx) => {
    await trx('case_events').insert([
      { case_id: 'c1', seq: 1, type: 'submitted', at: 1, body: '{"type":"submitted"}' },
      { case_id: 'c1', seq: 2, type: 'verified', at: 2, body: '{"type":"verified"}' },
    ]);
    await trx('data_access').insert({ subject_national_id: '001', source: 'population', record_key: '001', kind: 'filing', reader_id: 'a', case_id: 'c1', at: 1 });
    await trx('outbox').insert({ case_id: 'c1', type: 'notify', payload: '{}', created_at: 1 });
    await appendAudit(trx, [
      { actor: 'a', action: 'one', subject: 'c1', payload: { n: 1 }, at: 1 },
      { actor: 'a', action: 'two', subject: 'c1', payload: { n: 2 }, at: 2 },
      { actor: 'a', action: 'three', subject: 'c1', payload: { n: 3 }, at: 3 },
    ]);
  });
  return db;
}

/** Every row of the tables, their indexes, and which of them still use AUTOINCREMENT (SQLite). */
async function snapshot(db: Database): Promise<{ rows: Record<string, Record<string, unknown>[]>; indexes: string[]; autoincrement: string[] }> {
  const rows: Record<string, Record<string, unknown>[]> = {};
  for (const t of TABLES) rows[t] = (await db.knex(t).orderBy('id')) as Record<string, unknown>[];
  if (db.dialect !== 'sqlite') {
    const idx = await db.knex.raw<{ rows: { indexname: string }[] }>("SELECT indexname FROM pg_indexes WHERE tablename = ANY(?) AND schemaname = current_schema() ORDER BY indexname", [TABLES]);
    return { rows, indexes: idx.rows.map((r) => r.indexname), autoincrement: [] };
  }
  const idx = await db.knex.raw<{ name: string; sql: string | null }[]>(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${TABLES.map(() => '?').join(', ')}) ORDER BY name`, TABLES);
  const defs = await db.knex.raw<{ name: string; sql: string }[]>(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN (${TABLES.map(() => '?').join(', ')})`, TABLES);
  return {
    rows,
    indexes: idx.map((i) => `${i.name}: ${i.sql ?? '(key)'}`),
    autoincrement: TABLES.filter((t) => defs.some((d) => d.name === t && /autoincrement/i.test(d.sql))),
  };
}
