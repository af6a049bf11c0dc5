/**
 * An officer's worklist (`GET /api/worklist`): ordered by due (the server sorts), overdue and
 * due-soon flagged, filtered by status or procedure, paged with the server's cursor.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText, type SessionUser } from '../lib/api';
import { dueLabel, dueState, formatDateTime, localized } from '../lib/format';
import { getProcedure, listProcedures } from '../lib/procedures';
import { href } from '../lib/route';
import { worklistUrl, type WorkFilter } from '../lib/worklist-query';
import { SignInFirst } from './SignInFirst';
import type { ProcedureSummary, WorkItem } from 'motcua/contract';
import type { Procedure } from 'motcua/engine';

const PAGE = 50;


/** The procedures of the rows shown (step and procedure names), read from the server once each. */
function useProcedures(codes: readonly string[]): ReadonlyMap<string, Procedure> {
  const [known, setKnown] = useState<ReadonlyMap<string, Procedure>>(new Map());
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    void Promise.all(wanted.map((c) => getProcedure(c).then((d) => [c, d.procedure] as const, () => undefined))).then((found) => {
      if (live) setKnown(new Map(found.filter((f) => f !== undefined)));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return known;
}

/** A procedure picked by code or name: the server's search offers at most 20 as the officer types. */
function ProcedurePicker({ value, onPick }: { value: string; onPick: (code: string) => void }) {
  const { t } = useTranslation('worklist');
  const [typed, setTyped] = useState(value);
  const [options, setOptions] = useState<ProcedureSummary[]>([]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      listProcedures({ q: typed.trim(), limit: 20 }).then((r) => live && setOptions(r.items), () => live && setOptions([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [typed]);
  return (
    <>
      <input
        id="work-procedure"
        list="work-procedure-options"
        value={typed}
        maxLength={200}
        placeholder={t('procedureAll')}
        onChange={(e) => {
          const v = e.target.value;
          setTyped(v);
          if (v.trim() === '' || options.some((o) => o.code === v.trim())) onPick(v.trim());
        }}
      />
      <datalist id="work-procedure-options">
        {options.map((o) => <option key={o.code} value={o.code}>{localized(o.name)}</option>)}
      </datalist>
    </>
  );
}

export function WorklistPage({ user }: { user: SessionUser | null }) {
  const { t } = useTranslation('worklist');
  const [filter, setFilter] = useState<WorkFilter>('all');
  const [procedure, setProcedure] = useState('');
  const [items, setItems] = useState<WorkItem[]>([]);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const procedures = useProcedures(items.map((w) => w.procedure));

  const load = async (after: string | undefined): Promise<void> => {
    setLoading(true);
    try {
      const page = await api<{ items: WorkItem[]; next?: string }>('GET', worklistUrl({ filter, procedure, limit: PAGE, ...(after ? { after } : {}) }));
      setItems((old) => (after ? [...old, ...page.items] : page.items));
      setNext(page.next);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    if (user) void load(undefined);
    // Reloads from the first page whenever a filter changes (or on "Tải lại").
  }, [user, filter, procedure, tick]);

  if (!user) return <SignInFirst back={['worklist']} />;
  const now = new Date();
  return (
    <section>
      <div className="page-head">
        <h1>{t('title')}</h1>
        <button type="button" onClick={() => setTick((n) => n + 1)}>{t('reload')}</button>
      </div>
      <div className="filters">
        <div>
          <label htmlFor="work-filter">{t('dueFilter')}</label>
          <select id="work-filter" value={filter} onChange={(e) => setFilter(e.target.value as WorkFilter)}>
            <option value="all">{t('all')}</option>
            <option value="overdue">{t('common:due.overdue')}</option>
            <option value="due-soon">{t('common:due.due-soon')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="work-procedure">{t('procedure')}</label>
          <ProcedurePicker value={procedure} onPick={setProcedure} />
        </div>
      </div>
      {error ? <p role="alert" className="notice bad">{error}</p> : null}
      {loading && items.length === 0 ? <p role="status">{t('common:words.loading')}</p> : null}
      {!loading && !error && items.length === 0 ? <p>{t('none')}</p> : null}
      {items.length ? (
        <table className="list worklist" aria-label={t('title')}>
          <thead><tr><th scope="col">{t('col.due')}</th><th scope="col">{t('col.case')}</th><th scope="col">{t('col.procedure')}</th><th scope="col">{t('col.step')}</th><th scope="col">{t('col.applicant')}</th><th scope="col">{t('col.unit')}</th></tr></thead>
          <tbody>
            {items.map((w) => {
              const state = dueState(w, now);
              const proc = procedures.get(w.procedure);
              const step = proc ? findStepName(proc.steps, w.step) : undefined;
              return (
                <tr key={`${w.caseId}:${w.step}`} className={`due-${state}`}>
                  <td>{formatDateTime(w.due)} {dueLabel(state) ? <span className={`flag ${state}`}>{dueLabel(state)}</span> : null}</td>
                  <td><a href={href('cases', w.caseId)}><code>{w.caseId}</code></a></td>
                  <td>{proc ? localized(proc.name) : w.procedure}</td>
                  <td>{step ?? w.step}</td>
                  <td>{w.applicantName ?? w.applicant}</td>
                  <td>{w.unitName ?? w.unit}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {next ? <p><button type="button" disabled={loading} onClick={() => void load(next)}>{t('more')}</button></p> : null}
    </section>
  );
}

function findStepName(steps: readonly { id: string; name?: { vi: string; en?: string }; kind: string; branches?: unknown }[], id: string): string | undefined {
  for (const s of steps) {
    if (s.id === id) return s.name ? localized(s.name) : s.id;
    if (s.kind === 'parallel' && s.branches && typeof s.branches === 'object') {
      for (const list of Object.values(s.branches as Record<string, typeof steps>)) {
        const hit = findStepName(list, id);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}
