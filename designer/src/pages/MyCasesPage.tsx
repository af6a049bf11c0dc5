/** A citizen's cases (`GET /api/my/cases`), newest first. */
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { href } from '../lib/route';
import type { CaseView } from '../lib/types';
import { StatusBadge } from './StatusBadge';
import { SignInFirst } from './SignInFirst';
import { useApi } from './useApi';

export function MyCasesPage({ user }: { user: SessionUser | null }) {
  const { t } = useTranslation('cases');
  const cases = useApi<CaseView[] | { items: CaseView[] }>(user ? '/api/my/cases' : null);
  if (!user) return <SignInFirst back={['my']} />;
  const list = Array.isArray(cases.data) ? cases.data : (cases.data?.items ?? []);
  return (
    <section>
      <h1>{t('my.title')}</h1>
      {cases.error ? <p role="alert" className="notice bad">{cases.error}</p> : null}
      {cases.loading ? <p role="status">{t('common:words.loading')}</p> : null}
      {!cases.loading && list.length === 0 && !cases.error ? <p>{t('my.none')} <a href={href('portal')}>{t('my.fileNew')}</a></p> : null}
      {list.length ? (
        <table className="list" aria-label={t('my.title')}>
          <thead><tr><th scope="col">{t('my.col.id')}</th><th scope="col">{t('my.col.procedure')}</th><th scope="col">{t('my.col.submitted')}</th><th scope="col">{t('my.col.due')}</th><th scope="col">{t('my.col.status')}</th></tr></thead>
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
