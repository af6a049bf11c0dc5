/**
 * The units in force on a day, as the engine's validator takes them: what an overlay's
 * `scope.province` is checked against when it is published. The database, not the library's
 * catalogue file, is the truth here: a reorganization ends units in the database only.
 */
import type { OrgUnit } from 'motcua/engine';
import type { Database, Sql } from '../db';
import { unitInForce, type UnitRecord } from './unit-record';

const SELECT = 'SELECT id, name, level, parent, code, valid_from, valid_to FROM units';

/** Every unit in force on `day` (an ISO date), by id; read through `sql` when inside a transaction. */
export async function unitsInForce(db: Database, day: string, sql?: Sql): Promise<ReadonlyMap<string, OrgUnit>> {
  const rows = sql ? await sql.all<UnitRecord>(SELECT, []) : await db.query((q) => q.all<UnitRecord>(SELECT, []));
  const out = new Map<string, OrgUnit>();
  for (const r of rows) {
    if (!unitInForce(r, day)) continue;
    out.set(r.id, { id: r.id, name: r.name, level: r.level, ...(r.parent ? { parent: r.parent } : {}), ...(r.code ? { code: r.code } : {}) });
  }
  return out;
}
