/**
 * Sign-in: "Đăng nhập bằng VNeID" sends the browser to the server's OpenID Connect start
 * (`GET /api/auth/providers` says whether one is configured: VNeID, or demo mode's embedded
 * stand-in); it comes back at `#/signin/<code>` (SignInLinkPage). In demo mode the seeded users
 * can also be picked directly: `POST /api/auth/dev-login {user}` answers a bearer token.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInProviders } from 'motcua/contract';
import { i18next } from '../i18n';
import { api, errorText, setSession, type SessionUser } from '../lib/api';

interface DevLoginAnswer {
  token: string;
  user?: Partial<SessionUser>;
}

/** Demo users shown when the server does not list its own. */
function fallbackUsers(): SessionUser[] {
  const t = i18next.getFixedT(null, 'login');
  return [
    { id: 'citizen-1', name: t('fallback.citizen'), kind: 'citizen' },
    { id: 'officer-1', name: t('fallback.officer'), kind: 'officer' },
    { id: 'author-1', name: t('fallback.author'), kind: 'author' },
  ];
}

export function LoginPage({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const { t } = useTranslation('login');
  const [users, setUsers] = useState<SessionUser[]>(fallbackUsers);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [providers, setProviders] = useState<SignInProviders | null>(null);

  useEffect(() => {
    api<SignInProviders>('GET', '/api/auth/providers')
      .then(setProviders)
      .catch(() => setProviders({ demo: true }));
    api<{ users?: SessionUser[] } | SessionUser[]>('GET', '/api/auth/dev-users')
      .then((answer) => {
        const list = Array.isArray(answer) ? answer : answer.users;
        if (list && list.length > 0) setUsers(list);
      })
      .catch(() => undefined);
  }, []);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const id = chosen.trim();
    if (!id) {
      setError(t('pickUser'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await api<DevLoginAnswer>('POST', '/api/auth/dev-login', { user: id });
      const known = users.find((u) => u.id === id);
      const user: SessionUser = {
        id, name: answer.user?.name ?? known?.name ?? id, kind: answer.user?.kind ?? known?.kind ?? 'citizen',
        ...(answer.user?.roles ? { roles: answer.user.roles } : {}),
        ...(answer.user?.nationalId ? { nationalId: answer.user.nationalId } : {}),
      };
      setSession(answer.token, user);
      onSignedIn(user);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>{t('title')}</h1>
      {providers?.oidc ? (
        <p>
          <a className="button primary" href={providers.oidc.startUrl} data-testid="vneid-sign-in">
            {t('vneid')}{providers.oidc.kind === 'embedded' ? <small> {t('vneidSimulated')}</small> : null}
          </a>
        </p>
      ) : null}
      {providers && !providers.oidc && !providers.demo ? (
        <p className="notice">{t('noProvider')}</p>
      ) : null}
      {providers?.demo === false ? null : (
      <>
      <p className="muted">{t('demo')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t('demoUsers')}</legend>
          {users.map((u) => (
            <label key={u.id} className="choice">
              <input type="radio" name="user" value={u.id} checked={chosen === u.id} onChange={() => setChosen(u.id)} />
              {/* By name only: a demo user's id holds role and unit ids; their name says both in words. */}
              <span>{u.name}</span>
            </label>
          ))}
        </fieldset>
        <label htmlFor="user-id">{t('typeId')}</label>
        <input id="user-id" value={chosen} onChange={(e) => setChosen(e.target.value)} autoComplete="username" />
        {error ? <p role="alert" className="notice bad">{error}</p> : null}
        <button type="submit" className="primary" disabled={busy}>{t('signIn')}</button>
      </form>
      </>
      )}
    </section>
  );
}
