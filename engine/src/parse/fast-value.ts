/**
 * The plain value of a YAML text without building yaml's document tree, when the text uses
 * nothing that needs it. yaml's parser keeps every node with its position, comments and
 * source tokens, which the designer's edits need but a check of a file that turns out valid
 * does not: on a file of 8,000 steps it takes about 1 s, where js-yaml's loader takes 60 ms
 * and yaml's own lexer 100 ms. `parseSource` takes this value and builds yaml's tree only when
 * a diagnostic asks for a position (`lazySource`).
 *
 * The value must be the one yaml's `parseDocument(...).toJS()` gives with the core schema, or
 * the verdict would depend on which path ran. So:
 * - js-yaml resolves plain scalars with types made from yaml's own core-schema tests below
 *   (js-yaml's core schema reads `1_000`, `0b1` and `-0x1F` as numbers; yaml reads them as
 *   text);
 * - a text with anything the two could read differently, or that the full parse reports on,
 *   goes the full way: tags, directives, explicit `?` keys, a collection or an alias used as
 *   a key, an anchor anywhere but on a value or an item, an anchor named twice, more aliases
 *   than yaml's bound could allow (yaml's lexer finds these in one fast pass, outside
 *   scalars); a duplicate key,
 *   a syntax error or a second document (js-yaml throws); nesting deeper than the limit; a
 *   top level that is not a mapping.
 * Simple anchors and aliases take the fast path: yaml's own `stringify` writes them for an
 * object used twice (a form shared by two steps), and three of four generated procedures have
 * one (`npm run generate:library`); each would otherwise cost a full parse at a cold start.
 * `fast-value.test.ts` compares both paths on generated documents.
 */
import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';
import { CST, Lexer } from 'yaml';

/** yaml's core schema (yaml/dist/schema/core and common/null), as js-yaml implicit types. */
const CORE_SCALARS = [
  new Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (s: string) => /^(?:~|[Nn]ull|NULL)?$/.test(s),
    construct: () => null,
  }),
  new Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (s: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s),
    construct: (s: string) => s[0] === 't' || s[0] === 'T',
  }),
  new Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (s: string) => /^0o[0-7]+$/.test(s) || /^[-+]?[0-9]+$/.test(s) || /^0x[0-9a-fA-F]+$/.test(s),
    construct: (s: string) => (s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
  }),
  new Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (s: string) =>
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s),
    construct: (s: string) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : /inf$/i.test(s) ? (s[0] === '-' ? -Infinity : Infinity) : parseFloat(s)),
  }),
];

const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: CORE_SCALARS });

/** Lexer tokens that only the full parse reads as yaml does. */
const NEEDS_FULL_PARSE = new Set(['tag', 'directive-line', 'explicit-key-ind', 'byte-order-mark', 'flow-error-end']);
const TRANSPARENT = new Set(['space', 'newline', 'comment']);
/** Anchor and alias names both parsers read alike (yaml warns of a name ending in `:`). */
const ANCHOR_NAME = /^[&*][A-Za-z0-9_-]+$/;
/** Where an anchor may stand: on a mapping's value or a list's item. */
const ANCHOR_AFTER = new Set(['map-value-ind', 'seq-item-ind']);
/** Where an alias may stand: a value or an item, block or flow (never a key: see below; after a comma, in a flow list only). */
const ALIAS_AFTER = new Set(['map-value-ind', 'seq-item-ind', 'comma', 'flow-seq-start']);
/**
 * yaml's own bound on aliases (`toJS({ maxAliasCount: 100 })` in source-document.ts): past it,
 * the full parse refuses the text as a resource-exhaustion attack.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * True when the text's tokens, outside scalars, hold nothing of {@link NEEDS_FULL_PARSE}, no
 * collection or alias as a key, and only anchors and aliases both parsers read alike: an
 * anchor, defined once, on a value or an item (not on a key, an alias or another anchor), and
 * aliases to anchors defined before them, few enough that yaml's alias bound cannot be reached.
 * yaml counts, for each alias, its anchor's uses so far plus one times the most any alias inside
 * the anchored node counts (`Alias.resolve`): along any chain of anchors nested in each other
 * that is at most the product of (uses + 1) over the chain, hence over every anchor used, which
 * must stay within the bound (`fast-value.test.ts` finds yaml's limit exactly there).
 */
function plainTokens(text: string): boolean {
  let afterScalarMarker = false;
  let previous: string | null = null;
  /** An anchor stands earlier on this line with nothing after it but a scalar, spaces or a comment. */
  let anchoredLine = false;
  /** The lexeme just seen was an anchor: the next must be white space. */
  let anchorEnds = false;
  const uses = new Map<string, number>();
  /** The flow collections open around the current token, innermost last. */
  const flows: ('map' | 'seq')[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    if (afterScalarMarker) {
      // A plain scalar's own text (it may start with %, *, ! or ?: it is text, not an indicator).
      afterScalarMarker = false;
      previous = 'scalar';
      continue;
    }
    const type = CST.tokenType(lexeme);
    if (anchorEnds) {
      if (type !== 'space' && type !== 'newline') return false;
      anchorEnds = false;
    }
    if (type === 'scalar') {
      afterScalarMarker = true;
      continue;
    }
    if (type !== null && NEEDS_FULL_PARSE.has(type)) return false;
    if (type === 'map-value-ind') {
      if (previous === 'flow-map-end' || previous === 'flow-seq-end' || previous === 'alias') return false;
      // `&a key: value`: yaml and js-yaml may put the anchor on different nodes.
      if (anchoredLine) return false;
    }
    if (type === 'anchor') {
      const name = lexeme.slice(1);
      if (!ANCHOR_NAME.test(lexeme) || uses.has(name) || previous === null || !ANCHOR_AFTER.has(previous)) return false;
      uses.set(name, 0);
      anchoredLine = true;
      anchorEnds = true;
    } else if (type === 'alias') {
      const name = lexeme.slice(1);
      const count = uses.get(name);
      if (!ANCHOR_NAME.test(lexeme) || count === undefined || previous === null || !ALIAS_AFTER.has(previous)) return false;
      // `{ a: 1, *x }`: a key without a value, which yaml refuses if it is a collection.
      if (previous === 'comma' && flows.at(-1) !== 'seq') return false;
      uses.set(name, count + 1);
    } else if (type !== 'space' && type !== 'comment') {
      anchoredLine = false;
    }
    if (type === 'flow-map-start') flows.push('map');
    else if (type === 'flow-seq-start') flows.push('seq');
    else if (type === 'flow-map-end' || type === 'flow-seq-end') flows.pop();
    if (type === null || !TRANSPARENT.has(type)) previous = type;
  }
  let product = 1;
  for (const n of uses.values()) {
    if (n === 0) continue;
    product *= n + 1;
    if (product > MAX_ALIAS_COUNT) return false;
  }
  return true;
}

/** True when no mapping or list in `value` nests deeper than `maxDepth` (an explicit stack: no recursion). */
function withinDepth(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) return false;
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return true;
}

/**
 * The value of `text` as yaml's core schema reads it, when the fast path can be sure of it;
 * undefined when the full parse must run (it then also finds every problem with its position).
 */
export function fastValue(text: string, maxDepth: number): { value: Record<string, unknown> } | undefined {
  if (!plainTokens(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: SCHEMA, json: false });
  } catch {
    // A syntax error, a duplicate key, a second document, or js-yaml's own recursion: the full
    // parse reports each with its position.
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (!withinDepth(value, maxDepth)) return undefined;
  return { value: value as Record<string, unknown> };
}
