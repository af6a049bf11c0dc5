import { describe, expect, it } from 'vitest';
import type { StatsRow } from 'motcua/contract';
import { bucketTotals, mostOverdue, worstAndBest } from './series';

function row(key: string, f: Partial<StatsRow>): StatsRow {
  return {
    key, received: 0, resolved: 0, resolvedOnTime: 0, onTime: 0, onTimeRate: null, overdueNow: 0, dueSoon: 0, open: 0, online: 0, onlineShare: null,
    avgProcessingDays: null, electronicResults: 0, satisfaction: { count: 0, average: null }, ...f,
  };
}

describe('dashboard series', () => {
  it('sums rows per bucket, in bucket order, with rates from the sums', () => {
    const points = bucketTotals([
      row('commune', { bucket: '2026-03-09', received: 4, onTime: 3, online: 1 }),
      row('commune', { bucket: '2026-03-02', received: 2, onTime: 2, online: 2 }),
      row('province', { bucket: '2026-03-09', received: 6, onTime: 3, online: 0 }),
    ]);
    expect(points.map((p) => p.bucket)).toEqual(['2026-03-02', '2026-03-09']);
    expect(points[1]).toMatchObject({ received: 10, onTime: 6, online: 1, onTimeRate: 0.6, onlineShare: 0.1 });
  });

  it('ranks the units under the top one, worst and best, skipping those that received nothing', () => {
    const rows = [
      row('p', { received: 30, onTimeRate: 0.5 }),
      row('a', { parent: 'p', received: 10, onTimeRate: 0.9 }),
      row('b', { parent: 'p', received: 10, onTimeRate: 0.2, overdueNow: 3 }),
      row('c', { parent: 'p', received: 10, onTimeRate: 0.6 }),
      row('d', { parent: 'p', received: 0 }),
    ];
    const { worst, best } = worstAndBest(rows, 2);
    expect(worst.map((r) => r.key)).toEqual(['b', 'c']);
    expect(best.map((r) => r.key)).toEqual(['a', 'c']);
    expect(mostOverdue(rows, 5).map((r) => r.key)).toEqual(['b']);
  });
});
