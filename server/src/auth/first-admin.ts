/**
 * `motcua admin create`: the first administrator of a production database, who cannot sign in
 * through dev-login (demo only) and, before the e-ID provider is configured (server/src/oidc/),
 * has no other way in; afterwards the same account signs in with the e-ID by its national ID.
 * The user is created (or found again, so that a lost link can be replaced) and a one-time
 * sign-in link is made for them; both are written to the audit trail.
 */
import { MotcuaError } from 'motcua/engine';
import { appendAudit } from '../audit';
import { principalsChanged } from './principal-cache';
import type { Database } from '../db';
import { createSignInLink, SIGN_IN_LINK_TTL_MS } from './sign-in-links';

export interface FirstAdminRequest {
  nationalId: string;
  name: string;
  /** Default `admin-<nationalId>`. */
  id?: string;
  /** Default 15 minutes. */
  ttlMs?: number;
}

export interface FirstAdmin {
  id: string;
  created: boolean;
  /** The one-time sign-in secret: `#/signin/<code>` in the web app, or `POST /api/auth/sign-in-link`. */
  code: string;
  expiresAt: number;
}

function bad(message: string, path: string, hint: string): MotcuaError {
  return new MotcuaError('E_BAD_ADMIN', message, { status: 400, path, hint });
}

/** Creates the administrator (or finds them again) and a one-time sign-in link, audited. */
export async function createFirstAdmin(db: Database, req: FirstAdminRequest, now: number = Date.now()): Promise<FirstAdmin> {
  if (!/^[0-9]{12}$/.test(req.nationalId)) throw bad(`'${req.nationalId.slice(0, 40)}' is not a national ID`, 'national-id', 'A national ID (số định danh cá nhân) has 12 digits.');
  const name = req.name.trim();
  if (!name || name.length > 300) throw bad('The name must have 1 to 300 characters', 'name', 'Give the full name as on the e-ID, e.g. --name "Nguyễn Văn An".');
  const id = req.id ?? `admin-${req.nationalId}`;
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(id)) throw bad(`'${id.slice(0, 40)}' is not a user id`, 'id', 'Use letters, digits, dot, dash or underscore (at most 128).');
  const ttlMs = req.ttlMs ?? SIGN_IN_LINK_TTL_MS;
  if (!Number.isInteger(ttlMs) || ttlMs < 60_000 || ttlMs > 24 * 3600_000) throw bad('The link must live between 1 minute and 24 hours', 'ttl-minutes', 'Give --ttl-minutes from 1 to 1440.');
  const made = await db.knex.transaction(async (trx) => {
    const existing = await trx('users').where({ id }).first<{ kind: string; national_id: string | null; demo: boolean | number } | undefined>('kind', 'national_id', 'demo');
    if (existing && (existing.kind !== 'admin' || existing.national_id !== req.nationalId || Boolean(existing.demo))) {
      throw new MotcuaError('E_USER_EXISTS', `User '${id}' exists and is not the administrator with national ID ${req.nationalId}`, {
        status: 409,
        path: 'id',
        hint: 'Choose another --id; an existing user becomes an administrator through PUT /api/admin/users/:id.',
      });
    }
    if (!existing) await trx('users').insert({ id, name, kind: 'admin', national_id: req.nationalId, active: true, demo: false });
    else await trx('users').where({ id }).update({ active: true });
    const link = await createSignInLink(trx, id, { now, ttlMs });
    await appendAudit(trx, [
      ...(existing ? [] : [{ actor: 'cli', action: 'admin.create', subject: id, payload: { nationalId: req.nationalId, name }, at: now }]),
      { actor: 'cli', action: 'auth.sign-in-link.create', subject: id, payload: { expiresAt: link.expiresAt }, at: now },
    ]);
    return { id, created: !existing, code: link.code, expiresAt: link.expiresAt };
  });
  // A deactivated administrator was reactivated.
  principalsChanged();
  return made;
}
