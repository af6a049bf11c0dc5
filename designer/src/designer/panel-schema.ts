/**
 * The properties panel's form, generated from the format's JSON Schema (`PROCEDURE_SCHEMA`,
 * `schema/procedure.schema.json`): the sub-schema of the selected step kind, action or outcome,
 * made self-contained for rjsf (its `$ref`s inlined) and stripped of the schema's English
 * descriptions; every property rjsf draws is titled in the chosen language from `designer:props`.
 * Also the uiSchema naming the custom widgets and fields (`panel-widgets.tsx`), and the diff that
 * turns rjsf's new data into the few `set`/`insert`/`remove` edits of the yaml Document, so the
 * file's comments and key order survive a panel edit.
 */
import { PROCEDURE_SCHEMA } from 'motcua/engine';
import type { Path } from '../model/yaml-model';

type Schema = Record<string, unknown>;

/** The definition of the format each panel is generated from. */
export const PANEL_DEFS = {
  task: 'taskStep',
  supplement: 'supplementStep',
  choice: 'choiceStep',
  payment: 'paymentStep',
  procedure: 'procedureStep',
  parallel: 'parallelStep',
  action: 'action',
  outcome: 'outcome',
} as const;
export type PanelKind = keyof typeof PANEL_DEFS;

/** True for a step kind the panel knows. */
export const isPanelKind = (kind: unknown): kind is PanelKind => typeof kind === 'string' && kind in PANEL_DEFS;

/**
 * Title of each property rjsf draws, as a `designer:` key: `<context>.<path>`, where the context
 * is the definition (`action`, `outcome`) or `step` for every step kind; the first of
 * `<def>.<path>` and `step.<path>` found wins.
 */
export const TITLE_KEYS: Readonly<Record<string, string>> = {
  'step.id': 'props.id',
  'step.kind': 'panel.kind',
  'step.name': 'props.stepName',
  'step.sla': 'props.sla',
  'taskStep.role': 'props.role',
  'taskStep.level': 'props.level',
  'taskStep.actions': 'props.actions',
  'step.to': 'props.toAfter',
  'parallelStep.to': 'props.toAfterBranches',
  'parallelStep.branches': 'panel.parallelBranches',
  'procedureStep.procedure': 'props.linked',
  'procedureStep.data': 'panel.childData',
  'procedureStep.to': 'props.linkedDone',
  'procedureStep.onFail': 'props.linkedFailed',
  'choiceStep.branches': 'props.branches',
  'choiceStep.otherwise': 'props.otherwise',
  'action.name': 'props.buttonLabel',
  'action.to': 'props.goTo',
  'action.form': 'panel.actionForm',
  'action.extend': 'props.extend',
  'outcome.name': 'props.outcomeName',
  'outcome.status': 'props.caseStatus',
  'outcome.result': 'props.issuesResult',
  'outcome.result.document': 'props.documentType',
  'outcome.result.issuer': 'props.issuer',
  'outcome.result.store': 'panel.store',
  'outcome.result.validFor': 'panel.validFor',
};

/** Definitions drawn by a custom field as a whole: inlined as a bare object, never expanded. */
const OPAQUE_DEFS = new Set(['jsonSchema', 'step']);
/** Keywords that are words for people: the format's are English, so none reaches the panel. */
const WORDS = new Set(['description', 'title', '$comment', 'examples']);

const defs = (PROCEDURE_SCHEMA.$defs ?? {}) as Record<string, Schema>;

function titleKey(def: string, path: readonly string[]): string | undefined {
  const rel = path.join('.');
  return TITLE_KEYS[`${def}.${rel}`] ?? (def.endsWith('Step') ? TITLE_KEYS[`step.${rel}`] : undefined);
}

/**
 * `node` with its `$ref`s inlined (siblings of a `$ref` win over the definition's keys), words
 * removed and each property of `def` titled through `t`. `path` is the property path inside `def`.
 */
function inline(node: unknown, def: string, path: string[], t: (key: string) => string, depth: number): unknown {
  if (Array.isArray(node)) return node.map((n) => inline(n, def, path, t, depth));
  if (node === null || typeof node !== 'object') return node;
  if (depth > 12) return { type: 'object' };
  const own = node as Schema;
  const ref = typeof own.$ref === 'string' ? /^#\/\$defs\/(.+)$/.exec(own.$ref)?.[1] : undefined;
  if (ref !== undefined) {
    const { $ref: _ref, ...siblings } = own;
    if (OPAQUE_DEFS.has(ref)) return { type: 'object' };
    // An action's properties are titled as the action definition's, wherever it is reached from.
    const target = inline(defs[ref] ?? {}, ref in PANEL_DEFS_BY_DEF ? ref : def, ref in PANEL_DEFS_BY_DEF ? [] : path, t, depth + 1) as Schema;
    return { ...target, ...(inline(siblings, def, path, t, depth + 1) as Schema) };
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(own)) {
    if (WORDS.has(k)) continue;
    if (k === 'properties' && v && typeof v === 'object') {
      out.properties = Object.fromEntries(Object.entries(v as Schema).map(([name, sub]) => {
        const inner = inline(sub, def, [...path, name], t, depth + 1) as Schema;
        const key = titleKey(def, [...path, name]);
        return [name, key ? { ...inner, title: t(key) } : inner];
      }));
    } else if (k === 'additionalProperties' || k === 'items') {
      out[k] = inline(v, def, path, t, depth + 1);
    } else if (k === '$ref') {
      continue;
    } else {
      out[k] = v;
    }
  }
  if (path.length === 0 && depth === 0) {
    const key = titleKey(def, []);
    if (key) out.title = t(key);
  }
  return out;
}

const PANEL_DEFS_BY_DEF: Record<string, true> = Object.fromEntries(Object.values(PANEL_DEFS).map((d) => [d, true]));

/** The self-contained, titled schema of a panel (`task`, `action`, `outcome`...). */
export function panelSchema(kind: PanelKind, t: (key: string) => string): Schema {
  const def = PANEL_DEFS[kind];
  return inline(defs[def] ?? { type: 'object' }, def, [], t, 0) as Schema;
}

type Ui = Record<string, unknown>;

const TARGET = { 'ui:widget': 'target' } as const;
const NAME = { 'ui:field': 'localized' } as const;

/** The action's uiSchema: its button label, where it leads, its form (a reason) and an extension. */
export const ACTION_UI: Ui = {
  // Drawn inside its list item, which names it: no title of its own (rjsf would show the key).
  'ui:label': false,
  'ui:order': ['name', 'to', 'form', 'extend', '*'],
  name: NAME,
  to: TARGET,
  form: { 'ui:field': 'actionForm' },
  extend: { 'ui:options': { inputType: 'number' } },
};

/** The uiSchema of each panel: which custom widget or field draws which property, in what order. */
export function panelUi(kind: PanelKind): Ui {
  if (kind === 'action') return ACTION_UI;
  if (kind === 'outcome') {
    return {
      'ui:order': ['name', 'status', 'result', '*'],
      name: NAME,
      status: { 'ui:widget': 'status' },
      result: {
        'ui:order': ['document', 'issuer', 'store', 'validFor', '*'],
        issuer: { 'ui:widget': 'level' },
        store: { 'ui:widget': 'store' },
        validFor: { 'ui:field': 'duration' },
      },
    };
  }
  return {
    'ui:order': ['id', 'kind', 'name', 'role', 'level', 'sla', 'procedure', 'data', 'branches', 'otherwise', 'to', 'onFail', 'actions', '*'],
    // The id is renamed with every reference to it, above the form (PropertiesPanel's IdField).
    id: { 'ui:widget': 'hidden' },
    kind: { 'ui:widget': 'hidden' },
    name: NAME,
    role: { 'ui:widget': 'role' },
    level: { 'ui:widget': 'level' },
    sla: { 'ui:field': 'duration' },
    procedure: { 'ui:widget': 'procedure' },
    data: { 'ui:field': 'childData' },
    branches: { 'ui:field': kind === 'choice' ? 'branches' : 'parallelBranches' },
    otherwise: TARGET,
    to: TARGET,
    onFail: TARGET,
    actions: { 'ui:field': 'actions' },
  };
}

/** One edit of the yaml Document, relative to the edited object. */
export type Change =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'remove'; path: Path }
  | { kind: 'insert'; path: Path; index: number; value: unknown };

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Nothing but empty objects and undefined: what rjsf fills in for an optional object left alone. */
function isEmpty(v: unknown): boolean {
  return v === undefined || (isObj(v) && Object.values(v).every(isEmpty));
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return false;
}

/** Drops undefined and empty objects from what rjsf hands back, for a value to be written. */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (!isObj(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => !isEmpty(x)).map(([k, x]) => [k, clean(x)]));
}

/**
 * The smallest edits turning `before` into `after`: a changed scalar is set in place (its
 * comments stay), a key rjsf cleared (present, `undefined`) is removed, a key rjsf does not
 * report is left alone, one list item added or removed is inserted or removed, and a list
 * changed otherwise is replaced.
 */
export function changesBetween(before: unknown, after: unknown, base: Path = []): Change[] {
  if (same(before, after)) return [];
  if (isObj(before) && isObj(after)) {
    const out: Change[] = [];
    for (const [k, v] of Object.entries(after)) {
      const old = before[k];
      if (v === undefined || (isEmpty(v) && old === undefined)) {
        if (v === undefined && old !== undefined) out.push({ kind: 'remove', path: [...base, k] });
        continue;
      }
      out.push(...changesBetween(old, v, [...base, k]));
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length === after.length) return before.flatMap((b, i) => changesBetween(b, after[i], [...base, i]));
    if (after.length === before.length - 1) {
      const gone = before.findIndex((b, i) => !same(b, after[i]));
      if (before.every((b, i) => i === gone || same(b, after[i < gone ? i : i - 1]))) return [{ kind: 'remove', path: [...base, gone] }];
    }
    if (after.length === before.length + 1) {
      const added = after.findIndex((a, i) => !same(a, before[i]));
      if (after.every((a, i) => i === added || same(a, before[i < added ? i : i - 1]))) return [{ kind: 'insert', path: base, index: added, value: clean(after[added]) }];
    }
  }
  return [{ kind: 'set', path: base, value: clean(after) }];
}

/**
 * The undo label's key (`designer:props.*`) of a panel edit, from the first property it changes:
 * the same words the graph's commands use.
 */
export function changeLabelKey(kind: PanelKind, changes: readonly Change[]): string {
  const path = changes[0]?.path ?? [];
  const [first, , third, fourth] = path;
  const step = kind !== 'action' && kind !== 'outcome';
  if (first === 'actions') {
    if (third === 'to') return 'panel.connect';
    if (third === 'name') return 'props.changeButtonLabel';
    if (third === 'extend') return 'props.changeExtend';
    if (third === 'form') return fourth === undefined && changes[0]?.kind === 'remove' ? 'props.dropReason' : 'props.requireReason';
    return 'panel.changeAction';
  }
  switch (String(first)) {
    case 'name':
      return kind === 'outcome' ? 'props.renameOutcome' : step ? 'props.renameStep' : 'props.changeButtonLabel';
    case 'role':
      return 'props.changeRole';
    case 'level':
      return 'props.changeLevel';
    case 'sla':
      return 'props.changeSla';
    case 'procedure':
      return 'props.changeLinked';
    case 'data':
      return 'linked.changeData';
    case 'branches':
      return 'props.changeCondition';
    case 'status':
      return 'props.changeStatus';
    case 'result':
      return path[1] === 'issuer' ? 'props.changeIssuer' : path[1] === 'store' ? 'props.changeStore' : 'props.changeDocumentType';
    case 'to':
    case 'otherwise':
    case 'onFail':
      return 'panel.connect';
    default:
      return 'panel.changeProperty';
  }
}
