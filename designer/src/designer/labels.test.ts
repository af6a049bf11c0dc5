import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeLabels, type LabelBox } from './labels';

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
