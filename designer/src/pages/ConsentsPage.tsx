/**
 * What awaits the signed-in citizen's consent (`GET /api/my/consents`): a case someone filed
 * that names them (the other spouse, the other party of a contract). Confirming
 * (`POST /api/cases/:id/consents/:subject`) lets the case read their national records; the
 * page shows nothing of the case's data, only which procedure, as whom, and since when.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText, type SessionUser } from '../lib/api';
import { formatDateTime } from '../lib/format';
import type { ConsentView } from '../lib/types';
import { SignInFirst } from './SignInFirst';
import { useApi } from './useApi';

export function ConsentsPage({ user }: { user: SessionUser | null }) {
  const { t } = useTranslation('cases');
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
      <h1>{t('consents.title')}</h1>
      <p>{t('consents.intro')}</p>
      {done ? (
        <p role="status" className="notice ok">
          {t('consents.recorded')} <code>{done.caseId}</code>.{' '}
          {t(done.complete ? 'consents.complete' : 'consents.waitingOthers')}
        </p>
      ) : null}
      {error ? <p role="alert" className="notice bad">{error}</p> : null}
      {consents.error ? <p role="alert" className="notice bad">{consents.error}</p> : null}
      {consents.loading ? <p role="status">{t('common:words.loading')}</p> : null}
      {!consents.loading && !consents.error && list.length === 0 ? <p>{t('consents.none')}</p> : null}
      {list.length ? (
        <table className="list" aria-label={t('consents.title')}>
          <thead><tr><th scope="col">{t('my.col.id')}</th><th scope="col">{t('my.col.procedure')}</th><th scope="col">{t('consents.col.as')}</th><th scope="col">{t('consents.col.since')}</th><th scope="col">{t('consents.col.action')}</th></tr></thead>
          <tbody>
            {list.map((c) => (
              <tr key={`${c.caseId}/${c.subject}`}>
                <td><code>{c.caseId}</code></td>
                <td>{c.procedure.name ?? c.procedure.code}</td>
                <td>{t(`consents.relation.${c.relation}`, { defaultValue: c.relation })}</td>
                <td>{formatDateTime(c.since)}</td>
                <td>
                  <button type="button" onClick={() => confirm(c)} disabled={busy !== null}>
                    {busy === `${c.caseId}/${c.subject}` ? t('portal:file.sending') : t('consents.agree')}
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
