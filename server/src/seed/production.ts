/**
 * What a production server checks before it serves: no demo user may remain in its database,
 * because demo users are signed into without a password (dev-login) and their ids are public.
 * A database once run in demo mode is refused with the fix named, or, when the operator asks
 * for it (`--remove-demo-users`, MOTCUA_REMOVE_DEMO_USERS=1), its demo users are deleted and
 * the removal is written to the audit trail.
 */
import type { OrgUnit, RoleEntry } from 'motcua/engine';
import { MotcuaError } from 'motcua/engine';
import { appendAudit } from '../audit';
import { principalsChanged } from '../auth';
import type { Database } from '../db';
import { demoUserIds } from './demo';

export interface ProductionCheck {
  /** Demo users deleted at this start (empty when there were none). */
  removed: string[];
}

/** The ids of the demo users in the database: marked as such, or bearing a demo id of this library. */
export async function findDemoUsers(db: Database, library: { units: readonly OrgUnit[]; roles: readonly RoleEntry[] }): Promise<string[]> {
  const known = demoUserIds(library.units, library.roles);
  const rows = await db
    .knex('users')
    .where('demo', true)
    .orWhereIn('id', known)
    .orderBy('id')
    .select<{ id: string }[]>('id');
  return rows.map((r) => r.id);
}

/** Refuses (E_DEMO_USERS) or removes the demo users of a database a production server opens. */
export async function checkProduction(
  db: Database,
  o: { units: readonly OrgUnit[]; roles: readonly RoleEntry[]; removeDemoUsers: boolean; now: () => number },
): Promise<ProductionCheck> {
  const ids = await findDemoUsers(db, o);
  if (!ids.length) return { removed: [] };
  if (!o.removeDemoUsers) {
    const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? `, ... (${ids.length} in all)` : '');
    throw new MotcuaError('E_DEMO_USERS', `Cơ sở dữ liệu còn người dùng mẫu (demo users): ${shown}. A production server does not start on a database that was run in demo mode.`, {
      hint: 'Start once with --remove-demo-users (MOTCUA_REMOVE_DEMO_USERS=1) to delete them (recorded in the audit trail), or use a fresh database; or run with --demo for a demonstration.',
      path: 'users',
    });
  }
  await db.knex.transaction(async (trx) => {
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      await trx('user_roles').whereIn('user_id', chunk).delete();
      await trx('users').whereIn('id', chunk).delete();
    }
    await appendAudit(trx, [{ actor: 'system', action: 'demo.users-removed', subject: 'users', payload: { ids }, at: o.now() }]);
  });
  principalsChanged();
  return { removed: ids };
}
