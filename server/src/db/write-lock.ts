import type { Knex } from 'knex';
import type { Dialect } from './open-database';

/**
 * SQLite starts transactions deferred: one that reads first and writes later cannot wait for
 * another process's write lock (SQLITE_BUSY at once, whatever busy_timeout says). A no-op
 * write as the first statement takes the write lock up front, waiting as busy_timeout allows.
 * PostgreSQL needs nothing: its row locks wait.
 */
export async function takeWriteLock(trx: Knex.Transaction, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') await trx.raw('UPDATE audit_head SET id = id WHERE id = 1');
}
