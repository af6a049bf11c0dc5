/** Where sign-in through OpenID Connect lives on this server. */

/** The browser starts a sign-in here (a plain link in the web app). */
export const START_PATH = '/api/auth/oidc/start';

/** The provider sends the browser back here with the authorization code. */
export const CALLBACK_PATH = '/api/auth/oidc/callback';

/** The embedded provider's mount (demo mode): discovery at `/oidc/.well-known/openid-configuration`. */
export const EMBEDDED_PATH = '/oidc';

/** The one client the embedded provider knows: this server. */
export const EMBEDDED_CLIENT_ID = 'motcua';

/** The cookie binding a sign-in to the browser that started it (holds the state). */
export const STATE_COOKIE = 'motcua_oidc_state';
