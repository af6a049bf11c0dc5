/**
 * The versions of a procedure with their state in words (in force, scheduled, expired,
 * retired), and for an approver the retirement of one: no new filings, running cases go on.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionView } from 'motcua/contract';
import { errorText, type SessionUser } from '../lib/api';
import { href } from '../lib/route';
import { draftsApi, isApprover } from './drafts-api';
import { versionState } from './lifecycle-text';

export function VersionsPanel({ code, user, current }: { code: string; user: SessionUser | null; current: string }) {
  const { t } = useTranslation('lifecycle');
  const [versions, setVersions] = useState<VersionView[] | null>(null);
  const [retiring, setRetiring] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(() => {
    draftsApi.versions(code).then(setVersions, (e: unknown) => setMessage({ ok: false, text: errorText(e) }));
  }, [code]);
  useEffect(load, [load]);

  const retire = async (version: string): Promise<void> => {
    try {
      await draftsApi.retire(code, version, reason.trim() || undefined);
      setMessage({ ok: true, text: t('versions.retired', { version }) });
      setRetiring(null);
      setReason('');
      load();
    } catch (err) {
      setMessage({ ok: false, text: t('versions.cannotRetire', { error: errorText(err) }) });
    }
  };

  if (!versions) return null;
  return (
    <details className="versions-panel">
      <summary>{t('versions.title', { count: versions.length })}</summary>
      <table className="list" aria-label={t('versions.table')}>
        <thead><tr><th scope="col">{t('versions.col.version')}</th><th scope="col">{t('versions.col.from')}</th><th scope="col">{t('versions.col.to')}</th><th scope="col">{t('versions.col.state')}</th><th scope="col"><span className="visually-hidden">{t('drafts.col.actions')}</span></th></tr></thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} aria-current={v.version === current ? 'true' : undefined}>
              <td><a href={href('procedures', code, v.version)}>{v.version}</a></td>
              <td>{v.effective?.from ?? '—'}</td>
              <td>{v.effective?.to ?? t('versions.noEnd')}</td>
              <td><span className={`badge state-${v.state}`}>{versionState(v.state)}</span></td>
              <td>
                {isApprover(user) && v.state !== 'retired' ? (
                  retiring === v.version ? (
                    <span className="retire-form">
                      <label>{t('versions.reason')} <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} /></label>
                      <button type="button" className="danger" onClick={() => void retire(v.version)}>{t('versions.confirmRetire')}</button>
                      <button type="button" onClick={() => setRetiring(null)}>{t('common:words.cancel')}</button>
                    </span>
                  ) : (
                    <button type="button" onClick={() => setRetiring(v.version)}>{t('versions.retire')}</button>
                  )
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message ? <p className={message.ok ? 'notice ok' : 'notice bad'} role="status">{message.text}</p> : null}
    </details>
  );
}
