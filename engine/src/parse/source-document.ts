import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic';

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

/** Parses YAML text. Never throws: syntax problems come back as diagnostics. */
export function parseSource(text: string, file: string): SourceDocument {
  const lineCounter = new LineCounter();
  // `schema: 'core'` keeps dates such as 2025-07-01 as strings: the format treats them as text.
  // `logLevel: 'error'`: a collection used as a key is reported below as a diagnostic, not
  // printed by the library as a Node warning on the console.
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, prettyErrors: false, schema: 'core', uniqueKeys: true, logLevel: 'error' });
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
        code: e.code === 'DUPLICATE_KEY' ? 'E_YAML_DUPLICATE_KEY' : 'E_YAML_SYNTAX',
        severity,
        message: firstLine(e.message),
        hint:
          e.code === 'DUPLICATE_KEY'
            ? 'Each key may appear once in a mapping; merge the two entries.'
            : 'Check indentation (spaces, not tabs), quotes and the colon after each key.',
      });
    }
  }

  if (doc.errors.length === 0) {
    for (const key of complexKeys(doc)) {
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
  }

  let value: unknown;
  if (doc.errors.length === 0) {
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
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(part));
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
 * The keys that are collections (`? [a, b]: x`, `{a: 1}: x`, or an alias of one): plain
 * JavaScript objects cannot have them, and yaml's toJS would silently turn them into text.
 */
function complexKeys(doc: Document): YamlNode[] {
  const out: YamlNode[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth > 256) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key;
        if (isCollection(key) || (isAlias(key) && isCollection(key.resolve(doc)))) out.push(key);
        walk(key, depth + 1);
        walk(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, depth + 1);
    }
  };
  walk(doc.contents, 0);
  return out;
}
