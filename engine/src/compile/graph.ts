import { END, type Outcome, type Procedure, type Step } from '../model/procedure';

/** Where a step sits: at the top level, or inside a branch of a parallel step. */
export interface StepPlace {
  step: Step;
  /** JSON path of the step in the procedure, e.g. `steps[3].branches.police[0]`. */
  path: string;
  /** The enclosing parallel step and branch, for steps inside a parallel. */
  parallel?: { step: string; branch: string };
}

/** What a `to` names. */
export type TargetKind = 'step' | 'outcome' | 'end';

/**
 * The shape of a procedure's flow, indexed once at compile time: every step by id (nested ones
 * included), outcomes, and the edges between them. The runtime, the Mermaid export and the
 * path tools read it instead of walking the YAML again.
 */
export interface ProcedureGraph {
  steps: ReadonlyMap<string, StepPlace>;
  outcomes: ReadonlyMap<string, Outcome>;
  /** The top-level step that runs first. */
  initial: string;
  /** The outcome a WITHDRAW command leads to, when the procedure defines one. */
  withdrawOutcome: string | undefined;
  /** The outcome a failed child case leads to when its step has no `onFail`. */
  rejectOutcome: string | undefined;
  edges: GraphEdge[];
}

/** One arrow of the flow, labelled with what takes it. */
export interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

/** Classifies a `to` seen from a step (`end` is a target only inside a parallel branch). */
export function targetKind(graph: ProcedureGraph, to: string): TargetKind | undefined {
  if (graph.outcomes.has(to)) return 'outcome';
  if (graph.steps.has(to)) return 'step';
  if (to === END) return 'end';
  return undefined;
}

/** Indexes a procedure. Assumes it validated; unknown targets are reported by `compileProcedure`. */
export function buildGraph(procedure: Procedure): ProcedureGraph {
  const steps = new Map<string, StepPlace>();
  const edges: GraphEdge[] = [];
  const visit = (list: readonly Step[], base: string, parallel?: StepPlace['parallel']): void => {
    list.forEach((step, i) => {
      const path = `${base}[${i}]`;
      steps.set(step.id, parallel ? { step, path, parallel } : { step, path });
      for (const e of stepEdges(step)) edges.push({ from: step.id, ...e });
      if (step.kind === 'parallel') {
        for (const branch of Object.keys(step.branches)) {
          visit(step.branches[branch] ?? [], `${path}.branches.${branch}`, { step: step.id, branch });
        }
      }
    });
  };
  visit(procedure.steps, 'steps');
  const outcomes = new Map(Object.entries(procedure.outcomes));
  const byStatus = (status: Outcome['status']): string | undefined =>
    outcomes.has(status) && outcomes.get(status)?.status === status
      ? status
      : [...outcomes].find(([, o]) => o.status === status)?.[0];
  return {
    steps,
    outcomes,
    initial: procedure.steps[0]?.id ?? '',
    withdrawOutcome: byStatus('withdrawn'),
    rejectOutcome: byStatus('rejected'),
    edges,
  };
}

function stepEdges(step: Step): { to: string; label: string }[] {
  switch (step.kind) {
    case 'task':
      return Object.entries(step.actions).map(([action, spec]) => ({ to: spec.to, label: action }));
    case 'supplement':
      return [{ to: step.to, label: 'supplement' }];
    case 'payment':
      return [{ to: step.to, label: 'paid' }];
    case 'choice':
      return [
        ...step.branches.map((b) => ({ to: b.to, label: b.when })),
        { to: step.otherwise, label: 'otherwise' },
      ];
    case 'procedure':
      return [
        { to: step.to, label: 'child done' },
        ...(step.onFail ? [{ to: step.onFail, label: 'child failed' }] : []),
      ];
    case 'parallel':
      return [{ to: step.to, label: 'all branches done' }];
  }
}
