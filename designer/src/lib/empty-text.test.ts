import { h } from 'preact';
import { jsx, jsxs } from 'preact/jsx-runtime';
import { describe, expect, it } from 'vitest';
import { dropEmptyTextChildren, withoutEmptyText } from './empty-text';

const childrenOf = (vnode: { props: unknown }): unknown => (vnode.props as { children?: unknown }).children;

describe('empty text children', () => {
  it("replaces '' by null at any depth, copying only the arrays that held one", () => {
    const kept = ['a', null, 'b'];
    expect(withoutEmptyText(kept)).toBe(kept);
    expect(withoutEmptyText('')).toBeNull();
    expect(withoutEmptyText('x')).toBe('x');
    expect(withoutEmptyText(0)).toBe(0);
    const nested = ['a', kept, ['', 'b']];
    const out = withoutEmptyText(nested) as unknown[];
    expect(out).toEqual(['a', kept, [null, 'b']]);
    expect(out[1]).toBe(kept);
    expect(nested).toEqual(['a', kept, ['', 'b']]);
  });

  it("drops '' children of DOM elements made by h() and the JSX runtime, and leaves components' children alone", () => {
    dropEmptyTextChildren();
    dropEmptyTextChildren();
    const title = '';
    expect(childrenOf(h('fieldset', null, title, h('div', null)))).toEqual([null, expect.objectContaining({ type: 'div' })]);
    expect(childrenOf(jsxs('fieldset', { children: [title, jsx('div', {})] }))).toEqual([null, expect.objectContaining({ type: 'div' })]);
    expect(childrenOf(jsx('span', { children: '' }))).toBeNull();
    expect(childrenOf(jsx('span', { children: 'Họ và tên' }))).toBe('Họ và tên');
    const memo = ['', 'b'];
    expect(childrenOf(h('p', null, memo))).toEqual([null, 'b']);
    expect(memo).toEqual(['', 'b']);
    const Label = ({ children }: { children?: unknown }) => h('b', null, String(children));
    expect(childrenOf(h(Label, null, ''))).toBe('');
  });
});
