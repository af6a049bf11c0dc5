/**
 * "Giấy tờ của tôi": the citizen's data wallet (`GET /api/my/documents`). Each electronic
 * result is checked with the server's public verification (`POST /api/documents/verify`, the
 * same check a bank or another agency runs), so the page shows whether the signature holds,
 * not only what the database says. `#/documents/<number>` shows one document in full.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import type { DocumentView } from 'motcua/contract';
import type { Receipt } from 'motcua/contract';
import { ApiError, documentPdf, errorText, getDocument, myDocuments, myReceipts, revokeDocument, verifyDocument, type SessionUser } from '../lib/api';
import { ReceiptView } from './ReceiptView';
import { documentTitle } from 'motcua/engine';
import { prefilledRows } from '../lib/form';
import { formatDateTime, localized } from '../lib/format';
import { useProcedure } from '../lib/procedures';
import { href } from '../lib/route';
import { SignInFirst } from './SignInFirst';

const NONE: DocumentView[] = [];

/** What verification said about one document. */
type Check = { state: 'checking' } | { state: 'valid' } | { state: 'refused'; code: string; message: string };


function useVerification(docs: readonly DocumentView[]): Record<string, Check> {
  const [checks, setChecks] = useState<Record<string, Check>>({});
  useEffect(() => {
    let live = true;
    for (const d of docs) {
      setChecks((c) => ({ ...c, [d.id]: { state: 'checking' } }));
      verifyDocument(d.jws)
        .then(() => { if (live) setChecks((c) => ({ ...c, [d.id]: { state: 'valid' } })); })
        .catch((err: unknown) => {
          if (!live) return;
          const code = err instanceof ApiError ? err.code : 'E_NETWORK';
          setChecks((c) => ({ ...c, [d.id]: { state: 'refused', code, message: errorText(err) } }));
        });
    }
    return () => { live = false; };
  }, [docs]);
  return checks;
}

function Verification({ check }: { check: Check | undefined }) {
  const { t } = useTranslation('wallet');
  if (!check || check.state === 'checking') return <span className="badge" role="status">{t('verify.checking')}</span>;
  if (check.state === 'valid') return <span className="badge good" data-testid="verified">✓ {t('verify.valid')}</span>;
  return <span className="badge bad" title={check.message} data-testid="refused">{t(`verify.refused.${check.code}`, { defaultValue: t('verify.invalid') })} ({check.code})</span>;
}

export function WalletPage({ user, id }: { user: SessionUser | null; id?: string }) {
  // `values`: the names of coded values in the documents' data.
  const { t } = useTranslation(['wallet', 'values']);
  const [docs, setDocs] = useState<DocumentView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!user) return;
    let live = true;
    (id ? getDocument(id).then((d) => [d]) : myDocuments())
      .then((d) => { if (live) setDocs(d); })
      .catch((err: unknown) => { if (live) setError(errorText(err)); });
    return () => { live = false; };
  }, [user, id]);
  const checks = useVerification(docs ?? NONE);
  const [receipts, setReceipts] = useState<Receipt[]>([]);
  useEffect(() => {
    if (!user || id) return;
    let live = true;
    myReceipts().then((r) => { if (live) setReceipts(r); }).catch(() => undefined);
    return () => { live = false; };
  }, [user, id]);
  if (!user) return <SignInFirst back={id ? ['documents', id] : ['documents']} />;
  if (error) return <p role="alert" className="notice bad">{error}</p>;
  if (!docs) return <p role="status">{t('common:words.loading')}</p>;
  const [one] = docs;
  if (id && one) return <DocumentDetails doc={one} check={checks[one.id]} officer={user.kind === 'officer'} onChange={(d) => setDocs([d])} />;
  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {docs.length === 0 ? <p>{t('none')}</p> : (
        <table className="list" aria-label={t('title')}>
          <thead><tr><th scope="col">{t('col.number')}</th><th scope="col">{t('col.type')}</th><th scope="col">{t('col.procedure')}</th><th scope="col">{t('col.issuer')}</th><th scope="col">{t('col.issued')}</th><th scope="col">{t('col.validUntil')}</th><th scope="col">{t('col.verified')}</th></tr></thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id}>
                <td><a href={href('documents', d.id)}><code>{d.id}</code></a></td>
                <td><Title d={d.document} /></td>
                <td>{d.document.procedure.name ?? d.document.procedure.code} <a className="muted small" href={href('cases', d.document.case)}>{t('caseLink', { id: d.document.case })}</a></td>
                <td>{d.document.issuer.name ?? d.document.issuer.unit}</td>
                <td>{formatDateTime(d.document.issuedAt)}</td>
                <td>{d.document.validUntil ? formatDateTime(d.document.validUntil) : t('noExpiry')}</td>
                <td><Verification check={checks[d.id]} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {receipts.length ? (
        <>
          <h2>{t('receipts')}</h2>
          {receipts.map((r) => <ReceiptView key={r.number} receipt={r} />)}
        </>
      ) : null}
    </section>
  );
}

/** Opens the document's PDF (fetched with the session's token) in a new tab. */
async function openPdf(id: string): Promise<void> {
  const url = URL.createObjectURL(await documentPdf(id));
  window.open(url, '_blank', 'noopener');
  // The tab has loaded it by then; the blob is not needed any longer.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** An officer of the issuing unit revokes the document, with a reason (kept and shown to the holder). */
function RevokeForm({ doc, onChange }: { doc: DocumentView; onChange: (d: DocumentView) => void }) {
  const { t } = useTranslation('wallet');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (doc.status === 'revoked') return null;
  return (
    <form className="task-box" aria-label={t('revoke.title')} onSubmit={(e) => {
      e.preventDefault();
      setBusy(true);
      setError(null);
      revokeDocument(doc.id, reason.trim())
        .then(onChange)
        .catch((err: unknown) => setError(errorText(err)))
        .finally(() => setBusy(false));
    }}>
      <h2>{t('revoke.title')}</h2>
      <label htmlFor="revoke-reason">{t('revoke.reason')}</label>{' '}
      <input id="revoke-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />{' '}
      <button type="submit" className="danger" disabled={busy || !reason.trim()}>{t('revoke.button')}</button>
      {error ? <p role="alert" className="notice bad">{error}</p> : null}
    </form>
  );
}

/** The document's title as printed on its PDF (the outcome's name in its procedure, read from the server), else its type. */
function Title({ d }: { d: DocumentView['document'] }) {
  const procedure = useProcedure(d.procedure.code);
  const outcome = procedure?.outcomes[d.outcome]?.name;
  // Vietnamese: the title as printed on the PDF; English: the outcome's English name when it has one.
  return <>{currentLanguage() === 'en' && outcome?.en ? localized(outcome) : documentTitle(d, procedure)}</>;
}

/** The document's data as labelled lines (the e-form's titles), never raw JSON. */
function DataTable({ doc }: { doc: DocumentView['document'] }) {
  const schema = useProcedure(doc.procedure.code)?.data?.schema;
  const { t } = useTranslation('wallet');
  const rows = prefilledRows(schema, Object.entries(doc.data).map(([field, value]) => ({ field, source: '', lock: false, value })));
  return (
    <table className="list" aria-label={t('details.dataTable')}>
      <tbody>{rows.map((r) => <tr key={r.field}><th scope="row">{r.label}</th><td>{r.value}</td></tr>)}</tbody>
    </table>
  );
}

function DocumentDetails({ doc, check, officer, onChange }: { doc: DocumentView; check: Check | undefined; officer: boolean; onChange: (d: DocumentView) => void }) {
  const { t } = useTranslation('wallet');
  const d = doc.document;
  const [pdfError, setPdfError] = useState<string | null>(null);
  return (
    <section>
      <nav className="crumbs" aria-label={t('portal:file.crumbs')}><a href={href('documents')}>{t('title')}</a> › {doc.id}</nav>
      <h1><Title d={d} /> <small><code>{doc.id}</code></small></h1>
      <p><Verification check={check} /> {doc.inWallet ? null : <span className="badge">{t('details.notInWallet')}</span>}</p>
      {doc.status === 'revoked' ? <p className="notice bad" role="status">{t('details.revoked', { at: formatDateTime(doc.revokedAt) })}{doc.revokedReason ? `: ${doc.revokedReason}` : ''}</p> : null}
      <p>
        <button type="button" className="primary" onClick={() => { setPdfError(null); openPdf(doc.id).catch((err: unknown) => setPdfError(errorText(err))); }}>{t('details.pdf')}</button>
        {pdfError ? <span role="alert" className="notice bad"> {pdfError}</span> : null}
      </p>
      {officer ? <RevokeForm doc={doc} onChange={onChange} /> : null}
      <div className="facts">
        <div><span>{t('col.procedure')}</span><strong>{d.procedure.name ?? d.procedure.code}</strong></div>
        <div><span>{t('details.case')}</span><strong><a href={href('cases', d.case)}>{d.case}</a></strong></div>
        <div><span>{t('details.holder')}</span><strong>{d.holder.name ?? d.holder.id}{d.holder.nationalId ? ` · ${d.holder.nationalId}` : ''}</strong></div>
        <div><span>{t('col.issuer')}</span><strong>{d.issuer.name ?? d.issuer.unit}</strong></div>
        <div><span>{t('col.issued')}</span><strong>{formatDateTime(d.issuedAt)}</strong></div>
        <div><span>{t('col.validUntil')}</span><strong>{d.validUntil ? formatDateTime(d.validUntil) : t('noExpiry')}</strong></div>
      </div>
      <h2>{t('details.data')}</h2>
      <DataTable doc={d} />
      <h2>{t('details.signed')} <small>JWS ({t('details.key', { kid: doc.kid })})</small></h2>
      <p className="muted small">{t('details.share')}</p>
      <textarea readOnly rows={4} style={{ width: '100%' }} value={doc.jws} aria-label="JWS" />
    </section>
  );
}
