/**
 * Layout on request ("Sắp xếp lại"): elkjs's layered algorithm, top-down, keeping the file's
 * order of steps where it can (stable pictures), with room reserved for the edge chips. elkjs is
 * large (about 1.4 MB), so it is imported only when an author asks for a layout.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';

export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  edges: { id: string; from: string; to: string; label: string; labelWidth: number }[];
}

/** Top-left positions of the nodes. */
export async function elkLayout(input: LayoutInput): Promise<Map<string, { x: number; y: number }>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ids = new Set(input.nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '72',
      'elk.spacing.edgeLabel': '6',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.edgeLabels.placement': 'CENTER',
    },
    children: input.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: input.edges.filter((e) => ids.has(e.from) && ids.has(e.to)).map((e) => ({
      id: e.id,
      sources: [e.from],
      targets: [e.to],
      labels: [{ text: e.label, width: e.labelWidth, height: 20 }],
    })),
  };
  const out = await elk.layout(graph);
  return new Map((out.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}
