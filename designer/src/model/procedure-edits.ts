/**
 * The designer's commands on a procedure: add, connect, rename and delete steps, actions and
 * outcomes. Each runs inside one {@link YamlModel.edit}, so it undoes as one step; the helpers
 * read the current plain value to find paths and write through the transaction's primitives.
 * Undo labels and refusals are in the language shown (`designer:edits`: the designer page has
 * loaded that namespace before any command runs).
 */
import { i18next } from '../i18n';
import { localized } from '../lib/format';
import type { Path, Tx, YamlModel } from './yaml-model';

/** A text of `designer:edits` (undo labels, refusals). */
function text(key: string, vars: Record<string, string> = {}): string {
  return i18next.t(`designer:edits.${key}`, vars);
}

/** What a step of each kind needs to be valid enough to draw. */
export const ADDABLE_KINDS = ['task', 'supplement', 'choice', 'payment', 'procedure', 'parallel'] as const;
export type AddableKind = (typeof ADDABLE_KINDS)[number];

interface StepLike {
  id?: unknown;
  kind?: unknown;
  name?: { vi?: string; en?: string };
  to?: unknown;
  otherwise?: unknown;
  onFail?: unknown;
  actions?: Record<string, { to?: unknown } | null>;
  branches?: unknown;
}

interface ProcedureLike {
  steps?: unknown;
  outcomes?: Record<string, unknown>;
}

/** Where a step lives: its path and, inside a parallel branch, the parallel step's id. */
export interface StepPlace {
  id: string;
  path: Path;
  step: StepLike;
  parallel?: string;
}

/** Every step with its path, parallel branches included, in file order. */
export function stepPlaces(value: unknown): StepPlace[] {
  const out: StepPlace[] = [];
  const walk = (list: unknown, base: Path, parallel?: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const step = raw as StepLike | null;
      if (!step || typeof step.id !== 'string') return;
      const path = [...base, i];
      out.push(parallel ? { id: step.id, path, step, parallel } : { id: step.id, path, step });
      if (step.kind === 'parallel' && step.branches && typeof step.branches === 'object' && !Array.isArray(step.branches)) {
        for (const [name, branch] of Object.entries(step.branches)) walk(branch, [...path, 'branches', name], step.id);
      }
    });
  };
  walk((value as ProcedureLike | null)?.steps, ['steps']);
  return out;
}

/** One place that names a step or an outcome as its target ("slot"): the path of that `to`. */
export interface Reference {
  /** Path of the string naming the target, e.g. `['steps', 0, 'actions', 'approve', 'to']`. */
  path: Path;
  /** The step holding it. */
  from: string;
  /** What the slot is, for people: the action's name, `otherwise`, `branch 2`... */
  slot: string;
  target: string;
}

/** Every target slot of a step, relative to the step (`['actions', 'approve', 'to']`...). */
export function slotsOf(step: StepLike): { rel: Path; slot: string; target: unknown }[] {
  switch (step.kind) {
    case 'task':
      return Object.entries(step.actions ?? {}).map(([name, spec]) => ({ rel: ['actions', name, 'to'], slot: name, target: spec?.to }));
    case 'choice':
      return [
        ...(Array.isArray(step.branches) ? step.branches : []).map((b: { to?: unknown } | null, i: number) => ({ rel: ['branches', i, 'to'], slot: `branch-${i + 1}`, target: b?.to })),
        { rel: ['otherwise'], slot: 'otherwise', target: step.otherwise },
      ];
    case 'procedure':
      return [{ rel: ['to'], slot: 'to', target: step.to }, ...(step.onFail !== undefined ? [{ rel: ['onFail'], slot: 'onFail', target: step.onFail }] : [])];
    case 'supplement':
    case 'payment':
    case 'parallel':
      return [{ rel: ['to'], slot: 'to', target: step.to }];
    default:
      return [];
  }
}

/** Every reference in the procedure, optionally only those to `target`. */
export function references(value: unknown, target?: string): Reference[] {
  const out: Reference[] = [];
  for (const place of stepPlaces(value)) {
    for (const s of slotsOf(place.step)) {
      if (typeof s.target !== 'string' || (target !== undefined && s.target !== target)) continue;
      out.push({ path: [...place.path, ...s.rel], from: place.id, slot: s.slot, target: s.target });
    }
  }
  return out;
}

/** Ids of steps and outcomes: a new id must differ from all. */
export function usedIds(value: unknown): Set<string> {
  const ids = new Set(stepPlaces(value).map((p) => p.id));
  for (const id of Object.keys((value as ProcedureLike | null)?.outcomes ?? {})) ids.add(id);
  ids.add('end');
  return ids;
}

/** `base`, or `base-2`, `base-3`... whichever is free. */
export function freshId(value: unknown, base: string): string {
  const used = usedIds(value);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Names given to new steps, per kind (Vietnamese first). */
export const NEW_STEP_NAMES: Record<AddableKind, { id: string; vi: string; en: string }> = {
  task: { id: 'task', vi: 'Bước xử lý mới', en: 'New task' },
  supplement: { id: 'supplement', vi: 'Bổ sung hồ sơ', en: 'Supplement' },
  choice: { id: 'choice', vi: 'Rẽ nhánh', en: 'Choice' },
  payment: { id: 'payment', vi: 'Nộp phí, lệ phí', en: 'Payment' },
  procedure: { id: 'linked', vi: 'Liên thông thủ tục', en: 'Linked procedure' },
  parallel: { id: 'parallel', vi: 'Xử lý song song', en: 'Parallel' },
};

/** The plain value at `path`. */
export function valueAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const part of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[part] : undefined;
  return node;
}

/** A sensible default target for a new step: the step selected, else the first outcome. */
function defaultTarget(value: unknown, near?: string): string {
  const outcomes = Object.keys((value as ProcedureLike | null)?.outcomes ?? {});
  return near ?? outcomes[0] ?? 'end';
}

/**
 * Adds a step of `kind` after `after` (at the end of the top-level steps otherwise), and when
 * `from` names a slot, points that slot at the new step. Returns the new step's id.
 */
export function addStep(model: YamlModel, kind: AddableKind, opts: { after?: string; from?: Path; role?: string } = {}): string {
  const value = model.value;
  const meta = NEW_STEP_NAMES[kind];
  const id = freshId(value, meta.id);
  const places = stepPlaces(value);
  const after = opts.after ? places.find((p) => p.id === opts.after) : undefined;
  const outcomes = Object.keys((value as ProcedureLike | null)?.outcomes ?? {});
  // Inserted on a connection: the new step goes on to where that connection went.
  const previous = opts.from ? valueAt(value, opts.from) : undefined;
  const done = typeof previous === 'string' ? previous : (outcomes[0] ?? 'end');
  const name = { vi: meta.vi, en: meta.en };
  const step: Record<string, unknown> = (() => {
    switch (kind) {
      case 'task':
        return { id, kind, name, role: opts.role ?? '', sla: { value: 1, unit: 'working-day' }, actions: { approve: { to: done } } };
      case 'supplement':
        return { id, kind, name, to: typeof previous === 'string' ? previous : defaultTarget(value, opts.after) };
      case 'choice':
        return { id, kind, name, branches: [{ when: 'true', to: done }], otherwise: done };
      case 'payment':
        return { id, kind, name, to: done };
      case 'procedure':
        return { id, kind, name, procedure: '', to: done };
      case 'parallel':
        return { id, kind, name, branches: { a: [{ id: `${id}-a`, kind: 'task', name: { vi: 'Nhánh A', en: 'Branch A' }, role: opts.role ?? '', actions: { done: { to: 'end' } } }] }, to: done };
    }
  })();
  model.edit(text('addStep', { name: localized(meta) }), (tx) => {
    if (after && after.path.length >= 2) {
      const listPath = after.path.slice(0, -1);
      tx.insert(listPath, step, (after.path[after.path.length - 1] as number) + 1);
    } else {
      tx.insert(['steps'], step);
    }
    if (opts.from) tx.set(opts.from, id);
  });
  return id;
}

/** Outcome statuses with the id and name a new outcome of each gets. */
export const NEW_OUTCOMES = {
  done: { id: 'approved', vi: 'Trả kết quả', en: 'Result issued' },
  rejected: { id: 'rejected', vi: 'Từ chối', en: 'Rejected' },
  withdrawn: { id: 'withdrawn', vi: 'Rút hồ sơ', en: 'Withdrawn' },
  cancelled: { id: 'cancelled', vi: 'Hủy', en: 'Cancelled' },
} as const;

/** Adds an outcome of `status`; returns its id. */
export function addOutcome(model: YamlModel, status: keyof typeof NEW_OUTCOMES, from?: Path): string {
  const meta = NEW_OUTCOMES[status];
  const id = freshId(model.value, meta.id);
  model.edit(text('addOutcome', { name: localized(meta) }), (tx) => {
    tx.set(['outcomes', id], { status, name: { vi: meta.vi, en: meta.en } });
    if (from) tx.set(from, id);
  });
  return id;
}

/** A step's or an outcome's title in the language shown, else its id (for undo labels). */
function nameOf(value: unknown, id: string): string {
  const step = stepPlaces(value).find((p) => p.id === id)?.step;
  const outcome = (value as ProcedureLike | null)?.outcomes?.[id] as { name?: { vi?: string; en?: string } } | undefined;
  const name = step?.name ?? outcome?.name;
  return name?.vi ? localized({ vi: name.vi, ...(name.en ? { en: name.en } : {}) }) : id;
}

/** Points the slot at `path` (a `to`, `otherwise`...) to `target`. */
export function connect(model: YamlModel, path: Path, target: string): void {
  model.edit(text('connect', { target: nameOf(model.value, target) }), (tx) => tx.set(path, target));
}

/** The title a new action gets until the author renames it. */
export const NEW_ACTION_NAME = { vi: 'Thao tác mới', en: 'New action' } as const;

/** Adds an action to a task step, pointing at `target`; returns its name. */
export function addAction(model: YamlModel, stepId: string, target: string, base = 'action'): string {
  const place = stepPlaces(model.value).find((p) => p.id === stepId);
  if (!place || place.step.kind !== 'task') throw new Error(`${stepId} is not a task`);
  const taken = new Set(Object.keys(place.step.actions ?? {}));
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  // Named from the start: the graph's arrow reads as a title, never as the action's key.
  model.edit(text('addAction', { name }), (tx) => tx.set([...place.path, 'actions', name], { to: target, name: { vi: NEW_ACTION_NAME.vi, en: NEW_ACTION_NAME.en } }));
  return name;
}

/** Why an id cannot be used, in the language shown, or undefined when it can. */
export function idProblem(value: unknown, id: string, current?: string): string | undefined {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) return text('badId');
  if (id !== current && usedIds(value).has(id)) return text('idUsed', { id });
  return undefined;
}

/** Renames a step or an outcome and every reference to it, as one command. */
export function renameNode(model: YamlModel, from: string, to: string): void {
  const value = model.value;
  const problem = idProblem(value, to, from);
  if (problem) throw new Error(problem);
  if (from === to) return;
  const place = stepPlaces(value).find((p) => p.id === from);
  const refs = references(value, from);
  model.edit(text('rename', { from, to }), (tx) => {
    if (place) tx.set([...place.path, 'id'], to);
    else tx.renameKey(['outcomes', from], to);
    for (const r of refs) tx.set(r.path, to);
  });
}

/** Renames an action of a task step (its key), keeping its place and comments. */
export function renameAction(model: YamlModel, stepId: string, from: string, to: string): void {
  const place = stepPlaces(model.value).find((p) => p.id === stepId);
  if (!place) throw new Error(`no step ${stepId}`);
  if (!/^[a-z][a-z0-9-]*$/.test(to)) throw new Error(text('badActionName'));
  if (from === to) return;
  model.edit(text('renameAction', { from, to }), (tx) => tx.renameKey([...place.path, 'actions', from], to));
}

/** What deleting a step or outcome leaves pointing nowhere. */
export function whatDeletionBreaks(value: unknown, id: string): Reference[] {
  const place = stepPlaces(value).find((p) => p.id === id);
  // References from inside the deleted step (or its parallel branches) go with it.
  const inside = (r: Reference): boolean => r.from === id || (place !== undefined && stepPlaces(value).some((p) => p.id === r.from && p.parallel === id));
  return references(value, id).filter((r) => !inside(r));
}

/** Deletes a step or an outcome (references to it are left for the author to fix, listed first). */
export function deleteNode(model: YamlModel, id: string): void {
  const place = stepPlaces(model.value).find((p) => p.id === id);
  model.edit(text('delete', { name: nameOf(model.value, id) }), (tx: Tx) => {
    if (place) tx.remove(place.path);
    else tx.remove(['outcomes', id]);
  });
}

/** Deletes an action of a task step. */
export function deleteAction(model: YamlModel, stepId: string, action: string): void {
  const place = stepPlaces(model.value).find((p) => p.id === stepId);
  if (!place) return;
  model.edit(text('deleteAction', { action }), (tx) => tx.remove([...place.path, 'actions', action]));
}
