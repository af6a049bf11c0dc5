import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Procedure } from 'motcua/engine';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { longProcedure } from '../../../test/support/long-procedures';
import { buildFlowGraph, NODE_HEIGHT, NODE_WIDTH } from '../lib/flow-graph';
import { boxesOverlap, elkLayout, layoutInput, type Box } from './layout';

const LIBRARY = join(import.meta.dirname, '../../../procedures');

/** The library's procedures with the most arrows: the hardest pictures to label. */
function longestProcedures(count: number): { file: string; value: Partial<Procedure> }[] {
  const files = readdirSync(LIBRARY, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml') && !f.includes('overlay'));
  const all = files.flatMap((file) => {
    const value = parse(readFileSync(join(LIBRARY, file), 'utf8')) as Partial<Procedure> | null;
    return value && Array.isArray(value.steps) ? [{ file, value, edges: buildFlowGraph(value).edges.length }] : [];
  });
  return all.sort((a, b) => b.edges - a.edges).slice(0, count);
}

/** Every overlap between a label and a node or another label, named. */
async function overlaps(value: Partial<Procedure>): Promise<{ problems: string[]; labels: number }> {
  const graph = buildFlowGraph(value);
  const out = await elkLayout(layoutInput(graph));
  const nodes: [string, Box][] = [...out.nodes].map(([id, p]) => [id, { ...p, width: NODE_WIDTH, height: NODE_HEIGHT }]);
  const labels = [...out.labels];
  const problems: string[] = [];
  labels.forEach(([id, box], i) => {
    for (const [node, n] of nodes) if (boxesOverlap(box, n)) problems.push(`label ${id} covers node ${node}`);
    for (const [other, o] of labels.slice(i + 1)) if (boxesOverlap(box, o)) problems.push(`label ${id} covers label ${other}`);
  });
  return { problems, labels: labels.length };
}

describe('elkLayout', () => {
  it('lays a flow out top-down without overlapping boxes', async () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => ({ id, width: 200, height: 60 }));
    const edges = [['a', 'b'], ['b', 'c'], ['b', 'd'], ['c', 'a']].map(([from, to], i) => ({ id: `e${i}`, from: from as string, to: to as string, label: 'duyệt', labelWidth: 50 }));
    const out = await elkLayout({ nodes, edges });
    expect(out.nodes.size).toBe(4);
    const y = (id: string): number => out.nodes.get(id)?.y ?? Number.NaN;
    expect(y('a')).toBeLessThan(y('b'));
    expect(y('b')).toBeLessThan(y('c'));
    const all = [...out.nodes.values()];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) {
      const p = all[i] as { x: number; y: number };
      const q = all[j] as { x: number; y: number };
      expect(Math.abs(p.x - q.x) >= 200 || Math.abs(p.y - q.y) >= 60).toBe(true);
    }
    // Every arrow has a route from its source's bottom to its target's top, and its label a box of the size given.
    for (const e of edges) {
      const route = out.routes.get(e.id) ?? [];
      expect(route.length, e.id).toBeGreaterThanOrEqual(2);
      // Within the ports' one pixel.
      expect(Math.abs((route[0]?.y ?? Number.NaN) - (y(e.from) + 60))).toBeLessThanOrEqual(2);
      expect(Math.abs((route.at(-1)?.y ?? Number.NaN) - y(e.to))).toBeLessThanOrEqual(2);
      expect(out.labels.get(e.id)).toMatchObject({ width: 50, height: 20 });
    }
  });

  it('places no edge label over a node or another label, on the library\'s longest procedures', async () => {
    const longest = longestProcedures(3);
    expect(longest.length).toBe(3);
    for (const { file, value } of longest) {
      const { problems, labels } = await overlaps(value);
      expect(labels, file).toBeGreaterThan(8);
      expect(problems, file).toEqual([]);
    }
  }, 60_000);

  it('nor on a generated 60-step procedure (150 labelled arrows)', async () => {
    const { problems, labels } = await overlaps(parse(longProcedure(60)) as Partial<Procedure>);
    expect(labels).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  }, 60_000);
});
