import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { MAX_JSON_DEPTH } from '../limits/json-depth';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic';
import { fastValue } from './fast-value';

/** A path into a parsed document: keys and indexes, e.g. `['steps', 2, 'actions', 'approve']`. */
export type DocPath = readonly (string | number)[];

/**
 * A YAML file parsed to plain data, remembering where every node came from so that any
 * diagnostic can name its file, line and column.
 */
export interface SourceDocument {
  file: string;
  text: string;
  /** The plain JavaScript value (dates stay ISO strings). `undefined` if the YAML is unusable. */
  value: unknown;
  /** YAML syntax errors and warnings; empty when the file parsed cleanly. */
  diagnostics: Diagnostic[];
  /** Position of the value at `path`, or of the deepest existing ancestor. */
  positionOf(path: DocPath): SourcePosition;
  /** Position of the key at `path` (falls back to the value's position). */
  keyPositionOf(path: DocPath): SourcePosition;
}

/** Renders a path the way users read it: `steps[2].actions.approve.to`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/**
 * The largest YAML file read, in characters (2 MB): the biggest real procedure is a few tens
 * of kB; past this the file is refused with `E_FILE_TOO_LARGE` before it is parsed.
 */
export const MAX_SOURCE_CHARS = 2_000_000;

/** How deep mappings and lists may nest in a YAML file (as in JSON bodies: MAX_JSON_DEPTH). */
const MAX_YAML_DEPTH = MAX_JSON_DEPTH;

/**
 * Parses YAML text. Never throws: syntax problems come back as diagnostics. Linear in the
 * size of the text. A text that reads the same by the fast path (`fast-value.ts`: most files,
 * and every file that turns out valid) is not given to yaml's full parser until a diagnostic
 * asks for a position; any other text is parsed in full at once ({@link parseSourceFully}).
 */
export function parseSource(text: string, file: string): SourceDocument {
  if (text.length > MAX_SOURCE_CHARS) return tooLarge(text, file);
  const fast = fastValue(text, MAX_YAML_DEPTH);
  return fast ? lazySource(file, text, fast.value, []) : parseSourceFully(text, file);
}

/**
 * `text`'s document with `value` and `diagnostics` already known (from the fast pass, or from
 * the library cache): yaml's full parse runs only if someone asks for a position, which
 * happens when a diagnostic is reported. A file that turns out valid is never parsed in full.
 * `text` may be a function, called when the text is first asked for (the library cache reads
 * a file's text again only then: thousands of unchanged files keep no text in memory).
 */
export function lazySource(file: string, text: string | (() => string), value: unknown, diagnostics: readonly Diagnostic[]): SourceDocument {
  let full: SourceDocument | undefined;
  let known = typeof text === 'string' ? text : undefined;
  const textOf = (): string => (known ??= (text as () => string)());
  const positions = (): SourceDocument => (full ??= parseSourceFully(textOf(), file));
  const doc: SourceDocument = {
    file,
    get text() {
      return textOf();
    },
    value,
    diagnostics: [...diagnostics],
    positionOf: (path) => positions().positionOf(path),
    keyPositionOf: (path) => positions().keyPositionOf(path),
  };
  lazy.add(doc);
  return doc;
}

/** Documents that hold no YAML tree (made by {@link lazySource}). */
const lazy = new WeakSet<SourceDocument>();

/** `doc` without its YAML tree (positions found again on demand): itself if it holds none. */
export function withoutTree(doc: SourceDocument): SourceDocument {
  return lazy.has(doc) ? doc : lazySource(doc.file, doc.text, doc.value, doc.diagnostics);
}

/**
 * Parses YAML text with yaml's full parser: positions for every node, and every syntax, key and
 * depth problem as a diagnostic. Duplicate keys are found with one set per mapping (yaml's own
 * check compares each key with every earlier one), and positions are looked up through an index.
 */
export function parseSourceFully(text: string, file: string): SourceDocument {
  if (text.length > MAX_SOURCE_CHARS) return tooLarge(text, file);
  const lineCounter = new LineCounter();
  // `schema: 'core'` keeps dates such as 2025-07-01 as strings: the format treats them as text.
  // `logLevel: 'error'`: a collection used as a key is reported below as a diagnostic, not
  // printed by the library as a Node warning on the console.
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, prettyErrors: false, schema: 'core', uniqueKeys: false, logLevel: 'error' });
  const diagnostics: Diagnostic[] = [];
  const toPos = (offset: number): SourcePosition => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const span = (from: number, to: number) => {
    const start = toPos(from);
    const end = toPos(to);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };

  for (const [severity, list] of [['error', doc.errors], ['warning', doc.warnings]] as const) {
    for (const e of list) {
      diagnostics.push({
        file,
        ...span(e.pos[0], e.pos[1]),
        code: 'E_YAML_SYNTAX',
        severity,
        message: firstLine(e.message),
        hint: 'Check indentation (spaces, not tabs), quotes and the colon after each key.',
      });
    }
  }

  const shape = keyProblems(doc);
  // A syntax error can leave half-read keys behind: the complex-key check waits for a clean parse.
  if (doc.errors.length > 0) shape.complex = [];
  for (const key of shape.duplicates) {
    const range = key.range ?? [0, 0];
    diagnostics.push({
      file,
      ...span(range[0], range[1]),
      code: 'E_YAML_DUPLICATE_KEY',
      severity: 'error',
      message: 'Map keys must be unique',
      hint: 'Each key may appear once in a mapping; merge the two entries.',
    });
  }
  for (const key of shape.complex) {
    const range = key.range ?? [0, 0];
    const shown = text.slice(range[0], range[1]).split('\n')[0] ?? '';
    const kind = isSeq(isAlias(key) ? key.resolve(doc) : key) ? 'list' : 'mapping';
    diagnostics.push({
      file,
      ...span(range[0], range[1]),
      code: 'E_YAML_COMPLEX_KEY',
      severity: 'error',
      message: `the key ${JSON.stringify(shown.length > 40 ? `${shown.slice(0, 37)}...` : shown)} is a ${kind}; mapping keys must be text or numbers`,
      hint: 'Write the key as text (quote it if it starts with [ { ? * or &), or move the list or mapping into the value.',
    });
  }
  if (shape.tooDeep) {
    const range = shape.tooDeep.range ?? [0, 0];
    diagnostics.push({
      file,
      ...span(range[0], range[1]),
      code: 'E_YAML_TOO_DEEP',
      severity: 'error',
      message: `mappings and lists nest deeper than ${MAX_YAML_DEPTH} levels here`,
      hint: `Nest at most ${MAX_YAML_DEPTH} levels: a procedure needs a handful.`,
    });
  }
  const usable = doc.errors.length === 0 && shape.duplicates.length === 0 && shape.tooDeep === undefined;

  let value: unknown;
  if (usable) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      diagnostics.push({
        file, line: 1, column: 1, code: 'E_YAML_SYNTAX', severity: 'error',
        message: err instanceof Error ? err.message : String(err),
        hint: 'Aliases may not expand beyond 100 nodes.',
      });
    }
  }

  // Each mapping's pairs by key, built on first use: one lookup per diagnostic, not a scan.
  const indexes = new WeakMap<object, Map<string, Pair>>();
  const pairIndex = (map: YAMLMap): Map<string, Pair> => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const it of map.items) if (isPair(it) && isScalar(it.key) && !index.has(String(it.key.value))) index.set(String(it.key.value), it);
      indexes.set(map, index);
    }
    return index;
  };
  const find = (path: DocPath, wantKey: boolean): SourcePosition => {
    let node: unknown = doc.contents;
    let best: SourcePosition = { line: 1, column: 1 };
    const rangeOf = (n: unknown): SourcePosition | undefined => {
      const r = (n as YamlNode | null)?.range;
      return r ? toPos(r[0]) : undefined;
    };
    best = rangeOf(node) ?? best;
    for (let i = 0; i < path.length; i++) {
      const part = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = pairIndex(node).get(String(part));
        if (!pair) return best;
        const keyPos = rangeOf(pair.key);
        if (last && wantKey && keyPos) return keyPos;
        node = pair.value;
        best = rangeOf(node) ?? keyPos ?? best;
      } else if (isSeq(node) && typeof part === 'number') {
        const item: unknown = node.items[part];
        if (item === undefined) return best;
        node = item;
        best = rangeOf(node) ?? best;
      } else {
        return best;
      }
    }
    return best;
  };

  return {
    file,
    text,
    value,
    diagnostics,
    positionOf: (path) => find(path, false),
    keyPositionOf: (path) => find(path, true),
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * In one walk (an explicit stack: a deep file cannot overflow it): the keys that are
 * collections (`? [a, b]: x`, `{a: 1}: x`, or an alias of one), which plain JavaScript objects
 * cannot have and yaml's toJS would silently turn into text; the keys repeated in their
 * mapping (a set per mapping: linear, where yaml's `uniqueKeys` is quadratic); and the first
 * node nested deeper than MAX_YAML_DEPTH.
 */
function keyProblems(doc: Document): { complex: YamlNode[]; duplicates: YamlNode[]; tooDeep: YamlNode | undefined } {
  const complex: YamlNode[] = [];
  const duplicates: YamlNode[] = [];
  let tooDeep: YamlNode | undefined;
  const stack: [unknown, number][] = [[doc.contents, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth >= MAX_YAML_DEPTH) {
      tooDeep ??= node;
      continue;
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isCollection(key) || (isAlias(key) && isCollection(key.resolve(doc)))) complex.push(key);
        else if (isScalar(key)) {
          const k = String(key.value);
          if (seen.has(k)) duplicates.push(key);
          seen.add(k);
        }
        stack.push([key, depth + 1], [pair.value, depth + 1]);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  const byOffset = (a: YamlNode, b: YamlNode) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0);
  return { complex: complex.sort(byOffset), duplicates: duplicates.sort(byOffset), tooDeep };
}

/** A file over MAX_SOURCE_CHARS: one diagnostic, nothing parsed. */
function tooLarge(text: string, file: string): SourceDocument {
  const at: SourcePosition = { line: 1, column: 1 };
  return {
    file,
    text,
    value: undefined,
    diagnostics: [{
      file, ...at, code: 'E_FILE_TOO_LARGE', severity: 'error',
      message: `the file has ${text.length} characters, more than the ${MAX_SOURCE_CHARS} a procedure file may have`,
      hint: 'Split the file: a procedure is a few tens of kB; large lists belong in the catalogues or the data sources.',
    }],
    positionOf: () => at,
    keyPositionOf: () => at,
  };
}
