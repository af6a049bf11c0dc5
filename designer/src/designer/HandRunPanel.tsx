/**
 * A case stepped by hand in the simulator: sample e-form data (from the schema's examples and
 * defaults, editable), the components uploaded, what the national sources hold, then the
 * actions the case allows now, payment and the clock moved by working days; the case's status,
 * fees, due date and timeline after each step. The run (the engine's `HandRun`) is saved into
 * the draft as a scenario file, or downloaded.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioFile } from 'motcua/contract';
import type { JsonSchema } from 'motcua/engine';
import { HandRun, lookupsFor, type EnabledAction, type HandStep, type Registry } from 'motcua/testing/pure';
import { SchemaForm } from '../components/SchemaForm';
import { actionName, outcomeStatusName } from '../lib/flow-graph';
import { prefillUiSchema } from '../lib/form';
import { formatDateTime, formatVnd } from '../lib/format';
import { sampleData } from '../model/sample-data';
import { download } from './ScenarioRuns';
import type { Simulated } from './SimulatorPanel';
import { scenarioFileName } from './simulator-library';
import { refusalText, type Translate } from './simulator-text';

/** Today at 09:00 in Vietnam, as a scenario's `clock:`. */
function defaultClock(): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  return `${day}T09:00:00+07:00`;
}

/** A record a source might hold under `key`: sample values, with every field whose pattern the key fits set to the key. */
function recordFor(schema: JsonSchema | undefined, key: string): Record<string, unknown> {
  const record = sampleData(schema);
  const props = (schema?.properties ?? {}) as Record<string, { pattern?: string }>;
  for (const [k, p] of Object.entries(props)) {
    if (typeof p.pattern === 'string' && new RegExp(p.pattern, 'u').test(key)) record[k] = key;
  }
  return record;
}

function reasonOf(t: Translate, err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  return refusalText(t, typeof e.code === 'string' ? e.code : undefined, typeof e.message === 'string' ? e.message : String(err));
}

export function HandRunPanel({ simulated, canSave, taken, onSave }: {
  simulated: Simulated;
  canSave: boolean;
  taken: readonly string[];
  onSave: (scenario: ScenarioFile) => Promise<void>;
}) {
  const { t } = useTranslation('simulator');
  const { compiled, library } = simulated;
  const p = compiled.procedure;
  const components = p.components ?? [];
  const [clock, setClock] = useState(defaultClock);
  const [data, setData] = useState<Record<string, unknown>>(() => sampleData(p.data?.schema));
  const [uploads, setUploads] = useState<string[]>(() => components.filter((c) => (c.required === undefined || c.required === true) && !c.replaceableBy).map((c) => c.id));
  const [registry, setRegistry] = useState<Registry>({});
  const [channel, setChannel] = useState('online');
  const [run, setRun] = useState<HandRun | null>(null);
  const [, setTick] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [days, setDays] = useState(1);
  const [name, setName] = useState(() => t('hand.defaultName'));
  const [saved, setSaved] = useState<{ ok: boolean; text: string } | null>(null);
  // A run belongs to the procedure it started on: a changed procedure starts over.
  useEffect(() => {
    setRun(null);
    setRefusal(null);
  }, [simulated]);

  const lookups = useMemo(() => {
    try {
      return lookupsFor(compiled, data, registry, uploads);
    } catch {
      return [];
    }
  }, [compiled, data, registry, uploads]);
  const ui = useMemo(() => prefillUiSchema(p.data?.prefill), [p]);

  // A step's or an outcome's name (an outcome without one reads as its status), never a raw id when a name exists.
  const stepName = (id: string): string => {
    const outcome = p.outcomes[id];
    if (outcome) return outcome.name?.vi ?? outcomeStatusName(outcome.status);
    return p.steps.find((s) => s.id === id)?.name?.vi ?? id;
  };
  const actionLabel = (a: EnabledAction): string => {
    const step = p.steps.find((s) => s.id === a.step);
    const spec = step?.kind === 'task' ? step.actions[a.action] : undefined;
    return spec?.name?.vi ?? actionName(a.action);
  };

  const perform = (r: HandRun, step: HandStep): boolean => {
    setSaved(null);
    try {
      r.do(step);
      setRefusal(null);
      return true;
    } catch (err) {
      setRefusal(reasonOf(t, err));
      return false;
    } finally {
      setTick((n) => n + 1);
    }
  };

  const submit = (): void => {
    let r: HandRun;
    try {
      r = new HandRun(compiled, { clock, registry, library });
    } catch (err) {
      setRefusal(reasonOf(t, err));
      return;
    }
    if (perform(r, { kind: 'submit', data, upload: uploads, ...(channel === 'online' ? {} : { channel }) })) setRun(r);
  };

  const act = (a: EnabledAction): void => {
    if (!run) return;
    if (a.kind === 'task') {
      const step = p.steps.find((s) => s.id === a.step);
      const form = step?.kind === 'task' ? step.actions[a.action]?.form : undefined;
      perform(run, { kind: 'act', step: a.step, action: a.action, ...(form ? { form: sampleData(form) } : {}) });
    } else if (a.kind === 'pay') perform(run, { kind: 'pay' });
    else if (a.kind === 'supplement') perform(run, { kind: 'supplement', upload: Object.entries(run.sim.components).filter(([, s]) => s === 'missing').map(([id]) => id) });
    else perform(run, { kind: 'withdraw' });
  };

  const toggleRecord = (source: string, key: string, on: boolean): void => {
    setRegistry((reg) => {
      const next: Registry = structuredClone(reg);
      if (on) next[source] = { ...(next[source] ?? {}), [key]: recordFor(library.sources.get(source)?.schema, key) };
      else if (next[source]) {
        delete next[source][key];
        if (Object.keys(next[source]).length === 0) delete next[source];
      }
      return next;
    });
  };

  const save = async (): Promise<void> => {
    if (!run) return;
    const file = scenarioFileName(name, taken);
    try {
      await onSave({ name: file, source: run.toScenario(name) });
      setSaved({ ok: true, text: t('hand.saved', { file }) });
    } catch (err) {
      setSaved({ ok: false, text: t('hand.saveFailed', { error: err instanceof Error ? err.message : String(err) }) });
    }
  };

  const sim = run?.sim;
  const state = sim?.submitted ? sim.state : undefined;
  const enabled = run?.enabled() ?? [];
  return (
    <section className="card sim-hand" aria-labelledby="sim-hand-title">
      <h3 id="sim-hand-title">{t('hand.title')}</h3>
      <p className="muted">{t('hand.intro')}</p>
      {!run ? (
        <div className="sim-setup">
          <label className="df-field">
            <span>{t('hand.clock')}</span>
            <input type="text" className="mono" value={clock} onChange={(e) => setClock(e.target.value)} />
          </label>
          <details open className="sim-data">
            <summary>{t('hand.data')}</summary>
            <SchemaForm schema={p.data?.schema ?? { type: 'object' }} uiSchema={ui} formData={data} onChange={(d) => setData((d ?? {}) as Record<string, unknown>)} idPrefix="sim" />
          </details>
          <fieldset className="sim-uploads">
            <legend>{t('hand.uploads')}</legend>
            {components.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" checked={uploads.includes(c.id)} onChange={(e) => setUploads((u) => (e.target.checked ? [...u, c.id] : u.filter((x) => x !== c.id)))} />
                {c.name.vi}
                {c.replaceableBy ? <small className="muted"> — {t('hand.replaceable', { source: library.sources.get(c.replaceableBy.source)?.name.vi ?? c.replaceableBy.source })}</small> : null}
              </label>
            ))}
          </fieldset>
          <fieldset className="sim-registry">
            <legend>{t('hand.registry')}</legend>
            {lookups.length === 0 && Object.keys(registry).length === 0 ? <p className="muted small">{t('hand.registryNone')}</p> : null}
            {lookups.map((l) => {
              const purpose = 'component' in l.for ? (components.find((c) => 'component' in l.for && c.id === l.for.component)?.name.vi ?? l.for.component) : 'prefill' in l.for ? l.for.prefill : l.for.subject;
              return (
                <label key={`${l.source}/${l.key}`} className="check">
                  <input type="checkbox" checked={registry[l.source]?.[l.key] !== undefined} onChange={(e) => toggleRecord(l.source, l.key, e.target.checked)} />
                  {t('hand.onRecord', { source: library.sources.get(l.source)?.name.vi ?? l.source, key: l.key, purpose })}
                </label>
              );
            })}
            {Object.entries(registry).flatMap(([source, records]) => Object.keys(records).filter((key) => !lookups.some((l) => l.source === source && l.key === key)).map((key) => (
              <label key={`${source}/${key}`} className="check">
                <input type="checkbox" checked onChange={() => toggleRecord(source, key, false)} />
                {t('hand.onRecord', { source: library.sources.get(source)?.name.vi ?? source, key, purpose: '…' })}
              </label>
            )))}
          </fieldset>
          <label className="df-field">
            <span>{t('hand.channel')}</span>
            <select value={channel} onChange={(e) => setChannel(e.target.value)}>
              <option value="online">{t('hand.online')}</option>
              <option value="counter">{t('hand.counter')}</option>
            </select>
          </label>
          <button type="button" className="primary sim-submit" onClick={submit}>{t('hand.submit')}</button>
        </div>
      ) : null}
      {refusal ? <p className="notice bad" role="alert">{t('hand.refused', { reason: refusal })}</p> : null}
      {run && sim && state ? (
        <div className="sim-case-view">
          <dl className="sim-facts" aria-label={t('hand.state')}>
            <dt>{t('hand.state')}</dt><dd data-testid="sim-status">{t(`status.${state.status}`, { defaultValue: state.status })}</dd>
            {state.outcome ? <><dt>{t('hand.outcome')}</dt><dd data-testid="sim-outcome">{stepName(state.outcome)}</dd></> : <><dt>{t('hand.waitingIn')}</dt><dd data-testid="sim-active">{state.active.map(stepName).join(', ')}</dd></>}
            <dt>{t('hand.now')}</dt><dd>{formatDateTime(new Date(sim.now).toISOString())}</dd>
            <dt>{t('hand.due')}</dt><dd data-testid="sim-due">{formatDateTime(state.due)}</dd>
            <dt>{t('hand.fees')}</dt>
            <dd data-testid="sim-fees">
              {formatVnd(state.fees.total)}
              {state.fees.items.length ? <small className="muted"> ({state.fees.items.map((f) => `${p.fees?.find((x) => x.id === f.id)?.name?.vi ?? f.id}: ${f.exempt ? t('hand.exempt') : formatVnd(f.total)}`).join('; ')})</small> : null}
            </dd>
            <dt>{t('hand.paid')}</dt><dd>{formatVnd(state.paid)}</dd>
            <dt>{t('hand.components')}</dt>
            <dd>
              <ul className="plain" data-testid="sim-components">
                {Object.entries(sim.components).map(([id, s]) => <li key={id} data-component={id} data-status={s}>{components.find((c) => c.id === id)?.name.vi ?? id}: {t(`component.${s}`, { defaultValue: s })}</li>)}
              </ul>
            </dd>
          </dl>
          <div className="sim-actions" role="group" aria-label={t('hand.enabled')}>
            <h4>{t('hand.enabled')}</h4>
            {enabled.length === 0 ? <p className="muted">{t('hand.noActions')}</p> : null}
            {enabled.map((a) => (
              <button key={`${a.step}.${a.action}`} type="button" className={a.kind === 'withdraw' ? 'small' : 'primary'} onClick={() => act(a)}>
                {a.kind === 'task' ? t('hand.act', { step: stepName(a.step), action: actionLabel(a) }) : a.kind === 'pay' ? t('hand.pay', { amount: formatVnd(state.fees.total - state.paid) }) : t(`hand.${a.kind}`)}
              </button>
            ))}
            {!state.outcome ? (
              <div className="df-row sim-wait">
                <label className="df-field">
                  <span>{t('hand.waitDays')}</span>
                  <input type="number" min={1} max={365} value={days} onChange={(e) => setDays(Math.max(1, Math.min(365, Number(e.target.value) || 1)))} />
                </label>
                <button type="button" onClick={() => perform(run, { kind: 'wait', for: { value: days, unit: 'working-day' } })}>{t('hand.waitGo')}</button>
              </div>
            ) : null}
            <div className="sim-toolbar">
              <button type="button" className="small" disabled={run.steps.length < 2} onClick={() => { run.undo(); setRefusal(null); setTick((n) => n + 1); }}>{t('hand.undo')}</button>
              <button type="button" className="small" onClick={() => { setRun(null); setRefusal(null); setSaved(null); }}>{t('hand.restart')}</button>
            </div>
          </div>
          <section className="sim-timeline" aria-label={t('hand.timeline')}>
            <h4>{t('hand.timeline')}</h4>
            <ol>
              {sim.events.map((e, i) => (
                <li key={i}><time>{formatDateTime(e.at)}</time> {t(`event.${e.type}`, { defaultValue: e.type })}{e.step ? ` — ${stepName(e.step)}` : ''}{e.action ? `: ${actionName(e.action)}` : ''}{e.to?.length ? ` → ${e.to.map(stepName).join(', ')}` : ''}</li>
              ))}
            </ol>
          </section>
          <section className="sim-save" aria-label={t('hand.save')}>
            <h4>{t('hand.steps', { count: run.steps.length })}</h4>
            <label className="df-field">
              <span>{t('hand.name')}</span>
              <input type="text" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
            </label>
            <div className="sim-toolbar">
              {canSave ? <button type="button" className="primary" disabled={!name.trim()} onClick={() => void save()}>{t('hand.save')}</button> : null}
              <button type="button" disabled={!name.trim()} onClick={() => download(scenarioFileName(name, []), run.toScenario(name))}>{t('hand.downloadScenario')}</button>
            </div>
            {saved ? <p className={saved.ok ? 'notice ok' : 'notice warn'} role="status">{saved.text}</p> : null}
          </section>
        </div>
      ) : null}
    </section>
  );
}
