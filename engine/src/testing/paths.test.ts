import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowGraphOf, type FlowEdge, type FlowGraph } from './flow';
import { loadProcedure } from './load-procedure';
import { formatPath, loopErase, pathKey, simplePaths } from './paths';
import { scaffoldScenario } from './scaffold';
import { parseScenario } from './parse-scenario';

const fixture = resolve(__dirname, '../../../test/fixtures/scenarios/permit/9.900001-signboard-permit.yaml');
const { compiled, library } = loadProcedure(fixture);

describe('flowGraphOf', () => {
  it('reads top-level steps, outcomes, branch conditions and escapes from parallel branches off the machine', () => {
    const g = flowGraphOf(compiled);
    expect(g.initial).toBe('pay');
    expect(g.steps).toEqual(['pay', 'route', 'inspection', 'review', 'decide', 'supplement']);
    expect([...g.outcomes]).toEqual([['approved', 'done'], ['rejected', 'rejected'], ['withdrawn', 'withdrawn']]);
    expect(g.edges).toContainEqual({ from: 'route', to: 'inspection', kind: 'auto', label: 'data.needsInspection', step: 'route' });
    expect(g.edges).toContainEqual({ from: 'review', to: 'rejected', kind: 'action', label: 'reject', step: 'legal-check', action: 'reject' });
    expect(g.regions.get('review')?.map((r) => [r.branch, r.moves.map((m) => `${m.step ?? ''}.${m.label}`)])).toEqual([
      ['legal', ['legal-check.done']],
      ['technical', ['tech-check.done']],
    ]);
    expect(g.kinds.get('tech-check')).toEqual({ kind: 'task', role: 'technical-officer' });
  });
});

describe('simplePaths', () => {
  it('lists every path to each outcome without revisiting a step', () => {
    const g = flowGraphOf(compiled);
    const paths = simplePaths(g);
    expect(paths.map((p) => formatPath(p, g.initial))).toEqual([
      'submit → pay --pay--> route --data.needsInspection--> inspection --child done--> review --all branches done--> decide --approve--> approved',
      'submit → pay --pay--> route --data.needsInspection--> inspection --child done--> review --all branches done--> decide --reject--> rejected',
      'submit → pay --pay--> route --data.needsInspection--> inspection --child done--> review --legal-check.reject--> rejected',
      'submit → pay --pay--> route --data.needsInspection--> inspection --child failed--> rejected',
      'submit → pay --pay--> route --otherwise--> review --all branches done--> decide --approve--> approved',
      'submit → pay --pay--> route --otherwise--> review --all branches done--> decide --reject--> rejected',
      'submit → pay --pay--> route --otherwise--> review --legal-check.reject--> rejected',
      'submit → pay --applicant withdraws--> withdrawn',
    ]);
    for (const p of paths) {
      const nodes = [g.initial, ...p.edges.map((e) => e.to)];
      expect(new Set(nodes).size).toBe(nodes.length);
    }
  });

  it('stops at the limit on graphs with very many paths', () => {
    // A ladder of 20 two-way choices has 2^20 paths.
    const edges: FlowEdge[] = [];
    for (let i = 0; i < 20; i++) for (const label of ['a', 'b']) edges.push({ from: `s${i}`, to: `s${i + 1}`, kind: 'auto', label });
    edges.push({ from: 's20', to: 'done', kind: 'auto', label: 'otherwise' });
    const g: FlowGraph = { initial: 's0', steps: [], outcomes: new Map([['done', 'done']]), edges, regions: new Map(), kinds: new Map() };
    expect(simplePaths(g, { limit: 500 })).toHaveLength(500);
  });
});

describe('loopErase', () => {
  it('cuts the supplement loop out of a walk', () => {
    const e = (from: string, to: string, label = 'x'): FlowEdge => ({ from, to, kind: 'action', label });
    const walk = [e('pay', 'decide'), e('decide', 'supplement', 'request'), e('supplement', 'decide', 'supplement'), e('decide', 'approved', 'approve')];
    expect(pathKey(loopErase(walk, 'pay'))).toBe(pathKey([e('pay', 'decide'), e('decide', 'approved', 'approve')]));
  });
});

describe('scaffoldScenario', () => {
  it('writes a scenario file that parses, with one case per path and each path\'s commands', () => {
    const g = flowGraphOf(compiled);
    const text = scaffoldScenario(compiled, undefined, { resolve: (code) => (code === '9.900002' ? loadProcedure(resolve(fixture, '../../inspection/9.900002-site-inspection.yaml')).compiled : undefined) });
    const { scenario, diagnostics } = parseScenario(text, 'scaffold.test.yaml');
    expect(diagnostics).toEqual([]);
    expect(scenario?.cases).toHaveLength(simplePaths(g).length);
    const first = scenario?.cases[0]?.steps.map((s) => (s.kind === 'act' ? `${s.case ? `${s.case}:` : ''}${s.step}.${s.action}` : s.kind));
    expect(first).toEqual(['submit', 'pay', 'inspection:inspect.pass', 'legal-check.done', 'tech-check.done', 'decide.approve', 'check']);
    expect(scenario?.cases[0]?.steps.at(-1)?.expect).toEqual({ outcome: 'approved', status: 'done' });
    expect(library.procedures.has('9.900002')).toBe(true);
  });
});
