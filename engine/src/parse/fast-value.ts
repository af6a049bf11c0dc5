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
 *   goes the full way: anchors, aliases, tags, directives, explicit `?` keys, a collection
 *   used as a key (yaml's lexer finds these in one fast pass, outside scalars); a duplicate key,
 *   a syntax error or a second document (js-yaml throws); nesting deeper than the limit; a
 *   top level that is not a mapping.
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
const NEEDS_FULL_PARSE = new Set(['anchor', 'alias', 'tag', 'directive-line', 'explicit-key-ind', 'byte-order-mark', 'flow-error-end']);
const TRANSPARENT = new Set(['space', 'newline', 'comment']);

/** True when the text's tokens, outside scalars, hold nothing of {@link NEEDS_FULL_PARSE} and no collection as a key. */
function plainTokens(text: string): boolean {
  let afterScalarMarker = false;
  let previous: string | null = null;
  for (const lexeme of new Lexer().lex(text)) {
    if (afterScalarMarker) {
      // A plain scalar's own text (it may start with %, *, ! or ?: it is text, not an indicator).
      afterScalarMarker = false;
      previous = 'scalar';
      continue;
    }
    const type = CST.tokenType(lexeme);
    if (type === 'scalar') {
      afterScalarMarker = true;
      continue;
    }
    if (type !== null && NEEDS_FULL_PARSE.has(type)) return false;
    if (type === 'map-value-ind' && (previous === 'flow-map-end' || previous === 'flow-seq-end')) return false;
    if (type === null || !TRANSPARENT.has(type)) previous = type;
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
