/** The users, units and role grants tables. */
import type { Knex } from 'knex';
import type { Sql } from '../db/sql';
import type { Level } from 'motcua/engine';
import type { Principal, UserKind } from './principal';
import { principalsChanged } from './principal-cache';

interface UserRow {
  id: string;
  name: string;
  kind: UserKind;
  national_id: string | null;
  active: boolean | number;
}

/** The user and their role grants, in one query (this runs on every authenticated request). */
export async function findPrincipal(sql: Sql, id: string): Promise<Principal | undefined> {
  const rows = await sql.all<UserRow & { role: string | null; unit: string | null; level: Level | null }>(
    `SELECT u.id, u.name, u.kind, u.national_id, u.active, r.role AS role, r.unit_id AS unit, n.level AS level
       FROM users u LEFT JOIN user_roles r ON r.user_id = u.id LEFT JOIN units n ON n.id = r.unit_id
      WHERE u.id = ?`,
    [id],
  );
  const user = rows[0];
  if (!user || !user.active) return undefined;
  const roles = rows
    .filter((r): r is typeof r & { role: string; unit: string; level: Level } => r.role !== null && r.unit !== null && r.level !== null)
    .map((r) => ({ role: r.role, unit: r.unit, level: r.level }));
  return { id: user.id, name: user.name, kind: user.kind, nationalId: user.national_id ?? undefined, roles };
}

export interface NewUser {
  id: string;
  name: string;
  kind: UserKind;
  nationalId?: string;
  roles?: { role: string; unit: string }[];
  /** A seeded demo user (a production server refuses to start while one exists). Kept as is when absent. */
  demo?: boolean;
}

/** Creates or replaces a user and their role grants (admin API, seed). */
export async function upsertUser(knex: Knex, user: NewUser): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('users')
      .insert({ id: user.id, name: user.name, kind: user.kind, national_id: user.nationalId ?? null, active: true, ...(user.demo === undefined ? {} : { demo: user.demo }) })
      .onConflict('id')
      .merge();
    await trx('user_roles').where({ user_id: user.id }).delete();
    if (user.roles?.length) {
      await trx('user_roles').insert(user.roles.map((r) => ({ user_id: user.id, role: r.role, unit_id: r.unit })));
    }
  });
  principalsChanged();
}

export interface UnitRow {
  id: string;
  name: string;
  level: Level;
  parent?: string | null;
  /** The statistics office's code (2 digits for a province, 5 for a commune), if official. */
  code?: string | null;
}

export async function upsertUnits(knex: Knex, units: readonly UnitRow[]): Promise<void> {
  // Chunked: SQLite limits the number of bound variables per statement.
  for (let i = 0; i < units.length; i += 200) {
    const chunk = units.slice(i, i + 200).map((u) => ({ id: u.id, name: u.name, level: u.level, parent: u.parent ?? null, code: u.code ?? null }));
    await knex('units').insert(chunk).onConflict('id').merge();
  }
  // A unit's level is part of the principals holding a role there.
  principalsChanged();
}
