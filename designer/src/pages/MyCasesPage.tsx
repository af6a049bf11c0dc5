/** A citizen's cases (`GET /api/my/cases`), newest first. */
import type { SessionUser } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { href } from '../lib/route';
import type { CaseView } from '../lib/types';
import { StatusBadge } from './StatusBadge';
import { SignInFirst } from './SignInFirst';
import { useApi } from './useApi';

export function MyCasesPage({ user }: { user: SessionUser | null }) {
  const cases = useApi<CaseView[] | { items: CaseView[] }>(user ? '/api/my/cases' : null);
  if (!user) return <SignInFirst back={['my']} />;
  const list = Array.isArray(cases.data) ? cases.data : (cases.data?.items ?? []);
  return (
    <section>
      <h1>Hồ sơ của tôi <small>My cases</small></h1>
      {cases.error ? <p role="alert" className="notice bad">{cases.error}</p> : null}
      {cases.loading ? <p role="status">Đang tải…</p> : null}
      {!cases.loading && list.length === 0 && !cases.error ? <p>Bạn chưa nộp hồ sơ nào. <a href={href('portal')}>Nộp hồ sơ mới</a></p> : null}
      {list.length ? (
        <table className="list">
          <thead><tr><th scope="col">Mã hồ sơ</th><th scope="col">Thủ tục</th><th scope="col">Ngày nộp</th><th scope="col">Hạn trả kết quả</th><th scope="col">Trạng thái</th></tr></thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id}>
                <td><a href={href('cases', c.id)}><code>{c.id}</code></a></td>
                <td>{c.procedure.name ?? c.procedure.code}</td>
                <td>{formatDateTime(c.submittedAt)}</td>
                <td>{formatDateTime(c.due)}</td>
                <td><StatusBadge status={c.status} overdue={c.overdue} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
