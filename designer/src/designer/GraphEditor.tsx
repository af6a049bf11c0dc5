/**
 * The flow as an editable graph (@xyflow/react). Every change goes through the model's
 * commands: dragging from a step's handle (one per action, branch or `to`) onto another step
 * points that slot there; dragging from a task's "+" handle adds an action. Positions are the
 * view's own (kept per procedure in localStorage, never in the YAML) and change only when the
 * author drags or asks for a layout: the picture never jumps after an edit.
 */
import {
  BaseEdge, Background, Controls, EdgeLabelRenderer, getBezierPath, Handle, MarkerType, Position, ReactFlow,
  type Connection, type Edge, type EdgeProps, type FinalConnectionState, type Node, type NodeChange, type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { TFunction } from 'i18next';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18next } from '../i18n';
import { roleEntry } from '../lib/catalogue-names';
import { NODE_HEIGHT, NODE_WIDTH, stepKindName, type FlowEdge, type FlowGraph, type FlowNode } from '../lib/flow-graph';
import { addAction, connect } from '../model/procedure-edits';
import type { YamlModel } from '../model/yaml-model';
import { chipText, chipWidth, placeLabels } from './labels';

/** What is selected in the designer. */
export type Selection = { kind: 'node'; id: string } | { kind: 'edge'; from: string; handle: string } | null;

export type Positions = Record<string, { x: number; y: number }>;


interface StepData extends Record<string, unknown> {
  node: FlowNode;
  outs: { id: string; label: string }[];
  addable: boolean;
  problems: number;
}

const NEW_ACTION = '__new';

/** Where handle `i` of `n` sits along the bottom edge, as a fraction of the width. */
const handleAt = (i: number, n: number): number => (i + 1) / (n + 1);

/**
 * What a node says under its title: a task's role by its catalogue name and the level it works
 * at (never the role's id), else the node's own detail.
 */
export function nodeDetail(node: FlowNode, t: TFunction<'graph'>, language: string): string {
  if (node.kind !== 'task') return node.detail;
  if (!node.role) return t('roleMissing');
  const entry = roleEntry(node.role.id);
  if (!entry) return t('roleUnknown', { id: node.role.id });
  const name = language === 'en' ? (entry.name.en ?? entry.name.vi) : entry.name.vi;
  const level = node.role.level ?? (entry.levels?.length === 1 ? entry.levels[0] : undefined);
  return level ? t('role', { name, level: t(`level.${level}`, { defaultValue: level }) }) : name;
}

const StepNode = memo(function StepNode({ data, selected }: NodeProps<Node<StepData>>) {
  const { node, outs, addable, problems } = data;
  const { t, i18n } = useTranslation('graph');
  const detail = nodeDetail(node, t, i18n.language);
  return (
    <div className={`ge-node ge-${node.kind}${selected ? ' ge-selected' : ''}`} aria-label={`${stepKindName(node.kind)}: ${node.label}`}>
      <Handle type="target" position={Position.Top} id="in" className="ge-in" />
      <span className="ge-kind">{stepKindName(node.kind)}{problems > 0 ? <span className="ge-problem" title={i18next.t('designer:problems.count', { count: problems })}>{problems}</span> : null}</span>
      <strong className="ge-label" title={node.label}>{node.label}</strong>
      <span className="ge-detail" title={detail}>{detail || '\u00a0'}</span>
      {outs.map((o, i) => (
        <Handle key={o.id} type="source" position={Position.Bottom} id={o.id} title={`Kéo để nối «${o.label}» tới bước khác`} style={{ left: `${handleAt(i, outs.length) * 100}%` }} className="ge-out" />
      ))}
      {addable ? <Handle type="source" position={Position.Right} id={NEW_ACTION} title="Kéo tới một bước để thêm thao tác mới" className="ge-add">+</Handle> : null}
    </div>
  );
});

interface ChipData extends Record<string, unknown> {
  text: string;
  title: string;
  labelPos?: { x: number; y: number };
  back: boolean;
  selected: boolean;
  onPick: () => void;
}

function ChipEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, data }: EdgeProps<Edge<ChipData>>) {
  const [path, lx, ly] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const pos = data?.labelPos ?? { x: lx, y: ly };
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} {...(style ? { style } : {})} />
      {data?.text ? (
        <EdgeLabelRenderer>
          <button type="button" className={`ge-chip nodrag nopan${data.back ? ' ge-chip-back' : ''}${data.selected ? ' ge-chip-selected' : ''}`} title={data.title} aria-pressed={data.selected} onClick={data.onPick} style={{ transform: `translate(-50%, -50%) translate(${pos.x}px, ${pos.y}px)` }}>
            {data.text}
          </button>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

const nodeTypes = { step: StepNode };
const edgeTypes = { chip: ChipEdge };

export interface GraphEditorProps {
  model: YamlModel;
  graph: FlowGraph;
  positions: Positions;
  onMove: (id: string, pos: { x: number; y: number }) => void;
  selection: Selection;
  onSelect: (s: Selection) => void;
  /** Errors per node id, shown as a red count on the node. */
  problems: ReadonlyMap<string, number>;
  /** Frozen (YAML does not parse): nothing can be edited. */
  frozen: boolean;
}

/** Outgoing handles of a node: one per edge that has a slot (and parallel branch entries). */
function outsOf(id: string, edges: readonly FlowEdge[]): { id: string; label: string }[] {
  return edges.filter((e) => e.from === id).map((e) => ({ id: e.handle, label: e.title }));
}

export function GraphEditor({ model, graph, positions, onMove, selection, onSelect, problems, frozen }: GraphEditorProps) {
  const { t } = useTranslation('graph');
  const posOf = (n: FlowNode): { x: number; y: number } => positions[n.id] ?? { x: n.x, y: n.y };

  const nodes = useMemo<Node<StepData>[]>(() => graph.nodes.map((n) => ({
    id: n.id,
    type: 'step',
    position: posOf(n),
    data: { node: n, outs: outsOf(n.id, graph.edges), addable: n.kind === 'task' && !frozen, problems: problems.get(n.id) ?? 0 },
    selected: selection?.kind === 'node' && selection.id === n.id,
    style: { width: NODE_WIDTH, height: NODE_HEIGHT },
    ariaLabel: `${stepKindName(n.kind)}: ${n.label}`,
  })), [graph, positions, selection, problems, frozen]);

  const edges = useMemo<Edge<ChipData>[]>(() => {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const drawn = graph.edges.filter((e) => !e.broken);
    // Chip centres from the same bezier the edge draws, then pushed apart so none overlap.
    const boxes = drawn.flatMap((e) => {
      const a = byId.get(e.from);
      const b = byId.get(e.to);
      if (!a || !b) return [];
      const outs = outsOf(a.id, graph.edges);
      const i = outs.findIndex((o) => o.id === e.handle);
      const pa = posOf(a);
      const pb = posOf(b);
      const [, x, y] = getBezierPath({ sourceX: pa.x + NODE_WIDTH * handleAt(i, outs.length), sourceY: pa.y + NODE_HEIGHT, sourcePosition: Position.Bottom, targetX: pb.x + NODE_WIDTH / 2, targetY: pb.y, targetPosition: Position.Top });
      const text = chipText(e.label);
      return [{ id: e.id, x, y, width: chipWidth(text), height: 20 }];
    });
    const placed = placeLabels(boxes);
    return drawn.map((e) => {
      const isSelected = selection?.kind === 'edge' && selection.from === e.from && selection.handle === e.handle;
      const labelPos = placed.get(e.id);
      return {
        id: e.id,
        source: e.from,
        target: e.to,
        sourceHandle: e.handle,
        targetHandle: 'in',
        type: 'chip',
        ariaLabel: t('edge', { label: e.title, from: byId.get(e.from)?.label ?? e.from, to: byId.get(e.to)?.label ?? e.to }),
        markerEnd: { type: MarkerType.ArrowClosed, color: e.back ? '#7d8790' : '#3b4651' },
        style: { stroke: isSelected ? '#0b4f8a' : e.back ? '#7d8790' : '#3b4651', strokeWidth: isSelected ? 2.5 : 1.4, ...(e.back ? { strokeDasharray: '5 4' } : {}) },
        data: { text: chipText(e.label), title: e.title, back: e.back, selected: isSelected, onPick: () => onSelect({ kind: 'edge', from: e.from, handle: e.handle }), ...(labelPos ? { labelPos } : {}) },
        selected: isSelected,
      };
    });
  }, [graph, positions, selection, onSelect, t]);

  const onConnect = (c: Connection): void => {
    if (frozen || !c.source || !c.target || c.source === c.target && c.sourceHandle === NEW_ACTION) return;
    if (c.sourceHandle === NEW_ACTION) {
      const name = addAction(model, c.source, c.target, 'action');
      onSelect({ kind: 'edge', from: c.source, handle: name });
      return;
    }
    const edge = graph.edges.find((e) => e.from === c.source && e.handle === c.sourceHandle);
    if (edge?.slot) connect(model, edge.slot, c.target);
  };

  // Dropping a connection anywhere on a step (not only on its small target handle) connects.
  const onConnectEnd = (event: MouseEvent | TouchEvent, state: FinalConnectionState): void => {
    if (frozen || state.isValid || !state.fromNode || !state.fromHandle) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    if (!point) return;
    const hit = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node');
    const target = hit?.getAttribute('data-id');
    if (target && graph.nodes.some((n) => n.id === target)) onConnect({ source: state.fromNode.id, sourceHandle: state.fromHandle.id ?? null, target, targetHandle: 'in' });
  };

  const onNodesChange = (changes: NodeChange<Node<StepData>>[]): void => {
    for (const ch of changes) if (ch.type === 'position' && ch.position) onMove(ch.id, ch.position);
  };

  return (
    <div className="ge-canvas" aria-label="Sơ đồ quy trình: chọn một bước để sửa; kéo từ chấm dưới bước để nối">
      <ReactFlow<Node<StepData>, Edge<ChipData>>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onNodeClick={(_, n) => onSelect({ kind: 'node', id: n.id })}
        onEdgeClick={(_, e) => {
          const hit = graph.edges.find((g) => g.id === e.id);
          if (hit) onSelect({ kind: 'edge', from: hit.from, handle: hit.handle });
        }}
        onPaneClick={() => onSelect(null)}
        nodesDraggable={!frozen}
        nodesConnectable={!frozen}
        deleteKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} color="#e3e7eb" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
