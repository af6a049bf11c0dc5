/**
 * Drafts of procedures on the server (docs/publishing.md): start a new procedure from scratch
 * or from a template (a new code), see the drafts awaiting my review (approvers, four eyes),
 * and every draft with its status in words; open or delete one. Loaded lazily with the designer.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DraftSummary, DraftTemplate } from 'motcua/contract';
import { errorText, getUser } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { href, navigate } from '../lib/route';
import { draftsApi, isApprover, isAuthor, mayReview } from './drafts-api';
import { DRAFT_STATUS } from './lifecycle-text';

const SCRATCH = '';

export default function DraftsPage() {
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
        Trang này dành cho biên tập viên và người phê duyệt thủ tục. <small lang="en">For procedure authors and approvers.</small>{' '}
        {user ? null : <a href={href('login', 'drafts')}>Đăng nhập (sign in)</a>}
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
    if (!window.confirm(`Xoá bản nháp ${d.code ?? d.id} ${d.version ?? ''}? (Delete this draft?)`)) return;
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
        <tr><th>Mã thủ tục</th><th>Phiên bản</th><th>Trạng thái</th><th>Người soạn</th><th>Cập nhật</th><th /></tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id}>
            <td><a href={href('drafts', d.id)}>{d.code ?? '(chưa có mã)'}</a>{d.base ? <small className="muted"> từ {d.base.version}</small> : <small className="muted"> thủ tục mới</small>}</td>
            <td>{d.version ?? '—'}</td>
            <td><span className={`badge status-${d.status}`}>{DRAFT_STATUS[d.status].vi} <small lang="en">{DRAFT_STATUS[d.status].en}</small></span></td>
            <td>{d.editors.join(', ')}</td>
            <td>{formatDateTime(d.updatedAt)}</td>
            <td>
              <a href={href('drafts', d.id)}>Mở</a>
              {isAuthor(user) && d.status !== 'published' ? <> · <button type="button" className="link" onClick={() => void remove(d)} aria-label={`Xoá bản nháp ${d.code ?? d.id}`}>Xoá</button></> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <section className="drafts-page">
      <h1>Bản nháp thủ tục <small lang="en">Procedure drafts</small></h1>
      {error ? <p className="notice bad" role="alert">{error}</p> : null}

      {isApprover(user) ? (
        <section aria-labelledby="to-review">
          <h2 id="to-review">Chờ tôi phê duyệt <small lang="en">Awaiting my review</small> <span className="badge">{toReview.length}</span></h2>
          {toReview.length ? table(toReview, 'Chờ tôi phê duyệt') : <p className="muted">Không có bản nháp nào chờ bạn phê duyệt.</p>}
        </section>
      ) : null}

      {isAuthor(user) ? (
        <section aria-labelledby="new-procedure" className="new-draft">
          <h2 id="new-procedure">Soạn thủ tục mới <small lang="en">New procedure</small></h2>
          <form onSubmit={(e) => void create(e)}>
            <label>Mã thủ tục <small lang="en">Code</small>
              <input required value={form.code} maxLength={40} pattern="[0-9A-Za-z][0-9A-Za-z._-]*" placeholder="vd. 1.009999" onChange={(e) => setForm({ ...form, code: e.target.value })} />
            </label>
            <label>Tên thủ tục (tiếng Việt) <small lang="en">Name</small>
              <input required value={form.vi} maxLength={300} onChange={(e) => setForm({ ...form, vi: e.target.value })} />
            </label>
            <label>Tên tiếng Anh (không bắt buộc) <small lang="en">English name</small>
              <input value={form.en} maxLength={300} onChange={(e) => setForm({ ...form, en: e.target.value })} />
            </label>
            <label>Bắt đầu từ <small lang="en">Start from</small>
              <select value={form.template} onChange={(e) => setForm({ ...form, template: e.target.value })}>
                <option value={SCRATCH}>Trống: một bước xử lý (from scratch)</option>
                {templates.map((t) => <option key={t.id} value={t.id}>Mẫu: {t.name.vi}{t.name.en ? ` (${t.name.en})` : ''}</option>)}
              </select>
            </label>
            <button type="submit" className="primary" disabled={creating}>Tạo bản nháp <small lang="en">Create draft</small></button>
          </form>
          {createError ? <p className="notice bad" role="alert">Chưa tạo được (cannot create): {createError}</p> : null}
          <p className="muted">Để sửa một thủ tục đang hiệu lực, mở nó trong <a href={href()}>thư viện</a> rồi bấm “Soạn phiên bản mới”.</p>
        </section>
      ) : null}

      <section aria-labelledby="all-drafts">
        <h2 id="all-drafts">Bản nháp đang soạn và đang duyệt <small lang="en">Open drafts</small></h2>
        {drafts === null ? <p role="status">Đang tải…</p> : open.length ? table(open, 'Bản nháp đang mở') : <p className="muted">Chưa có bản nháp nào.</p>}
      </section>
      {published.length ? (
        <details>
          <summary>Đã xuất bản ({published.length}) <small lang="en">Published</small></summary>
          {table(published, 'Bản nháp đã xuất bản')}
        </details>
      ) : null}
    </section>
  );
}
