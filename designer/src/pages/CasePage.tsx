/**
 * One case (`GET /api/cases/:id`): status, due, fees, dossier, timeline and where it stands in
 * the flow. Officers holding the active task's role see its actions; each action posts
 * `{step, action, form, version}` and a 409 means someone else acted first: reload. The
 * applicant pays, supplements or withdraws from `ApplicantActions`.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18next } from '../i18n';
import { isSupplementStep, type Procedure, type TaskStep } from 'motcua/engine';
import { FlowView } from '../components/FlowView';
import { SchemaForm } from '../components/SchemaForm';
import { api, ApiError, errorText, type SessionUser } from '../lib/api';
import { actionName, buildFlowGraph, isCommonAction } from '../lib/flow-graph';
import { subjectName } from '../lib/subjects';
import { roleName, useCatalogues } from '../lib/catalogue-names';
import { enumLabelsUiSchema, prefilledRows } from '../lib/form';
import { displayValue } from '../lib/values';
import { dueLabel, dueState, formatDateTime, formatVnd, localized } from '../lib/format';
import { href } from '../lib/route';
import type { CaseEventView, CaseView } from '../lib/types';
import type { PaymentView } from 'motcua/contract';
import { ApplicantActions } from './ApplicantActions';
import { CasePayments } from './ReceiptView';
import { SupplementRequestForm } from './SupplementRequestForm';
import { SignInFirst } from './SignInFirst';
import { StatusBadge } from './StatusBadge';
import { useApi } from './useApi';

export function CasePage({ id, user }: { id: string; user: SessionUser | null }) {
  // `values`: the names of the e-form's coded values on the case's form and timeline.
  const { t } = useTranslation(['cases', 'values']);
  const loaded = useApi<CaseView>(user ? `/api/cases/${encodeURIComponent(id)}` : null);
  useCatalogues(); // role names on the timeline and the tasks
  if (!user) return <SignInFirst back={['cases', id]} />;
  if (loaded.error) return <p role="alert" className="notice bad">{loaded.error} <button type="button" onClick={loaded.reload}>{t('common:words.retry')}</button></p>;
  if (!loaded.data) return <p role="status">{t('common:words.loading')}</p>;
  return <CaseWithItsVersion view={loaded.data} user={user} reload={loaded.reload} />;
}

/**
 * The case is drawn with the procedure version it runs on, read from the server (a version
 * published after the app was built shows its own steps, actions and flow).
 */
function CaseWithItsVersion({ view, user, reload }: { view: CaseView; user: SessionUser; reload: () => void }) {
  const { t } = useTranslation('cases');
  const { code, version } = view.procedure;
  const served = useApi<{ procedure: Procedure }>(`/api/procedures/${encodeURIComponent(code)}?version=${encodeURIComponent(version)}`);
  if (served.error) return <p role="alert" className="notice bad">{served.error} <button type="button" onClick={served.reload}>{t('common:words.retry')}</button></p>;
  if (!served.data) return <p role="status">{t('common:words.loading')}</p>;
  return <CaseDetails view={view} procedure={served.data.procedure} user={user} reload={reload} />;
}

function CaseDetails({ view, procedure, user, reload }: { view: CaseView; procedure: Procedure; user: SessionUser; reload: () => void }) {
  const { t, i18n } = useTranslation('cases');
  // Rebuilt on a language switch: the graph's labels are words.
  const graph = useMemo(() => buildFlowGraph(procedure ?? {}), [procedure, i18n.language]);
  // Only the server's overdue flag is shown here: due-soon depends on the server's threshold.
  const state = dueState({ ...view, dueSoon: false }, new Date());
  const fees = view.fees as { total?: number; items?: { id: string; total: number }[] } | undefined;
  const active = view.outcome ? [...view.steps, view.outcome] : view.steps;
  const payments = useApi<{ items: PaymentView[] }>(typeof fees?.total === 'number' && fees.total > 0 ? `/api/cases/${encodeURIComponent(view.id)}/payments?v=${view.version}` : null);
  const myTasks = user.kind === 'citizen' ? [] : view.tasks.filter((t) => !user.roles || user.roles.length === 0 || user.roles.some((r) => r.role === t.role));
  return (
    <section className="case-page">
      <nav className="crumbs" aria-label={t('portal:file.crumbs')}><a href={href(user.kind === 'citizen' ? 'my' : 'worklist')}>{t(user.kind === 'citizen' ? 'common:nav.my' : 'common:nav.worklist')}</a> › {view.id}</nav>
      <h1>{t('case.title')} <code>{view.id}</code> <small>{procedure ? localized(procedure.name) : (view.procedure.name ?? view.procedure.code)}</small></h1>
      <div className="facts">
        <div><span>{t('case.status')}</span><strong><StatusBadge status={view.status} overdue={view.overdue} /></strong></div>
        <div><span>{t('case.submitted')}</span><strong>{formatDateTime(view.submittedAt)}</strong></div>
        <div><span>{t('case.due')}</span><strong>{formatDateTime(view.due)} {state === 'overdue' && !view.outcome ? <span className="flag overdue">{dueLabel('overdue')}</span> : null}</strong></div>
        {view.steps.length && !view.outcome ? <div><span>{t('case.atStep')}</span><strong>{view.steps.map((id) => stepName(procedure, id)).join(', ')}</strong></div> : null}
        <div><span>{t('case.fees')}</span><strong>{typeof fees?.total === 'number' ? formatVnd(fees.total) : '—'}</strong></div>
      </div>
      {view.status === 'awaiting-consent' ? (
        <p className="notice warn" role="status">
          {t('case.awaitingConsent', { subjects: (view.consents ?? []).filter((c) => c.status === 'awaiting').map((c) => subjectName(procedure, c.subject, c.relation)).join(', ') })}
        </p>
      ) : null}
      {view.outcome ? <p className="notice ok" role="status">{t('case.outcome')}: <strong>{outcomeName(procedure, view.outcome)}</strong></p> : null}
      {(view.timeline ?? []).filter((e) => e.type === 'result-issued' && typeof e.detail?.document === 'string').map((e) => (
        <p key={String(e.detail?.document)} className="notice ok">{t('case.resultIssued')} <a href={href('documents', String(e.detail?.document))}>{t('case.seeDocument', { number: String(e.detail?.document) })}</a></p>
      ))}
      {user.kind === 'citizen' && view.applicant === user.id ? <ApplicantActions view={view} procedure={procedure} reload={reload} /> : null}
      {myTasks.map((t) => {
        const step = procedure ? findTask(procedure, t.step) : undefined;
        return step && procedure ? <TaskActions key={t.step} caseId={view.id} version={view.version} step={step} procedure={procedure} reload={reload} /> : null;
      })}
      <div className="two-col">
        <div>
          <h2>{t('case.timeline')}</h2>
          <Timeline events={view.timeline ?? []} procedure={procedure} />
          {view.data && procedure?.data?.schema ? (
            <>
              <h2>{t('case.data')}</h2>
              <SchemaForm schema={procedure.data.schema} uiSchema={enumLabelsUiSchema(procedure.data.schema, {})} formData={view.data} disabled idPrefix="view" />
            </>
          ) : null}
        </div>
        <div>
          <h2>{t('case.flow')}</h2>
          <FlowView graph={graph} active={active} />
          <CasePayments payments={payments.data?.items ?? []} />
          <Components value={view.components} procedure={procedure} />
          <Prefilled value={view.prefilled} schema={procedure?.data?.schema} />
        </div>
      </div>
    </section>
  );
}

/** An outcome's name in the language shown, else its status in words, else its id. */
function outcomeName(procedure: Procedure | undefined, id: string): string {
  const o = procedure?.outcomes[id];
  if (o?.name) return localized(o.name);
  return o?.status ? i18next.t(`common:outcomeStatus.${o.status}`, { defaultValue: id }) : id;
}

/** The name of a step or outcome in the language shown, or its id. */
function stepName(procedure: Procedure | undefined, id: string): string {
  if (!procedure) return id;
  const walk = (steps: readonly Procedure['steps'][number][]): string | undefined => {
    for (const s of steps) {
      if (s.id === id) return s.name ? localized(s.name) : s.id;
      if (s.kind === 'parallel') for (const list of Object.values(s.branches)) {
        const hit = walk(list);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return walk(procedure.steps) ?? (procedure.outcomes[id] ? outcomeName(procedure, id) : id);
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
  const { t } = useTranslation('cases');
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
  const stepLabel = step.name ? localized(step.name) : step.id;
  const spec = chosen ? step.actions[chosen] : undefined;
  return (
    <div className="task-box" role="region" aria-label={t('task.region', { step: stepLabel })}>
      <h2>{t('task.title', { step: stepLabel })} <small>{roleName(step.role)}</small></h2>
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
          <button type="button" className="link" onClick={() => setChosen(null)}>{t('common:words.cancel')}</button>
        </div>
      ) : chosen && spec?.form ? (
        <div className="action-form">
          <SchemaForm schema={spec.form} uiSchema={enumLabelsUiSchema(spec.form, {})} onSubmit={(d) => void act(chosen, d)} submitLabel={t('common:words.confirm')} disabled={busy} idPrefix={`action-${chosen}`} />
          <button type="button" className="link" onClick={() => setChosen(null)}>{t('common:words.cancel')}</button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="notice bad">{error.text} {error.conflict ? <button type="button" onClick={reload}>{t('task.reload')}</button> : null}</p>
      ) : null}
    </div>
  );
}

/** An action of a task as the timeline reads it: its own name, else its common name, else its id. */
function taskActionName(procedure: Procedure | undefined, stepId: string | undefined, action: string): string {
  const spec = procedure && stepId ? findTask(procedure, stepId)?.actions[action] : undefined;
  return spec?.name ? localized(spec.name) : actionLabel(action);
}

/** The title an action form (or the e-form) gives a field, else its key. */
function formFieldTitle(procedure: Procedure | undefined, key: string): string {
  const forms = [procedure?.data?.schema, ...(procedure ? allTasks(procedure.steps).flatMap((s) => Object.values(s.actions).map((a) => a.form)) : [])];
  for (const form of forms) {
    const title = (form as { properties?: Record<string, { title?: unknown }> } | undefined)?.properties?.[key]?.title;
    if (typeof title === 'string') return title;
  }
  return key;
}

function allTasks(steps: readonly Procedure['steps'][number][]): TaskStep[] {
  return steps.flatMap((s) => (s.kind === 'task' ? [s] : s.kind === 'parallel' ? Object.values(s.branches).flatMap(allTasks) : []));
}

/** An action id as a button or the timeline reads it: its common name, capitalised (never the id when a name exists). */
function actionLabel(name: string): string {
  if (!isCommonAction(name)) return name;
  const words = actionName(name);
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

function Timeline({ events, procedure }: { events: readonly CaseEventView[]; procedure: Procedure | undefined }) {
  const { t } = useTranslation('cases');
  if (events.length === 0) return <p className="muted">{t('timeline.none')}</p>;
  const name = (id: string): string => stepName(procedure, id);
  return (
    <ol className="timeline">
      {events.map((e, i) => (
        <li key={i}>
          <time dateTime={e.at}>{formatDateTime(e.at)}</time>{' '}
          <strong>{t(`event.${e.type}`, { defaultValue: t('event.other') })}</strong>
          {e.step ? <> · {name(e.step)}</> : null}
          {e.action ? <> · {taskActionName(procedure, e.step, e.action)}</> : null}
          {e.to?.length ? <> → {e.to.map(name).join(', ')}</> : null}
          {e.actor ? <span className="muted"> · {actorLabel(e.actor)}</span> : null}
          {e.form && typeof e.form === 'object' && Object.keys(e.form).length ? <div className="muted small">{formText(e.form as Record<string, unknown>, procedure)}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** Who acted, as a citizen reads it: the applicant, the payment gateway, the system, or the officer's account. */
function actorLabel(actor: NonNullable<CaseEventView['actor']>): string {
  const t = i18next.getFixedT(null, 'cases');
  if (actor.kind === 'applicant') return t('actor.applicant');
  if (actor.kind === 'system') return t(actor.id === 'payments' ? 'actor.payments' : 'actor.system');
  if (actor.kind === 'subject') return t('actor.subject');
  return actor.roles.length ? t('actor.officerRoles', { roles: actor.roles.map(roleName).join(', ') }) : t('actor.officer');
}

/** An action's form on the timeline; a supplement request's components by their names. */
function formText(form: Record<string, unknown>, procedure: Procedure | undefined): string {
  const t = i18next.getFixedT(null, 'cases');
  return Object.entries(form).map(([k, v]) => {
    if (k === 'components' && Array.isArray(v)) return t('form.components', { names: v.map((id) => componentName(procedure, String(id))).join(', ') });
    if (k === 'note') return t('form.note', { note: String(v) });
    return `${formFieldTitle(procedure, k)}: ${typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? displayValue(v) || String(v) : JSON.stringify(v)}`;
  }).join('; ');
}

/** A component's Vietnamese name, or its id. */
export function componentName(procedure: Procedure | undefined, id: string): string {
  const c = procedure?.components?.find((x) => x.id === id);
  return c ? localized(c.name) : id;
}

function Components({ value, procedure }: { value: unknown; procedure: Procedure | undefined }) {
  const { t } = useTranslation('cases');
  if (!value || typeof value !== 'object') return null;
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    <>
      <h2>{t('case.components')}</h2>
      <ul>
        {entries.map(([id, status]) => {
          const entry = status as { status?: string; required?: boolean } | null;
          const s = typeof status === 'string' ? status : entry?.status === 'missing' && entry.required === false ? 'not-needed' : (entry?.status ?? '');
          const c = procedure?.components?.find((x) => x.id === id);
          return <li key={id}>{c ? localized(c.name) : id}: <strong>{t(`component.${s}`, { defaultValue: s })}</strong></li>;
        })}
      </ul>
    </>
  );
}

interface PrefilledEntry { field: string; source: string; readAt?: string; lock?: boolean; value?: unknown }

/** Provenance of the data taken from national sources: what (by the form's titles), from where, when. */
function Prefilled({ value, schema }: { value: unknown; schema: unknown }) {
  const { t } = useTranslation('cases');
  const list = Array.isArray(value) ? (value as PrefilledEntry[]).filter((p) => typeof p?.field === 'string') : [];
  if (list.length === 0) return null;
  const readAt = new Map(list.map((p) => [p.field, p.readAt]));
  const rows = prefilledRows(schema, list.map((p) => ({ field: p.field, source: p.source, lock: p.lock === true, value: p.value })));
  return (
    <>
      <h2 id="case-prefilled">{t('prefilled.title')}</h2>
      <table className="list" aria-labelledby="case-prefilled">
        <thead><tr><th scope="col">{t('portal:prefill.field')}</th><th scope="col">{t('portal:prefill.value')}</th><th scope="col">{t('portal:prefill.source')}</th><th scope="col">{t('prefilled.readAt')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} data-field={r.field}>
              <td>{r.label}{r.lock ? <span className="muted small"> ({t('portal:prefill.locked')})</span> : null}</td>
              <td>{r.value}</td>
              <td>{r.source}</td>
              <td>{formatDateTime(readAt.get(r.field) ?? readAt.get(r.field.split('.')[0] ?? ''))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
