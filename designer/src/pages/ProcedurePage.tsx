/**
 * Authors' editor: YAML on the left, live diagnostics (computed in the browser by the engine's
 * parser and checks), the flow graph and the e-form preview on the right. Drafts are kept in
 * localStorage so nothing typed is lost. Saving publishes the version to the server
 * (`POST /api/procedures`, the procedure as JSON, authors only); the server compiles it first.
 */
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { type Diagnostic, type Procedure, parseSource } from 'motcua/engine';
import { DiagnosticsList } from '../components/DiagnosticsList';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { FlowView } from '../components/FlowView';
import { SchemaForm } from '../components/SchemaForm';
import { YamlEditor, type YamlEditorHandle } from '../components/YamlEditor';
import { api, errorText } from '../lib/api';
import { libraryContext } from '../lib/catalogues';
import { diagnose } from '../lib/diagnose';
import { buildFlowGraph } from '../lib/flow-graph';
import { prefillUiSchema } from '../lib/form';
import { formatDuration, formatVnd, localized } from '../lib/format';
import { findEntry } from '../lib/library';
import { href } from '../lib/route';

const TABS = [
  { id: 'graph', label: 'Sơ đồ quy trình', en: 'Flow' },
  { id: 'form', label: 'Xem trước biểu mẫu', en: 'Form preview' },
  { id: 'summary', label: 'Hồ sơ, phí, thời hạn', en: 'Dossier, fees' },
] as const;
type Tab = (typeof TABS)[number]['id'];

const draftKey = (code: string): string => `motcua.draft.${code}`;

/** Built on first use: the roles, sources and codes the validator checks references against. */
let context: ReturnType<typeof libraryContext> | undefined;
const getContext = (): ReturnType<typeof libraryContext> => (context ??= libraryContext());

export function ProcedurePage({ code }: { code: string }) {
  const entry = findEntry(code);
  const [text, setText] = useState(() => localStorage.getItem(draftKey(code)) ?? entry?.text ?? '');
  const [tab, setTab] = useState<Tab>('graph');
  const [saveMsg, setSaveMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const editor = useRef<YamlEditorHandle>(null);
  const deferred = useDeferredValue(text);
  const { procedure, diagnostics, valid } = useMemo(() => diagnose(deferred, entry?.file ?? `${code}.yaml`, getContext()), [deferred, entry?.file, code]);
  const graph = useMemo(() => buildFlowGraph(procedure ?? {}), [procedure]);
  const errorLines = useMemo(() => new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)), [diagnostics]);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const changed = entry !== undefined && text !== entry.text;

  const edit = (value: string): void => {
    setText(value);
    setSaveMsg(null);
    if (entry && value === entry.text) localStorage.removeItem(draftKey(code));
    else localStorage.setItem(draftKey(code), value);
  };
  const pick = (d: Diagnostic): void => editor.current?.jumpTo(d.line, d.column);
  const pickPath = (path: (string | number)[]): void => {
    const pos = parseSource(text, 'x').keyPositionOf(path);
    editor.current?.jumpTo(pos.line, pos.column);
  };
  const save = async (): Promise<void> => {
    try {
      const saved = await api<{ code: string; version: string }>('POST', '/api/procedures', procedure);
      localStorage.removeItem(draftKey(code));
      setSaveMsg({ ok: true, text: `Đã xuất bản phiên bản ${saved.version} lên máy chủ (published).` });
    } catch (err) {
      setSaveMsg({ ok: false, text: `Chưa lưu được: ${errorText(err)} Bản nháp vẫn được giữ trong trình duyệt này.` });
    }
  };

  if (!entry && text === '') {
    return <p role="alert">Không có thủ tục mã <code>{code}</code> trong thư viện. <a href={href()}>Về thư viện</a></p>;
  }
  return (
    <section className="editor-page">
      <div className="page-head">
        <div>
          <p className="crumbs"><a href={href()}>Thư viện</a> › <code>{code}</code></p>
          <h1>{procedure?.name?.vi ?? code} <small>{procedure?.version ? `v${procedure.version}` : ''}</small></h1>
        </div>
        <div className="actions">
          {changed ? <button type="button" onClick={() => entry && edit(entry.text)}>Hoàn tác thay đổi</button> : null}
          <button type="button" className="primary" disabled={!valid} onClick={() => void save()} title={errors > 0 ? 'Sửa hết lỗi trước khi lưu' : 'Cần đăng nhập bằng tài khoản biên tập viên; tăng version trước khi xuất bản'}>Xuất bản (publish)</button>
        </div>
      </div>
      {saveMsg ? <p className={saveMsg.ok ? 'notice ok' : 'notice warn'} role="status">{saveMsg.text}</p> : null}
      <div className="editor-grid">
        <div className="pane">
          <h2 className="pane-title">YAML {changed ? <span className="badge">bản nháp (draft)</span> : null}</h2>
          <YamlEditor ref={editor} value={text} onChange={edit} errorLines={errorLines} />
        </div>
        <div className="pane">
          <h2 className="pane-title">Kiểm tra <small>Diagnostics</small> <span className={errors ? 'badge bad' : 'badge good'}>{errors} lỗi</span></h2>
          <div className="diag-box"><DiagnosticsList diagnostics={diagnostics} onPick={pick} /></div>
          <div role="tablist" aria-label="Xem" className="tabs">
            {TABS.map((t) => (
              <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} onClick={() => setTab(t.id)}>
                {t.label} <small>{t.en}</small>
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
            <ErrorBoundary resetKey={procedure}>
            {tab === 'graph' ? <FlowView graph={graph} onPick={(n) => pickPath(n.path)} /> : null}
            {tab === 'form' ? (
              procedure?.data?.schema && typeof procedure.data.schema === 'object'
                ? <FormPreview schema={procedure.data.schema} prefill={procedure.data.prefill} />
                : <p>Thủ tục chưa khai báo <code>data.schema</code>.</p>
            ) : null}
            {tab === 'summary' ? <Summary procedure={procedure ?? {}} /> : null}
            </ErrorBoundary>
          </div>
        </div>
      </div>
    </section>
  );
}

function FormPreview({ schema, prefill }: { schema: Record<string, unknown>; prefill: Parameters<typeof prefillUiSchema>[0] }) {
  const ui = useMemo(() => prefillUiSchema(prefill), [prefill]);
  const [data, setData] = useState<unknown>({});
  return (
    <div className="form-preview">
      <p className="muted">Biểu mẫu người dân sẽ thấy. Trường có ghi «Khóa» được điền sẵn từ CSDL quốc gia, người dân không sửa được.</p>
      <SchemaForm schema={schema} uiSchema={ui} formData={data} onChange={setData} onSubmit={() => undefined} submitLabel="Thử kiểm tra (validate)" idPrefix="preview" />
    </div>
  );
}

function Summary({ procedure }: { procedure: Partial<Procedure> }) {
  return (
    <div className="summary">
      <p><strong>Thời hạn giải quyết:</strong> {procedure.deadline ? formatDuration(procedure.deadline) : '—'}</p>
      <h3>Thành phần hồ sơ</h3>
      <ul>
        {(procedure.components ?? []).map((c) => (
          <li key={c.id}>{localized(c.name)} {c.required === true ? <em>(bắt buộc)</em> : typeof c.required === 'string' ? <em>(khi <code>{c.required}</code>)</em> : null}
            {c.replaceableBy ? <span className="muted"> — thay bằng dữ liệu {c.replaceableBy.source}</span> : null}</li>
        ))}
      </ul>
      <h3>Phí, lệ phí</h3>
      <ul>
        {(procedure.fees ?? []).map((f) => (
          <li key={f.id}>{localized(f.name) || f.id}: {formatVnd(f.amount)}{f.when ? <span className="muted"> khi <code>{f.when}</code></span> : null}</li>
        ))}
      </ul>
    </div>
  );
}
