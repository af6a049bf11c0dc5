/**
 * Commands on a parallel step's branches (`branches: { <name>: [steps] }`, all of which must
 * finish, each with `to: end`, before the step goes on to its `to`): add and remove a branch,
 * rename it, add a step at a branch's end and remove one. Each is one {@link YamlModel.edit}
 * (one undo step); like the graph's commands they connect what they add, so a new step is
 * reached and the branch still ends.
 */
import { i18next } from '../i18n';
import { freshId, slotsOf, stepPlaces, type StepPlace } from './procedure-edits';
import type { Path, YamlModel } from './yaml-model';

type Obj = Record<string, unknown>;

/** A branch name the format accepts (`propertyNames` of `parallelStep.branches`). */
export const BRANCH_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const text = (key: string, vars: Record<string, string> = {}): string => i18next.t(`designer:parallel.edit.${key}`, vars);

function parallelAt(model: YamlModel, id: string): StepPlace & { branches: Record<string, Obj[]> } {
  const place = stepPlaces(model.value).find((p) => p.id === id);
  if (!place || place.step.kind !== 'parallel') throw new Error(`${id} is not a parallel step`);
  const raw = place.step.branches;
  const branches = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, Obj[]>;
  return { ...place, branches };
}

/** The first role of a task in the parallel step: a new branch's task starts with it, so it is valid at once. */
function someRole(branches: Record<string, Obj[]>): string {
  for (const list of Object.values(branches)) for (const s of Array.isArray(list) ? list : []) if (s?.kind === 'task' && typeof s.role === 'string' && s.role) return s.role;
  return '';
}

/** A task that ends its branch (`done` leads to `end`). */
function branchTask(id: string, role: string, name: { vi: string; en: string }): Obj {
  return { id, kind: 'task', name, role, actions: { done: { to: 'end' } } };
}

/** The first free branch name `nhanh-2`, `nhanh-3`... */
export function freshBranchName(branches: Record<string, unknown>): string {
  for (let i = Object.keys(branches).length + 1; ; i++) if (!(`nhanh-${i}` in branches)) return `nhanh-${i}`;
}

/** Adds a branch holding one task that ends it; returns the branch's name. */
export function addBranch(model: YamlModel, parallelId: string): string {
  const place = parallelAt(model, parallelId);
  const name = freshBranchName(place.branches);
  const id = freshId(model.value, `${parallelId}-${name}`);
  model.edit(text('addBranch'), (tx) => tx.set([...place.path, 'branches', name], [branchTask(id, someRole(place.branches), { vi: 'Nhánh mới', en: 'New branch' })]));
  return name;
}

/** Removes a branch with its steps (a parallel step keeps at least one: the format requires it). */
export function removeBranch(model: YamlModel, parallelId: string, name: string): void {
  const place = parallelAt(model, parallelId);
  if (Object.keys(place.branches).length <= 1) throw new Error(text('lastBranch'));
  model.edit(text('removeBranch', { name }), (tx) => tx.remove([...place.path, 'branches', name]));
}

/** Renames a branch, keeping its place and comments; the reason it cannot, in words, else undefined. */
export function renameBranch(model: YamlModel, parallelId: string, from: string, to: string): string | undefined {
  const place = parallelAt(model, parallelId);
  if (from === to) return undefined;
  if (!BRANCH_NAME.test(to)) return text('badName');
  if (to in place.branches) return text('nameUsed', { name: to });
  model.edit(text('renameBranch', { from, to }), (tx) => tx.renameKey([...place.path, 'branches', from], to));
  return undefined;
}

/**
 * Adds a task at the end of a branch: the slots of the branch's last step that ended the branch
 * (`to: end`) now lead to it, and it ends the branch. Returns its id.
 */
export function addBranchStep(model: YamlModel, parallelId: string, name: string): string {
  const place = parallelAt(model, parallelId);
  const list = place.branches[name] ?? [];
  const last = list[list.length - 1];
  const id = freshId(model.value, `${parallelId}-${name}-${list.length + 1}`);
  const role = typeof last?.role === 'string' && last.role ? last.role : someRole(place.branches);
  const branchPath: Path = [...place.path, 'branches', name];
  model.edit(text('addStep', { name }), (tx) => {
    if (last) for (const s of slotsOf(last)) if (s.target === 'end') tx.set([...branchPath, list.length - 1, ...s.rel], id);
    tx.insert(branchPath, branchTask(id, role, { vi: 'Bước xử lý mới', en: 'New task' }));
  });
  return id;
}

/**
 * Removes a step of a branch (never the branch's only one): what pointed at it inside the branch
 * now goes where it went (its first slot's target), so the branch stays connected.
 */
export function removeBranchStep(model: YamlModel, parallelId: string, name: string, stepId: string): void {
  const place = parallelAt(model, parallelId);
  const list = place.branches[name] ?? [];
  const index = list.findIndex((s) => s?.id === stepId);
  if (index < 0) return;
  if (list.length <= 1) throw new Error(text('lastStep'));
  const gone = list[index] as Obj;
  const onward = slotsOf(gone).find((s) => typeof s.target === 'string')?.target ?? 'end';
  const branchPath: Path = [...place.path, 'branches', name];
  model.edit(text('removeStep', { name: typeof (gone.name as { vi?: unknown } | undefined)?.vi === 'string' ? String((gone.name as { vi: string }).vi) : stepId }), (tx) => {
    list.forEach((s, i) => {
      if (i === index || !s) return;
      for (const slot of slotsOf(s)) if (slot.target === stepId) tx.set([...branchPath, i, ...slot.rel], onward);
    });
    tx.remove([...branchPath, index]);
  });
}
