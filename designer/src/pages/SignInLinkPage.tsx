/**
 * `#/signin/<token>`: the link `motcua admin create` prints. The token is checked with
 * `GET /api/auth/me`, kept as the session, and removed from the address bar and history.
 */
import { useEffect, useState } from 'react';
import { errorText, setSession, toApiError, type SessionUser } from '../lib/api';

export function SignInLinkPage({ token, onSignedIn }: { token: string; onSignedIn: (user: SessionUser) => void }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // The token must not stay in the address bar, the history or a bookmark.
    window.history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
    fetch('/api/auth/me', { headers: { accept: 'application/json', authorization: `Bearer ${token}` } })
      .then(async (res) => {
        const body = (await res.json().catch(() => ({}))) as unknown;
        if (!res.ok) throw toApiError(res.status, body);
        const user = body as SessionUser;
        setSession(token, user);
        onSignedIn(user);
      })
      .catch((err: unknown) => setError(errorText(err)));
  }, [token]); // once per link
  return (
    <section className="narrow">
      <h1>Đăng nhập bằng liên kết <small>Sign-in link</small></h1>
      {error ? <p role="alert" className="notice bad">Liên kết không dùng được (đã hết hạn?): {error}. Chạy lại <code>motcua admin create</code>. (The link is invalid or expired.)</p> : <p className="muted">Đang kiểm tra… (checking…)</p>}
    </section>
  );
}
