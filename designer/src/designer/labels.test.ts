import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handleAt, handleOf, outsBySource, placeLabels, type LabelBox } from './labels';

const overlap = (a: LabelBox, b: LabelBox): boolean => Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;

describe('placeLabels', () => {
  it('leaves chips apart where they are, and separates chips at the same point', () => {
    const out = placeLabels([
      { id: 'a', x: 0, y: 0, width: 80, height: 20 },
      { id: 'b', x: 300, y: 0, width: 80, height: 20 },
      { id: 'c', x: 10, y: 5, width: 80, height: 20 },
    ]);
    expect(out.get('a')).toEqual({ x: 0, y: 0 });
    expect(out.get('b')).toEqual({ x: 300, y: 0 });
    expect(out.get('c')?.y).toBeGreaterThanOrEqual(20);
  });

  it('never leaves two chips overlapping (property)', () => {
    const box = fc.record({ x: fc.integer({ min: 0, max: 400 }), y: fc.integer({ min: 0, max: 400 }), width: fc.integer({ min: 20, max: 160 }), height: fc.integer({ min: 14, max: 24 }) });
    fc.assert(fc.property(fc.array(box, { maxLength: 30 }), (raw) => {
      const boxes = raw.map((b, i) => ({ ...b, id: `e${i}` }));
      const out = placeLabels(boxes);
      const placed = boxes.map((b) => ({ ...b, ...out.get(b.id) }));
      for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i] as LabelBox, placed[j] as LabelBox)).toBe(false);
    }));
  });
});

describe('outsBySource', () => {
  const edge = fc.record({ from: fc.constantFrom('a', 'b', 'c', 'd'), handle: fc.string({ maxLength: 3 }), title: fc.string({ maxLength: 5 }) });
  it("gives each node its outgoing handles in the graph's order, as a scan of every edge per node would", () => {
    fc.assert(fc.property(fc.array(edge, { maxLength: 30 }), (edges) => {
      const outs = outsBySource(edges);
      for (const id of ['a', 'b', 'c', 'd']) {
        const scanned = edges.filter((e) => e.from === id).map((e) => ({ id: e.handle, label: e.title }));
        expect(outs.get(id) ?? []).toEqual(scanned);
      }
      expect([...outs.keys()].every((k) => edges.some((e) => e.from === k))).toBe(true);
    }));
  });
  it("places an edge's handle by its index among its source's handles", () => {
    const outs = outsBySource([{ from: 'a', handle: 'x', title: 'X' }, { from: 'b', handle: 'y', title: 'Y' }, { from: 'a', handle: 'z', title: 'Z' }]);
    expect(handleOf(outs, 'a', 'z')).toBe(handleAt(1, 2));
    expect(handleOf(outs, 'b', 'y')).toBe(handleAt(0, 1));
  });
});
