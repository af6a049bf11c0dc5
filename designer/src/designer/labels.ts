/**
 * Edge labels as chips that never overlap: each chip starts at its edge's midpoint and is pushed
 * down past any chip already placed that it would cover. Deterministic (same input, same
 * picture), so labels do not jump while the author edits.
 */

/** A chip to place: its wanted centre and its size. */
export interface LabelBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The gap kept between two chips, in pixels. */
const GAP = 3;

function overlaps(a: LabelBox, b: LabelBox): boolean {
  return Math.abs(a.x - b.x) * 2 < a.width + b.width + GAP * 2 && Math.abs(a.y - b.y) * 2 < a.height + b.height + GAP * 2;
}

/**
 * Centres for every chip such that no two overlap, each as near its wanted centre as this greedy
 * pass finds; `fixed` chips (placed by the layout) stay where they are and others avoid them.
 */
export function placeLabels(boxes: readonly LabelBox[], fixed: readonly LabelBox[] = []): Map<string, { x: number; y: number }> {
  const order = [...boxes].sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id));
  const placed: LabelBox[] = [...fixed];
  const out = new Map<string, { x: number; y: number }>();
  for (const box of order) {
    const current = { ...box };
    // Each push clears at least one chip, so at most placed.length + 1 rounds are needed.
    for (let round = 0; round <= placed.length; round++) {
      const hit = placed.find((p) => overlaps(p, current));
      if (!hit) break;
      current.y = hit.y + (hit.height + current.height) / 2 + GAP * 2;
    }
    placed.push(current);
    out.set(box.id, { x: current.x, y: current.y });
  }
  return out;
}

/** A chip's height in pixels (one line of the chips' 12px font, with its padding and border). */
export const CHIP_HEIGHT = 20;

/** The width of a chip for `text` at the chips' 12px font (an estimate: no DOM needed). */
export function chipWidth(text: string): number {
  return Math.ceil(text.length * 6.6) + 16;
}

/** Label text shortened for a chip (the full text goes in the tooltip). */
export function chipText(text: string, max = 26): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Where handle `i` of `n` sits along a node's bottom edge, as a fraction of its width. */
export const handleAt = (i: number, n: number): number => (i + 1) / (n + 1);

/** An outgoing handle of a node: the edge's handle id and its title. */
export interface Out {
  id: string;
  label: string;
}

/**
 * Outgoing handles of every node, by node id: one per edge that has a slot (and parallel branch
 * entries), in the graph's order. Built in one pass over the edges, once per graph: asking each
 * node for its own by scanning every edge was quadratic, the largest script cost of drawing a
 * 60-step procedure after React's own.
 */
export function outsBySource(edges: readonly { from: string; handle: string; title: string }[]): ReadonlyMap<string, readonly Out[]> {
  const outs = new Map<string, Out[]>();
  for (const e of edges) {
    const list = outs.get(e.from);
    const out = { id: e.handle, label: e.title };
    if (list) list.push(out);
    else outs.set(e.from, [out]);
  }
  return outs;
}

/** Where an edge's handle sits along its source's bottom edge (see {@link handleAt}), from {@link outsBySource}. */
export function handleOf(outs: ReadonlyMap<string, readonly Out[]>, from: string, handle: string): number {
  const list = outs.get(from) ?? [];
  return handleAt(list.findIndex((o) => o.id === handle), list.length);
}
