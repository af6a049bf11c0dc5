/** Pure shaping of statistics answers for the dashboard's charts and tables. */
import type { StatsFigures, StatsRow } from 'motcua/contract';

/** One point of a time series: the bucket and the sums of its rows. */
export interface BucketPoint {
  bucket: string;
  received: number;
  onTime: number;
  online: number;
  onTimeRate: number | null;
  onlineShare: number | null;
}

/**
 * Totals per bucket of rows that partition the cases (e.g. by=level: each case is at one
 * level), in bucket order.
 */
export function bucketTotals(rows: readonly StatsRow[]): BucketPoint[] {
  const by = new Map<string, BucketPoint>();
  for (const r of rows) {
    const key = r.bucket ?? '';
    const p = by.get(key) ?? { bucket: key, received: 0, onTime: 0, online: 0, onTimeRate: null, onlineShare: null };
    p.received += r.received;
    p.onTime += r.onTime;
    p.online += r.online;
    by.set(key, p);
  }
  return [...by.values()]
    .sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0))
    .map((p) => ({ ...p, onTimeRate: p.received ? p.onTime / p.received : null, onlineShare: p.received ? p.online / p.received : null }));
}

/**
 * The units to rank: the rows below the top of the answer (a province's communes), or every
 * row when there is only one level; those that received nothing cannot be ranked.
 */
export function rankable(rows: readonly StatsRow[]): StatsRow[] {
  const keys = new Set(rows.map((r) => r.key));
  const children = rows.filter((r) => r.parent !== undefined && keys.has(r.parent));
  return (children.length ? children : [...rows]).filter((r) => r.received > 0);
}

/** Worst first (lowest on-time rate, then most overdue), and best first. */
export function worstAndBest(rows: readonly StatsRow[], n: number): { worst: StatsRow[]; best: StatsRow[] } {
  const sorted = [...rankable(rows)].sort((a, b) => (a.onTimeRate ?? 0) - (b.onTimeRate ?? 0) || b.overdueNow - a.overdueNow || (a.name ?? a.key).localeCompare(b.name ?? b.key, 'vi'));
  return { worst: sorted.slice(0, n), best: [...sorted].reverse().slice(0, n) };
}

/** The rows with the most overdue cases now, most first. */
export function mostOverdue<T extends StatsFigures & { key: string }>(rows: readonly T[], n: number): T[] {
  return [...rows].filter((r) => r.overdueNow > 0).sort((a, b) => b.overdueNow - a.overdueNow || a.key.localeCompare(b.key)).slice(0, n);
}
