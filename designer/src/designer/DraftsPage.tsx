/**
 * Drafts of procedures on the server (docs/publishing.md): start a new procedure from scratch
 * or from a template (a new code), see the drafts awaiting my review (approvers, four eyes),
 * and every draft with its status in words; open or delete one. Loaded lazily with the designer.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftSummary, DraftTemplate } from 'motcua/contract';
import { errorText, getUser } from '../lib/api';
import { formatDateTime, localized } from '../lib/format';
import { href, navigate } from '../lib/route';
import { draftsApi, isApprover, isAuthor, mayReview } from './drafts-api';
import { draftStatus } from './lifecycle-text';

const SCRATCH = '';

export default function DraftsPage() {
  const { t } = useTranslation('lifecycle');
  const user = getUser();
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  const [templates, setTemplates] = useState<DraftTemplate[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ code: '', vi: '', en: '', template: SCRATCH });
  const [createError, setCreateError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    draftsApi.list().then(setDrafts, (e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(() => {
    if (!user) return;
    load();
    draftsApi.templates().then(setTemplates, () => undefined);
    // Once per visit.
  }, []);

  if (!user || (!isAuthor(user) && !isApprover(user))) {
    return (
      <p role="alert">
        {t('drafts.forAuthors')}{' '}
        {user ? null : <a href={href('login', 'drafts')}>{t('common:session.signIn')}</a>}
      </p>
    );
  }

  const create = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setCreateError(null);
    setCreating(true);
    try {
      const name = { vi: form.vi.trim(), ...(form.en.trim() ? { en: form.en.trim() } : {}) };
      const code = form.code.trim();
      const draft = await draftsApi.create(form.template === SCRATCH ? { from: 'scratch', code, name } : { from: 'template', template: form.template, code, name });
      navigate('drafts', draft.id);
    } catch (err) {
      setCreateError(errorText(err));
    } finally {
      setCreating(false);
    }
  };

  const remove = async (d: DraftSummary): Promise<void> => {
    if (!window.confirm(t('drafts.confirmDelete', { name: `${d.code ?? d.id} ${d.version ?? ''}`.trim() }))) return;
    try {
      await draftsApi.remove(d.id);
      load();
    } catch (err) {
      setError(errorText(err));
    }
  };

  const open = (drafts ?? []).filter((d) => d.status !== 'published');
  const toReview = open.filter((d) => d.status === 'submitted' && mayReview(user, d));
  const published = (drafts ?? []).filter((d) => d.status === 'published');

  const table = (items: DraftSummary[], label: string) => (
    <table className="list drafts-table" aria-label={label}>
      <thead>
        <tr><th scope="col">{t('drafts.col.code')}</th><th scope="col">{t('drafts.col.version')}</th><th scope="col">{t('drafts.col.status')}</th><th scope="col">{t('drafts.col.editors')}</th><th scope="col">{t('drafts.col.updated')}</th><th scope="col"><span className="visually-hidden">{t('drafts.col.actions')}</span></th></tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id}>
            <td><a href={href('drafts', d.id)}>{d.code ?? t('drafts.noCode')}</a>{d.base ? <small className="muted"> {t('drafts.from', { version: d.base.version })}</small> : <small className="muted"> {t('drafts.newProcedure')}</small>}</td>
            <td>{d.version ?? '—'}</td>
            <td><span className={`badge status-${d.status}`}>{draftStatus(d.status)}</span></td>
            <td>{d.editors.join(', ')}</td>
            <td>{formatDateTime(d.updatedAt)}</td>
            <td>
              <a href={href('drafts', d.id)}>{t('drafts.open')}</a>
              {isAuthor(user) && d.status !== 'published' ? <> · <button type="button" className="link" onClick={() => void remove(d)} aria-label={t('drafts.deleteNamed', { name: d.code ?? d.id })}>{t('drafts.delete')}</button></> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <section className="drafts-page">
      <h1>{t('drafts.title')}</h1>
      {error ? <p className="notice bad" role="alert">{error}</p> : null}

      {isApprover(user) ? (
        <section aria-labelledby="to-review">
          <h2 id="to-review">{t('drafts.toReview')} <span className="badge">{toReview.length}</span></h2>
          {toReview.length ? table(toReview, t('drafts.toReview')) : <p className="muted">{t('drafts.noneToReview')}</p>}
        </section>
      ) : null}

      {isAuthor(user) ? (
        <section aria-labelledby="new-procedure" className="new-draft">
          <h2 id="new-procedure">{t('drafts.new')}</h2>
          <form onSubmit={(e) => void create(e)}>
            <label>{t('drafts.code')}
              <input required value={form.code} maxLength={40} pattern="[0-9A-Za-z][0-9A-Za-z._-]*" placeholder={t('drafts.codePlaceholder')} onChange={(e) => setForm({ ...form, code: e.target.value })} />
            </label>
            <label>{t('drafts.nameVi')}
              <input required value={form.vi} maxLength={300} onChange={(e) => setForm({ ...form, vi: e.target.value })} />
            </label>
            <label>{t('drafts.nameEn')}
              <input value={form.en} maxLength={300} onChange={(e) => setForm({ ...form, en: e.target.value })} />
            </label>
            <label>{t('drafts.startFrom')}
              <select value={form.template} onChange={(e) => setForm({ ...form, template: e.target.value })}>
                <option value={SCRATCH}>{t('drafts.scratch')}</option>
                {templates.map((tpl) => <option key={tpl.id} value={tpl.id}>{t('drafts.template', { name: localized(tpl.name) })}</option>)}
              </select>
            </label>
            <button type="submit" className="primary" disabled={creating}>{t('drafts.create')}</button>
          </form>
          {createError ? <p className="notice bad" role="alert">{t('drafts.cannotCreate', { error: createError })}</p> : null}
          <p className="muted">{t('drafts.editExisting')} <a href={href()}>{t('common:nav.library')}</a>.</p>
        </section>
      ) : null}

      <section aria-labelledby="all-drafts">
        <h2 id="all-drafts">{t('drafts.openDrafts')}</h2>
        {drafts === null ? <p role="status">{t('common:words.loading')}</p> : open.length ? table(open, t('drafts.openDrafts')) : <p className="muted">{t('drafts.none')}</p>}
      </section>
      {published.length ? (
        <details>
          <summary>{t('drafts.published', { count: published.length })}</summary>
          {table(published, t('drafts.publishedTable'))}
        </details>
      ) : null}
    </section>
  );
}
