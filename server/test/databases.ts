/**
 * One integration suite, two databases: `forEachDatabase` runs the same spec on a fresh
 * SQLite file always, and on PostgreSQL when MOTCUA_TEST_PG is set (each test file in its own
 * schema so that files run in parallel). With MOTCUA_REQUIRE_ALL_SUITES=1 a missing or
 * unreachable PostgreSQL fails the suite instead of skipping it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDatabase, type Database, type DatabaseTarget } from '../src/db';

export interface DatabaseCase {
  name: 'sqlite' | 'postgres';
  /** Opens a new database (fresh schema), migrated. Closed after the file. */
  open: () => Promise<Database>;
  /** A second, independent connection (pool) to a database opened above: another "process". */
  again: (db: Database) => Database;
  /** Where a database opened above lives, for another process to open it. */
  targetOf: (db: Database) => DatabaseTarget;
  /** A temporary folder for this database's data dir. */
  dataDir: string;
}

const pgUrl = process.env.MOTCUA_TEST_PG;
const requireAll = process.env.MOTCUA_REQUIRE_ALL_SUITES === '1';

/** Runs `spec` once per available database. */
export function forEachDatabase(title: string, spec: (db: () => DatabaseCase) => void): void {
  for (const name of ['sqlite', 'postgres'] as const) {
    if (name === 'postgres' && !pgUrl) {
      if (requireAll) {
        describe(`${title} [postgres]`, () => {
          it('needs PostgreSQL', () => {
            throw new Error('MOTCUA_REQUIRE_ALL_SUITES=1 but MOTCUA_TEST_PG is not set: set it to a postgres:// URL');
          });
        });
      } else {
        describe.skip(`${title} [postgres] (set MOTCUA_TEST_PG)`, () => {
          it('skipped', () => undefined);
        });
      }
      continue;
    }
    describe(`${title} [${name}]`, () => {
      const opened: Database[] = [];
      const schemas: string[] = [];
      const dataDir = mkdtempSync(join(tmpdir(), `motcua-${name}-`));
      let counter = 0;
      const targets = new Map<Database, DatabaseTarget>();
      const dbCase: DatabaseCase = {
        name,
        dataDir,
        targetOf(db) {
          const target = targets.get(db);
          if (!target) throw new Error('targetOf() needs a database from open()');
          return target;
        },
        again(db) {
          const target = targets.get(db);
          if (!target) throw new Error('again() needs a database from open()');
          const second = openDatabase(target);
          opened.push(second);
          return second;
        },
        async open() {
          counter += 1;
          let target: DatabaseTarget;
          if (name === 'sqlite') {
            target = { sqlite: join(dataDir, `db${counter}.sqlite`) };
          } else {
            const schema = `t_${randomBytes(5).toString('hex')}`;
            schemas.push(schema);
            target = { postgres: pgUrl!, schema };
          }
          const db = openDatabase(target);
          targets.set(db, target);
          opened.push(db);
          await db.migrate();
          return db;
        },
      };
      beforeAll(async () => {
        if (name !== 'postgres') return;
        const probe = knexFactory({ client: 'pg', connection: pgUrl!, pool: { min: 0, max: 1 } });
        try {
          await probe.raw('select 1');
        } catch (err) {
          throw new Error(`PostgreSQL at MOTCUA_TEST_PG is not reachable: ${String(err)}`, { cause: err });
        } finally {
          await probe.destroy();
        }
      });
      afterAll(async () => {
        for (const db of opened) await db.close();
        if (name === 'postgres' && schemas.length) {
          const admin = knexFactory({ client: 'pg', connection: pgUrl!, pool: { min: 0, max: 1 } });
          for (const s of schemas) await admin.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [s]);
          await admin.destroy();
        }
        rmSync(dataDir, { recursive: true, force: true });
      });
      spec(() => dbCase);
    });
  }
}
