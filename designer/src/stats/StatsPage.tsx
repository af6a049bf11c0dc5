/**
 * The leaders' dashboard (`#/stats`): the figures of `GET /api/stats` for the caller's scope
 * (docs/statistics.md) drawn with ECharts: the on-time rate and the online share over time,
 * overdue cases by unit and by procedure, the worst and best units, the overdue cases (links),
 * and each unit's 766 index group by group with what is not measured said so. Loaded lazily:
 * neither this page nor ECharts is in the portal's main bundle.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverdueCase, StatsAnswer, StatsRow } from 'motcua/contract';
import { errorText, getToken, type SessionUser } from '../lib/api';
import { formatDateTime, formatNumber } from '../lib/format';
import { levelLabel } from '../components/ProcedureFilters';
import { href } from '../lib/route';
import { SignInFirst } from '../pages/SignInFirst';
import { useApi } from '../pages/useApi';
import { EChart } from './EChart';
import { GROUP_IDS, percent } from './labels';
import { bucketTotals, mostOverdue, worstAndBest } from './series';

const iso = (d: Date): string => d.toISOString().slice(0, 10);

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return q.toString();
}

export default function StatsPage({ user, unit }: { user: SessionUser | null; unit?: string }) {
  const { t } = useTranslation('stats');
  const today = new Date();
  const [from, setFrom] = useState(() => iso(new Date(today.getTime() - 89 * 86_400_000)));
  const [to, setTo] = useState(() => iso(today));
  const [period, setPeriod] = useState<'day' | 'week' | 'month'>('week');
  const base = { from, to, unit };
  const series = useApi<StatsAnswer>(user ? `/api/stats?${query({ ...base, by: 'level', period })}` : null);
  const units = useApi<StatsAnswer>(user ? `/api/stats?${query({ ...base, by: 'unit' })}` : null);
  const procedures = useApi<StatsAnswer>(user ? `/api/stats?${query({ ...base, by: 'procedure' })}` : null);
  const overdue = useApi<{ items: OverdueCase[] }>(user ? `/api/stats/overdue?${query({ unit, limit: '20' })}` : null);
  const [csvError, setCsvError] = useState<string | null>(null);

  const points = useMemo(() => bucketTotals(series.data?.rows ?? []), [series.data]);
  const onTimeName = t('chart.onTime');
  const onlineName = t('chart.online');
  const timeOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      legend: { data: [onTimeName, onlineName], top: 0, left: 'center' },
      grid: { left: 48, right: 16, top: 40, bottom: 32, containLabel: false },
      xAxis: { type: 'category', data: points.map((p) => p.bucket) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: onTimeName, type: 'line', data: points.map((p) => (p.onTimeRate === null ? null : Math.round(p.onTimeRate * 1000) / 10)), connectNulls: true },
        { name: onlineName, type: 'line', data: points.map((p) => (p.onlineShare === null ? null : Math.round(p.onlineShare * 1000) / 10)), connectNulls: true },
      ],
    }),
    [points, onTimeName, onlineName],
  );
  const unitRows = units.data?.rows ?? [];
  const overdueUnits = useMemo(() => mostOverdue(unitRows, 12), [unitRows]);
  const overdueProcedures = useMemo(() => mostOverdue(procedures.data?.rows ?? [], 10), [procedures.data]);
  const bar = (rows: StatsRow[], name: string) => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 220, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name ?? r.key), axisLabel: { width: 200, overflow: 'truncate' } },
    series: [{ name, type: 'bar', data: rows.map((r) => r.overdueNow), itemStyle: { color: '#b3261e' } }],
  });
  const { worst, best } = useMemo(() => worstAndBest(unitRows, 5), [unitRows]);

  if (!user) return <SignInFirst back={['stats']} />;
  const error = series.error ?? units.error ?? procedures.error;

  const downloadCsv = async (): Promise<void> => {
    setCsvError(null);
    try {
      const res = await fetch(`/api/stats?${query({ ...base, by: 'unit', format: 'csv' })}`, { headers: { authorization: `Bearer ${getToken() ?? ''}` } });
      if (!res.ok) throw new Error(errorText(await res.json().catch(() => ({}))));
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${t('csvFile')}-${from}-${to}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setCsvError(errorText(err));
    }
  };
  const total = units.data?.total;
  const root = unitRows.find((r) => !unitRows.some((p) => p.key === r.parent));

  return (
    <section className="stats">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <button type="button" onClick={() => void downloadCsv()}>{t('csv')}</button>
      </div>
      {unit && root ? <p><a href={href('stats')}>← {t('wholeScope')}</a> · {root.name ?? ''}</p> : null}
      <div className="filters">
        <div>
          <label htmlFor="stats-from">{t('from')}</label>
          <input id="stats-from" type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor="stats-to">{t('to')}</label>
          <input id="stats-to" type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} />
        </div>
        <div>
          <label htmlFor="stats-period">{t('periodLabel')}</label>
          <select id="stats-period" value={period} onChange={(e) => setPeriod(e.target.value as typeof period)}>
            {(['day', 'week', 'month'] as const).map((p) => <option key={p} value={p}>{t(`period.${p}`)}</option>)}
          </select>
        </div>
      </div>
      {error ? <p role="alert" className="notice bad">{error}</p> : null}
      {csvError ? <p role="alert" className="notice bad">{csvError}</p> : null}
      {total ? (
        <dl className="kpis">
          <div><dt>{t('kpi.received')}</dt><dd>{formatNumber(total.received)}</dd></div>
          <div><dt>{t('kpi.resolved')}</dt><dd>{formatNumber(total.resolved)}</dd></div>
          <div><dt>{t('kpi.onTime')}</dt><dd>{percent(total.onTimeRate)}</dd></div>
          <div><dt>{t('kpi.overdueNow')}</dt><dd className={total.overdueNow ? 'bad' : ''}>{formatNumber(total.overdueNow)}</dd></div>
          <div><dt>{t('kpi.dueSoon')}</dt><dd>{formatNumber(total.dueSoon)}</dd></div>
          <div><dt>{t('kpi.online')}</dt><dd>{percent(total.onlineShare)}</dd></div>
          <div><dt>{t('kpi.avgDays')}</dt><dd>{total.avgProcessingDays === null ? '—' : formatNumber(total.avgProcessingDays)}</dd></div>
          <div><dt>{t('kpi.satisfaction')}</dt><dd>{total.satisfaction.average === null ? '—' : `${formatNumber(total.satisfaction.average)}/5`} <small>({t('kpi.ratings', { count: total.satisfaction.count })})</small></dd></div>
        </dl>
      ) : units.loading ? <p role="status">{t('common:words.loading')}</p> : null}

      <div className="chart-grid">
        <figure>
          <figcaption>{t('chart.overTime')}</figcaption>
          <EChart option={timeOption} label={t('chart.overTime')} />
        </figure>
        <figure>
          <figcaption>{t('chart.byUnit')}</figcaption>
          {overdueUnits.length ? <EChart option={bar(overdueUnits, t('common:due.overdue'))} label={t('chart.byUnit')} /> : <p>{t('noOverdue')}</p>}
        </figure>
        <figure>
          <figcaption>{t('chart.byProcedure')}</figcaption>
          {overdueProcedures.length ? <EChart option={bar(overdueProcedures, t('common:due.overdue'))} label={t('chart.byProcedure')} /> : <p>{t('noOverdue')}</p>}
        </figure>
        <figure>
          <figcaption id="stats-ranking">{t('ranking.title')}</figcaption>
          <table className="list ranking" aria-labelledby="stats-ranking">
            <thead><tr><th scope="col">{t('col.unit')}</th><th scope="col">{t('kpi.received')}</th><th scope="col">{t('ranking.onTime')}</th><th scope="col">{t('common:due.overdue')}</th></tr></thead>
            <tbody>
              <tr className="group"><th colSpan={4} scope="rowgroup">{t('ranking.worst')}</th></tr>
              {worst.map((r) => <UnitLine key={`w-${r.key}`} row={r} />)}
              <tr className="group"><th colSpan={4} scope="rowgroup">{t('ranking.best')}</th></tr>
              {best.map((r) => <UnitLine key={`b-${r.key}`} row={r} />)}
            </tbody>
          </table>
        </figure>
      </div>

      <h2 id="stats-overdue">{t('overdue.title')}</h2>
      {overdue.data?.items.length ? (
        <table className="list overdue" aria-labelledby="stats-overdue">
          <thead><tr><th scope="col">{t('col.case')}</th><th scope="col">{t('col.unit')}</th><th scope="col">{t('col.procedure')}</th><th scope="col">{t('col.due')}</th><th scope="col">{t('col.received')}</th></tr></thead>
          <tbody>
            {overdue.data.items.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.canOpen ? (
                    <a href={href('cases', c.id)}><code>{c.id}</code></a>
                  ) : (
                    <span title={t('overdue.notYoursTitle')}><code>{c.id}</code> · <small>{t('overdue.notYours')}</small></span>
                  )}
                </td>
                <td>{unitRows.find((r) => r.key === c.unit)?.name ?? c.unit}</td>
                <td>{procedures.data?.rows.find((r) => r.key === c.procedure)?.name ?? c.procedure}</td>
                <td>{formatDateTime(c.due)}</td>
                <td>{c.received.split('-').reverse().join('/')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>{t('noOverdue')}</p>}

      <h2>{t('index.title')}</h2>
      <p className="hint">{t('index.hint')}</p>
      <div className="table-scroll" role="region" aria-label={t('index.region')} tabIndex={0}>
      <table className="list index766">
        <thead>
          <tr>
            <th scope="col">{t('col.unit')}</th>
            {GROUP_IDS.map((g) => <th key={g} scope="col">{t(`group.${g}`)}</th>)}
            <th scope="col">{t('index.measured')}</th>
          </tr>
        </thead>
        <tbody>
          {unitRows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name ?? (r.level ? levelLabel(r.level) : r.key)}</th>
              {r.index766?.groups.map((g) => (
                <td key={g.id} title={g.indicators.map((i) => `${t(`indicator.${i.id}`, { defaultValue: i.id })}: ${i.kind === 'measured' ? `${i.points}/${i.max}` : t('index.notMeasuredWhy', { reason: i.reason })}`).join('\n')}>
                  {g.points === null ? <span className="not-measured">{t('index.notMeasured')}</span> : <>{g.points}/{g.measuredMax} <small>({t('index.max', { max: g.max })})</small></>}
                </td>
              ))}
              <td>{r.index766 ? `${r.index766.points}/${r.index766.measuredMax}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <p className="hint">{t('asOf', { at: units.data ? formatDateTime(units.data.asOf) : '…' })}</p>
    </section>
  );
}

function UnitLine({ row }: { row: StatsRow }) {
  return (
    <tr>
      <td><a href={href('stats', row.key)}>{row.name ?? row.key}</a></td>
      <td>{formatNumber(row.received)}</td>
      <td>{percent(row.onTimeRate)}</td>
      <td>{row.overdueNow}</td>
    </tr>
  );
}

