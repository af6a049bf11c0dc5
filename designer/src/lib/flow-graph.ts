/**
 * The flow of a procedure as boxes and arrows, with a simple layered layout: each step goes one
 * layer below the step that first reaches it (breadth-first from the first step), outcomes go
 * in the last layer. Good enough for the 3-15 steps of real procedures, and deterministic, so
 * the picture does not jump while the author types.
 */
import { END, type Procedure, type Step, type StepKind } from 'motcua/engine';
import { i18next } from '../i18n';
import { formFields, readCondition, type FormField } from '../model/conditions';
import { localized } from './format';
import { slotsOf } from '../model/procedure-edits';

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 64;
const GAP_X = 40;
const GAP_Y = 70;

export type FlowNodeKind = StepKind | 'outcome';

export interface FlowNode {
  id: string;
  kind: FlowNodeKind;
  label: string;
  /** Status for outcomes, linked code for procedures, what a step waits for (tasks: empty, see `role`). */
  detail: string;
  /** A task's role id and the level it works at (the step's own, else the procedure's): the view names them from the catalogue. */
  role?: { id: string; level?: string };
  /** JSON path of the step or outcome in the procedure, for jumping to its line. */
  path: (string | number)[];
  layer: number;
  x: number;
  y: number;
}

export interface FlowEdge {
  id: string;
  from: string;
  to: string;
  label: string;
  /** True when the target is neither a step nor an outcome: drawn in red. */
  broken: boolean;
  /** True when the arrow goes back up (a loop: return, supplement): drawn dashed. */
  back: boolean;
  /** The full label (the chip may shorten it). */
  title: string;
  /** Path in the procedure of the string naming the target (absent: not editable, e.g. a branch entry). */
  slot?: (string | number)[];
  /** The source handle: the action's name, `otherwise`, `branch-1`, `to`... */
  handle: string;
}

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

interface Place {
  step: Step;
  path: (string | number)[];
  /** For steps inside a parallel branch: the parallel step's id. */
  parallel?: string;
}

function collect(steps: readonly Step[], base: (string | number)[], out: Map<string, Place>, parallel?: string): void {
  steps.forEach((step, i) => {
    if (!step || typeof step.id !== 'string' || out.has(step.id)) return;
    const path = [...base, i];
    out.set(step.id, parallel ? { step, path, parallel } : { step, path });
    if (step.kind === 'parallel' && step.branches && typeof step.branches === 'object') {
      for (const [name, list] of Object.entries(step.branches)) {
        if (Array.isArray(list)) collect(list, [...path, 'branches', name], out, step.id);
      }
    }
  });
}

/** The arrows out of a step: one per target slot (editable), plus a parallel step's branch entries. */
function arrows(step: Step, fields: readonly FormField[]): { to: string; label: string; title: string; slot?: (string | number)[]; handle: string }[] {
  const out: { to: string; label: string; title: string; slot?: (string | number)[]; handle: string }[] = [];
  for (const s of slotsOf(step)) {
    if (typeof s.target !== 'string') continue;
    const label = slotLabel(step, s.slot, fields);
    out.push({ to: s.target, label, title: label, slot: [...s.rel], handle: s.slot });
  }
  if (step.kind === 'parallel') {
    for (const [name, branch] of Object.entries(step.branches ?? {})) {
      if (Array.isArray(branch) && branch[0] && typeof branch[0].id === 'string') out.push({ to: branch[0].id, label: i18next.t('common:flow.branch', { name }), title: i18next.t('common:flow.branch', { name }), handle: `branch:${name}` });
    }
  }
  return out;
}

/** What an arrow says: the action's name, the branch condition read in words, and so on. */
function slotLabel(step: Step, slot: string, fields: readonly FormField[]): string {
  switch (step.kind) {
    case 'task': {
      const action = step.actions?.[slot];
      return action?.name ? localized(action.name) : actionName(slot);
    }
    case 'choice': {
      if (slot === 'otherwise') return i18next.t('common:flow.otherwise');
      const i = Number(slot.replace('branch-', '')) - 1;
      return i18next.t('common:flow.if', { condition: readCondition(step.branches?.[i]?.when, fields) });
    }
    case 'supplement': return i18next.t('common:flow.supplemented');
    case 'payment': return i18next.t('common:flow.paid');
    case 'procedure': return i18next.t(slot === 'onFail' ? 'common:flow.linkedFailed' : 'common:flow.linkedDone');
    case 'parallel': return i18next.t('common:flow.branchesDone');
    default: return slot;
  }
}

/** An outcome status (`done`...) in words (an outcome without a name is labelled by its status). */
export function outcomeStatusName(status: string): string {
  return i18next.t(`common:outcomeStatus.${status}`, { defaultValue: status });
}

/**
 * The name of one of the library's common action ids (`approve`, `request-supplement`...) in the
 * language shown, lower case; an action's own `name` wins over it. Unknown ids read as written.
 */
export function actionName(id: string): string {
  return i18next.t(`common:action.${id}`, { defaultValue: id });
}

/** A step kind (`task`, `choice`...) or `outcome` in words, capitalised (`Xử lý`, `Task`). */
export function stepKindName(kind: string): string {
  return i18next.t(`common:stepKind.${kind}`, { defaultValue: kind });
}

/** True when `id` is one of the common action ids that have a name of their own. */
export function isCommonAction(id: string): boolean {
  return i18next.exists(`common:action.${id}`);
}

function detailOf(step: Step): string {
  switch (step.kind) {
    // A task's role is named by the view, with its level (GraphEditor's nodeDetail).
    case 'task': return '';
    case 'procedure': return i18next.t('common:flow.linked', { code: step.procedure ?? '' });
    case 'choice': return i18next.t('common:flow.choice');
    case 'supplement': return i18next.t('common:flow.awaitSupplement');
    case 'payment': return i18next.t('common:flow.awaitPayment');
    case 'parallel': return i18next.t('common:flow.parallel');
    default: return '';
  }
}

/**
 * Boxes and arrows of a procedure, laid out top-down. Tolerates half-typed procedures (missing
 * fields, unknown targets): the designer draws whatever is there while the author edits.
 */
export function buildFlowGraph(procedure: Partial<Procedure>): FlowGraph {
  const places = new Map<string, Place>();
  collect(Array.isArray(procedure.steps) ? procedure.steps : [], ['steps'], places);
  const outcomes = procedure.outcomes && typeof procedure.outcomes === 'object' ? Object.entries(procedure.outcomes) : [];
  const outcomeIds = new Set(outcomes.map(([id]) => id));

  const edges: FlowEdge[] = [];
  const next = new Map<string, string[]>();
  const fields = formFields(procedure.data?.schema);
  for (const [id, place] of places) {
    for (const a of arrows(place.step, fields)) {
      // `end` inside a parallel branch joins back to the parallel step's own `to`: draw it so.
      let to = a.to;
      if (to === END && place.parallel) {
        const par = places.get(place.parallel)?.step;
        to = par?.kind === 'parallel' && typeof par.to === 'string' ? par.to : to;
      }
      const broken = !places.has(to) && !outcomeIds.has(to);
      edges.push({ id: `${id}:${a.handle}`, from: id, to, label: a.label, title: a.title, broken, back: false, handle: a.handle, ...(a.slot ? { slot: [...place.path, ...a.slot] } : {}) });
      if (!broken) next.set(id, [...(next.get(id) ?? []), to]);
    }
  }

  // Breadth-first layering from the first step; steps never reached go below, in file order.
  const layer = new Map<string, number>();
  const first = procedure.steps?.[0]?.id;
  if (typeof first === 'string' && places.has(first)) {
    layer.set(first, 0);
    const queue = [first];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      for (const to of next.get(id) ?? []) {
        if (layer.has(to) || outcomeIds.has(to)) continue;
        layer.set(to, (layer.get(id) ?? 0) + 1);
        queue.push(to);
      }
    }
  }
  let deepest = Math.max(-1, ...layer.values());
  for (const id of places.keys()) if (!layer.has(id)) layer.set(id, ++deepest);
  const outcomeLayer = deepest + 1;

  const nodes: FlowNode[] = [];
  for (const [id, place] of places) {
    const s = place.step;
    const level = s.kind === 'task' && typeof s.level === 'string' ? s.level : typeof procedure.level === 'string' ? procedure.level : undefined;
    const role = s.kind === 'task' && typeof s.role === 'string' && s.role ? { role: { id: s.role, ...(level ? { level } : {}) } } : {};
    nodes.push({ id, kind: s.kind, label: s.name ? localized(s.name) : id, detail: detailOf(s), ...role, path: place.path, layer: layer.get(id) ?? 0, x: 0, y: 0 });
  }
  for (const [id, o] of outcomes) {
    const status = o?.status ? outcomeStatusName(o.status) : '';
    nodes.push({ id, kind: 'outcome', label: o?.name ? localized(o.name) : (status || id), detail: status, path: ['outcomes', id], layer: outcomeLayer, x: 0, y: 0 });
  }

  // Order each layer by the mean position of its parents in the layers above (one barycentre
  // sweep: fewer crossings, still deterministic), then centre it horizontally around x = 0.
  const byLayer = new Map<number, FlowNode[]>();
  for (const n of nodes) byLayer.set(n.layer, [...(byLayer.get(n.layer) ?? []), n]);
  const position = new Map<string, number>();
  const parents = new Map<string, string[]>();
  for (const e of edges) if (!e.broken) parents.set(e.to, [...(parents.get(e.to) ?? []), e.from]);
  for (const l of [...byLayer.keys()].sort((a, b) => a - b)) {
    const row = byLayer.get(l) ?? [];
    const centre = (n: FlowNode, i: number): number => {
      const above = (parents.get(n.id) ?? []).map((p) => position.get(p)).filter((x): x is number => x !== undefined);
      return above.length ? above.reduce((a, b) => a + b, 0) / above.length : i - row.length / 2;
    };
    const keyed = row.map((n, i) => ({ n, key: centre(n, i), i }));
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    row.splice(0, row.length, ...keyed.map((k) => k.n));
    row.forEach((n, i) => position.set(n.id, i - (row.length - 1) / 2));
  }
  for (const [l, row] of byLayer) {
    const width = row.length * NODE_WIDTH + (row.length - 1) * GAP_X;
    row.forEach((n, i) => {
      n.x = -width / 2 + i * (NODE_WIDTH + GAP_X);
      n.y = l * (NODE_HEIGHT + GAP_Y);
    });
  }
  const layerOf = new Map(nodes.map((n) => [n.id, n.layer]));
  for (const e of edges) e.back = !e.broken && (layerOf.get(e.to) ?? 0) <= (layerOf.get(e.from) ?? 0);
  return { nodes, edges };
}
