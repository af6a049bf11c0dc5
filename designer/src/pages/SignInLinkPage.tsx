/**
 * `#/signin/<code>`: the one-time link `motcua admin create` prints. The code is spent with
 * `POST /api/auth/sign-in-link` for a session token, and removed from the address bar and
 * history at once.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText, setSession, type SessionUser } from '../lib/api';

export function SignInLinkPage({ code, onSignedIn }: { code: string; onSignedIn: (user: SessionUser) => void }) {
  const { t } = useTranslation('login');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // The code must not stay in the address bar, the history or a bookmark.
    window.history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
    api<{ token: string; user: SessionUser }>('POST', '/api/auth/sign-in-link', { code })
      .then((answer) => {
        setSession(answer.token, answer.user);
        onSignedIn(answer.user);
      })
      .catch((err: unknown) => setError(errorText(err)));
  }, [code]); // once per link: a link is spent by its first use
  return (
    <section className="narrow">
      <h1>{t('link.title')}</h1>
      {error ? (
        <p role="alert" className="notice bad">
          {t('link.failed', { error })} <code>motcua admin create</code>.
        </p>
      ) : (
        <p className="muted">{t('link.signingIn')}</p>
      )}
    </section>
  );
}
