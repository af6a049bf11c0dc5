/**
 * One case (`GET /api/cases/:id`): status, due, fees, dossier, timeline and where it stands in
 * the flow. Officers holding the active task's role see its actions; each action posts
 * `{step, action, form, version}` and a 409 means someone else acted first: reload. The
 * applicant pays, supplements or withdraws from `ApplicantActions`.
 */
import { useMemo, useState } from 'react';
import { isSupplementStep, type Procedure, type TaskStep } from 'motcua/engine';
import { FlowView } from '../components/FlowView';
import { SchemaForm } from '../components/SchemaForm';
import { api, ApiError, errorText, type SessionUser } from '../lib/api';
import { buildFlowGraph } from '../lib/flow-graph';
import { DUE_LABELS, dueState, formatDateTime, formatVnd, localized } from '../lib/format';
import { href } from '../lib/route';
import type { CaseEventView, CaseView } from '../lib/types';
import type { PaymentView } from 'motcua/contract';
import { ApplicantActions } from './ApplicantActions';
import { CasePayments } from './ReceiptView';
import { SupplementRequestForm } from './SupplementRequestForm';
import { SignInFirst } from './SignInFirst';
import { StatusBadge } from './StatusBadge';
import { useApi } from './useApi';

const EVENT_VI: Record<string, string> = {
  submitted: 'Nộp hồ sơ', transition: 'Xử lý', suspended: 'Tạm dừng (chờ bổ sung)', resumed: 'Tiếp tục xử lý', paid: 'Đã nộp phí',
  extended: 'Gia hạn', 'child-started': 'Bắt đầu hồ sơ liên thông', 'child-finished': 'Xong hồ sơ liên thông', 'due-soon': 'Sắp đến hạn',
  overdue: 'Quá hạn', closed: 'Kết thúc', withdrawn: 'Rút hồ sơ', 'result-issued': 'Cấp kết quả điện tử', 'result-held': 'Kết quả chờ nộp phí', transferred: 'Chuyển đơn vị giải quyết (sắp xếp đơn vị hành chính)',
};

export function CasePage({ id, user }: { id: string; user: SessionUser | null }) {
  const loaded = useApi<CaseView>(user ? `/api/cases/${encodeURIComponent(id)}` : null);
  if (!user) return <SignInFirst back={['cases', id]} />;
  if (loaded.error) return <p role="alert" className="notice bad">{loaded.error} <button type="button" onClick={loaded.reload}>Thử lại</button></p>;
  if (!loaded.data) return <p role="status">Đang tải…</p>;
  return <CaseWithItsVersion view={loaded.data} user={user} reload={loaded.reload} />;
}

/**
 * The case is drawn with the procedure version it runs on, read from the server (a version
 * published after the app was built shows its own steps, actions and flow).
 */
function CaseWithItsVersion({ view, user, reload }: { view: CaseView; user: SessionUser; reload: () => void }) {
  const { code, version } = view.procedure;
  const served = useApi<{ procedure: Procedure }>(`/api/procedures/${encodeURIComponent(code)}?version=${encodeURIComponent(version)}`);
  if (served.error) return <p role="alert" className="notice bad">{served.error} <button type="button" onClick={served.reload}>Thử lại</button></p>;
  if (!served.data) return <p role="status">Đang tải…</p>;
  return <CaseDetails view={view} procedure={served.data.procedure} user={user} reload={reload} />;
}

function CaseDetails({ view, procedure, user, reload }: { view: CaseView; procedure: Procedure; user: SessionUser; reload: () => void }) {
  const graph = useMemo(() => buildFlowGraph(procedure ?? {}), [procedure]);
  // Only the server's overdue flag is shown here: due-soon depends on the server's threshold.
  const state = dueState({ ...view, dueSoon: false }, new Date());
  const fees = view.fees as { total?: number; items?: { id: string; total: number }[] } | undefined;
  const active = view.outcome ? [...view.steps, view.outcome] : view.steps;
  const payments = useApi<{ items: PaymentView[] }>(typeof fees?.total === 'number' && fees.total > 0 ? `/api/cases/${encodeURIComponent(view.id)}/payments?v=${view.version}` : null);
  const myTasks = user.kind === 'citizen' ? [] : view.tasks.filter((t) => !user.roles || user.roles.length === 0 || user.roles.some((r) => r.role === t.role));
  return (
    <section className="case-page">
      <p className="crumbs"><a href={href(user.kind === 'citizen' ? 'my' : 'worklist')}>{user.kind === 'citizen' ? 'Hồ sơ của tôi' : 'Việc cần xử lý'}</a> › {view.id}</p>
      <h1>Hồ sơ <code>{view.id}</code> <small>{view.procedure.name ?? procedure?.name.vi ?? view.procedure.code}</small></h1>
      <div className="facts">
        <div><span>Trạng thái</span><strong><StatusBadge status={view.status} overdue={view.overdue} /></strong></div>
        <div><span>Ngày nộp</span><strong>{formatDateTime(view.submittedAt)}</strong></div>
        <div><span>Hạn trả kết quả</span><strong>{formatDateTime(view.due)} {state === 'overdue' && !view.outcome ? <span className="flag overdue">{DUE_LABELS.overdue}</span> : null}</strong></div>
        {view.steps.length && !view.outcome ? <div><span>Đang ở bước</span><strong>{view.steps.map((id) => stepName(procedure, id)).join(', ')}</strong></div> : null}
        <div><span>Lệ phí</span><strong>{typeof fees?.total === 'number' ? formatVnd(fees.total) : '—'}</strong></div>
      </div>
      {view.status === 'awaiting-consent' ? (
        <p className="notice warn" role="status">
          Hồ sơ chờ người liên quan đồng ý bằng tài khoản của chính họ: {(view.consents ?? []).filter((c) => c.status === 'awaiting').map((c) => c.subject).join(', ')}. Hồ sơ được tiếp nhận khi mọi người đã đồng ý.
          <small lang="en"> Waiting for the people named to consent with their own sign-in.</small>
        </p>
      ) : null}
      {view.outcome ? <p className="notice ok" role="status">Kết quả: <strong>{procedure?.outcomes[view.outcome]?.name?.vi ?? view.outcome}</strong></p> : null}
      {(view.timeline ?? []).filter((e) => e.type === 'result-issued' && typeof e.detail?.document === 'string').map((e) => (
        <p key={String(e.detail?.document)} className="notice ok">Đã cấp kết quả điện tử có chữ ký số: <a href={href('documents', String(e.detail?.document))}>Xem giấy tờ {String(e.detail?.document)}</a></p>
      ))}
      {user.kind === 'citizen' && view.applicant === user.id ? <ApplicantActions view={view} procedure={procedure} reload={reload} /> : null}
      {myTasks.map((t) => {
        const step = procedure ? findTask(procedure, t.step) : undefined;
        return step && procedure ? <TaskActions key={t.step} caseId={view.id} version={view.version} step={step} procedure={procedure} reload={reload} /> : null;
      })}
      <div className="two-col">
        <div>
          <h2>Quá trình xử lý <small>Timeline</small></h2>
          <Timeline events={view.timeline ?? []} procedure={procedure} />
          {view.data && procedure?.data?.schema ? (
            <>
              <h2>Tờ khai <small>Data</small></h2>
              <SchemaForm schema={procedure.data.schema} formData={view.data} disabled idPrefix="view" />
            </>
          ) : null}
        </div>
        <div>
          <h2>Sơ đồ quy trình <small>Flow</small></h2>
          <FlowView graph={graph} active={active} />
          <CasePayments payments={payments.data?.items ?? []} />
          <Components value={view.components} procedure={procedure} />
          <Prefilled value={view.prefilled} />
        </div>
      </div>
    </section>
  );
}

/** The Vietnamese name of a step or outcome, or its id. */
function stepName(procedure: Procedure | undefined, id: string): string {
  if (!procedure) return id;
  const walk = (steps: readonly Procedure['steps'][number][]): string | undefined => {
    for (const s of steps) {
      if (s.id === id) return s.name?.vi ?? s.id;
      if (s.kind === 'parallel') for (const list of Object.values(s.branches)) {
        const hit = walk(list);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return walk(procedure.steps) ?? procedure.outcomes[id]?.name?.vi ?? id;
}

function findTask(procedure: Procedure, id: string): TaskStep | undefined {
  const walk = (steps: readonly Procedure['steps'][number][]): TaskStep | undefined => {
    for (const s of steps) {
      if (s.id === id && s.kind === 'task') return s;
      if (s.kind === 'parallel') for (const list of Object.values(s.branches)) {
        const hit = walk(list);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return walk(procedure.steps);
}

function TaskActions({ caseId, version, step, procedure, reload }: { caseId: string; version: number; step: TaskStep; procedure: Procedure; reload: () => void }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null);
  const act = async (action: string, form: unknown): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/cases/${encodeURIComponent(caseId)}/actions`, { step: step.id, action, form: form ?? {}, version });
      setChosen(null);
      reload();
    } catch (err) {
      setError({ text: errorText(err), conflict: err instanceof ApiError && err.isConflict });
    } finally {
      setBusy(false);
    }
  };
  const entries = Object.entries(step.actions);
  const spec = chosen ? step.actions[chosen] : undefined;
  return (
    <div className="task-box" role="region" aria-label={`Xử lý bước ${step.name?.vi ?? step.id}`}>
      <h2>Xử lý: {step.name?.vi ?? step.id} <small>{step.role}</small></h2>
      <div className="action-buttons">
        {entries.map(([name, a]) => (
          <button key={name} type="button" className={name === 'approve' || name === 'sign' ? 'primary' : name === 'reject' ? 'danger' : ''} disabled={busy}
            aria-pressed={chosen === name}
            onClick={() => (a.form || isSupplementStep(procedure.steps, a.to) ? setChosen(name) : void act(name, undefined))}>
            {localized(a.name) || actionLabel(name)}
          </button>
        ))}
      </div>
      {chosen && spec && isSupplementStep(procedure.steps, spec.to) && !spec.form ? (
        <div className="action-form">
          <SupplementRequestForm components={procedure.components ?? []} busy={busy} onSubmit={(form) => void act(chosen, form)} />
          <button type="button" className="link" onClick={() => setChosen(null)}>Hủy</button>
        </div>
      ) : chosen && spec?.form ? (
        <div className="action-form">
          <SchemaForm schema={spec.form} onSubmit={(d) => void act(chosen, d)} submitLabel="Xác nhận" disabled={busy} idPrefix={`action-${chosen}`} />
          <button type="button" className="link" onClick={() => setChosen(null)}>Hủy</button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="notice bad">{error.text} {error.conflict ? <button type="button" onClick={reload}>Tải lại hồ sơ (reload)</button> : null}</p>
      ) : null}
    </div>
  );
}

const ACTION_VI: Record<string, string> = {
  approve: 'Duyệt', reject: 'Từ chối', 'request-supplement': 'Yêu cầu bổ sung', withdraw: 'Rút hồ sơ', sign: 'Ký', return: 'Trả lại', done: 'Hoàn thành', forward: 'Chuyển tiếp',
};

function actionLabel(name: string): string {
  return ACTION_VI[name] ? `${ACTION_VI[name]} (${name})` : name;
}

function Timeline({ events, procedure }: { events: readonly CaseEventView[]; procedure: Procedure | undefined }) {
  if (events.length === 0) return <p className="muted">Chưa có sự kiện.</p>;
  const name = (id: string): string => stepName(procedure, id);
  return (
    <ol className="timeline">
      {events.map((e, i) => (
        <li key={i}>
          <time dateTime={e.at}>{formatDateTime(e.at)}</time>{' '}
          <strong>{EVENT_VI[e.type] ?? e.type}</strong>
          {e.step ? <> · {name(e.step)}</> : null}
          {e.action ? <> · {actionLabel(e.action)}</> : null}
          {e.to?.length ? <> → {e.to.map(name).join(', ')}</> : null}
          {e.actor?.id ? <span className="muted"> · {e.actor.id}</span> : null}
          {e.form && typeof e.form === 'object' && Object.keys(e.form).length ? <div className="muted small">{formText(e.form as Record<string, unknown>, procedure)}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** An action's form on the timeline; a supplement request's components by their names. */
function formText(form: Record<string, unknown>, procedure: Procedure | undefined): string {
  return Object.entries(form).map(([k, v]) => {
    if (k === 'components' && Array.isArray(v)) return `Thành phần cần bổ sung: ${v.map((id) => componentName(procedure, String(id))).join(', ')}`;
    if (k === 'note') return `Ghi chú: ${String(v)}`;
    return `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`;
  }).join('; ');
}

/** A component's Vietnamese name, or its id. */
export function componentName(procedure: Procedure | undefined, id: string): string {
  const c = procedure?.components?.find((x) => x.id === id);
  return c ? localized(c.name) : id;
}

const COMPONENT_VI: Record<string, string> = { provided: 'đã nộp', replaced: 'lấy từ CSDL quốc gia', missing: 'thiếu', 'not-needed': 'không cần', 'awaiting-consent': 'chờ người liên quan đồng ý' };

function Components({ value, procedure }: { value: unknown; procedure: Procedure | undefined }) {
  if (!value || typeof value !== 'object') return null;
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    <>
      <h2>Thành phần hồ sơ</h2>
      <ul>
        {entries.map(([id, status]) => {
          const entry = status as { status?: string; required?: boolean } | null;
          const s = typeof status === 'string' ? status : entry?.status === 'missing' && entry.required === false ? 'not-needed' : (entry?.status ?? '');
          const c = procedure?.components?.find((x) => x.id === id);
          return <li key={id}>{c ? localized(c.name) : id}: <strong>{COMPONENT_VI[s] ?? s}</strong></li>;
        })}
      </ul>
    </>
  );
}

interface PrefilledEntry { field: string; source: string; readAt?: string; lock?: boolean; value?: unknown }

/** Provenance of the data taken from national sources: what, from where, when. */
function Prefilled({ value }: { value: unknown }) {
  const list = Array.isArray(value) ? (value as PrefilledEntry[]).filter((p) => typeof p?.field === 'string') : [];
  if (list.length === 0) return null;
  return (
    <>
      <h2>Dữ liệu lấy từ CSDL quốc gia <small>Prefilled</small></h2>
      <table className="list">
        <thead><tr><th scope="col">Trường</th><th scope="col">Giá trị</th><th scope="col">Nguồn</th><th scope="col">Thời điểm</th></tr></thead>
        <tbody>
          {list.map((p) => (
            <tr key={p.field}>
              <td><code>{p.field}</code>{p.lock ? <span className="muted small"> (khóa)</span> : null}</td>
              <td>{typeof p.value === 'string' || typeof p.value === 'number' ? String(p.value) : JSON.stringify(p.value)}</td>
              <td>{p.source}</td>
              <td>{formatDateTime(p.readAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
