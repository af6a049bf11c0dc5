/**
 * The authors' designer: the flow as a graph with a palette and a properties panel, the dossier
 * and fees as forms, the e-form, and the YAML for those who want it. All of them are views of
 * one {@link YamlModel}; every edit is a command (undo/redo in the toolbar, Ctrl+Z / Ctrl+Y).
 * It opens either a published version (`#/procedures/<code>[/<version>]`: its text read from the
 * server; changes are a sandbox until saved as a draft) or a draft on the server
 * (`#/drafts/<id>`: saved with `PUT /api/drafts/:id`, reviewed, published; docs/publishing.md).
 * Draft content is never kept in the browser; only the graph's layout is (view state).
 * Loaded lazily (React.lazy in App.tsx), so the citizen pages never download it.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftView, ScenarioFile } from 'motcua/contract';
import { type Diagnostic, formatPath, type Procedure, parseSource, type RoleEntry, type SourceEntry } from 'motcua/engine';
import { DiagnosticsList } from '../components/DiagnosticsList';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { errorText, getUser } from '../lib/api';
import { libraryContext } from '../lib/designer-library';
import { prepareCheck, useLiveDiagnostics } from '../lib/live-diagnostics';
import { buildFlowGraph, NODE_HEIGHT, NODE_WIDTH } from '../lib/flow-graph';
import { localized } from '../lib/format';
import { href, navigate } from '../lib/route';
import { formFields } from '../model/conditions';
import { OUTCOME_STATUSES, paletteAnchor } from '../model/palette';
import { ADDABLE_KINDS, addOutcome, addStep, NEW_STEP_NAMES, type AddableKind } from '../model/procedure-edits';
import { YamlModel } from '../model/yaml-model';
import type { CodeEditorHandle } from './CodeEditor';
import { GraphEditor, type Laid, type Positions, type Selection } from './GraphEditor';
import { PropertiesPanel } from './PropertiesPanel';
import { draftsApi, isAuthor, isStale, type PublishedProcedure } from './drafts-api';
import { draftStatus } from './lifecycle-text';
import { ReviewPanel } from './ReviewPanel';
import { VersionsPanel } from './VersionsPanel';

// The tabs the designer does not open on (it opens on the flow) are separate chunks: the YAML
// tab's CodeMirror, the dossier and e-form editors, the simulator and the diff are neither
// downloaded nor parsed before the graph is on screen; they are fetched while the author looks
// at it (preloadTabs), so a tab still opens at once (docs/designer.md, "Speed").
const TAB_CHUNKS = {
  yaml: () => import('./CodeEditor'),
  dossier: () => import('./DossierEditor'),
  form: () => import('./FormBuilder'),
  simulator: () => import('./SimulatorPanel'),
  diff: () => import('./DiffView'),
} as const;
const CodeEditor = lazy(() => TAB_CHUNKS.yaml().then((m) => ({ default: m.CodeEditor })));
const DossierEditor = lazy(() => TAB_CHUNKS.dossier().then((m) => ({ default: m.DossierEditor })));
const FormBuilder = lazy(() => TAB_CHUNKS.form().then((m) => ({ default: m.FormBuilder })));
const SimulatorPanel = lazy(TAB_CHUNKS.simulator);
const DiffView = lazy(() => TAB_CHUNKS.diff().then((m) => ({ default: m.DiffView })));

/** Fetches the other tabs' chunks once the browser is idle after the first screen. */
function preloadTabs(): void {
  const load = (): void => {
    for (const chunk of Object.values(TAB_CHUNKS)) void chunk().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 3000 });
  else setTimeout(load, 1000);
}

/** A tab's content while its chunk downloads: the rest of the designer stays on screen. */
function TabSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p role="status" aria-busy="true" className="muted">Đang tải… <small lang="en">Loading…</small></p>}>{children}</Suspense>;
}

/** The designer's tabs; their names are `designer:tab.<id>` (the simulator's is `simulator:tab`). */
const TABS = ['flow', 'dossier', 'form', 'yaml', 'simulator', 'diff'] as const;
type Tab = (typeof TABS)[number];

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

/**
 * Errors per graph node: an error belongs to the deepest step or outcome its path lies in
 * (`steps[3].actions.approve.to` to `steps[3]`), read from the diagnostic's path, so a check's
 * answer costs no parse on the main thread. Only an error without a path (a YAML syntax error)
 * is placed by its line, which needs the text's positions.
 */
function problemsByNode(text: string, nodes: readonly { id: string; path: (string | number)[] }[], diagnostics: readonly Diagnostic[]): Map<string, number> {
  const out = new Map<string, number>();
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0 || nodes.length === 0) return out;
  const count = (id: string): void => {
    out.set(id, (out.get(id) ?? 0) + 1);
  };
  const deepestFirst = nodes.map((n) => ({ id: n.id, at: formatPath(n.path) })).sort((a, b) => b.at.length - a.at.length);
  const byLine = errors.filter((d) => d.path === undefined);
  for (const d of errors) {
    const path = d.path;
    if (path === undefined) continue;
    const owner = deepestFirst.find((n) => path === n.at || path.startsWith(`${n.at}.`) || path.startsWith(`${n.at}[`));
    if (owner) count(owner.id);
  }
  if (byLine.length === 0) return out;
  const doc = parseSource(text, 'x');
  const starts = nodes.map((n) => ({ id: n.id, line: doc.keyPositionOf(n.path).line })).sort((a, b) => a.line - b.line);
  const first = starts[0]?.line ?? 0;
  for (const d of byLine) {
    if (d.line < first) continue;
    const owner = starts.filter((s) => s.line <= d.line).at(-1);
    if (owner) count(owner.id);
  }
  return out;
}

/** What the designer opens: a published version, or a draft on the server. */
export type DesignerTarget = { kind: 'version'; code: string; version?: string } | { kind: 'draft'; id: string };

/** What the server answers for a target. */
type Fetched = { kind: 'version'; published: PublishedProcedure } | { kind: 'draft'; draft: DraftView };

type Loaded = Fetched & {
  /** The model of the fetched text, made on arrival so the first check can start before the editor draws. */
  model: YamlModel;
};

function modelOf(source: string): YamlModel {
  try {
    return new YamlModel(source);
  } catch {
    return new YamlModel('');
  }
}

const codeOf = (l: Fetched): string =>
  (l.kind === 'draft' ? l.draft.code : l.published.procedure.code) ?? 'draft';

/** The file name the editor's checks use for `code` (the prepared check must use the same). */
const fileOf = (code: string): string => `${code}.yaml`;

/** The fetched text as the editor will hold it, its check already started in the worker. */
function opened(l: Fetched): Loaded {
  const model = modelOf(l.kind === 'draft' ? l.draft.source : l.published.source);
  prepareCheck(model.text, fileOf(codeOf(l)), getContext());
  return { ...l, model };
}

const keyOf = (target: DesignerTarget): string => (target.kind === 'draft' ? target.id : `${target.code}@${target.version ?? ''}`);

function fetchTarget(target: DesignerTarget): Promise<Fetched> {
  return target.kind === 'draft'
    ? draftsApi.get(target.id).then((draft) => ({ kind: 'draft', draft }))
    : draftsApi.procedure(target.code, target.version).then((published) => ({ kind: 'version', published }));
}

/** Fetches started by the route beside the catalogues, each taken once by the page. */
const early = new Map<string, Promise<Fetched>>();

/**
 * Starts fetching what the page will open, before the page mounts: the route calls it beside
 * the catalogues' fetch, so the two requests run together instead of one after the other.
 */
export function prefetchDesignerTarget(target: DesignerTarget): void {
  // Always a new fetch (never one left by an earlier visit): the page takes what this visit asked.
  const fetched = fetchTarget(target);
  // Handled by the page when it takes it; a route that fails first never does.
  fetched.catch(() => undefined);
  early.set(keyOf(target), fetched);
}

/** Loads the text from the server, then opens the editor on it (remounted by "reload"). */
export default function DesignerPage({ target }: { target: DesignerTarget }) {
  // The designer's words, the lifecycle's, the validator's, coded values' names (conditions read
  // `'online'` as its name) and the server's errors (the simulator's refusals) load with the
  // page, once (not in the first load).
  const { t } = useTranslation(['designer', 'lifecycle', 'diagnostics', 'values', 'errors']);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const key = keyOf(target);
  useEffect(() => {
    let live = true;
    setLoaded(null);
    setError(null);
    const prefetched = early.get(key);
    early.delete(key);
    const load: Promise<Loaded> = (prefetched ?? fetchTarget(target)).then(opened);
    load.then((l) => live && setLoaded(l), (e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
    // `key` names the target: the effect reruns when it or `generation` changes.
  }, [key, generation]);
  if (error) {
    return (
      <p role="alert">
        {target.kind === 'draft' ? t('open.draftFailed', { error }) : t('open.procedureFailed', { code: target.code, error })}{' '}
        <a href={href(target.kind === 'draft' ? 'drafts' : '')}>{t(target.kind === 'draft' ? 'open.backToDrafts' : 'open.backToLibrary')}</a>
      </p>
    );
  }
  if (!loaded) return <p role="status">{t('common:words.loading')}</p>;
  return <Editor key={`${key}#${generation}`} loaded={loaded} reload={() => setGeneration((g) => g + 1)} />;
}

function Editor({ loaded, reload }: { loaded: Loaded; reload: () => void }) {
  const { t, i18n } = useTranslation('designer');
  const { t: ts } = useTranslation('simulator');
  const user = getUser();
  const [draft, setDraft] = useState<DraftView | null>(loaded.kind === 'draft' ? loaded.draft : null);
  const code = codeOf(loaded);
  const [model] = useState(() => loaded.model);
  const snap = useSyncExternalStore(model.subscribe, model.getSnapshot);
  const [pending, setPending] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('flow');
  const [selection, setSelection] = useState<Selection>(null);
  const [positions, setPositions] = useState<Positions>(() => loadPositions(code));
  // The text as the server holds it: what "unsaved" is measured against.
  const [savedText, setSavedText] = useState(() => model.text);
  const [saveMsg, setSaveMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [layingOut, setLayingOut] = useState(false);
  // The last layout's arrows and labels (view state, like positions; not kept across reloads).
  const [laid, setLaid] = useState<Laid | null>(null);
  const editor = useRef<CodeEditorHandle>(null);
  const jumpTarget = useRef<{ line: number; column: number } | null>(null);

  const text = pending ?? snap.text;
  const unsaved = text !== savedText;
  // The check's list (DiagnosticsList) mounts only once the first answer is back: its texts are
  // loaded with the editor, or it would suspend then and hide the whole page for a moment.
  const { t: tg } = useTranslation(['graph', 'diagnostics']);
  const diagnosis = useLiveDiagnostics(text, fileOf(code), getContext());
  const checking = diagnosis.checked !== text;
  // The server's validator also checks what the browser cannot (other versions' effective
  // dates, scenarios): its findings on the saved text are shown beside the browser's own.
  const diagnostics = useMemo(() => {
    if (!draft || unsaved) return diagnosis.diagnostics;
    const seen = new Set(diagnosis.diagnostics.map((d) => `${d.code}:${d.line}`));
    return [...diagnosis.diagnostics, ...draft.diagnostics.filter((d) => !seen.has(`${d.code}:${d.line}`))];
  }, [diagnosis, draft, unsaved]);
  const frozen = pending !== null;
  const value = snap.value as Partial<Procedure> | null;
  // Rebuilt on a language switch too: the graph's labels are words.
  const graph = useMemo(() => buildFlowGraph(value ?? {}), [value, i18n.language]);
  const fields = useMemo(() => formFields(value?.data?.schema), [value]);
  const problems = useMemo(() => problemsByNode(snap.text, graph.nodes, diagnostics), [snap.text, graph, diagnostics]);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const roles: ReadonlyMap<string, RoleEntry> = getContext().roles ?? new Map<string, RoleEntry>();
  const sources: ReadonlyMap<string, SourceEntry> = getContext().sources ?? new Map<string, SourceEntry>();
  const editable = draft ? isAuthor(user) && draft.status !== 'published' : true;

  useEffect(() => localStorage.setItem(layoutKey(code), JSON.stringify(positions)), [positions, code]);
  // Leaving with unsaved changes asks first: work is never lost silently.
  useEffect(() => {
    if (!unsaved || !draft) return;
    const warn = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved, draft]);
  useEffect(preloadTabs, []);
  // The editor's handle arrives when its (lazily loaded) chunk has mounted it: a jump asked for
  // from the problems list is made then, not on the tab switch, when it may not exist yet.
  const editorRef = useCallback((handle: CodeEditorHandle | null): void => {
    editor.current = handle;
    const target = jumpTarget.current;
    if (!handle || !target) return;
    jumpTarget.current = null;
    requestAnimationFrame(() => handle.jumpTo(target.line, target.column));
  }, []);

  /** Saves the draft (with `scenarios`, when given, as its scenario files); true when saved. */
  const save = useCallback(async (revision?: number, scenarios?: ScenarioFile[]): Promise<boolean> => {
    if (!draft) return false;
    const sent = text;
    setSaving(true);
    setSaveMsg(null);
    try {
      const view = await draftsApi.save(draft.id, sent, revision ?? draft.revision, scenarios);
      setDraft(view);
      setSavedText(sent);
      setConflict(false);
      if (sent === model.text) model.markSaved();
      setSaveMsg({ ok: true, text: t('save.saved', { revision: view.revision }) });
      return true;
    } catch (err) {
      if (isStale(err)) setConflict(true);
      else setSaveMsg({ ok: false, text: t('save.failed', { error: errorText(err) }) });
      return false;
    } finally {
      setSaving(false);
    }
  }, [draft, text, model]);

  /** Keeps my text over the one saved meanwhile: saved on top of the latest revision. */
  const overwrite = async (): Promise<void> => {
    if (!draft) return;
    try {
      await save((await draftsApi.get(draft.id)).revision);
    } catch (err) {
      setSaveMsg({ ok: false, text: errorText(err) });
    }
  };

  // Undo and redo from the keyboard, except inside a text field (where the browser's own undo applies); Ctrl+S saves.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      if (k === 's') {
        e.preventDefault();
        if (draft && editable && unsaved) void save();
        return;
      }
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      if (k === 'z' && !e.shiftKey) { e.preventDefault(); model.undo(); }
      else if ((k === 'z' && e.shiftKey) || k === 'y') { e.preventDefault(); model.redo(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [model, draft, editable, unsaved, save]);

  const editText = (v: string): void => {
    // The worker starts on the new text now, while this thread parses it and redraws.
    prepareCheck(v, fileOf(code), getContext());
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
    // Connected to what is selected (model/palette.ts): on the arrow, after the step, before the outcome.
    const id = addStep(model, kind, { ...paletteAnchor(model.value, selection), ...(firstRole ? { role: firstRole } : {}) });
    placeNear(id);
  };

  const layout = async (): Promise<void> => {
    setLayingOut(true);
    try {
      const { elkLayout, layoutInput } = await import('./layout');
      const out = await elkLayout(layoutInput(graph));
      const at = Object.fromEntries(out.nodes);
      setPositions(at);
      setLaid({ at, routes: out.routes, labels: out.labels });
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

  /**
   * A published version becomes a draft on the server (its version bumped by the server);
   * changes made here before are kept: they are saved into it with the new version number.
   */
  const startDraft = async (): Promise<void> => {
    if (loaded.kind !== 'version') return;
    setSaveMsg(null);
    try {
      const { code: c, version: v } = loaded.published.procedure;
      const created = await draftsApi.create({ from: 'version', code: c, version: v });
      if (text !== savedText && !frozen && created.version) {
        model.edit(t('save.bumpVersion'), (tx) => tx.set(['version'], created.version));
        await draftsApi.save(created.id, model.text, created.revision);
      }
      navigate('drafts', created.id);
    } catch (err) {
      setSaveMsg({ ok: false, text: t('save.cannotDraft', { error: errorText(err) }) });
    }
  };

  const tabs = TABS.filter((id) => id !== 'diff' || draft);
  return (
    <section className="designer">
      <div className="page-head">
        <div>
          <p className="crumbs">
            {draft ? <><a href={href('drafts')}>{t('crumbs.drafts')}</a> › <span>{draft.code ?? draft.id}</span></> : <><a href={href()}>{t('crumbs.library')}</a> › <code>{code}</code></>}
          </p>
          <h1>
            {value?.name?.vi ? localized(value.name) : code} <small>{value?.version ? t('version', { version: value.version }) : ''}</small>{' '}
            {draft ? <span className={`badge status-${draft.status}`}>{draftStatus(draft.status)}</span> : null}
          </h1>
        </div>
        <div className="actions" role="toolbar" aria-label={t('toolbar')}>
          <button type="button" disabled={!snap.canUndo} onClick={() => model.undo()} title={snap.undoLabel ? t('undoWhat', { what: snap.undoLabel }) : t('nothingToUndo')}>↶ {t('undo')}</button>
          <button type="button" disabled={!snap.canRedo} onClick={() => model.redo()} title={snap.redoLabel ? t('redoWhat', { what: snap.redoLabel }) : t('nothingToRedo')}>↷ {t('redo')}</button>
          {draft ? (
            <>
              <span className={unsaved ? 'badge warn save-state' : 'badge good save-state'} role="status" aria-live="polite">
                {t(saving ? 'save.saving' : unsaved ? 'save.unsaved' : 'save.savedShort')}
              </span>
              <button type="button" className="primary" disabled={!editable || !unsaved || saving} onClick={() => void save()} title={editable ? t('save.title') : t('save.readOnly')}>
                {t('save.button')}
              </button>
            </>
          ) : (
            <>
              {unsaved ? <span className="badge warn" role="status">{t('save.unsavedChanges')}</span> : null}
              <button type="button" className="primary" disabled={!isAuthor(user)} onClick={() => void startDraft()} title={isAuthor(user) ? t('save.newDraftTitle') : t('save.authorsOnly')}>
                {t(unsaved ? 'save.asDraft' : 'save.newDraft')}
              </button>
            </>
          )}
        </div>
      </div>
      {!draft ? (
        <p className="notice" role="note">
          {t('sandbox')}
          {!isAuthor(user) ? <> <a href={href('login', 'procedures', code)}>{t('common:session.signIn')}</a> {t('signInAsAuthor')}</> : null}
        </p>
      ) : null}
      {conflict ? (
        <div className="notice bad" role="alert">
          <strong>{t('conflict.title')}</strong> {t('conflict.kept')}{' '}
          <button type="button" onClick={() => void overwrite()}>{t('conflict.keepMine')}</button>{' '}
          <button type="button" onClick={reload}>{t('conflict.loadTheirs')}</button>
        </div>
      ) : null}
      {saveMsg ? <p className={saveMsg.ok ? 'notice ok' : 'notice warn'} role="status">{saveMsg.text}</p> : null}
      {frozen ? <p className="notice bad" role="alert">{t('frozen')}</p> : null}
      {draft ? <ReviewPanel draft={draft} user={user} unsaved={unsaved} onChange={setDraft} onPick={pickDiagnostic} /> : <VersionsPanel code={code} user={user} current={loaded.kind === 'version' ? loaded.published.procedure.version : ''} />}

      <section className={errors ? 'designer-problems has-errors' : 'designer-problems'} aria-label={t('problems.title')}>
        <h2 className="pane-title">{t('problems.title')} {diagnosis.checked === undefined ? <span className="badge" role="status">{tg('checking')}</span> : <span className={errors ? 'badge bad' : 'badge good'}>{t('problems.count', { count: errors })}</span>}</h2>
        <div className="diag-box" aria-busy={checking}>{diagnosis.checked === undefined ? null : <DiagnosticsList diagnostics={diagnostics} onPick={pickDiagnostic} />}</div>
      </section>
      <div role="tablist" aria-label={t('tabs')} className="tabs">
        {tabs.map((id) => (
          <button key={id} type="button" role="tab" id={`tab-${id}`} aria-selected={tab === id} aria-controls={`panel-${id}`} onClick={() => setTab(id)}>
            {id === 'simulator' ? ts('tab') : t(`tab.${id}`)}
          </button>
        ))}
      </div>
      <div className="designer-body">
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="designer-main">
          <ErrorBoundary resetKey={snap.revision}>
            {tab === 'flow' ? (
              <div className="flow-editor">
                <div className="palette" role="toolbar" aria-label={t('palette.addStep')} aria-orientation="vertical">
                  <p className="palette-title">{t('palette.addStep')}</p>
                  {ADDABLE_KINDS.map((k) => (
                    <button key={k} type="button" disabled={frozen} className={`palette-item pi-${k}`} onClick={() => add(k)} title={selection ? t('palette.addAfter') : t('palette.addAtEnd')}>
                      <span className="pi-icon" aria-hidden="true" />{t(`common:stepKind.${k}`)}<small>{localized(NEW_STEP_NAMES[k])}</small>
                    </button>
                  ))}
                  <p className="palette-title">{t('palette.addOutcome')}</p>
                  {OUTCOME_STATUSES.map((status) => (
                    <button key={status} type="button" disabled={frozen} className={`palette-item ${status === 'done' ? 'pi-outcome' : 'pi-outcome-bad'}`} onClick={() => placeNear(addOutcome(model, status))}><span className="pi-icon" aria-hidden="true" />{t(`common:outcomeStatus.${status}`)}</button>
                  ))}
                  <p className="palette-title">{t('palette.diagram')}</p>
                  <button type="button" className="palette-item" disabled={layingOut} onClick={() => void layout()}>{t(layingOut ? 'palette.layingOut' : 'palette.layout')}</button>
                </div>
                <GraphEditor model={model} graph={graph} positions={positions} onMove={(id, pos) => setPositions((p) => ({ ...p, [id]: pos }))} selection={selection} onSelect={setSelection} problems={problems} frozen={frozen} laid={laid} />
                <aside className="props-panel" aria-label={t('properties')}>
                  <h2 className="pane-title">{t('properties')}</h2>
                  <PropertiesPanel model={model} value={snap.value} selection={selection} onSelect={setSelection} roles={roles} fields={fields} frozen={frozen} />
                </aside>
              </div>
            ) : null}
            {tab === 'dossier' ? (frozen ? <p className="muted">{t('fixYamlFirst')}</p> : <TabSuspense><DossierEditor model={model} value={(snap.value ?? {}) as Record<string, unknown>} sources={sources} fields={fields} /></TabSuspense>) : null}
            {tab === 'form' ? (frozen ? <p className="muted">{t('fixYamlFirst')}</p> : <TabSuspense><FormBuilder model={model} value={(snap.value ?? {}) as Record<string, unknown>} sources={sources} /></TabSuspense>) : null}
            {tab === 'yaml' ? (
              <TabSuspense><CodeEditor ref={editorRef} value={text} onChange={editText} diagnostics={diagnostics} /></TabSuspense>
            ) : null}
            {tab === 'simulator' ? (
              <TabSuspense><SimulatorPanel text={text} file={`${code}.yaml`} draft={draft} editable={editable} unsaved={unsaved} onSaveScenarios={async (scenarios) => {
                if (!(await save(undefined, scenarios))) throw new Error(ts('hand.saveRefused'));
              }} /></TabSuspense>
            ) : null}
            {tab === 'diff' && draft ? (
              <>
                {unsaved ? <p className="notice warn" role="note">{t('diffUnsaved')}</p> : null}
                <TabSuspense><DiffView draft={draft.id} revision={draft.revision} names={{ roles }} /></TabSuspense>
              </>
            ) : null}
          </ErrorBoundary>
        </div>
      </div>
    </section>
  );
}
