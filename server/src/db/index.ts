export { openDatabase, type Database, type DatabaseTarget, type Dialect } from './open-database';
export { MIGRATIONS, migrationSource, type Migration } from './migrations';
export { sqlOf, placeholders, valuesSql, type Sql } from './sql';
export { transact, query, groupCommitStats } from './transact';
export { addCounters, CounterBuffer, type CounterTable } from './counters';
export { guardedUpdate, isStaleVersionFailure } from './version-guard';
