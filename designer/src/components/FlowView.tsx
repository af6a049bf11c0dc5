/** The procedure's flow drawn with @xyflow/react from the designer's own layered layout. */
import { Background, Controls, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_HEIGHT, NODE_WIDTH, stepKindName, type FlowGraph, type FlowNode } from '../lib/flow-graph';

export interface FlowViewProps {
  graph: FlowGraph;
  /** Steps the case is in now, highlighted (case pages). */
  active?: readonly string[];
  onPick?: (node: FlowNode) => void;
}

export function FlowView({ graph, active = [], onPick }: FlowViewProps) {
  const { t } = useTranslation();
  const nodes = useMemo<Node[]>(() => graph.nodes.map((n) => ({
    id: n.id,
    position: { x: n.x, y: n.y },
    data: {
      label: (
        <div className="flow-node-body">
          <span className="flow-kind">{stepKindName(n.kind)}</span>
          <strong>{n.label}</strong>
          <span className="flow-detail">{n.detail}</span>
        </div>
      ),
    },
    className: `flow-node flow-${n.kind}${active.includes(n.id) ? ' flow-active' : ''}`,
    style: { width: NODE_WIDTH, height: NODE_HEIGHT },
    connectable: false,
  })), [graph, active, t]);
  const edges = useMemo<Edge[]>(() => graph.edges.filter((e) => !e.broken).map((e) => ({
    id: e.id,
    source: e.from,
    target: e.to,
    label: e.label.length > 28 ? `${e.label.slice(0, 27)}…` : e.label,
    markerEnd: { type: MarkerType.ArrowClosed },
    // Bezier curves keep labels of parallel arrows apart; loops are dashed so the forward
    // path reads at a glance.
    type: 'default',
    ...(e.back ? { style: { strokeDasharray: '5 4', stroke: '#7d8790' }, labelStyle: { fill: '#5a6470' } } : {}),
    labelBgPadding: [4, 2] as [number, number],
  })), [graph]);
  return (
    // A group, not an image: the diagram holds controls (zoom, fit) that must stay reachable.
    <div className="flow" role="group" aria-label={t('flow.diagram', { steps: graph.nodes.map((n) => n.label).join(', ') })}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        nodesDraggable={false}
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, node) => {
          const hit = graph.nodes.find((n) => n.id === node.id);
          if (hit && onPick) onPick(hit);
        }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
