import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceedsDepth, textExceedsDepth } from './json-depth';

const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);

describe('JSON depth bounds', () => {
  it('agree with the recursive depth, on values and on their text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (v, max) => {
        const deeper = depthOf(v) > max;
        expect(exceedsDepth(v, max)).toBe(deeper);
        expect(textExceedsDepth(JSON.stringify(v), max)).toBe(deeper);
      }),
      { numRuns: 300 },
    );
  });

  it('ignore brackets inside strings, escaped quotes included', () => {
    expect(textExceedsDepth('{"a":"[[[[\\"[[[["}', 1)).toBe(false);
    expect(textExceedsDepth('{"a":"\\\\",{"b":1}}', 1)).toBe(true);
  });

  it('answer for a value 1,000,000 levels deep without overflowing the stack', () => {
    let v: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) v = [v];
    expect(exceedsDepth(v, 64)).toBe(true);
    expect(textExceedsDepth('['.repeat(1_000_000), 64)).toBe(true);
  });
});
