/**
 * Sign-in: "Đăng nhập bằng VNeID" sends the browser to the server's OpenID Connect start
 * (`GET /api/auth/providers` says whether one is configured: VNeID, or demo mode's embedded
 * stand-in); it comes back at `#/signin/<code>` (SignInLinkPage). In demo mode the seeded users
 * can also be picked directly: `POST /api/auth/dev-login {user}` answers a bearer token.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { SignInProviders } from 'motcua/contract';
import { api, errorText, setSession, type SessionUser } from '../lib/api';

interface DevLoginAnswer {
  token: string;
  user?: Partial<SessionUser>;
}

/** Demo users shown when the server does not list its own. */
const FALLBACK_USERS: SessionUser[] = [
  { id: 'citizen-1', name: 'Người dân (citizen)', kind: 'citizen' },
  { id: 'officer-1', name: 'Cán bộ một cửa cấp xã, mọi vai trò (commune officer, every role)', kind: 'officer' },
  { id: 'author-1', name: 'Biên tập viên thủ tục (procedure author)', kind: 'author' },
];

export function LoginPage({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const [users, setUsers] = useState<SessionUser[]>(FALLBACK_USERS);
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
      setError('Hãy chọn hoặc nhập một người dùng. (Pick a user.)');
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
      <h1>Đăng nhập <small>Sign in</small></h1>
      {providers?.oidc ? (
        <p>
          <a className="button primary" href={providers.oidc.startUrl} data-testid="vneid-sign-in">
            Đăng nhập bằng VNeID <small>(sign in with the national e-ID{providers.oidc.kind === 'embedded' ? ', simulated in demo mode' : ''})</small>
          </a>
        </p>
      ) : null}
      {providers && !providers.oidc && !providers.demo ? (
        <p className="notice">Chưa cấu hình đăng nhập định danh điện tử (no e-ID provider configured): dùng liên kết đăng nhập một lần của quản trị viên.</p>
      ) : null}
      {providers?.demo === false ? null : (
      <>
      <p className="muted">Chế độ trình diễn: chọn một người dùng mẫu. (Demo mode: pick a demo user.)</p>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>Người dùng mẫu (demo users)</legend>
          {users.map((u) => (
            <label key={u.id} className="choice">
              <input type="radio" name="user" value={u.id} checked={chosen === u.id} onChange={() => setChosen(u.id)} />
              <span>{u.name} <code>{u.id}</code>{u.roles?.length ? <span className="muted"> — {u.roles.map((r) => `${r.role}@${r.unit}`).join(', ')}</span> : null}</span>
            </label>
          ))}
        </fieldset>
        <label htmlFor="user-id">Hoặc nhập mã người dùng (or type a user id)</label>
        <input id="user-id" value={chosen} onChange={(e) => setChosen(e.target.value)} autoComplete="username" />
        {error ? <p role="alert" className="notice bad">{error}</p> : null}
        <button type="submit" className="primary" disabled={busy}>Đăng nhập</button>
      </form>
      </>
      )}
    </section>
  );
}
