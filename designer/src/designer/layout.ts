/**
 * Layout on request ("Sắp xếp lại"): elkjs's layered algorithm, top-down, keeping the file's
 * order of steps where it can (stable pictures). elk also places the edge labels: each label is
 * given its chip's size and becomes a box of its own in the layout (`elk.edgeLabels.placement`
 * CENTER), so no label covers a node or another label; the arrows are routed through fixed
 * ports where the graph draws its handles (one per action along a node's bottom, the entry on
 * top), and drawn along elk's route. elkjs is large (about 1.4 MB), so it is imported only when
 * an author asks for a layout.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import { NODE_HEIGHT, NODE_WIDTH, type FlowGraph } from '../lib/flow-graph';
import { CHIP_HEIGHT, chipText, chipWidth, handleOf, outsBySource } from './labels';

export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  /**
   * The arrows, each with its label's size and, when known, where its handle sits along the
   * source's bottom edge (a fraction of the width; the middle otherwise).
   */
  edges: { id: string; from: string; to: string; label: string; labelWidth: number; labelHeight?: number; handleAt?: number }[];
}

/** A box: top-left corner and size. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where elk put everything. */
export interface LayoutResult {
  /** Top-left positions of the nodes. */
  nodes: Map<string, { x: number; y: number }>;
  /** Each labelled arrow's label box (top-left and size). */
  labels: Map<string, Box>;
  /** Each arrow's route, from its source handle to its target's entry. */
  routes: Map<string, { x: number; y: number }[]>;
}

/** A label's height when the caller gives none: the chips' one line. */
const LABEL_HEIGHT = 20;

export async function elkLayout(input: LayoutInput): Promise<LayoutResult> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ids = new Set(input.nodes.map((n) => n.id));
  const size = new Map(input.nodes.map((n) => [n.id, n]));
  const edges = input.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const outPorts = new Map<string, { id: string; x: number }[]>();
  for (const e of edges) {
    const w = size.get(e.from)?.width ?? 0;
    const list = outPorts.get(e.from) ?? [];
    list.push({ id: `${e.id}#out`, x: w * (e.handleAt ?? 0.5) });
    outPorts.set(e.from, list);
  }
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.edgeLabel': '6',
      'elk.spacing.edgeNode': '16',
      'elk.spacing.edgeEdge': '12',
      'elk.layered.spacing.edgeNodeBetweenLayers': '16',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.edgeRouting': 'ORTHOGONAL',
    },
    children: input.nodes.map((n) => ({
      id: n.id,
      width: n.width,
      height: n.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        { id: `${n.id}#in`, x: n.width / 2, y: 0, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } },
        ...(outPorts.get(n.id) ?? []).map((p) => ({ id: p.id, x: p.x, y: n.height - 1, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'SOUTH' } })),
      ],
    })),
    edges: edges.map((e) => ({
      id: e.id,
      sources: [`${e.id}#out`],
      targets: [`${e.to}#in`],
      labels: e.label ? [{ id: `${e.id}#label`, text: e.label, width: e.labelWidth, height: e.labelHeight ?? LABEL_HEIGHT }] : [],
    })),
  };
  const out = await elk.layout(graph);
  const labels = new Map<string, Box>();
  const routes = new Map<string, { x: number; y: number }[]>();
  for (const e of out.edges ?? []) {
    const label = e.labels?.[0];
    if (label) labels.set(e.id, { x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? LABEL_HEIGHT });
    const points = (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
    if (points.length) routes.set(e.id, points.map((p) => ({ x: p.x, y: p.y })));
  }
  return { nodes: new Map((out.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }])), labels, routes };
}

/** True when two boxes share any area (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The layout's input for a flow graph: its nodes, and its drawn arrows with their chips' sizes and handles. */
export function layoutInput(graph: FlowGraph): LayoutInput {
  const outs = outsBySource(graph.edges);
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: graph.edges.filter((e) => !e.broken).map((e) => {
      const text = chipText(e.label);
      return { id: e.id, from: e.from, to: e.to, label: text, labelWidth: chipWidth(text), labelHeight: CHIP_HEIGHT, handleAt: handleOf(outs, e.from, e.handle) };
    }),
  };
}
