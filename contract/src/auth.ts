/** How one may sign in: `GET /api/auth/providers`, read by the web app's sign-in page. */
export interface SignInProviders {
  /** Sign-in through OpenID Connect (the e-ID, VNeID), when configured. */
  oidc?: {
    /** `embedded`: demo mode's simulated VNeID on this server; `external`: a real provider. */
    kind: 'embedded' | 'external';
    /** Where the browser goes to start (a full-page navigation, not a fetch). */
    startUrl: string;
  };
  /** Demo mode: the seeded users can be signed in as directly (dev-login). */
  demo: boolean;
}
