/**
 * "Giấy tờ của tôi": the citizen's data wallet (`GET /api/my/documents`). Each electronic
 * result is checked with the server's public verification (`POST /api/documents/verify`, the
 * same check a bank or another agency runs), so the page shows whether the signature holds,
 * not only what the database says. `#/documents/<number>` shows one document in full.
 */
import { useEffect, useState } from 'react';
import type { DocumentView } from 'motcua/contract';
import type { Receipt } from 'motcua/contract';
import { ApiError, documentPdf, errorText, getDocument, myDocuments, myReceipts, revokeDocument, verifyDocument, type SessionUser } from '../lib/api';
import { ReceiptView } from './ReceiptView';
import { documentTitle } from 'motcua/engine';
import { prefilledRows } from '../lib/form';
import { formatDateTime } from '../lib/format';
import { useProcedure } from '../lib/procedures';
import { href } from '../lib/route';
import { SignInFirst } from './SignInFirst';

const NONE: DocumentView[] = [];

/** What verification said about one document. */
type Check = { state: 'checking' } | { state: 'valid' } | { state: 'refused'; code: string; message: string };

const REFUSALS_VI: Record<string, string> = {
  E_DOCUMENT_REVOKED: 'Đã bị thu hồi',
  E_DOCUMENT_EXPIRED: 'Hết hiệu lực',
  E_DOCUMENT_TAMPERED: 'Nội dung đã bị sửa đổi',
  E_JWS_BAD_SIGNATURE: 'Chữ ký không khớp',
  E_JWS_UNKNOWN_KEY: 'Không rõ khóa ký',
};

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
  if (!check || check.state === 'checking') return <span className="badge" role="status">Đang xác thực…</span>;
  if (check.state === 'valid') return <span className="badge good" data-testid="verified">✓ Chữ ký số hợp lệ <small lang="en">(signature valid)</small></span>;
  return <span className="badge bad" title={check.message} data-testid="refused">{REFUSALS_VI[check.code] ?? 'Không hợp lệ'} ({check.code})</span>;
}

export function WalletPage({ user, id }: { user: SessionUser | null; id?: string }) {
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
  if (!docs) return <p role="status">Đang tải…</p>;
  const [one] = docs;
  if (id && one) return <DocumentDetails doc={one} check={checks[one.id]} officer={user.kind === 'officer'} onChange={(d) => setDocs([d])} />;
  return (
    <section>
      <h1>Giấy tờ của tôi <small>My documents</small></h1>
      <p className="muted">Kết quả giải quyết thủ tục hành chính điện tử, có chữ ký số, được lưu trong kho dữ liệu của bạn và dùng lại cho các thủ tục sau (không cần nộp bản giấy).</p>
      {docs.length === 0 ? <p>Chưa có giấy tờ nào. Kết quả điện tử sẽ xuất hiện ở đây khi hồ sơ của bạn được giải quyết.</p> : (
        <table className="list" aria-label="Giấy tờ của tôi">
          <thead><tr><th scope="col">Số</th><th scope="col">Loại giấy tờ</th><th scope="col">Thủ tục</th><th scope="col">Cơ quan cấp</th><th scope="col">Ngày cấp</th><th scope="col">Hiệu lực đến</th><th scope="col">Xác thực</th></tr></thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id}>
                <td><a href={href('documents', d.id)}><code>{d.id}</code></a></td>
                <td><Title d={d.document} /></td>
                <td>{d.document.procedure.name ?? d.document.procedure.code} <a className="muted small" href={href('cases', d.document.case)}>hồ sơ {d.document.case}</a></td>
                <td>{d.document.issuer.name ?? d.document.issuer.unit}</td>
                <td>{formatDateTime(d.document.issuedAt)}</td>
                <td>{d.document.validUntil ? formatDateTime(d.document.validUntil) : 'Không thời hạn'}</td>
                <td><Verification check={checks[d.id]} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {receipts.length ? (
        <>
          <h2>Biên lai thu phí, lệ phí <small>Receipts</small></h2>
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
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (doc.status === 'revoked') return null;
  return (
    <form className="task-box" aria-label="Thu hồi giấy tờ" onSubmit={(e) => {
      e.preventDefault();
      setBusy(true);
      setError(null);
      revokeDocument(doc.id, reason.trim())
        .then(onChange)
        .catch((err: unknown) => setError(errorText(err)))
        .finally(() => setBusy(false));
    }}>
      <h2>Thu hồi giấy tờ <small>Revoke</small></h2>
      <label htmlFor="revoke-reason">Lý do thu hồi (bắt buộc)</label>{' '}
      <input id="revoke-reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />{' '}
      <button type="submit" className="danger" disabled={busy || !reason.trim()}>Thu hồi (Revoke)</button>
      {error ? <p role="alert" className="notice bad">{error}</p> : null}
    </form>
  );
}

/** The document's title as printed on its PDF (the outcome's name in its procedure, read from the server), else its type. */
function Title({ d }: { d: DocumentView['document'] }) {
  return <>{documentTitle(d, useProcedure(d.procedure.code))}</>;
}

/** The document's data as labelled lines (the e-form's titles), never raw JSON. */
function DataTable({ doc }: { doc: DocumentView['document'] }) {
  const schema = useProcedure(doc.procedure.code)?.data?.schema;
  const rows = prefilledRows(schema, Object.entries(doc.data).map(([field, value]) => ({ field, source: '', lock: false, value })));
  return (
    <table className="list" aria-label="Dữ liệu của giấy tờ">
      <tbody>{rows.map((r) => <tr key={r.field}><th scope="row">{r.label}</th><td>{r.value}</td></tr>)}</tbody>
    </table>
  );
}

function DocumentDetails({ doc, check, officer, onChange }: { doc: DocumentView; check: Check | undefined; officer: boolean; onChange: (d: DocumentView) => void }) {
  const d = doc.document;
  const [pdfError, setPdfError] = useState<string | null>(null);
  return (
    <section>
      <p className="crumbs"><a href={href('documents')}>Giấy tờ của tôi</a> › {doc.id}</p>
      <h1><Title d={d} /> <small><code>{doc.id}</code></small></h1>
      <p><Verification check={check} /> {doc.inWallet ? null : <span className="badge">Không lưu trong kho dữ liệu</span>}</p>
      {doc.status === 'revoked' ? <p className="notice bad" role="status">Đã thu hồi {formatDateTime(doc.revokedAt)}{doc.revokedReason ? `: ${doc.revokedReason}` : ''}</p> : null}
      <p>
        <button type="button" className="primary" onClick={() => { setPdfError(null); openPdf(doc.id).catch((err: unknown) => setPdfError(errorText(err))); }}>Tải bản PDF (PDF)</button>
        {pdfError ? <span role="alert" className="notice bad"> {pdfError}</span> : null}
      </p>
      {officer ? <RevokeForm doc={doc} onChange={onChange} /> : null}
      <div className="facts">
        <div><span>Thủ tục</span><strong>{d.procedure.name ?? d.procedure.code}</strong></div>
        <div><span>Hồ sơ</span><strong><a href={href('cases', d.case)}>{d.case}</a></strong></div>
        <div><span>Người được cấp</span><strong>{d.holder.name ?? d.holder.id}{d.holder.nationalId ? ` · ${d.holder.nationalId}` : ''}</strong></div>
        <div><span>Cơ quan cấp</span><strong>{d.issuer.name ?? d.issuer.unit}</strong></div>
        <div><span>Ngày cấp</span><strong>{formatDateTime(d.issuedAt)}</strong></div>
        <div><span>Hiệu lực đến</span><strong>{d.validUntil ? formatDateTime(d.validUntil) : 'Không thời hạn'}</strong></div>
      </div>
      <h2>Dữ liệu <small>Data</small></h2>
      <DataTable doc={d} />
      <h2>Bản điện tử có chữ ký số <small>Signed JWS (key {doc.kid})</small></h2>
      <p className="muted small">Gửi chuỗi này cho ngân hàng hoặc cơ quan khác: họ kiểm tra tại POST /api/documents/verify.</p>
      <textarea readOnly rows={4} style={{ width: '100%' }} value={doc.jws} aria-label="JWS" />
    </section>
  );
}
