import { describe, expect, it } from 'vitest';
import type { Procedure } from 'motcua/engine';
import { buildFlowGraph, NODE_HEIGHT } from './flow-graph';

const procedure: Partial<Procedure> = {
  steps: [
    { id: 'check', kind: 'task', role: 'officer', actions: { approve: { to: 'sign' }, more: { to: 'supplement' }, reject: { to: 'rejected' } } },
    { id: 'supplement', kind: 'supplement', to: 'check' },
    { id: 'sign', kind: 'task', role: 'chair', actions: { sign: { to: 'consult' } } },
    { id: 'consult', kind: 'parallel', to: 'approved', branches: {
      police: [{ id: 'police-check', kind: 'task', role: 'police', actions: { done: { to: 'end' } } }],
    } },
    { id: 'orphan', kind: 'payment', to: 'approved' },
  ],
  outcomes: { approved: { status: 'done' }, rejected: { status: 'rejected' } },
};

describe('buildFlowGraph', () => {
  const g = buildFlowGraph(procedure);
  const node = (id: string) => g.nodes.find((n) => n.id === id)!;

  it('has a node per step (nested ones too) and per outcome', () => {
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['approved', 'check', 'consult', 'orphan', 'police-check', 'rejected', 'sign', 'supplement']);
    expect(node('police-check').path).toEqual(['steps', 3, 'branches', 'police', 0]);
  });

  it('layers breadth-first from the first step and puts outcomes last', () => {
    expect(node('check').layer).toBe(0);
    expect(node('sign').layer).toBe(1);
    expect(node('supplement').layer).toBe(1);
    expect(node('consult').layer).toBe(2);
    expect(node('police-check').layer).toBe(3);
    expect(node('orphan').layer).toBe(4);
    const last = Math.max(...g.nodes.filter((n) => n.kind !== 'outcome').map((n) => n.layer));
    expect(node('approved').layer).toBe(last + 1);
    expect(node('approved').y).toBe((last + 1) * (NODE_HEIGHT + 70));
  });

  it("gives tasks their role and level (the step's own, else the procedure's), never as text to show", () => {
    const leveled = buildFlowGraph({ ...procedure, level: 'commune', steps: [{ id: 'a', kind: 'task', role: 'officer', level: 'province', actions: { ok: { to: 'b' } } }, { id: 'b', kind: 'task', role: 'chair', actions: { ok: { to: 'end' } } }, { id: 'c', kind: 'task', actions: {} } as never] });
    const at = (id: string) => leveled.nodes.find((n) => n.id === id);
    expect(at('a')?.role).toEqual({ id: 'officer', level: 'province' });
    expect(at('b')?.role).toEqual({ id: 'chair', level: 'commune' });
    expect(at('c')?.role).toBeUndefined();
    expect(leveled.nodes.map((n) => n.detail)).not.toContain('officer');
  });

  it('marks loops as back edges', () => {
    expect(g.edges.filter((e) => e.back).map((e) => `${e.from}->${e.to}`)).toEqual(['supplement->check']);
  });

  it('joins a branch end to the parallel step target', () => {
    expect(g.edges.find((e) => e.from === 'police-check')?.to).toBe('approved');
  });

  it('never overlaps two nodes of a layer', () => {
    const l1 = g.nodes.filter((n) => n.layer === 1).map((n) => n.x).sort((a, b) => a - b);
    expect(l1).toHaveLength(2);
    expect(l1[1]! - l1[0]!).toBeGreaterThanOrEqual(210);
  });

  it('marks unknown targets broken and tolerates half-typed steps', () => {
    const bad = buildFlowGraph({ steps: [{ id: 'a', kind: 'task', role: 'r', actions: { go: { to: 'nowhere' } } }, {} as never], outcomes: {} });
    expect(bad.edges).toEqual([expect.objectContaining({ from: 'a', to: 'nowhere', broken: true })]);
    expect(buildFlowGraph({}).nodes).toEqual([]);
  });
});
