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
import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { i18next } from '../i18n';
import { roleEntry } from '../lib/catalogue-names';
import { NODE_HEIGHT, NODE_WIDTH, stepKindName, type FlowGraph, type FlowNode } from '../lib/flow-graph';
import { addAction, connect } from '../model/procedure-edits';
import type { YamlModel } from '../model/yaml-model';
import { CHIP_HEIGHT, chipText, chipWidth, handleAt, handleOf, outsBySource, placeLabels, type Out } from './labels';

/** What is selected in the designer. */
export type Selection = { kind: 'node'; id: string } | { kind: 'edge'; from: string; handle: string } | null;

export type Positions = Record<string, { x: number; y: number }>;


interface StepData extends Record<string, unknown> {
  node: FlowNode;
  outs: readonly Out[];
  addable: boolean;
  problems: number;
}

const NEW_ACTION = '__new';


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
        <Handle key={o.id} type="source" position={Position.Bottom} id={o.id} title={t('dragToConnect', { label: o.label })} style={{ left: `${handleAt(i, outs.length) * 100}%` }} className="ge-out" />
      ))}
      {addable ? <Handle type="source" position={Position.Right} id={NEW_ACTION} title={t('dragToAdd')} className="ge-add">+</Handle> : null}
    </div>
  );
});

interface ChipData extends Record<string, unknown> {
  text: string;
  /** elk's route for the arrow (from the last layout, while its two ends have not moved). */
  route?: { x: number; y: number }[];
  title: string;
  labelPos?: { x: number; y: number };
  back: boolean;
  selected: boolean;
  onPick: () => void;
}

function ChipEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, data }: EdgeProps<Edge<ChipData>>) {
  const [bezier, lx, ly] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const path = data?.route ? data.route.map((p, i) => `${i ? 'L' : 'M'} ${p.x} ${p.y}`).join(' ') : bezier;
  const pos = data?.labelPos ?? { x: lx, y: ly };
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} {...(style ? { style } : {})} />
      {data?.text ? (
        <EdgeLabelRenderer>
          <button type="button" className={`ge-chip nodrag nopan${data.back ? ' ge-chip-back' : ''}${data.selected ? ' ge-chip-selected' : ''}`} title={data.title} aria-pressed={data.selected} onClick={data.onPick} style={{ width: chipWidth(data.text), transform: `translate(-50%, -50%) translate(${pos.x}px, ${pos.y}px)` }}>
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
  /** The last automatic layout: its arrows' routes and labels are drawn while their ends stay where it put them. */
  laid?: Laid | null;
}

/** What elk placed on "Sắp xếp lại": node positions, arrows' routes and label boxes (layout.ts). */
export interface Laid {
  at: Positions;
  routes: ReadonlyMap<string, { x: number; y: number }[]>;
  labels: ReadonlyMap<string, { x: number; y: number; width: number; height: number }>;
}

const NO_OUTS: readonly Out[] = [];

/**
 * The node's data, the previous object when nothing in it changed: StepNode is memoised on its
 * props, so a drag, a selection or a new count elsewhere redraws only the nodes it concerns.
 */
function stepData(previous: StepData | undefined, node: FlowNode, outs: readonly Out[], addable: boolean, problems: number): StepData {
  if (previous && previous.node === node && previous.outs === outs && previous.addable === addable && previous.problems === problems) return previous;
  return { node, outs, addable, problems };
}

const samePlace = (a: { x: number; y: number } | undefined, b: { x: number; y: number }): boolean => a !== undefined && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;


export function GraphEditor({ model, graph, positions, onMove, selection, onSelect, problems, frozen, laid }: GraphEditorProps) {
  const { t } = useTranslation('graph');
  const posOf = (n: FlowNode): { x: number; y: number } => positions[n.id] ?? { x: n.x, y: n.y };

  // Each node's handles, from one pass over the edges per graph (not one pass per node).
  const outs = useMemo(() => outsBySource(graph.edges), [graph]);
  const dataCache = useRef(new Map<string, StepData>());

  const nodes = useMemo<Node<StepData>[]>(() => {
    const previous = dataCache.current;
    const next = new Map<string, StepData>();
    const list = graph.nodes.map((n) => {
      const data = stepData(previous.get(n.id), n, outs.get(n.id) ?? NO_OUTS, n.kind === 'task' && !frozen, problems.get(n.id) ?? 0);
      next.set(n.id, data);
      return {
        id: n.id,
        type: 'step',
        position: posOf(n),
        data,
        selected: selection?.kind === 'node' && selection.id === n.id,
        style: { width: NODE_WIDTH, height: NODE_HEIGHT },
        ariaLabel: `${stepKindName(n.kind)}: ${n.label}`,
      };
    });
    dataCache.current = next;
    return list;
  }, [graph, outs, positions, selection, problems, frozen]);

  const edges = useMemo<Edge<ChipData>[]>(() => {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const drawn = graph.edges.filter((e) => !e.broken);
    // Arrows whose ends are where the last layout put them follow elk's route and label box.
    const routed = new Map(drawn.flatMap((e) => {
      const a = byId.get(e.from);
      const b = byId.get(e.to);
      const route = laid?.routes.get(e.id);
      if (!laid || !a || !b || !route || !samePlace(laid.at[a.id], posOf(a)) || !samePlace(laid.at[b.id], posOf(b))) return [];
      const box = laid.labels.get(e.id);
      return [[e.id, { route, ...(box ? { label: { x: box.x + box.width / 2, y: box.y + box.height / 2 } } : {}) }] as const];
    }));
    const drawnById = new Map(drawn.map((e) => [e.id, e]));
    const fixed = [...routed].flatMap(([id, r]) => (r.label ? [{ id, ...r.label, width: chipWidth(chipText(drawnById.get(id)?.label ?? '')), height: CHIP_HEIGHT }] : []));
    // Other chips: centres from the same bezier the edge draws, then pushed apart so none overlap.
    const boxes = drawn.flatMap((e) => {
      const a = byId.get(e.from);
      const b = byId.get(e.to);
      if (!a || !b || routed.has(e.id)) return [];
      const pa = posOf(a);
      const pb = posOf(b);
      const [, x, y] = getBezierPath({ sourceX: pa.x + NODE_WIDTH * handleOf(outs, a.id, e.handle), sourceY: pa.y + NODE_HEIGHT, sourcePosition: Position.Bottom, targetX: pb.x + NODE_WIDTH / 2, targetY: pb.y, targetPosition: Position.Top });
      const text = chipText(e.label);
      return [{ id: e.id, x, y, width: chipWidth(text), height: CHIP_HEIGHT }];
    });
    const placed = placeLabels(boxes, fixed);
    return drawn.map((e) => {
      const isSelected = selection?.kind === 'edge' && selection.from === e.from && selection.handle === e.handle;
      const route = routed.get(e.id);
      const labelPos = route?.label ?? placed.get(e.id);
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
        data: { text: chipText(e.label), title: e.title, back: e.back, selected: isSelected, onPick: () => onSelect({ kind: 'edge', from: e.from, handle: e.handle }), ...(labelPos ? { labelPos } : {}), ...(route ? { route: route.route } : {}) },
        selected: isSelected,
      };
    });
  }, [graph, outs, positions, selection, onSelect, t, laid]);

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
    <div className="ge-canvas" aria-label={t('canvas')}>
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
