/**
 * One-time sign-in links: a random secret handed to one person out of band (the operator who
 * ran `motcua admin create`), redeemed once for an ordinary session token. The database keeps
 * only the secret's SHA-256, so that someone who reads it cannot sign in with it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/** How long a link stays valid by default. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

/** The secret's shape: 32 random bytes, base64url. */
export const SIGN_IN_CODE_PATTERN = '^[A-Za-z0-9_-]{43}$';

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** Creates a link for `userId` inside the caller's transaction and returns its secret (shown once). */
export async function createSignInLink(trx: Knex | Knex.Transaction, userId: string, o: { now: number; ttlMs?: number }): Promise<{ code: string; expiresAt: number }> {
  const code = randomBytes(32).toString('base64url');
  const expiresAt = o.now + (o.ttlMs ?? SIGN_IN_LINK_TTL_MS);
  await trx('sign_in_links').insert({ hash: hashOf(code), user_id: userId, created_at: o.now, expires_at: expiresAt, used_at: null });
  return { code, expiresAt };
}

/** Spends a link: the user it was made for, or undefined when it is unknown, spent or expired. */
export async function redeemSignInLink(knex: Knex, code: string, now: number): Promise<string | undefined> {
  const hash = hashOf(code);
  // One UPDATE decides: of two concurrent redemptions, exactly one changes the row.
  const changed = await knex('sign_in_links').where({ hash }).whereNull('used_at').andWhere('expires_at', '>', now).update({ used_at: now });
  if (changed !== 1) return undefined;
  const row = await knex('sign_in_links').where({ hash }).first<{ user_id: string } | undefined>('user_id');
  return row?.user_id;
}
