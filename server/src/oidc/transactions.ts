/**
 * Sign-ins in progress: each authorization request's PKCE verifier and nonce, kept on the
 * server under its `state` (table oidc_logins, migration 0043) and spent by the first callback
 * that presents that state. The browser also carries the state in a cookie (routes: the
 * callback must come from the browser that started it), so a state alone, stolen or guessed,
 * signs nobody in.
 */
import type { Knex } from 'knex';

/** How long a user may take at the provider before the sign-in must be started again. */
export const LOGIN_TTL_MS = 10 * 60 * 1000;

/** `state` and `nonce` as openid-client makes them (32 random bytes, base64url). */
export const STATE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export interface PendingLogin {
  state: string;
  codeVerifier: string;
  nonce: string;
  /** The redirect URI sent with the authorization request (the token request repeats it). */
  redirectUri: string;
}

/** Records a started sign-in; expired ones are swept on the way (the table stays small). */
export async function savePendingLogin(knex: Knex, login: PendingLogin, now: number): Promise<void> {
  await knex('oidc_logins').where('expires_at', '<=', now).delete();
  await knex('oidc_logins').insert({
    state: login.state,
    code_verifier: login.codeVerifier,
    nonce: login.nonce,
    redirect_uri: login.redirectUri,
    created_at: now,
    expires_at: now + LOGIN_TTL_MS,
  });
}

/** Spends the sign-in of `state`: its verifier and nonce, or undefined when unknown, spent or expired. */
export async function takePendingLogin(knex: Knex, state: string, now: number): Promise<PendingLogin | undefined> {
  return knex.transaction(async (trx) => {
    const row = await trx('oidc_logins')
      .where({ state })
      .andWhere('expires_at', '>', now)
      .first<{ state: string; code_verifier: string; nonce: string; redirect_uri: string } | undefined>('state', 'code_verifier', 'nonce', 'redirect_uri');
    if (!row) return undefined;
    // One DELETE decides: of two concurrent callbacks with the same state, exactly one proceeds.
    if ((await trx('oidc_logins').where({ state }).delete()) !== 1) return undefined;
    return { state: row.state, codeVerifier: row.code_verifier, nonce: row.nonce, redirectUri: row.redirect_uri };
  });
}
