/**
 * The fast path gives exactly the value of yaml's full parse, or declines: generated documents
 * (block and flow styles, plain scalars from the corners where YAML 1.1, js-yaml's core schema
 * and yaml's core schema disagree) are read both ways and compared.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastValue } from './fast-value';
import { parseSource, parseSourceFully } from './source-document';

const DEPTH = 64;

/** Plain scalars whose type differs between YAML dialects or parsers. */
const TRICKY = [
  '1', '-1', '+1', '010', '0o17', '0o8', '0x1F', '-0x1F', '0b101', '1_000', '1_000.5', '1.', '.5', '1.50', '1e5', '1E-2', '-.inf', '.Inf', '.NaN', '.nan', 'nan',
  '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'yes', 'no', 'on', 'off', 'y', 'n',
  '2025-07-01', '2025-07-01T10:00:00Z', '12:30', '1:20:30', 'image/*', 'a b', 'Đăng ký', '"quoted"', "'single'", '"1"', '"true"', '""',
];

type Tree = string | Tree[] | { [k: string]: Tree };

const key = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/);
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...TRICKY),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  ),
})).node;

function flow(t: Tree): string {
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return `[${t.map(flow).join(', ')}]`;
  return `{ ${Object.entries(t).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')} }`;
}

function block(t: Tree, indent: string, useFlow: (t: Tree) => boolean): string {
  if (typeof t === 'string' || useFlow(t)) return ` ${flow(t)}`;
  if (Array.isArray(t)) return t.length ? t.map((v) => `\n${indent}-${block(v, `${indent}  `, useFlow)}`).join('') : ' []';
  const entries = Object.entries(t);
  return entries.length ? entries.map(([k, v]) => `\n${indent}${k}:${block(v, `${indent}  `, useFlow)}`).join('') : ' {}';
}

/** Whether the fast path took `text`; when it did, yaml's full parse must find nothing and the same value. */
function readAsFullParse(text: string): boolean {
  const fast = fastValue(text, DEPTH);
  if (!fast) return false;
  const full = parseSourceFully(text, 'gen.yaml');
  expect(full.diagnostics, text).toEqual([]);
  expect(fast.value, text).toStrictEqual(full.value);
  return true;
}

describe('fastValue', () => {
  it('reads generated documents exactly as yaml does, or declines', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), fc.integer({ min: 0, max: 3 }), (doc, style) => {
        const text = `${block(doc, '', (t) => (typeof t === 'object' && style === 3) || (style === 2 && Array.isArray(t))).trimStart()}\n`;
        if (readAsFullParse(text)) accepted++;
      }),
      { numRuns: 400 },
    );
    // Clean generated documents should mostly take the fast path, or it saves nothing.
    expect(accepted).toBeGreaterThan(300);
  });

  it('declines what only the full parse reads right, and the full parse reports it', () => {
    const declined = {
      'alias as a key': 'a: &x k\n*x : 1\n',
      'alias as a flow key': 'a: &x k\nb: { *x : 1 }\n',
      'alias as a flow key without a value': 'a: &x [k]\nb: { c: 1, *x }\n',
      'anchor on a key': 'a:\n  &x k: 1\n',
      'anchor on the top mapping': '&x\na: 1\n',
      'anchor ending in a colon': 'a: &x: 1\nb: *x:\n',
      'anchor without a space': 'a: &x[1]\nb: *x\n',
      'anchor named twice': 'a: &x 1\nb: &x 2\nc: *x\n',
      'anchor on an alias': 'a: &x 1\nb: &y *x\n',
      'two anchors': 'a: &x &y 1\n',
      'alias before its anchor': 'a: *x\nb: &x 1\n',
      'alias to no anchor': 'a: *x\n',
      'alias of its own mapping': 'a: &x\n  b: *x\n',
      'aliases past the bound': `a: &a [1]\nb: &b [${Array(11).fill('*a').join(', ')}]\nc: [${Array(10).fill('*b').join(', ')}]\n`,
      tag: 'a: !!str 5\n',
      'explicit key': '? a\n: 1\n',
      'flow mapping as key': '{a: 1}: x\n',
      'flow list as key': '[a, b]: x\n',
      directive: '%YAML 1.2\n---\na: 1\n',
      'duplicate key': 'a: 1\na: 2\n',
      'two documents': 'a: 1\n---\nb: 2\n',
      'syntax error': 'a: [1, 2\n',
      'top-level list': '- a\n- b\n',
      'too deep': `a: ${'['.repeat(DEPTH + 1)}${']'.repeat(DEPTH + 1)}\n`,
    };
    for (const [what, text] of Object.entries(declined)) expect(fastValue(text, DEPTH), what).toBeUndefined();
    expect(parseSource('a: 1\na: 2\n', 'dup.yaml').diagnostics.map((d) => [d.code, d.line])).toEqual([['E_YAML_DUPLICATE_KEY', 2]]);
    expect(parseSource(declined['too deep'], 'deep.yaml').diagnostics.map((d) => d.code)).toEqual(['E_YAML_TOO_DEEP']);
  });

  it('reads anchors and aliases on values and items as yaml does', () => {
    const accepted = [
      'a: &x 1\nb: *x\n',
      'a: &x [1]\nb: *x\n',
      'form: &f\n  fields: [name, { id: dob, type: date }]\nsteps:\n  - form: *f\n  - form: *f\n',
      'list:\n  - &i { k: v }\n  - *i\n  - [*i, *i]\nm: { a: *i, b: [1, *i] }\n',
      'a: &a [1]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n',
      `a: &x 1\nb: [${Array(99).fill('*x').join(', ')}]\n`,
      `a: &a [1]\nb: &b [${Array(4).fill('*a').join(', ')}]\nc: [${Array(19).fill('*b').join(', ')}]\n`,
    ];
    for (const text of accepted) {
      const full = parseSourceFully(text, 'a.yaml');
      expect(full.diagnostics, text).toEqual([]);
      expect(fastValue(text, DEPTH)?.value, text).toStrictEqual(full.value);
    }
    // One more use and yaml refuses them: the fast path must not accept them either.
    for (const over of [
      `a: &x 1\nb: [${Array(100).fill('*x').join(', ')}]\n`,
      `a: &a [1]\nb: &b [${Array(4).fill('*a').join(', ')}]\nc: [${Array(20).fill('*b').join(', ')}]\n`,
    ]) {
      expect(fastValue(over, DEPTH), over).toBeUndefined();
      expect(parseSource(over, 'over.yaml').diagnostics.map((d) => d.code)).toEqual(['E_YAML_SYNTAX']);
    }
  });

  it('reads generated documents with shared values exactly as yaml does, or declines', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 4 }), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), (doc, picks, flowUses) => {
        // The document's entries, then as many more that alias entries already written.
        const names = Object.keys(doc);
        const anchored = new Set(picks.map((p) => names[p % names.length]!));
        let text = `${block(doc, '', () => false).trimStart()}\n`;
        for (const name of anchored) text = text.replace(new RegExp(`^${name}:`, 'm'), `${name}: &${name}_a`);
        text += picks.map((p, i) => `use${i}:${flowUses ? ` [*${names[p % names.length]}_a]` : ` *${names[p % names.length]}_a`}\n`).join('');
        if (readAsFullParse(text)) accepted++;
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(250);
  });

  it('agrees with yaml wherever anchors and aliases land, keys included, or declines', () => {
    // Anchors put before, and aliases put in place of, words anywhere in a generated document:
    // on keys, values and items, block and flow, defined twice, used before their anchor.
    const edit = fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom('anchor', 'alias'), name: fc.constantFrom('a', 'b', 'c') }), { minLength: 1, maxLength: 5 });
    let accepted = 0;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 4 }), fc.integer({ min: 0, max: 3 }), edit, (doc, style, edits) => {
        let text = `${block(doc, '', (t) => (typeof t === 'object' && style === 3) || (style === 2 && Array.isArray(t))).trimStart()}\n`;
        const words = [...text.matchAll(/(?<=[\s[{,:-])[a-z][a-z0-9_-]*\b/g)];
        if (!words.length) return;
        // From the last position to the first, so that earlier offsets stay right.
        const chosen = [...new Map(edits.map((e) => [e.at % words.length, e])).entries()].sort((x, y) => y[0] - x[0]);
        for (const [i, e] of chosen) {
          const w = words[i]!;
          const at = w.index;
          text = e.kind === 'anchor' ? `${text.slice(0, at)}&${e.name} ${text.slice(at)}` : `${text.slice(0, at)}*${e.name}${text.slice(at + w[0].length)}`;
        }
        if (readAsFullParse(text)) accepted++;
      }),
      { numRuns: 1000 },
    );
    // Some of them must be taken, or this proves nothing about the fast path: about one in
    // twenty is (1,624 of 30,000 runs), so fewer than 20 of 1,000 would be five deviations off.
    expect(accepted).toBeGreaterThanOrEqual(20);
  });

  it('takes indicators inside scalars and comments as text', () => {
    const text = 'accept: ["image/*", application/pdf]\nnote: "&not an anchor"  # *not an alias, !not a tag\nrate: 50%\n';
    expect(fastValue(text, DEPTH)?.value).toStrictEqual(parseSourceFully(text, 'x.yaml').value);
  });

  it('gives a fast-path document the same positions as the full parse, parsed only when asked', () => {
    const text = '# a comment\ncode: "1.000001"\nsteps:\n  - id: receive\n    actions: { go: { to: done } }\n';
    const lazy = parseSource(text, 'p.yaml');
    const full = parseSourceFully(text, 'p.yaml');
    expect(lazy.value).toStrictEqual(full.value);
    for (const path of [['code'], ['steps', 0, 'id'], ['steps', 0, 'actions', 'go', 'to'], ['steps', 5]]) {
      expect(lazy.positionOf(path), path.join('.')).toEqual(full.positionOf(path));
      expect(lazy.keyPositionOf(path), path.join('.')).toEqual(full.keyPositionOf(path));
    }
  });
});
