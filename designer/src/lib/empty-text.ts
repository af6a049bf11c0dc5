/**
 * Empty strings among an element's children render nothing, as on React.
 *
 * The bundle runs on Preact's compat layer (designer/vite.config.ts), which makes an empty text
 * node of every `''` child (`{title && <Title/>}` with an empty title) and, on every later render,
 * writes that node's text again: its diff takes the old text as `oldVNode.props || EMPTY_OBJ`, and
 * `''` is falsy, so the old text never equals the new one (Preact 10.29 and 11.2 alike). Writing
 * the text of an empty node makes Chromium rebuild the layout objects of its parent, and in a
 * `<fieldset>` (whose content sits in an anonymous box) of everything the fieldset holds. rjsf
 * draws its root object with an empty title, so each keystroke in a 300-field e-form rebuilt the
 * layout of all 300 fields: 30-60 ms of style and forced layout per key on an idle machine, where
 * the script itself took 5 ms (docs/designer.md, "Typing in the preview"). React creates no node
 * for `''`; dropping those children before Preact sees them gives the same DOM as React's.
 */
import { options, type VNode } from 'preact';

/**
 * `children` with every `''` (at any depth of nested arrays) replaced by `null`; the same value,
 * untouched, when it has none, so that arrays a caller keeps (memoised children) are never written.
 */
export function withoutEmptyText(children: unknown): unknown {
  if (children === '') return null;
  if (!Array.isArray(children)) return children;
  let copy: unknown[] | undefined;
  for (let i = 0; i < children.length; i++) {
    const child: unknown = children[i];
    const next = withoutEmptyText(child);
    if (next !== child) {
      copy ??= children.slice();
      copy[i] = next;
    }
  }
  return copy ?? children;
}

let installed = false;

/**
 * Chains a `vnode` hook onto Preact's options (its public plugin API) that drops the empty-string
 * children of DOM elements. Components' children are left as given: a component may read them as
 * text. Idempotent; without Preact in the bundle (a React build) the hook is never called.
 */
export function dropEmptyTextChildren(): void {
  if (installed) return;
  installed = true;
  // Preact calls its hooks as methods of `options`; the chained one keeps that receiver.
  const previous = options.vnode?.bind(options);
  options.vnode = (vnode: VNode) => {
    if (typeof vnode.type === 'string') {
      const props = vnode.props as { children?: unknown };
      if (props.children !== undefined) {
        const children = withoutEmptyText(props.children);
        if (children !== props.children) props.children = children;
      }
    }
    previous?.(vnode);
  };
}
