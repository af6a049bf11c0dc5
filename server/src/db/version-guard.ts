/**
 * The version guard of a case's update, checked by PostgreSQL itself. A transition's writes
 * and its COMMIT leave in one round trip (`Sql.send`, `Sql.commitEarly`), so nobody reads the
 * guard's row count before the COMMIT is on its way: the update must fail by itself when the
 * case moved on. It then aborts the transaction, PostgreSQL turns the COMMIT into a ROLLBACK,
 * and the failure (SQLSTATE {@link STALE_VERSION_SQLSTATE}) is mapped back to the API's
 * `E_STALE_VERSION` by the caller. On SQLite the guard's answer is synchronous and checked at
 * once: nothing here is used there.
 */
import type { Migration } from './migrations';

/** SQLSTATE raised by `motcua_version_guard` (a class of our own: "MC", motcua). */
export const STALE_VERSION_SQLSTATE = 'MC409';

/** True when `err` is PostgreSQL's answer to a guarded update whose version moved on. */
export function isStaleVersionFailure(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === STALE_VERSION_SQLSTATE;
}

/**
 * `update` (an UPDATE of one row with `RETURNING 1`, guarded by its version in its WHERE) as
 * a statement that fails unless it changed exactly one row. Its last two parameters name the
 * row and the version expected, for the failure's message.
 */
export function guardedUpdate(update: string): string {
  return `WITH u AS (${update}) SELECT motcua_version_guard((SELECT count(*) FROM u), ?, ?)`;
}

/** Installs `motcua_version_guard` on PostgreSQL (nothing on SQLite). */
export const versionGuard: Migration = {
  name: '0170_version_guard',
  async up(knex) {
    if ((knex.client as { config: { client?: unknown } }).config.client === 'better-sqlite3') return;
    await knex.raw(`CREATE OR REPLACE FUNCTION motcua_version_guard(changed bigint, row_id text, expected bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  IF changed <> 1 THEN
    RAISE EXCEPTION '% has changed since version %', row_id, expected USING ERRCODE = '${STALE_VERSION_SQLSTATE}';
  END IF;
  RETURN changed;
END
$$`);
  },
  async down(knex) {
    if ((knex.client as { config: { client?: unknown } }).config.client === 'better-sqlite3') return;
    await knex.raw('DROP FUNCTION IF EXISTS motcua_version_guard(bigint, text, bigint)');
  },
};
