/**
 * The leaders' dashboard (`#/stats`): the figures of `GET /api/stats` for the caller's scope
 * (docs/statistics.md) drawn with ECharts: the on-time rate and the online share over time,
 * overdue cases by unit and by procedure, the worst and best units, the overdue cases (links),
 * and each unit's 766 index group by group with what is not measured said so. Loaded lazily:
 * neither this page nor ECharts is in the portal's main bundle.
 */
import { useMemo, useState } from 'react';
import type { OverdueCase, StatsAnswer, StatsRow } from 'motcua/contract';
import { errorText, getToken, type SessionUser } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { href } from '../lib/route';
import { SignInFirst } from '../pages/SignInFirst';
import { useApi } from '../pages/useApi';
import { EChart } from './EChart';
import { GROUP_LABELS, INDICATOR_LABELS, LEVEL_LABELS, PERIOD_LABELS, percent } from './labels';
import { bucketTotals, mostOverdue, worstAndBest } from './series';

const iso = (d: Date): string => d.toISOString().slice(0, 10);

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return q.toString();
}

export default function StatsPage({ user, unit }: { user: SessionUser | null; unit?: string }) {
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
  const timeOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      legend: { data: ['Tỷ lệ đúng hạn (on time)', 'Tỷ lệ nộp trực tuyến (online)'], top: 0, left: 'center' },
      grid: { left: 48, right: 16, top: 40, bottom: 32, containLabel: false },
      xAxis: { type: 'category', data: points.map((p) => p.bucket) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: 'Tỷ lệ đúng hạn (on time)', type: 'line', data: points.map((p) => (p.onTimeRate === null ? null : Math.round(p.onTimeRate * 1000) / 10)), connectNulls: true },
        { name: 'Tỷ lệ nộp trực tuyến (online)', type: 'line', data: points.map((p) => (p.onlineShare === null ? null : Math.round(p.onlineShare * 1000) / 10)), connectNulls: true },
      ],
    }),
    [points],
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
      a.download = `thong-ke-${from}-${to}.csv`;
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
        <h1>Thống kê giải quyết hồ sơ <small>Statistics</small></h1>
        <button type="button" onClick={() => void downloadCsv()}>Tải CSV <small>Download CSV</small></button>
      </div>
      {unit && root ? <p><a href={href('stats')}>← Toàn bộ phạm vi (whole scope)</a> · {root.name ?? ''}</p> : null}
      <div className="filters">
        <div>
          <label htmlFor="stats-from">Từ ngày <small>From</small></label>
          <input id="stats-from" type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor="stats-to">Đến ngày <small>To</small></label>
          <input id="stats-to" type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} />
        </div>
        <div>
          <label htmlFor="stats-period">Chu kỳ <small>Period</small></label>
          <select id="stats-period" value={period} onChange={(e) => setPeriod(e.target.value as typeof period)}>
            {(['day', 'week', 'month'] as const).map((p) => <option key={p} value={p}>{PERIOD_LABELS[p]!.vi} ({PERIOD_LABELS[p]!.en})</option>)}
          </select>
        </div>
      </div>
      {error ? <p role="alert" className="notice bad">{error}</p> : null}
      {csvError ? <p role="alert" className="notice bad">{csvError}</p> : null}
      {total ? (
        <dl className="kpis">
          <div><dt>Tiếp nhận <small>Received</small></dt><dd>{total.received.toLocaleString('vi-VN')}</dd></div>
          <div><dt>Đã giải quyết <small>Resolved</small></dt><dd>{total.resolved.toLocaleString('vi-VN')}</dd></div>
          <div><dt>Tỷ lệ đúng hạn <small>On time</small></dt><dd>{percent(total.onTimeRate)}</dd></div>
          <div><dt>Đang quá hạn <small>Overdue now</small></dt><dd className={total.overdueNow ? 'bad' : ''}>{total.overdueNow.toLocaleString('vi-VN')}</dd></div>
          <div><dt>Sắp đến hạn <small>Due soon</small></dt><dd>{total.dueSoon.toLocaleString('vi-VN')}</dd></div>
          <div><dt>Nộp trực tuyến <small>Online</small></dt><dd>{percent(total.onlineShare)}</dd></div>
          <div><dt>Thời gian xử lý TB <small>Avg. working days</small></dt><dd>{total.avgProcessingDays === null ? '—' : total.avgProcessingDays.toLocaleString('vi-VN')}</dd></div>
          <div><dt>Hài lòng <small>Satisfaction</small></dt><dd>{total.satisfaction.average === null ? '—' : `${total.satisfaction.average.toLocaleString('vi-VN')}/5`} <small>({total.satisfaction.count} lượt)</small></dd></div>
        </dl>
      ) : units.loading ? <p role="status">Đang tải…</p> : null}

      <div className="chart-grid">
        <figure>
          <figcaption>Tỷ lệ đúng hạn và nộp trực tuyến theo thời gian <small>On-time rate and online share over time</small></figcaption>
          <EChart option={timeOption} label="Tỷ lệ đúng hạn và nộp trực tuyến theo thời gian" />
        </figure>
        <figure>
          <figcaption>Hồ sơ quá hạn theo đơn vị <small>Overdue by unit</small></figcaption>
          {overdueUnits.length ? <EChart option={bar(overdueUnits, 'Quá hạn')} label="Hồ sơ quá hạn theo đơn vị" /> : <p>Không có hồ sơ quá hạn.</p>}
        </figure>
        <figure>
          <figcaption>Hồ sơ quá hạn theo thủ tục <small>Overdue by procedure</small></figcaption>
          {overdueProcedures.length ? <EChart option={bar(overdueProcedures, 'Quá hạn')} label="Hồ sơ quá hạn theo thủ tục" /> : <p>Không có hồ sơ quá hạn.</p>}
        </figure>
        <figure>
          <figcaption>Đơn vị yếu nhất và tốt nhất <small>Worst and best units (on-time rate)</small></figcaption>
          <table className="list ranking">
            <thead><tr><th scope="col">Đơn vị</th><th scope="col">Tiếp nhận</th><th scope="col">Đúng hạn</th><th scope="col">Quá hạn</th></tr></thead>
            <tbody>
              <tr className="group"><th colSpan={4} scope="rowgroup">Cần cải thiện <small>Worst</small></th></tr>
              {worst.map((r) => <UnitLine key={`w-${r.key}`} row={r} />)}
              <tr className="group"><th colSpan={4} scope="rowgroup">Tốt nhất <small>Best</small></th></tr>
              {best.map((r) => <UnitLine key={`b-${r.key}`} row={r} />)}
            </tbody>
          </table>
        </figure>
      </div>

      <h2>Hồ sơ đang quá hạn <small>Overdue cases</small></h2>
      {overdue.data?.items.length ? (
        <table className="list overdue">
          <thead><tr><th scope="col">Hồ sơ</th><th scope="col">Đơn vị</th><th scope="col">Thủ tục</th><th scope="col">Hạn</th><th scope="col">Ngày nhận</th></tr></thead>
          <tbody>
            {overdue.data.items.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.canOpen ? (
                    <a href={href('cases', c.id)}><code>{c.id}</code></a>
                  ) : (
                    <span title="Hồ sơ do đơn vị tiếp nhận xử lý; lãnh đạo cấp trên xem số liệu, không xem hồ sơ của công dân (the receiving unit handles the file)"><code>{c.id}</code> · <small>đơn vị tiếp nhận xử lý</small></span>
                  )}
                </td>
                <td>{unitRows.find((r) => r.key === c.unit)?.name ?? c.unit}</td>
                <td>{procedures.data?.rows.find((r) => r.key === c.procedure)?.name ?? c.procedure}</td>
                <td>{formatDateTime(c.due)}</td>
                <td>{c.received}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>Không có hồ sơ quá hạn.</p>}

      <h2>Chỉ số phục vụ theo Quyết định 766/QĐ-TTg <small>Service index (Decision 766)</small></h2>
      <p className="hint">Tính từ hồ sơ của chính đơn vị; chỉ tiêu phần mềm không biết được ghi "Chưa đo" và không được cộng điểm. <small>Computed from the unit's own cases; what the engine cannot know is shown as not measured.</small></p>
      <div className="table-scroll" role="region" aria-label="Chỉ số 766 (cuộn ngang) · 766 index (scrolls sideways)" tabIndex={0}>
      <table className="list index766">
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            {Object.values(GROUP_LABELS).map((g) => <th key={g.en} scope="col">{g.vi} <small>{g.en}</small></th>)}
            <th scope="col">Điểm đo được <small>Measured</small></th>
          </tr>
        </thead>
        <tbody>
          {unitRows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name ?? LEVEL_LABELS[r.level ?? '']?.vi ?? r.key}</th>
              {r.index766?.groups.map((g) => (
                <td key={g.id} title={g.indicators.map((i) => `${INDICATOR_LABELS[i.id] ?? i.id}: ${i.kind === 'measured' ? `${i.points}/${i.max}` : `chưa đo (${i.reason})`}`).join('\n')}>
                  {g.points === null ? <span className="not-measured">Chưa đo <small>not measured</small></span> : <>{g.points}/{g.measuredMax} <small>(tối đa {g.max})</small></>}
                </td>
              ))}
              <td>{r.index766 ? `${r.index766.points}/${r.index766.measuredMax}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <p className="hint">Cập nhật lúc {units.data ? formatDateTime(units.data.asOf) : '…'}.</p>
    </section>
  );
}

function UnitLine({ row }: { row: StatsRow }) {
  return (
    <tr>
      <td><a href={href('stats', row.key)}>{row.name ?? row.key}</a></td>
      <td>{row.received.toLocaleString('vi-VN')}</td>
      <td>{percent(row.onTimeRate)}</td>
      <td>{row.overdueNow}</td>
    </tr>
  );
}

