/**
 * A citizen files a case: the commune, the e-form (locked prefilled fields shown read-only),
 * the dossier components (upload, or "taken from the national database"), the fees and the
 * deadline, then `POST /api/cases`. A refusal lists everything missing at once.
 *
 * The form is the version the server has in force (`GET /api/procedures/:code`), not the copy
 * bundled in the app: an author may have published a newer one since the app was built, and
 * the server checks the filing against its own.
 */
import { useEffect, useMemo, useState } from 'react';
import { withoutComputed, type Component as DossierComponent, type Procedure } from 'motcua/engine';
import { SchemaForm } from '../components/SchemaForm';
import { ErrorBox } from '../components/ErrorBox';
import { UnitPicker } from '../components/UnitPicker';
import { api, ApiError, errorText, getToken, uploadFile as upload, type SessionUser } from '../lib/api';
import { estimateFees } from '../lib/fee-estimate';
import { applicantFromAccount, computedUiSchema, prefillUiSchema } from '../lib/form';
import { formatDuration, formatVnd, localized } from '../lib/format';
import { href, navigate } from '../lib/route';
import type { CaseView } from '../lib/types';
import { SignInFirst } from './SignInFirst';

type Served = { kind: 'loading' } | { kind: 'ok'; procedure: Procedure } | { kind: 'broken' } | { kind: 'unknown' } | { kind: 'offline' };

export function FilePage({ code, user }: { code: string; user: SessionUser | null }) {
  const [served, setServed] = useState<Served>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    api<{ status: string; procedure: Procedure }>('GET', `/api/procedures/${encodeURIComponent(code)}`)
      .then((r) => live && setServed(r.status === 'ok' ? { kind: 'ok', procedure: r.procedure } : { kind: 'broken' }))
      .catch((err: unknown) => live && setServed(err instanceof ApiError && err.status === 404 ? { kind: 'unknown' } : { kind: 'offline' }));
    return () => {
      live = false;
    };
  }, [code]);
  const back = <a href={href('portal')}>Quay lại</a>;
  if (served.kind === 'loading') return <p aria-busy="true">Đang tải thủ tục {code}…</p>;
  if (served.kind === 'unknown') return <p role="alert">Không có thủ tục mã <code>{code}</code>. {back}</p>;
  if (served.kind === 'broken') return <p role="alert">Thủ tục <code>{code}</code> đang tạm ngừng tiếp nhận trực tuyến (cấu hình lỗi). {back}</p>;
  // The server is the source of truth: without it there is no form to show (filing needs it anyway).
  if (served.kind === 'offline') return <p role="alert">Không kết nối được máy chủ. {back}</p>;
  const procedure = served.procedure;
  if (!user || !getToken()) return <SignInFirst back={['portal', code]} />;
  return <FileForm key={procedure.version} procedure={procedure} nationalId={user.nationalId} />;
}

function FileForm({ procedure, nationalId }: { procedure: Procedure; nationalId: string | undefined }) {
  const schema = procedure.data?.schema ?? { type: 'object' };
  const mine = useMemo(
    () => applicantFromAccount(schema, computedUiSchema(prefillUiSchema(procedure.data?.prefill), procedure.data?.computed), nationalId, procedure.data?.applicantId),
    [procedure, schema, nationalId],
  );
  const ui = mine.ui;
  const [unit, setUnit] = useState('');
  const [data, setData] = useState<unknown>(mine.data);
  const [files, setFiles] = useState<Record<string, File>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; details?: unknown } | null>(null);
  const fees = useMemo(() => estimateFees(procedure.fees, schema, data), [procedure.fees, schema, data]);

  const submit = async (formData: unknown): Promise<void> => {
    if (!unit) {
      setError({ text: 'Hãy chọn nơi nộp hồ sơ (choose where to file).' });
      document.getElementById('file-unit')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const uploads: Record<string, string> = {};
      for (const [component, file] of Object.entries(files)) {
        uploads[component] = await upload(file);
      }
      const created = await api<CaseView>('POST', '/api/cases', { procedure: procedure.code, version: procedure.version, unit, data: withoutComputed(procedure.data?.computed, (formData ?? {}) as Record<string, unknown>), uploads });
      navigate('cases', created.id);
    } catch (err) {
      setError({ text: errorText(err), details: err instanceof ApiError ? err.details : undefined });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="file-page">
      <p className="crumbs"><a href={href('portal')}>Dịch vụ công</a> › {procedure.code}</p>
      <h1>{procedure.name.vi} {procedure.name.en ? <small lang="en">{procedure.name.en}</small> : null}</h1>
      <div className="facts">
        <div><span>Thời hạn giải quyết</span><strong>{formatDuration(procedure.deadline)}</strong></div>
        <div><span>Lệ phí (tạm tính)</span><strong data-testid="fee-total">{formatVnd(fees.total)}{fees.partial ? ' +' : ''}</strong></div>
        <div><span>Nộp phí</span><strong>{procedure.payment === 'on-result' ? 'khi nhận kết quả' : procedure.payment === 'none' ? 'không' : 'trước khi xử lý'}</strong></div>
      </div>

      <UnitPicker level={procedure.level} value={unit} onChange={setUnit} />

      <h2>Tờ khai <small>E-form</small></h2>
      <SchemaForm schema={schema} uiSchema={ui} formData={data} onChange={setData} onSubmit={(d) => void submit(d)} submitLabel={busy ? 'Đang gửi…' : 'Nộp hồ sơ'} disabled={busy} idPrefix="case">
        <h2>Thành phần hồ sơ <small>Dossier</small></h2>
        <ul className="components">
          {(procedure.components ?? []).map((c) => (
            <ComponentRow key={c.id} component={c} file={files[c.id]} onFile={(f) => setFiles((all) => {
              const next = { ...all };
              if (f) next[c.id] = f; else delete next[c.id];
              return next;
            })} />
          ))}
        </ul>
        <h2>Phí, lệ phí <small>Fees</small></h2>
        <table className="list fees">
          <tbody>
            {fees.lines.map((l) => (
              <tr key={l.id}>
                <td>{localized(l.fee.name) || l.id}</td>
                <td className="num">{l.total === 'unknown' ? 'tùy trường hợp' : l.applies === false ? 'không áp dụng' : l.exempt === true ? 'miễn' : formatVnd(l.total)}</td>
              </tr>
            ))}
            <tr className="total"><th scope="row">Tổng (tạm tính)</th><td className="num">{formatVnd(fees.total)}</td></tr>
          </tbody>
        </table>
        {error ? <ErrorBox text={error.text} details={error.details} /> : null}
      </SchemaForm>
    </section>
  );
}

function ComponentRow({ component: c, file, onFile }: { component: DossierComponent; file: File | undefined; onFile: (f: File | undefined) => void }) {
  const id = `component-${c.id}`;
  const required = c.required === true ? 'bắt buộc' : typeof c.required === 'string' ? 'tùy trường hợp' : 'không bắt buộc';
  return (
    <li>
      <label htmlFor={id}>{localized(c.name)} <span className="muted small">({required})</span></label>
      {c.replaceableBy ? <p className="muted small">Không cần tải lên nếu CSDL quốc gia ({c.replaceableBy.source}) đã có dữ liệu: hệ thống tự đối chiếu.</p> : null}
      <input id={id} type="file" accept={c.accept?.join(',') ?? 'application/pdf,image/*'} onChange={(e) => onFile(e.target.files?.[0])} />
      {file ? <span className="small"> {file.name}</span> : null}
    </li>
  );
}
