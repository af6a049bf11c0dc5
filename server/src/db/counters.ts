/**
 * Additive counters kept for the end of a group commit. A table of counters is written by an
 * upsert that adds (`INSERT ... ON CONFLICT (key) DO UPDATE SET n = t.n + excluded.n`): rows
 * with one key from several transactions sum to the row their one statement would write. In
 * SQLite's group commit (sqlite-batch.ts) every member adds the same few rows (a filing adds
 * 12 to the statistics: its day and month, each unit of its path, its procedure and all), so
 * the members' rows are summed as they succeed and written by one statement before the
 * COMMIT, instead of one statement each (issue 16, item 4; docs/server.md, "Counters summed
 * for the batch"). A member that fails adds nothing: its buffer is dropped with its savepoint.
 */
import { valuesSql, type Sql } from './sql';

/** A table of additive counters: the statement that adds rows to it, and its row's shape. */
export interface CounterTable {
  /** `INSERT INTO t (k1, k2, v1, v2) VALUES ` */
  readonly head: string;
  /** ` ON CONFLICT (k1, k2) DO UPDATE SET v1 = t.v1 + excluded.v1, ...` */
  readonly tail: string;
  /** The key columns, first in each row. */
  readonly keyColumns: number;
  /** The counts, after the key: numbers, added. */
  readonly valueColumns: number;
}

/** Rows per statement when a buffer is written (SQLite binds at most 32,766 parameters). */
const ROWS_PER_STATEMENT = 500;

/** Counter rows summed by key, per table, until {@link CounterBuffer.flush} writes them. */
export class CounterBuffer {
  private readonly tables = new Map<CounterTable, Map<string, unknown[]>>();

  /** Adds one row (`keyColumns` keys, then `valueColumns` numbers). */
  add(table: CounterTable, row: readonly unknown[]): void {
    let rows = this.tables.get(table);
    if (!rows) {
      rows = new Map();
      this.tables.set(table, rows);
    }
    let key = String(row[0]);
    for (let i = 1; i < table.keyColumns; i++) key += `\u0000${String(row[i])}`;
    const kept = rows.get(key);
    if (!kept) {
      rows.set(key, row.slice());
      return;
    }
    for (let i = table.keyColumns; i < table.keyColumns + table.valueColumns; i++) kept[i] = Number(kept[i]) + Number(row[i]);
  }

  /** Adds every row of `other` (a member's buffer, once it succeeded). */
  merge(other: CounterBuffer): void {
    for (const [table, rows] of other.tables) for (const row of rows.values()) this.add(table, row);
  }

  /** Writes the summed rows, one statement per table (per {@link ROWS_PER_STATEMENT}), and empties the buffer. */
  flush(sql: Sql): void {
    for (const [table, rows] of this.tables) {
      const all = [...rows.values()];
      for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) sendRows(sql, table, all.slice(i, i + ROWS_PER_STATEMENT));
    }
    this.tables.clear();
  }
}

/** One upsert of `rows` into `table`. */
function sendRows(sql: Sql, table: CounterTable, rows: readonly (readonly unknown[])[]): void {
  sql.send(valuesSql(table.head, rows.length, table.keyColumns + table.valueColumns, table.tail), rows.flat());
}

/**
 * Adds `rows` to the counters of `table`: into the group commit's buffer when the transaction
 * has one (SQLite), else by one statement now (PostgreSQL, whose transactions commit alone).
 */
export function addCounters(sql: Sql, table: CounterTable, rows: readonly (readonly unknown[])[]): void {
  if (!rows.length) return;
  const buffer = sql.counters;
  if (buffer) {
    for (const row of rows) buffer.add(table, row);
    return;
  }
  sendRows(sql, table, rows);
}
