/**
 * A draft's review (four eyes, docs/publishing.md): its status in words, the comments of the
 * review, and what the signed-in user may do now: the author submits, another user with the
 * approver role approves or returns it with a comment, and an approved draft is published. A
 * refusal shows the validator's diagnostics with their paths.
 */
import { useState } from 'react';
import type { DraftView, PublishResult } from 'motcua/contract';
import type { Diagnostic } from 'motcua/engine';
import { DiagnosticsList } from '../components/DiagnosticsList';
import { errorText, type SessionUser } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { href } from '../lib/route';
import { draftsApi, isAuthor, isApprover, mayReview, refusalDiagnostics } from './drafts-api';
import { DRAFT_STATUS, REVIEW_KIND } from './lifecycle-text';

export interface ReviewPanelProps {
  draft: DraftView;
  user: SessionUser | null;
  /** The editor holds changes not saved yet: submitting needs them saved first. */
  unsaved: boolean;
  onChange: (draft: DraftView) => void;
  onPick: (d: Diagnostic) => void;
}

export function ReviewPanel({ draft, user, unsaved, onChange, onPick }: ReviewPanelProps) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string; diagnostics?: Diagnostic[] } | null>(null);
  const [published, setPublished] = useState<PublishResult | null>(null);
  const status = DRAFT_STATUS[draft.status];
  const reviewer = mayReview(user, draft);
  const lastReturn = [...draft.comments].reverse().find((c) => c.kind === 'return');

  const run = async (what: string, call: () => Promise<DraftView | PublishResult>): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await call();
      if ('status' in answer && 'revision' in answer) {
        onChange(answer);
        setComment('');
        setMessage({ ok: true, text: what });
      } else {
        setPublished(answer);
        onChange(await draftsApi.get(draft.id));
      }
    } catch (err) {
      const diagnostics = refusalDiagnostics(err);
      setMessage({ ok: false, text: `Không thực hiện được (refused): ${errorText(err)}`, ...(diagnostics.length ? { diagnostics } : {}) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="review-panel" aria-label="Phê duyệt (review)">
      <p className="review-status">
        Trạng thái: <span className={`badge status-${draft.status}`}>{status.vi} <small lang="en">{status.en}</small></span>{' '}
        <span className="muted">Bản nháp lần lưu thứ {draft.revision} · người soạn: {draft.editors.join(', ')}{draft.approvedBy ? ` · người phê duyệt: ${draft.approvedBy}` : ''}</span>
      </p>
      {draft.status === 'returned' && lastReturn ? (
        <div className="notice warn" role="note" aria-label="Ý kiến khi trả lại">
          <strong>Bị trả lại bởi {lastReturn.by}</strong> ({formatDateTime(lastReturn.at)}): <q className="review-comment">{lastReturn.text}</q>
          <br /><small>Sửa theo ý kiến, lưu rồi gửi phê duyệt lại. <span lang="en">Fix, save and submit again.</span></small>
        </div>
      ) : null}
      {draft.comments.length ? (
        <details className="review-history">
          <summary>Lịch sử phê duyệt ({draft.comments.length}) <small lang="en">Review history</small></summary>
          <ol>
            {draft.comments.map((c, i) => (
              <li key={i}>{formatDateTime(c.at)} · <strong>{REVIEW_KIND[c.kind].vi}</strong> · {c.by}{c.text ? <>: <q>{c.text}</q></> : null}</li>
            ))}
          </ol>
        </details>
      ) : null}

      {draft.status === 'published' && !published && draft.code ? (
        <p className="notice ok" role="note">
          Bản nháp này đã được xuất bản và không sửa được nữa. Để thay đổi, mở <a href={href('procedures', draft.code)}>thủ tục</a> rồi bấm “Soạn phiên bản mới”.{' '}
          <small lang="en">Published: start a new version from the procedure.</small>
        </p>
      ) : null}
      <div className="review-actions">
        {isAuthor(user) && (draft.status === 'editing' || draft.status === 'returned') ? (
          <button type="button" className="primary" disabled={busy || unsaved} title={unsaved ? 'Lưu bản nháp trước (save first)' : 'Gửi cho người phê duyệt (submit for review)'} onClick={() => void run('Đã gửi phê duyệt. (Submitted for review.)', () => draftsApi.submit(draft.id, draft.revision))}>
            Gửi phê duyệt <small lang="en">Submit</small>
          </button>
        ) : null}
        {draft.status === 'submitted' && reviewer ? (
          <>
            <label className="review-comment-field">
              Ý kiến phê duyệt <small lang="en">Comment</small>
              <textarea value={comment} maxLength={2000} rows={2} onChange={(e) => setComment(e.target.value)} />
            </label>
            <button type="button" className="primary" disabled={busy} onClick={() => void run('Đã phê duyệt. (Approved.)', () => draftsApi.approve(draft.id, draft.revision, comment.trim() || undefined))}>
              Phê duyệt <small lang="en">Approve</small>
            </button>
            <button type="button" disabled={busy || comment.trim() === ''} title={comment.trim() === '' ? 'Ghi ý kiến trước khi trả lại (a comment is required)' : ''} onClick={() => void run('Đã trả lại cho người soạn. (Returned to the author.)', () => draftsApi.returnDraft(draft.id, draft.revision, comment.trim()))}>
              Trả lại <small lang="en">Return</small>
            </button>
          </>
        ) : null}
        {draft.status === 'submitted' && !reviewer ? (
          <p className="muted">
            {isApprover(user) ? 'Bạn đã sửa bản nháp này nên không được tự phê duyệt: cần một người phê duyệt khác. (You edited it: another approver must review it.)' : 'Đang chờ người phê duyệt. (Awaiting an approver.)'}
          </p>
        ) : null}
        {draft.status === 'approved' && (isAuthor(user) || isApprover(user)) ? (
          <button type="button" className="primary" disabled={busy || unsaved} onClick={() => void run('', () => draftsApi.publish(draft.id))}>
            Xuất bản <small lang="en">Publish</small>
          </button>
        ) : null}
      </div>
      {message ? (
        <div className={message.ok ? 'notice ok' : 'notice bad'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
          {message.diagnostics ? <div className="diag-box"><DiagnosticsList diagnostics={message.diagnostics} onPick={onPick} /></div> : null}
        </div>
      ) : null}
      {published ? (
        <p className="notice ok" role="status">
          {published.status === 'published' ? `Đã xuất bản phiên bản ${published.version}.` : `Phiên bản ${published.version} đã được xuất bản với đúng nội dung này.`}{' '}
          <a href={href('portal', published.code)}>Mở trang nộp hồ sơ (open the filing page)</a> · <a href={href('procedures', published.code)}>Xem thủ tục (view)</a>
        </p>
      ) : null}
    </section>
  );
}
