/**
 * The authors' designer: the flow as a graph with a palette and a properties panel, the dossier
 * and fees as forms, the e-form, and the YAML for those who want it. All of them are views of
 * one {@link YamlModel}; every edit is a command (undo/redo in the toolbar, Ctrl+Z / Ctrl+Y).
 * Loaded lazily (React.lazy in App.tsx), so the citizen pages never download it.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { type Diagnostic, type Procedure, parseSource, type RoleEntry, type SourceEntry } from 'motcua/engine';
import { DiagnosticsList } from '../components/DiagnosticsList';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { api, errorText } from '../lib/api';
import { diagnose } from '../lib/diagnose';
import { buildFlowGraph, NODE_HEIGHT, NODE_WIDTH } from '../lib/flow-graph';
import { findEntry, LIBRARY, libraryContext } from '../lib/designer-library';
import { href } from '../lib/route';
import { formFields } from '../model/conditions';
import { ADDABLE_KINDS, addOutcome, addStep, NEW_STEP_NAMES, type AddableKind } from '../model/procedure-edits';
import { YamlModel } from '../model/yaml-model';
import { CodeEditor, type CodeEditorHandle } from './CodeEditor';
import { DossierEditor } from './DossierEditor';
import { FormBuilder } from './FormBuilder';
import { GraphEditor, KIND_VI, type Positions, type Selection } from './GraphEditor';
import { PropertiesPanel } from './PropertiesPanel';
import { chipWidth } from './labels';

const TABS = [
  { id: 'flow', label: 'Quy trình', en: 'Flow' },
  { id: 'dossier', label: 'Hồ sơ, phí, thời hạn', en: 'Dossier & fees' },
  { id: 'form', label: 'Biểu mẫu điện tử', en: 'E-form' },
  { id: 'yaml', label: 'YAML', en: 'Text' },
] as const;
type Tab = (typeof TABS)[number]['id'];

const draftKey = (code: string): string => `motcua.draft.${code}`;
const layoutKey = (code: string): string => `motcua.layout.${code}`;

let context: ReturnType<typeof libraryContext> | undefined;
const getContext = (): ReturnType<typeof libraryContext> => (context ??= libraryContext());

function loadPositions(code: string): Positions {
  try {
    return JSON.parse(localStorage.getItem(layoutKey(code)) ?? '{}') as Positions;
  } catch {
    return {};
  }
}

/** Diagnostics per graph node: a diagnostic belongs to the step or outcome whose text holds its line. */
function problemsByNode(text: string, nodes: readonly { id: string; path: (string | number)[] }[], diagnostics: readonly Diagnostic[]): Map<string, number> {
  const out = new Map<string, number>();
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0 || nodes.length === 0) return out;
  const doc = parseSource(text, 'x');
  const starts = nodes.map((n) => ({ id: n.id, line: doc.keyPositionOf(n.path).line })).sort((a, b) => a.line - b.line);
  const first = starts[0]?.line ?? 0;
  for (const d of errors) {
    if (d.line < first) continue;
    const owner = starts.filter((s) => s.line <= d.line).at(-1);
    if (owner) out.set(owner.id, (out.get(owner.id) ?? 0) + 1);
  }
  return out;
}

export default function DesignerPage({ code }: { code: string }) {
  const entry = findEntry(code);
  const initial = localStorage.getItem(draftKey(code)) ?? entry?.text ?? '';
  const [model] = useState(() => {
    try {
      return new YamlModel(initial);
    } catch {
      return new YamlModel(entry?.text ?? '');
    }
  });
  const snap = useSyncExternalStore(model.subscribe, model.getSnapshot);
  const [pending, setPending] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('flow');
  const [selection, setSelection] = useState<Selection>(null);
  const [positions, setPositions] = useState<Positions>(() => loadPositions(code));
  const [saveMsg, setSaveMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [layingOut, setLayingOut] = useState(false);
  const editor = useRef<CodeEditorHandle>(null);
  const jumpTarget = useRef<{ line: number; column: number } | null>(null);

  const text = pending ?? snap.text;
  const deferred = useDeferredValue(text);
  const diagnosis = useMemo(() => diagnose(deferred, entry?.file ?? `${code}.yaml`, getContext()), [deferred, entry?.file, code]);
  const frozen = pending !== null;
  const value = snap.value as Partial<Procedure> | null;
  const graph = useMemo(() => buildFlowGraph(value ?? {}), [value]);
  const fields = useMemo(() => formFields(value?.data?.schema), [value]);
  const problems = useMemo(() => problemsByNode(snap.text, graph.nodes, diagnosis.diagnostics), [snap.text, graph, diagnosis]);
  const errors = diagnosis.diagnostics.filter((d) => d.severity === 'error').length;
  const roles: ReadonlyMap<string, RoleEntry> = getContext().roles ?? new Map<string, RoleEntry>();
  const sources: ReadonlyMap<string, SourceEntry> = getContext().sources ?? new Map<string, SourceEntry>();
  const procedureCodes = useMemo(() => [...new Map(LIBRARY.map((e) => [e.procedure.code, { code: e.procedure.code, name: e.procedure.name.vi }])).values()], []);

  // Drafts are saved on every change: closing the tab never loses work.
  useEffect(() => {
    if (entry && snap.text === entry.text) localStorage.removeItem(draftKey(code));
    else if (snap.revision > 0) localStorage.setItem(draftKey(code), snap.text);
  }, [snap, code, entry]);
  useEffect(() => localStorage.setItem(layoutKey(code), JSON.stringify(positions)), [positions, code]);
  useEffect(() => {
    if (tab === 'yaml' && jumpTarget.current) {
      const { line, column } = jumpTarget.current;
      jumpTarget.current = null;
      requestAnimationFrame(() => editor.current?.jumpTo(line, column));
    }
  }, [tab]);

  // Undo and redo from the keyboard, except inside a text field (where the browser's own undo applies).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      if (!(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) { e.preventDefault(); model.undo(); }
      else if ((k === 'z' && e.shiftKey) || k === 'y') { e.preventDefault(); model.redo(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [model]);

  const editText = (v: string): void => {
    setSaveMsg(null);
    if (model.replaceText(v)) setPending(null);
    else setPending(v);
  };

  const placeNear = (id: string): void => {
    const anchorId = selection?.kind === 'node' ? selection.id : selection?.kind === 'edge' ? selection.from : undefined;
    const anchor = anchorId ? (positions[anchorId] ?? graph.nodes.find((n) => n.id === anchorId)) : undefined;
    const lowest = Math.max(0, ...graph.nodes.map((n) => (positions[n.id] ?? n).y));
    const at = anchor ? { x: anchor.x + NODE_WIDTH + 60, y: anchor.y + NODE_HEIGHT / 2 } : { x: 0, y: lowest + NODE_HEIGHT + 70 };
    setPositions((p) => ({ ...p, [id]: at }));
    setSelection({ kind: 'node', id });
  };

  const add = (kind: AddableKind): void => {
    const firstRole = [...roles.keys()][0];
    const edge = selection?.kind === 'edge' ? graph.edges.find((e) => e.from === selection.from && e.handle === selection.handle) : undefined;
    const after = selection?.kind === 'node' ? selection.id : edge?.from;
    const id = addStep(model, kind, { ...(after && graph.nodes.some((n) => n.id === after && n.kind !== 'outcome') ? { after } : {}), ...(edge?.slot ? { from: edge.slot } : {}), ...(firstRole ? { role: firstRole } : {}) });
    placeNear(id);
  };

  const layout = async (): Promise<void> => {
    setLayingOut(true);
    try {
      const { elkLayout } = await import('./layout');
      const pos = await elkLayout({
        nodes: graph.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
        edges: graph.edges.filter((e) => !e.broken).map((e) => ({ id: e.id, from: e.from, to: e.to, label: e.label, labelWidth: Math.min(chipWidth(e.label), 190) })),
      });
      setPositions(Object.fromEntries(pos));
    } finally {
      setLayingOut(false);
    }
  };

  const pickDiagnostic = (d: Diagnostic): void => {
    jumpTarget.current = { line: d.line, column: d.column };
    if (tab === 'yaml') {
      editor.current?.jumpTo(d.line, d.column);
      jumpTarget.current = null;
    } else setTab('yaml');
  };

  const save = async (): Promise<void> => {
    try {
      const saved = await api<{ code: string; version: string }>('POST', '/api/procedures', diagnosis.procedure);
      localStorage.removeItem(draftKey(code));
      model.markSaved();
      setSaveMsg({ ok: true, text: `Đã xuất bản phiên bản ${saved.version} lên máy chủ.` });
    } catch (err) {
      setSaveMsg({ ok: false, text: `Chưa lưu được: ${errorText(err)} Bản nháp vẫn được giữ trong trình duyệt này.` });
    }
  };

  if (!entry && initial === '') {
    return <p role="alert">Không có thủ tục mã <code>{code}</code> trong thư viện. <a href={href()}>Về thư viện</a></p>;
  }
  return (
    <section className="designer">
      <div className="page-head">
        <div>
          <p className="crumbs"><a href={href()}>Thư viện</a> › <code>{code}</code></p>
          <h1>{value?.name?.vi ?? code} <small>{value?.version ? `phiên bản ${value.version}` : ''}</small></h1>
        </div>
        <div className="actions" role="toolbar" aria-label="Lệnh">
          <button type="button" disabled={!snap.canUndo} onClick={() => model.undo()} title={snap.undoLabel ? `Hoàn tác: ${snap.undoLabel} (Ctrl+Z)` : 'Không có gì để hoàn tác'}>↶ Hoàn tác</button>
          <button type="button" disabled={!snap.canRedo} onClick={() => model.redo()} title={snap.redoLabel ? `Làm lại: ${snap.redoLabel} (Ctrl+Y)` : 'Không có gì để làm lại'}>↷ Làm lại</button>
          {snap.dirty || (entry && snap.text !== entry.text) ? <span className="badge" role="status">bản nháp chưa xuất bản</span> : null}
          <button type="button" className="primary" disabled={!diagnosis.valid || frozen} onClick={() => void save()} title={errors > 0 ? 'Sửa hết lỗi trước khi xuất bản' : 'Cần đăng nhập bằng tài khoản biên tập viên; tăng phiên bản trước khi xuất bản'}>Xuất bản</button>
        </div>
      </div>
      {saveMsg ? <p className={saveMsg.ok ? 'notice ok' : 'notice warn'} role="status">{saveMsg.text}</p> : null}
      {frozen ? <p className="notice bad" role="alert">YAML chưa đúng cú pháp: sơ đồ và biểu mẫu đang tạm khóa ở lần sửa hợp lệ gần nhất. Sửa các lỗi bên dưới để tiếp tục.</p> : null}

      <section className={errors ? 'designer-problems has-errors' : 'designer-problems'} aria-label="Kiểm tra">
        <h2 className="pane-title">Kiểm tra <span className={errors ? 'badge bad' : 'badge good'}>{errors} lỗi</span></h2>
        <div className="diag-box"><DiagnosticsList diagnostics={diagnosis.diagnostics} onPick={pickDiagnostic} /></div>
      </section>
      <div role="tablist" aria-label="Phần của thủ tục" className="tabs">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label} <small lang="en">{t.en}</small>
          </button>
        ))}
      </div>
      <div className="designer-body">
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="designer-main">
          <ErrorBoundary resetKey={snap.revision}>
            {tab === 'flow' ? (
              <div className="flow-editor">
                <div className="palette" role="toolbar" aria-label="Thêm bước" aria-orientation="vertical">
                  <p className="palette-title">Thêm bước</p>
                  {ADDABLE_KINDS.map((k) => (
                    <button key={k} type="button" disabled={frozen} className={`palette-item pi-${k}`} onClick={() => add(k)} title={selection ? 'Thêm sau phần đang chọn (trên mũi tên đang chọn: chèn vào giữa)' : 'Thêm vào cuối quy trình'}>
                      <span className="pi-icon" aria-hidden="true" />{KIND_VI[k]}<small>{NEW_STEP_NAMES[k].vi}</small>
                    </button>
                  ))}
                  <p className="palette-title">Thêm kết quả</p>
                  <button type="button" disabled={frozen} className="palette-item pi-outcome" onClick={() => placeNear(addOutcome(model, 'done'))}><span className="pi-icon" aria-hidden="true" />Hoàn thành</button>
                  <button type="button" disabled={frozen} className="palette-item pi-outcome-bad" onClick={() => placeNear(addOutcome(model, 'rejected'))}><span className="pi-icon" aria-hidden="true" />Từ chối</button>
                  <p className="palette-title">Sơ đồ</p>
                  <button type="button" className="palette-item" disabled={layingOut} onClick={() => void layout()}>{layingOut ? 'Đang sắp xếp…' : 'Sắp xếp lại'}</button>
                </div>
                <GraphEditor model={model} graph={graph} positions={positions} onMove={(id, pos) => setPositions((p) => ({ ...p, [id]: pos }))} selection={selection} onSelect={setSelection} problems={problems} frozen={frozen} />
                <aside className="props-panel" aria-label="Thuộc tính">
                  <h2 className="pane-title">Thuộc tính</h2>
                  <PropertiesPanel model={model} value={snap.value} selection={selection} onSelect={setSelection} roles={roles} procedureCodes={procedureCodes} fields={fields} frozen={frozen} />
                </aside>
              </div>
            ) : null}
            {tab === 'dossier' ? (frozen ? <p className="muted">Sửa lỗi cú pháp YAML trước.</p> : <DossierEditor model={model} value={(snap.value ?? {}) as Record<string, unknown>} sources={sources} fields={fields} />) : null}
            {tab === 'form' ? (frozen ? <p className="muted">Sửa lỗi cú pháp YAML trước.</p> : <FormBuilder model={model} value={(snap.value ?? {}) as Record<string, unknown>} sources={sources} />) : null}
            {tab === 'yaml' ? (
              <CodeEditor ref={editor} value={text} onChange={editText} diagnostics={diagnosis.diagnostics} />
            ) : null}
          </ErrorBoundary>
        </div>
      </div>
    </section>
  );
}
