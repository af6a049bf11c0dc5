/**
 * The semantic diff of a draft against the version in force (`GET /api/drafts/:id/diff`), as a
 * reviewer reads it: grouped by area (steps, actions, fees, components, deadline, e-form
 * fields), each change a sentence with its before and after, never JSON.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureDiff } from 'motcua/contract';
import { DIFF_AREAS } from 'motcua/engine';
import { errorText } from '../lib/api';
import { draftsApi } from './drafts-api';
import { describeChange, diffArea, type Names } from './lifecycle-text';

export function DiffView({ draft, revision, names }: { draft: string; revision: number; names?: Names }) {
  const { t } = useTranslation('lifecycle');
  const [diff, setDiff] = useState<ProcedureDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    draftsApi.diff(draft).then((d) => live && setDiff(d), (e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [draft, revision]);
  if (error) return <p className="notice warn" role="alert">{t('diff.cannot', { error })}</p>;
  if (!diff) return <p role="status">{t('diff.comparing')}</p>;
  const areas = DIFF_AREAS.map((area) => ({ area, changes: diff.changes.filter((c) => c.area === area) })).filter((a) => a.changes.length > 0);
  return (
    <section className="diff-view" aria-label={t('diff.label')}>
      <p className="muted">
        {diff.from ? t('diff.against', { to: diff.to.version, from: diff.from.version }) : t('diff.newProcedure')}
      </p>
      {areas.length === 0 ? <p className="ok" role="status">{t('diff.none')}</p> : null}
      {areas.map(({ area, changes }) => (
        <section key={area} className="diff-area">
          <h3>{diffArea(area)} <span className="badge">{changes.length}</span></h3>
          <ul>
            {changes.map((c) => {
              const said = describeChange(c, names);
              return (
                <li key={`${c.kind}:${c.path}`} className={`diff-change diff-${c.kind}`}>
                  <strong className="diff-verb">{said.verb}</strong> {said.subject} <code className="diff-path" title={t('diff.path')}>{said.path}</code>
                  {said.details.length ? (
                    <dl className="diff-details">
                      {said.details.map((d, i) => (
                        <div key={`${d.property}:${i}`}>
                          {d.property ? <dt>{d.property}</dt> : null}
                          <dd>
                            {d.before !== undefined ? <del>{d.before}</del> : null}
                            {d.before !== undefined && d.after !== undefined ? <span aria-hidden="true"> → </span> : null}
                            {d.after !== undefined ? <ins>{d.after}</ins> : null}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}
