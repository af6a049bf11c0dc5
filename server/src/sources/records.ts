/**
 * National data sources (population, business register, land...) as a table of records.
 * In production these are read through the national data exchange; here, as in the demo,
 * the records are seeded. The engine says which keys it needs (`lookups`) before a command.
 */
import type { Knex } from 'knex';
import type { Lookup, SourceRecords } from '../cases/engine-port';
import type { Sql } from '../db/sql';

/** The records for every lookup (absent keys are simply absent), through plain SQL (inside a transaction, or on a read connection). */
export async function readRecords(sql: Sql, lookups: readonly Lookup[]): Promise<SourceRecords> {
  const out: SourceRecords = {};
  const wanted = lookups.filter((l) => l.source && l.key);
  if (!wanted.length) return out;
  const rows = await sql.all<{ source: string; key: string; record: string }>(
    `SELECT source, "key", record FROM source_records WHERE ${wanted.map(() => '(source = ? AND "key" = ?)').join(' OR ')}`,
    wanted.flatMap((l) => [l.source, l.key]),
  );
  for (const r of rows) (out[r.source] ??= {})[r.key] = JSON.parse(r.record) as unknown;
  return out;
}

export interface SourceRecord {
  source: string;
  key: string;
  record: unknown;
}

export async function upsertRecords(knex: Knex, records: readonly SourceRecord[], now: number = Date.now()): Promise<void> {
  for (let i = 0; i < records.length; i += 200) {
    await knex('source_records')
      .insert(records.slice(i, i + 200).map((r) => ({ source: r.source, key: r.key, record: JSON.stringify(r.record), updated_at: now })))
      .onConflict(['source', 'key'])
      .merge();
  }
}
