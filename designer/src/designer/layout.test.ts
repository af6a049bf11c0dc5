import { describe, expect, it } from 'vitest';
import { elkLayout } from './layout';

describe('elkLayout', () => {
  it('lays a flow out top-down without overlapping boxes', async () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => ({ id, width: 200, height: 60 }));
    const edges = [['a', 'b'], ['b', 'c'], ['b', 'd'], ['c', 'a']].map(([from, to], i) => ({ id: `e${i}`, from: from as string, to: to as string, label: 'duyệt', labelWidth: 50 }));
    const pos = await elkLayout({ nodes, edges });
    expect(pos.size).toBe(4);
    const y = (id: string): number => pos.get(id)?.y ?? Number.NaN;
    expect(y('a')).toBeLessThan(y('b'));
    expect(y('b')).toBeLessThan(y('c'));
    const all = [...pos.values()];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) {
      const p = all[i] as { x: number; y: number };
      const q = all[j] as { x: number; y: number };
      expect(Math.abs(p.x - q.x) >= 200 || Math.abs(p.y - q.y) >= 60).toBe(true);
    }
  });
});
