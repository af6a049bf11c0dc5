/**
 * What the applicant does on their own open case: pay the fees online when a payment step
 * waits (through the gateway, whose confirmation moves the case on; or a VietQR transfer),
 * upload the requested components when a supplement step waits, withdraw at any time. Each
 * posts `{step, action, form, version}` (plus `uploads` for a supplement) to
 * `POST /api/cases/:id/actions`; a 409 offers a reload, a refusal lists its problems.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { latestSupplementRequest, type Procedure, type Step } from 'motcua/engine';
import { ErrorBox } from '../components/ErrorBox';
import { componentNamer } from '../lib/error-text';
import { api, ApiError, errorText, startPayment, uploadFile } from '../lib/api';
import { VietQrBox } from './VietQrBox';
import { formatVnd, localized } from '../lib/format';
import type { CaseView } from '../lib/types';

type Failure = { text: string; conflict: boolean; details?: unknown };

/** The step (searched through parallel branches) with this id. */
export function findStep(procedure: Procedure | undefined, id: string): Step | undefined {
  const walk = (steps: readonly Step[]): Step | undefined => {
    for (const s of steps) {
      if (s.id === id) return s;
      if (s.kind === 'parallel') for (const list of Object.values(s.branches)) {
        const hit = walk(list);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return procedure ? walk(procedure.steps) : undefined;
}

/** What is still due: the case's fee total less the payments on its timeline. */
export function amountDue(view: CaseView): number {
  const total = (view.fees as { total?: unknown } | undefined)?.total;
  if (typeof total !== 'number') return 0;
  const paid = (view.timeline ?? []).reduce((sum, e) => {
    const amount = (e.detail as { amount?: unknown } | undefined)?.amount;
    return e.type === 'paid' && typeof amount === 'number' ? sum + amount : sum;
  }, 0);
  return Math.max(0, total - paid);
}

/**
 * The step a withdrawal names. The server maps an action a task step declares to that task
 * (an officer's act), so a task's own `withdraw` action would be refused to the applicant:
 * name an active step that does not declare one, else a name no step has (the server then
 * reads the action as the applicant's withdrawal).
 */
export function withdrawStep(view: CaseView, procedure: Procedure | undefined): string {
  const safe = view.steps.find((id) => {
    const s = findStep(procedure, id);
    return !(s?.kind === 'task' && 'withdraw' in s.actions);
  });
  return safe ?? 'withdraw';
}

export function ApplicantActions({ view, procedure, reload }: { view: CaseView; procedure: Procedure | undefined; reload: () => void }) {
  const { t } = useTranslation('cases');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<Record<string, File>>({});
  const [transfer, setTransfer] = useState<{ payload: string; bin: string; account: string; name?: string; amount: number; content: string } | null>(null);
  // `payment: on-result`: the case is decided and its result waits for the fees.
  const resultHeld = view.outcome !== undefined && view.status === 'awaiting-payment';
  if (!resultHeld && (view.outcome || view.steps.length === 0)) return null;
  const payment = resultHeld ? 'pay' : view.steps.find((id) => findStep(procedure, id)?.kind === 'payment');
  const supplement = view.steps.find((id) => findStep(procedure, id)?.kind === 'supplement');
  const due = amountDue(view);
  const request = supplement ? latestSupplementRequest(view.timeline ?? [], supplement) : undefined;
  // Exactly what the officer asked for; a request that named none (older cases) lists them all.
  const asked = (procedure?.components ?? []).filter((c) => !request?.components.length || request.components.includes(c.id));

  const act = async (body: { step: string; action: string; form: Record<string, unknown>; uploads?: Record<string, string> }): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/cases/${encodeURIComponent(view.id)}/actions`, { ...body, version: view.version });
      setConfirming(false);
      setFiles({});
      reload();
    } catch (err) {
      setError({ text: errorText(err), conflict: err instanceof ApiError && err.isConflict, details: err instanceof ApiError ? err.details : undefined });
    } finally {
      setBusy(false);
    }
  };
  /** Starts a payment and goes to the gateway (the built-in simulator in demo); or shows the VietQR code of a bank transfer. */
  const payOnline = async (by: 'gateway' | 'transfer'): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const started = await startPayment(view.id);
      if (by === 'transfer' && started.vietQr) setTransfer(started.vietQr);
      else window.location.assign(started.redirectUrl);
    } catch (err) {
      setError({ text: errorText(err), conflict: false, details: err instanceof ApiError ? err.details : undefined });
    } finally {
      setBusy(false);
    }
  };
  const submitSupplement = async (step: string): Promise<void> => {
    setBusy(true);
    setError(null);
    let uploads: Record<string, string>;
    try {
      uploads = {};
      for (const [component, file] of Object.entries(files)) uploads[component] = await uploadFile(file);
    } catch (err) {
      setError({ text: errorText(err), conflict: false, details: err instanceof ApiError ? err.details : undefined });
      setBusy(false);
      return;
    }
    await act({ step, action: 'supplement', form: {}, uploads });
  };

  return (
    <div className="task-box" role="region" aria-label={t('applicant.region')}>
      <h2>{t('applicant.title')}</h2>
      {payment ? (
        <div className="field">
          {resultHeld ? <p>{t('applicant.resultHeld')}</p> : null}
          <p>{t('applicant.amountDue')}: <strong data-testid="amount-due">{formatVnd(due)}</strong></p>
          <button type="button" className="primary" disabled={busy || due <= 0} onClick={() => void payOnline('gateway')}>
            {t('applicant.payOnline')}
          </button>{' '}
          <button type="button" disabled={busy || due <= 0} onClick={() => void payOnline('transfer')}>
            {t('applicant.transfer')}
          </button>
          <p className="muted small">{t('applicant.payNote')}</p>
          {transfer ? <VietQrBox transfer={transfer} /> : null}
        </div>
      ) : null}
      {supplement ? (
        <form className="field"  aria-label={t('applicant.supplementForm')} onSubmit={(e) => { e.preventDefault(); void submitSupplement(supplement); }}>
          <p>{t('applicant.supplementIntro')}</p>
          {request?.note ? <blockquote className="notice" data-testid="supplement-note">{t('applicant.officerNote', { note: request.note })}</blockquote> : null}
          {request?.components.length ? <p>{t('applicant.asked')}: <strong>{asked.map((c) => localized(c.name)).join(', ')}</strong></p> : null}
          <ul aria-label={t('applicant.asked')}>
            {asked.map((c) => {
              const id = `supplement-${c.id}`;
              const file = files[c.id];
              return (
                <li key={c.id}>
                  <label htmlFor={id}>{localized(c.name)}</label>{' '}
                  <input id={id} type="file" accept={c.accept?.join(',') ?? 'application/pdf,image/*'}
                    onChange={(e) => {
                      const f = e.target.files?.[0];
                      setFiles((prev) => {
                        const next = { ...prev };
                        if (f) next[c.id] = f;
                        else delete next[c.id];
                        return next;
                      });
                    }} />
                  {file ? <span className="small"> {file.name}</span> : null}
                </li>
              );
            })}
          </ul>
          <button type="submit" className="primary" disabled={busy}>{t('applicant.sendSupplement')}</button>
        </form>
      ) : null}
      <div className="field">
        {confirming ? (
          <div role="group" aria-label={t('applicant.confirmWithdraw')}>
            <label htmlFor="withdraw-reason">{t('applicant.withdrawReason')}</label>{' '}
            <input id="withdraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} />{' '}
            <button type="button" className="danger" disabled={busy}
              onClick={() => void act({ step: withdrawStep(view, procedure), action: 'withdraw', form: reason.trim() ? { reason: reason.trim() } : {} })}>
              {t('applicant.confirmWithdraw')}
            </button>{' '}
            <button type="button" className="link" onClick={() => setConfirming(false)}>{t('common:words.cancel')}</button>
          </div>
        ) : (
          <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>{t('applicant.withdraw')}</button>
        )}
      </div>
      {error?.conflict ? (
        <p role="alert" className="notice bad">{error.text} <button type="button" onClick={reload}>{t('task.reload')}</button></p>
      ) : error ? (
        <ErrorBox text={error.text} details={error.details} name={componentNamer(procedure)} />
      ) : null}
    </div>
  );
}
