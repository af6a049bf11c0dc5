import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members and writes undefined items as null', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, undefined, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,null,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('Đ"\n')).toBe(JSON.stringify('Đ"\n'));
  });

  it('sorts keys by code unit, integer-like keys included (unlike JSON.stringify)', () => {
    expect(canonicalJson({ b: 1, '': 2, '10': 3, '9': 4 })).toBe('{"":2,"10":3,"9":4,"b":1}');
  });

  it('is valid JSON of the same value, the same text whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
        const shuffled = JSON.parse(JSON.stringify(v), (_k, x: unknown) =>
          x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x,
        ) as unknown;
        expect(canonicalJson(shuffled)).toBe(canonicalJson(v));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a value nested 10,000 levels deep with E_TOO_DEEP instead of overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)) as unknown;
    expect(() => canonicalJson(deep)).toThrow(expect.objectContaining({ code: 'E_TOO_DEEP', status: 400 }));
  });
});
