/**
 * What awaits the signed-in citizen's consent (`GET /api/my/consents`): a case someone filed
 * that names them (the other spouse, the other party of a contract). Confirming
 * (`POST /api/cases/:id/consents/:subject`) lets the case read their national records; the
 * page shows nothing of the case's data, only which procedure, as whom, and since when.
 */
import { useState } from 'react';
import { api, errorText, type SessionUser } from '../lib/api';
import { formatDateTime } from '../lib/format';
import type { ConsentView } from '../lib/types';
import { SignInFirst } from './SignInFirst';
import { useApi } from './useApi';

/** The relation in Vietnamese first. */
const RELATION_VI: Record<string, string> = {
  party: 'Một bên của việc này', child: 'Con', parent: 'Cha, mẹ', deceased: 'Người đã mất', represented: 'Người được đại diện', self: 'Chính bạn',
};

export function ConsentsPage({ user }: { user: SessionUser | null }) {
  const consents = useApi<{ items: ConsentView[] }>(user ? '/api/my/consents' : null);
  const [done, setDone] = useState<ConsentView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (!user) return <SignInFirst back={['consents']} />;
  const list = consents.data?.items ?? [];

  const confirm = (c: ConsentView): void => {
    setBusy(`${c.caseId}/${c.subject}`);
    setError(null);
    api<ConsentView>('POST', `/api/cases/${encodeURIComponent(c.caseId)}/consents/${encodeURIComponent(c.subject)}`, {})
      .then((answer) => { setDone(answer); consents.reload(); })
      .catch((err: unknown) => setError(errorText(err)))
      .finally(() => setBusy(null));
  };

  return (
    <section>
      <h1>Chờ bạn đồng ý <small>Awaiting your consent</small></h1>
      <p>
        Người khác đã nộp hồ sơ có ghi tên bạn. Hồ sơ chỉ được đọc dữ liệu quốc gia về bạn sau khi bạn đồng ý.
        <small lang="en"> Someone filed a case that names you; it reads national records about you only once you consent.</small>
      </p>
      {done ? (
        <p role="status" className="notice ok">
          Đã ghi nhận sự đồng ý của bạn cho hồ sơ <code>{done.caseId}</code>.{' '}
          {done.complete ? 'Hồ sơ đã đủ và được tiếp nhận.' : 'Hồ sơ còn chờ người khác đồng ý.'}
          <small lang="en"> Your consent is recorded.</small>
        </p>
      ) : null}
      {error ? <p role="alert" className="notice bad">{error}</p> : null}
      {consents.error ? <p role="alert" className="notice bad">{consents.error}</p> : null}
      {consents.loading ? <p role="status">Đang tải…</p> : null}
      {!consents.loading && !consents.error && list.length === 0 ? <p>Không có hồ sơ nào chờ bạn đồng ý. <small lang="en">Nothing awaits your consent.</small></p> : null}
      {list.length ? (
        <table className="list">
          <thead><tr><th scope="col">Mã hồ sơ</th><th scope="col">Thủ tục</th><th scope="col">Bạn là</th><th scope="col">Từ</th><th scope="col">Thao tác</th></tr></thead>
          <tbody>
            {list.map((c) => (
              <tr key={`${c.caseId}/${c.subject}`}>
                <td><code>{c.caseId}</code></td>
                <td>{c.procedure.name ?? c.procedure.code}</td>
                <td>{RELATION_VI[c.relation] ?? c.relation} <small>({c.subject})</small></td>
                <td>{formatDateTime(c.since)}</td>
                <td>
                  <button type="button" onClick={() => confirm(c)} disabled={busy !== null}>
                    {busy === `${c.caseId}/${c.subject}` ? 'Đang gửi…' : 'Tôi đồng ý'} <small lang="en">I consent</small>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
