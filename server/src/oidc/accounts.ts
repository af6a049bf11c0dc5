/**
 * From a verified ID token to a motcua account: the person is known by their national ID
 * (the e-ID's identifier of a citizen). An account holding that national ID is signed in; a
 * person never seen before gets a citizen account, provisioned from the token's claims. An
 * officer's, author's or administrator's account is never created here: an administrator
 * creates it (or grants roles) and its national ID links it (PUT /api/admin/users/:id).
 */
import type { Knex } from 'knex';
import { AccessError, MotcuaError } from 'motcua/engine';
import { appendAudit } from '../audit';
import type { SignInClaims } from '../config';

/** A national ID (số định danh cá nhân): 12 digits. */
const NATIONAL_ID = /^[0-9]{12}$/;

/** What the ID token says about the person, checked. */
export interface Person {
  nationalId: string;
  name: string;
}

/** The national ID and name from verified claims, or a 4xx naming the claim that is missing or malformed. */
export function personOf(claims: Record<string, unknown>, names: SignInClaims): Person {
  const nationalId = claims[names.nationalIdClaim];
  if (typeof nationalId !== 'string' || !NATIONAL_ID.test(nationalId)) {
    throw new MotcuaError('E_OIDC_CLAIMS', `The ID token's '${names.nationalIdClaim}' claim is not a national ID`, {
      status: 422,
      path: names.nationalIdClaim,
      hint: 'The provider must release the 12-digit national ID; set MOTCUA_OIDC_NATIONAL_ID_CLAIM to the claim that carries it and ask for its scope (MOTCUA_OIDC_SCOPE).',
    });
  }
  const raw = claims[names.nameClaim];
  const name = typeof raw === 'string' && raw.trim() ? raw.trim().slice(0, 300) : nationalId;
  return { nationalId, name };
}

/** Which account a person signs into when several hold their national ID: the staff one first. */
const KIND_ORDER = ['admin', 'officer', 'author', 'citizen'] as const;

export interface LinkedAccount {
  userId: string;
  /** True when the account was created by this sign-in. */
  provisioned: boolean;
}

/**
 * The account of `person`, created as a citizen's when there is none; audited either way
 * (`auth.oidc.sign-in`). A deactivated account is refused: 403, not a fresh account.
 */
export async function linkAccount(trx: Knex.Transaction, person: Person, o: { issuer: string; now: number }): Promise<LinkedAccount> {
  const rows = await trx('users').where({ national_id: person.nationalId }).select<{ id: string; kind: string; active: boolean | number }[]>('id', 'kind', 'active');
  const active = rows.filter((r) => Boolean(r.active)).sort((a, b) => rank(a.kind) - rank(b.kind) || a.id.localeCompare(b.id));
  if (rows.length && !active.length) {
    throw new AccessError('E_FORBIDDEN', 'The account of this national ID is deactivated', { hint: 'Ask the administrator of the service to reactivate it.' });
  }
  const found = active[0];
  const userId = found?.id ?? `cit-${person.nationalId}`;
  if (!found) await trx('users').insert({ id: userId, name: person.name, kind: 'citizen', national_id: person.nationalId, active: true, demo: false });
  await appendAudit(trx, [{ actor: userId, action: 'auth.oidc.sign-in', subject: userId, payload: { issuer: o.issuer, provisioned: !found }, at: o.now }]);
  return { userId, provisioned: !found };
}

function rank(kind: string): number {
  const i = (KIND_ORDER as readonly string[]).indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}
