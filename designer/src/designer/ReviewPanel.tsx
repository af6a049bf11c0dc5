/**
 * A draft's review (four eyes, docs/publishing.md): its status in words, the comments of the
 * review, and what the signed-in user may do now: the author submits, another user with the
 * approver role approves or returns it with a comment, and an approved draft is published. A
 * refusal shows the validator's diagnostics with their paths.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftView, PublishResult } from 'motcua/contract';
import type { Diagnostic } from 'motcua/engine';
import { DiagnosticsList } from '../components/DiagnosticsList';
import { errorText, type SessionUser } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { href } from '../lib/route';
import { draftsApi, isAuthor, isApprover, mayReview, refusalDiagnostics } from './drafts-api';
import { draftStatus, reviewKind } from './lifecycle-text';

export interface ReviewPanelProps {
  draft: DraftView;
  user: SessionUser | null;
  /** The editor holds changes not saved yet: submitting needs them saved first. */
  unsaved: boolean;
  onChange: (draft: DraftView) => void;
  onPick: (d: Diagnostic) => void;
}

export function ReviewPanel({ draft, user, unsaved, onChange, onPick }: ReviewPanelProps) {
  const { t } = useTranslation('lifecycle');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string; diagnostics?: Diagnostic[] } | null>(null);
  const [published, setPublished] = useState<PublishResult | null>(null);
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
      setMessage({ ok: false, text: t('review.refused', { error: errorText(err) }), ...(diagnostics.length ? { diagnostics } : {}) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="review-panel" aria-label={t('review.label')}>
      <p className="review-status">
        {t('review.status')}: <span className={`badge status-${draft.status}`}>{draftStatus(draft.status)}</span>{' '}
        <span className="muted">{t('review.facts', { revision: draft.revision, editors: draft.editors.join(', ') })}{draft.approvedBy ? ` · ${t('review.approvedBy', { who: draft.approvedBy })}` : ''}</span>
      </p>
      {draft.status === 'returned' && lastReturn ? (
        <div className="notice warn" role="note" aria-label={t('review.returnNote')}>
          <strong>{t('review.returnedBy', { who: lastReturn.by })}</strong> ({formatDateTime(lastReturn.at)}): <q className="review-comment">{lastReturn.text}</q>
          <br /><small>{t('review.fixAndResubmit')}</small>
        </div>
      ) : null}
      {draft.comments.length ? (
        <details className="review-history">
          <summary>{t('review.history', { count: draft.comments.length })}</summary>
          <ol>
            {draft.comments.map((c, i) => (
              <li key={i}>{formatDateTime(c.at)} · <strong>{reviewKind(c.kind)}</strong> · {c.by}{c.text ? <>: <q>{c.text}</q></> : null}</li>
            ))}
          </ol>
        </details>
      ) : null}

      {draft.status === 'published' && !published && draft.code ? (
        <p className="notice ok" role="note">
          {t('review.alreadyPublished')} <a href={href('procedures', draft.code)}>{t('review.openProcedure')}</a>
        </p>
      ) : null}
      <div className="review-actions">
        {isAuthor(user) && (draft.status === 'editing' || draft.status === 'returned') ? (
          <button type="button" className="primary" disabled={busy || unsaved} title={unsaved ? t('review.saveFirst') : t('review.submitTitle')} onClick={() => void run(t('review.submitted'), () => draftsApi.submit(draft.id, draft.revision))}>
            {t('review.submit')}
          </button>
        ) : null}
        {draft.status === 'submitted' && reviewer ? (
          <>
            <label className="review-comment-field">
              {t('review.comment')}
              <textarea value={comment} maxLength={2000} rows={2} onChange={(e) => setComment(e.target.value)} />
            </label>
            <button type="button" className="primary" disabled={busy} onClick={() => void run(t('review.approvedMsg'), () => draftsApi.approve(draft.id, draft.revision, comment.trim() || undefined))}>
              {t('review.approve')}
            </button>
            <button type="button" disabled={busy || comment.trim() === ''} title={comment.trim() === '' ? t('review.commentRequired') : ''} onClick={() => void run(t('review.returnedMsg'), () => draftsApi.returnDraft(draft.id, draft.revision, comment.trim()))}>
              {t('review.return')}
            </button>
          </>
        ) : null}
        {draft.status === 'submitted' && !reviewer ? (
          <p className="muted">
            {t(isApprover(user) ? 'review.ownDraft' : 'review.awaitingApprover')}
          </p>
        ) : null}
        {draft.status === 'approved' && (isAuthor(user) || isApprover(user)) ? (
          <button type="button" className="primary" disabled={busy || unsaved} onClick={() => void run('', () => draftsApi.publish(draft.id))}>
            {t('review.publish')}
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
          {t(published.status === 'published' ? 'review.publishedMsg' : 'review.samePublished', { version: published.version })}{' '}
          <a href={href('portal', published.code)}>{t('review.openFiling')}</a> · <a href={href('procedures', published.code)}>{t('review.view')}</a>
        </p>
      ) : null}
    </section>
  );
}
