/**
 * The designer's one model: a `yaml` Document is the source of truth, and the graph, the forms
 * and the YAML text are views of it. Every change goes through {@link YamlModel.edit}, which
 * records the inverse of each primitive change so that undo and redo restore the very nodes
 * (comments and key order included) rather than re-creating them from plain values.
 *
 * Why not `doc.setIn(path, value)`: replacing a node drops the comments it carries
 * (eemeli/yaml #185). {@link Tx.set} therefore reconciles: an existing scalar gets its value
 * changed in place, an existing map or sequence is updated key by key, and only what is new is
 * created.
 */
import { type Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Node as YamlNode, type Pair, visit, YAMLMap, YAMLSeq } from 'yaml';

/** A path into the document: keys and indexes, e.g. `['steps', 2, 'actions', 'approve', 'to']`. */
export type Path = readonly (string | number)[];

/** Undoes one primitive change. */
type Inverse = () => void;

/** One entry of the history: a labelled, compound change. */
interface Entry {
  label: string;
  undo: Inverse[];
  redo: (tx: Tx) => void;
  /** Edits with the same key made within {@link MERGE_MS} of each other undo together (typing). */
  mergeKey?: string;
  at: number;
}

/** Consecutive edits of one kind (keystrokes in the YAML tab) closer than this merge. */
const MERGE_MS = 1200;

/** The most entries kept for undo: an author's afternoon, bounded. */
const MAX_HISTORY = 500;

/** No line folding: long Vietnamese texts stay on their line, as written. */
const PRINT = { lineWidth: 0 } as const;

/**
 * The library writes flow lists without padding and flow maps with it (`[a, b]`,
 * `{ a: 1 }`); `yaml` has one setting for both, so each flow collection prints with its own.
 * Opening a file and printing it unchanged then gives the same bytes.
 */
function printDoc(doc: Document): string {
  visit(doc, {
    Seq(_, node) {
      if (node.flow) padFlow(node, '');
    },
    Map(_, node) {
      if (node.flow) padFlow(node, ' ');
    },
  });
  return doc.toString(PRINT);
}

const padded = new WeakSet<object>();
function padFlow(node: YAMLSeq | YAMLMap, padding: string): void {
  if (padded.has(node)) return;
  padded.add(node);
  const proto = (isSeq(node) ? YAMLSeq.prototype : YAMLMap.prototype) as unknown as { toString: (ctx?: object, ...rest: unknown[]) => string };
  (node as unknown as { toString: (ctx?: object, ...rest: unknown[]) => string }).toString = (ctx?: object, ...rest: unknown[]) => proto.toString.call(node, ctx ? { ...ctx, flowCollectionPadding: padding } : ctx, ...rest);
}

/** Parses YAML text the way the engine does (core schema: dates stay text; unique keys). */
export function parseYaml(text: string): Document {
  return parseDocument(text, { schema: 'core', uniqueKeys: true, keepSourceTokens: false, logLevel: 'error' });
}

/** What the views read: bumped on every change so that React re-renders. */
export interface ModelSnapshot {
  revision: number;
  text: string;
  /** The document as plain data (what the validator and the graph read). */
  value: unknown;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | undefined;
  redoLabel: string | undefined;
  /** True when the undo position differs from the last saved one ("unsaved" is derived, not tracked). */
  dirty: boolean;
}

/** The primitive changes available inside one {@link YamlModel.edit}. */
export interface Tx {
  /** The value at `path` as plain data (undefined when absent). */
  get(path: Path): unknown;
  /** True when `path` exists. */
  has(path: Path): boolean;
  /**
   * Makes the value at `path` equal to `value`, keeping every existing node that can be kept
   * (scalars changed in place, maps and sequences reconciled entry by entry). Missing parents
   * are created. `undefined` deletes.
   */
  set(path: Path, value: unknown): void;
  /** Deletes the key or item at `path` (no-op when absent). */
  remove(path: Path): void;
  /** Inserts `value` at `index` of the sequence at `path` (appends when index is omitted). */
  insert(path: Path, value: unknown, index?: number): void;
  /** Renames the key at `path` (last part) to `to`, keeping its place, value and comments. */
  renameKey(path: Path, to: string): void;
  /** Moves item `from` of the map or sequence at `path` to position `to`. */
  move(path: Path, from: number, to: number): void;
}

type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

function keyOf(pair: Pair<unknown, unknown>): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The model: a document, its history and its subscribers. */
export class YamlModel {
  private doc: Document;
  private past: Entry[] = [];
  private future: Entry[] = [];
  private listeners = new Set<() => void>();
  private snap: ModelSnapshot | undefined;
  private revision = 0;
  /** Undo depth at the last save, or -1 when the saved state is no longer in the history. */
  private savedDepth = 0;

  constructor(text: string) {
    this.doc = parseYaml(text);
    if (this.doc.errors.length > 0) throw new Error(`the YAML does not parse: ${this.doc.errors[0]?.message ?? ''}`);
  }

  /** Subscribes to changes (for `useSyncExternalStore`). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current state, the same object until the next change. */
  getSnapshot = (): ModelSnapshot => {
    this.snap ??= {
      revision: this.revision,
      text: printDoc(this.doc),
      value: this.doc.toJS(),
      canUndo: this.past.length > 0,
      canRedo: this.future.length > 0,
      undoLabel: this.past.at(-1)?.label,
      redoLabel: this.future.at(-1)?.label,
      dirty: this.savedDepth !== this.past.length,
    };
    return this.snap;
  };

  /** The current text (the document printed). */
  get text(): string {
    return this.getSnapshot().text;
  }

  /** The current value as plain data. */
  get value(): unknown {
    return this.getSnapshot().value;
  }

  /** Marks the current state as saved: `dirty` is false until the next change. */
  markSaved(): void {
    this.savedDepth = this.past.length;
    this.changed();
  }

  /**
   * Runs `change` as one undoable command labelled `label` (shown as "Hoàn tác: label"). All
   * primitives it calls undo together. A change that throws is rolled back and rethrown.
   */
  edit(label: string, change: (tx: Tx) => void, mergeKey?: string): void {
    const undo: Inverse[] = [];
    try {
      change(this.tx(undo));
    } catch (err) {
      for (const inv of undo.reverse()) inv();
      throw err;
    }
    if (undo.length === 0) return;
    const now = Date.now();
    const top = this.past.at(-1);
    if (mergeKey !== undefined && top?.mergeKey === mergeKey && now - top.at < MERGE_MS && this.future.length === 0 && this.savedDepth !== this.past.length) {
      const first = top.redo;
      top.undo.push(...undo);
      top.redo = (tx) => {
        first(tx);
        change(tx);
      };
      top.at = now;
      this.changed();
      return;
    }
    this.past.push({ label, undo, redo: change, at: now, ...(mergeKey !== undefined ? { mergeKey } : {}) });
    if (this.past.length > MAX_HISTORY) {
      this.past.shift();
      this.savedDepth -= 1;
    }
    if (this.savedDepth > this.past.length) this.savedDepth = -1;
    this.future = [];
    this.changed();
  }

  /**
   * Replaces the whole document with `text` (an edit in the YAML tab that parses) as one
   * command. Returns false, changing nothing, when the text does not parse.
   */
  replaceText(text: string, label = 'Sửa YAML'): boolean {
    const next = parseYaml(text);
    if (next.errors.length > 0) return false;
    if (text === this.text) return true;
    const swap = (to: Document): Inverse => {
      const before = this.doc;
      this.doc = to;
      return () => {
        this.doc = before;
      };
    };
    this.edit(label, (tx) => {
      (tx as TxImpl).record(swap(next));
    }, 'text');
    return true;
  }

  undo(): void {
    const entry = this.past.pop();
    if (!entry) return;
    for (const inv of [...entry.undo].reverse()) inv();
    this.future.push(entry);
    this.changed();
  }

  redo(): void {
    const entry = this.future.pop();
    if (!entry) return;
    const undo: Inverse[] = [];
    entry.redo(this.tx(undo));
    this.past.push({ ...entry, undo });
    this.changed();
  }

  private changed(): void {
    this.revision += 1;
    this.snap = undefined;
    for (const l of this.listeners) l();
  }

  private tx(undo: Inverse[]): Tx {
    return new TxImpl(() => this.doc, undo);
  }
}

/** The primitives, each recording its inverse. */
class TxImpl implements Tx {
  constructor(
    private readonly doc: () => Document,
    private readonly undo: Inverse[],
  ) {}

  record(inv: Inverse): void {
    this.undo.push(inv);
  }

  get(path: Path): unknown {
    const node = this.node(path);
    return node === undefined ? undefined : isScalar(node) ? node.value : (node as YamlNode).toJSON();
  }

  has(path: Path): boolean {
    return this.node(path) !== undefined;
  }

  set(path: Path, value: unknown): void {
    if (value === undefined) {
      this.remove(path);
      return;
    }
    if (path.length === 0) throw new Error('cannot replace the document root');
    const parent = this.ensureParent(path);
    const last = path[path.length - 1] as string | number;
    const existing = this.childOf(parent, last);
    if (existing !== undefined && this.reconcile(existing, value)) return;
    this.putChild(parent, last, this.doc().createNode(value));
  }

  remove(path: Path): void {
    const parent = this.node(path.slice(0, -1));
    const last = path[path.length - 1];
    if (isMap(parent)) {
      const index = parent.items.findIndex((p) => keyOf(p) === last);
      if (index < 0) return;
      const [pair] = parent.items.splice(index, 1);
      this.undo.push(() => parent.items.splice(index, 0, pair as Pair<unknown, unknown>));
    } else if (isSeq(parent) && typeof last === 'number' && last >= 0 && last < parent.items.length) {
      const [item] = parent.items.splice(last, 1);
      this.undo.push(() => parent.items.splice(last, 0, item));
    }
  }

  insert(path: Path, value: unknown, index?: number): void {
    let seq = this.node(path);
    if (seq === undefined) {
      this.set(path, []);
      seq = this.node(path);
    }
    if (!isSeq(seq)) throw new Error(`not a list: ${path.join('.')}`);
    const at = index === undefined ? seq.items.length : Math.max(0, Math.min(index, seq.items.length));
    seq.items.splice(at, 0, this.doc().createNode(value));
    this.undo.push(() => seq.items.splice(at, 1));
  }

  renameKey(path: Path, to: string): void {
    const parent = this.node(path.slice(0, -1));
    const last = path[path.length - 1];
    if (!isMap(parent)) throw new Error(`not a mapping: ${path.slice(0, -1).join('.')}`);
    if (parent.items.some((p) => keyOf(p) === to)) throw new Error(`the key ${to} exists already`);
    const pair = parent.items.find((p) => keyOf(p) === last);
    if (!pair) throw new Error(`no key ${String(last)}`);
    if (isScalar(pair.key)) {
      const key = pair.key;
      const before = key.value;
      key.value = to;
      this.undo.push(() => {
        key.value = before;
      });
    } else {
      const before = pair.key;
      pair.key = new Scalar(to);
      this.undo.push(() => {
        pair.key = before;
      });
    }
  }

  move(path: Path, from: number, to: number): void {
    const coll = this.node(path);
    if (!isMap(coll) && !isSeq(coll)) throw new Error(`not a collection: ${path.join('.')}`);
    const items = coll.items as unknown[];
    if (from < 0 || from >= items.length || to < 0 || to >= items.length || from === to) return;
    const [item] = items.splice(from, 1);
    items.splice(to, 0, item);
    this.undo.push(() => {
      const [back] = items.splice(to, 1);
      items.splice(from, 0, back);
    });
  }

  /** The node at `path`, or undefined. */
  private node(path: Path): YamlNode | undefined {
    let node: unknown = this.doc().contents;
    for (const part of path) {
      node = this.childOf(node, part);
      if (node === undefined) return undefined;
    }
    return node as YamlNode | undefined;
  }

  private childOf(node: unknown, part: string | number): YamlNode | undefined {
    if (isMap(node)) return node.items.find((p) => keyOf(p) === part)?.value as YamlNode | undefined;
    if (isSeq(node) && typeof part === 'number') return node.items[part] as YamlNode | undefined;
    return undefined;
  }

  /** The collection that holds the last part of `path`, created (as a map) where missing. */
  private ensureParent(path: Path): Collection {
    let node: unknown = this.doc().contents;
    if (node === null || node === undefined) {
      const root = this.doc().createNode({});
      this.doc().contents = root;
      this.undo.push(() => {
        this.doc().contents = null;
      });
      node = root;
    }
    for (let i = 0; i < path.length - 1; i++) {
      const part = path[i] as string | number;
      let child = this.childOf(node, part);
      if (child === undefined || (!isMap(child) && !isSeq(child))) {
        const next = typeof path[i + 1] === 'number' ? [] : {};
        this.putChild(node as Collection, part, this.doc().createNode(next));
        child = this.childOf(node, part);
      }
      node = child;
    }
    if (!isMap(node) && !isSeq(node)) throw new Error(`cannot write under ${path.join('.')}`);
    return node;
  }

  /** Puts `created` at `part` of `parent`, replacing what is there (only called where nothing worth keeping is). */
  private putChild(parent: Collection, part: string | number, created: YamlNode): void {
    if (isMap(parent)) {
      const pair = parent.items.find((p) => keyOf(p) === part);
      if (pair) {
        const before = pair.value;
        pair.value = created;
        this.undo.push(() => {
          pair.value = before;
        });
      } else {
        parent.items.push(this.doc().createPair(part, created));
        const added = parent.items.at(-1);
        this.undo.push(() => {
          const i = parent.items.indexOf(added as Pair<unknown, unknown>);
          if (i >= 0) parent.items.splice(i, 1);
        });
      }
      return;
    }
    if (typeof part !== 'number') throw new Error(`a list index must be a number, got ${part}`);
    const seq = parent;
    if (part < seq.items.length) {
      const before = seq.items[part];
      seq.items[part] = created;
      this.undo.push(() => {
        seq.items[part] = before;
      });
    } else {
      seq.items.push(created);
      this.undo.push(() => {
        seq.items.pop();
      });
    }
  }

  /**
   * Makes `node` equal `value` in place when their shapes agree (returns true); returns false
   * when the node must be replaced (a scalar becoming a map, and so on).
   */
  private reconcile(node: YamlNode, value: unknown): boolean {
    if (isScalar(node)) {
      if (value !== null && typeof value === 'object') return false;
      if (node.value === value) return true;
      const before = node.value;
      const beforeType = node.type;
      node.value = value;
      // A quoted style that no longer fits (a number written as a quoted string) is dropped.
      if (typeof value !== 'string' && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) delete node.type;
      this.undo.push(() => {
        node.value = before;
        if (beforeType === undefined) delete node.type;
        else node.type = beforeType;
      });
      return true;
    }
    if (isMap(node)) {
      if (!isPlainObject(value)) return false;
      for (const pair of [...node.items]) {
        const k = keyOf(pair);
        if (typeof k === 'string' && !(k in value)) this.removePair(node, pair);
      }
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) {
          const pair = node.items.find((p) => keyOf(p) === k);
          if (pair) this.removePair(node, pair);
          continue;
        }
        const child = this.childOf(node, k);
        if (child !== undefined && this.reconcile(child, v)) continue;
        this.putChild(node, k, this.doc().createNode(v));
      }
      return true;
    }
    if (isSeq(node)) {
      if (!Array.isArray(value)) return false;
      while (node.items.length > value.length) {
        const at = node.items.length - 1;
        const [item] = node.items.splice(at, 1);
        this.undo.push(() => node.items.splice(at, 0, item));
      }
      value.forEach((v, i) => {
        const child = node.items[i] as YamlNode | undefined;
        if (child !== undefined && child !== null && this.reconcile(child, v)) return;
        this.putChild(node, i, this.doc().createNode(v));
      });
      return true;
    }
    return false;
  }

  private removePair(map: YAMLMap<unknown, unknown>, pair: Pair<unknown, unknown>): void {
    const index = map.items.indexOf(pair);
    if (index < 0 || !isPair(pair)) return;
    map.items.splice(index, 1);
    this.undo.push(() => map.items.splice(index, 0, pair));
  }
}
