/**
 * Where a step added from the palette goes and what it is connected to, from what is selected
 * on the graph (Camunda's "append" from the context pad):
 *
 * - an arrow: the new step is inserted on it (the arrow now leads to the new step, which goes on
 *   to where the arrow went);
 * - a step: the same, on the step's main way forward: a task's `approve` action, else its first
 *   action leading forward (to a later step or to an outcome that issues a result), else its
 *   first action; a choice's `otherwise`; any other kind's `to`. A task without actions only
 *   places the new step after it;
 * - an outcome: inserted on the first arrow into that outcome, so the new step comes just
 *   before it;
 * - nothing: the new step goes at the end, connected to nothing yet.
 */
import { PROCEDURE_SCHEMA } from 'motcua/engine';
import { NEW_OUTCOMES, references, slotsOf, stepPlaces } from './procedure-edits';
import type { Path } from './yaml-model';

/** What the graph has selected (a node by id, or an arrow by its step and handle). */
export type PaletteSelection = { kind: 'node'; id: string } | { kind: 'edge'; from: string; handle: string } | null;

/** `addStep`'s options: insert after step `after`, and point the slot at `from` to the new step. */
export interface PaletteAnchor {
  after?: string;
  from?: Path;
}

type Obj = Record<string, unknown>;

/** The slot of `stepId` that leads forward, as a path in the procedure. */
export function mainSlot(value: unknown, stepId: string): Path | undefined {
  const places = stepPlaces(value);
  const index = places.findIndex((p) => p.id === stepId);
  const place = places[index];
  if (!place) return undefined;
  const slots = slotsOf(place.step);
  if (slots.length === 0) return undefined;
  const outcomes = ((value as Obj | null)?.outcomes ?? {}) as Record<string, { status?: unknown } | null>;
  const later = new Set(places.slice(index + 1).map((p) => p.id));
  const forward = (target: unknown): boolean => typeof target === 'string' && (later.has(target) || outcomes[target]?.status === 'done');
  const pick =
    (place.step.kind === 'task' ? slots.find((s) => s.slot === 'approve') : undefined) ??
    (place.step.kind === 'choice' ? slots.find((s) => s.slot === 'otherwise') : undefined) ??
    slots.find((s) => forward(s.target)) ??
    slots[0];
  return pick ? [...place.path, ...pick.rel] : undefined;
}

/** Where the palette's new step goes for `selection` (see the module's comment). */
export function paletteAnchor(value: unknown, selection: PaletteSelection): PaletteAnchor {
  if (!selection) return {};
  const places = stepPlaces(value);
  if (selection.kind === 'edge') {
    const place = places.find((p) => p.id === selection.from);
    if (!place) return {};
    const slot = slotsOf(place.step).find((s) => s.slot === selection.handle);
    return slot ? { after: place.id, from: [...place.path, ...slot.rel] } : { after: place.id };
  }
  if (places.some((p) => p.id === selection.id)) {
    const from = mainSlot(value, selection.id);
    return from ? { after: selection.id, from } : { after: selection.id };
  }
  const into = references(value, selection.id)[0];
  return into ? { after: into.from, from: into.path } : {};
}

/** Every outcome status of the format (its JSON Schema's enum): the palette offers each. */
export const OUTCOME_STATUSES = ((((PROCEDURE_SCHEMA.$defs as Obj).outcome as Obj).properties as Obj).status as { enum: string[] }).enum.filter(
  (s): s is keyof typeof NEW_OUTCOMES => s in NEW_OUTCOMES,
);
