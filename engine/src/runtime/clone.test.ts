import { describe, expect, it } from 'vitest';
import { cloneState } from './clone';

describe('cloneState', () => {
  it('copies plain data deeply: changing the copy leaves the original alone', () => {
    const original = { a: 1, b: 'x', c: null, d: undefined, list: [1, { n: 2 }], nested: { deep: { flag: true } } };
    const copy = cloneState(original);
    expect(copy).toEqual(original);
    expect(copy).toStrictEqual(structuredClone(original));
    copy.nested.deep.flag = false;
    (copy.list[1] as { n: number }).n = 3;
    copy.list.push(4);
    expect(original.nested.deep.flag).toBe(true);
    expect(original.list).toEqual([1, { n: 2 }]);
  });

  it('keeps an own __proto__ key a key, as structuredClone does', () => {
    const original = JSON.parse('{"data":{"__proto__":{"polluted":true}}}') as { data: Record<string, unknown> };
    const copy = cloneState(original);
    expect(Object.keys(copy.data)).toEqual(['__proto__']);
    expect((copy.data as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(copy.data)).toBe(Object.prototype);
  });

  it('leaves dates, maps and class instances to structuredClone, and refuses functions like it', () => {
    const when = new Date('2026-02-12T09:00:00Z');
    const copy = cloneState({ when, map: new Map([['k', 1]]) });
    expect(copy.when).toBeInstanceOf(Date);
    expect(copy.when).not.toBe(when);
    expect(copy.when.getTime()).toBe(when.getTime());
    expect(copy.map.get('k')).toBe(1);
    expect(() => cloneState({ f: () => 1 })).toThrow();
  });

  it('copies very deep and cyclic values without overflowing the stack', () => {
    const deep: Record<string, unknown> = {};
    let node = deep;
    for (let i = 0; i < 200; i++) node = (node.next = {});
    node.end = true;
    expect(cloneState(deep)).toEqual(deep);
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const copy = cloneState(cyclic);
    expect(copy.name).toBe('loop');
    expect(copy).not.toBe(cyclic);
  });
});
