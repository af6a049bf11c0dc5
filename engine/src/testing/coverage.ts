import type { CompiledProcedure } from '../compile';
import type { CaseState } from '../runtime';
import { flowGraphOf, type FlowEdge, type FlowGraph } from './flow';
import { loopErase, pathKey, simplePaths } from './paths';

/** What the scenarios of one procedure exercised, against what it has. */
export interface ProcedureCoverage {
  code: string;
  version: string;
  file?: string;
  steps: { covered: string[]; all: string[] };
  /** `step.action` of every task action. */
  actions: { covered: string[]; all: string[] };
  outcomes: { covered: string[]; all: string[] };
  /** Simple paths from submission to an outcome that some case followed (loops erased). */
  paths: { covered: number; all: number };
  /** (covered steps + actions + outcomes) / (all of them), 0-100. */
  percent: number;
}

interface Tally {
  compiled: CompiledProcedure;
  graph: FlowGraph;
  steps: Set<string>;
  actions: Set<string>;
  outcomes: Set<string>;
  walks: Map<object, FlowEdge[]>;
  file: string | undefined;
}

/**
 * Counts, per procedure version, the steps entered, the task actions taken and the outcomes
 * reached by every simulated case, and the walk each case took through the flow so that the
 * simple paths it followed can be told apart from those no scenario exercises.
 */
export class CoverageRecorder {
  readonly #tallies = new Map<string, Tally>();

  /** Registers a procedure so that it is reported even when no case of it ran. */
  track(compiled: CompiledProcedure, file?: string): void {
    const t = this.#tally(compiled, file);
    t.file ??= file;
  }

  #tally(compiled: CompiledProcedure, file?: string): Tally {
    const key = `${compiled.procedure.code}@${compiled.procedure.version}`;
    let t = this.#tallies.get(key);
    if (!t) {
      t = { compiled, graph: flowGraphOf(compiled), steps: new Set(), actions: new Set(), outcomes: new Set(), walks: new Map(), file };
      this.#tallies.set(key, t);
    }
    return t;
  }

  /** Records one transition of a case (`caseKey` tells cases apart; `before` is undefined at submission). */
  record(caseKey: object, compiled: CompiledProcedure, before: CaseState | undefined, after: CaseState, act: { step: string; action: string } | undefined): void {
    const t = this.#tally(compiled);
    const entered = enteredSteps(before, after);
    for (const id of entered) t.steps.add(id);
    if (act) t.actions.add(`${act.step}.${act.action}`);
    if (after.outcome) t.outcomes.add(after.outcome);
    const walk = t.walks.get(caseKey) ?? [];
    t.walks.set(caseKey, walk);
    const topOf = (id: string): string => compiled.graph.steps.get(id)?.parallel?.step ?? id;
    let cur = before ? before.active.map(topOf)[0] : t.graph.initial;
    if (cur === undefined) return;
    const remaining = new Set(entered.map(topOf));
    remaining.delete(cur);
    if (after.outcome && !before?.outcome) remaining.add(after.outcome);
    while (remaining.size > 0) {
      const from: string = cur;
      const options = t.graph.edges.filter((e) => e.from === from && remaining.has(e.to));
      const edge = options.find((e) => act !== undefined && e.action === act.action && e.step === act.step) ?? options.find((e) => e.kind !== 'action' || act === undefined) ?? options[0];
      if (!edge) break;
      walk.push(edge);
      remaining.delete(edge.to);
      cur = edge.to;
    }
  }

  /** The coverage of every procedure seen, sorted by code. */
  report(): ProcedureCoverage[] {
    return [...this.#tallies.values()]
      .map((t) => summarise(this.#withBase(t)))
      .sort((a, b) => a.code.localeCompare(b.code) || a.version.localeCompare(b.version));
  }

  /**
   * A province's overlay runs its national version's flow unchanged (only fees, agency,
   * addresses and optional components differ): what the national scenarios exercised counts
   * for the overlay too, so an overlay's scenarios test what the province changed, not the
   * whole flow again.
   */
  #withBase(t: Tally): Tally {
    const origin = t.compiled.procedure.overlay;
    const base = origin && this.#tallies.get(`${origin.base.code}@${origin.base.version}`);
    if (!base) return t;
    const union = <T>(a: Set<T>, b: Set<T>): Set<T> => new Set([...a, ...b]);
    return { ...t, steps: union(t.steps, base.steps), actions: union(t.actions, base.actions), outcomes: union(t.outcomes, base.outcomes), walks: new Map([...base.walks, ...t.walks]) };
  }

  /** The path keys (see `pathKey`) each procedure's cases followed. */
  followedPaths(code: string): Set<string> {
    const out = new Set<string>();
    for (const t of this.#tallies.values()) {
      if (t.compiled.procedure.code !== code) continue;
      for (const walk of t.walks.values()) out.add(pathKey(loopErase(walk, t.graph.initial)));
    }
    return out;
  }
}

/** Steps whose run started during the transition (a new run, or a finished run started again). */
function enteredSteps(before: CaseState | undefined, after: CaseState): string[] {
  const out: string[] = [];
  for (const [id, run] of Object.entries(after.steps)) {
    const prev = before?.steps[id];
    if (!prev || prev.startedAt !== run.startedAt || (prev.finishedAt !== undefined && run.finishedAt === undefined) || prev.finishedAt !== run.finishedAt) {
      out.push(id);
    }
  }
  return out;
}

function summarise(t: Tally): ProcedureCoverage {
  const { procedure, graph } = t.compiled;
  const allSteps = [...graph.steps.keys()];
  const allActions = [...graph.steps.values()].flatMap((p) => (p.step.kind === 'task' ? Object.keys(p.step.actions).map((a) => `${p.step.id}.${a}`) : []));
  const allOutcomes = [...graph.outcomes.keys()];
  const paths = simplePaths(t.graph);
  const followed = new Set([...t.walks.values()].map((w) => pathKey(loopErase(w, t.graph.initial))));
  const coveredPaths = paths.filter((p) => followed.has(pathKey(p.edges))).length;
  const pick = (all: string[], seen: Set<string>) => ({ covered: all.filter((x) => seen.has(x)), all });
  const steps = pick(allSteps, t.steps);
  const actions = pick(allActions, t.actions);
  const outcomes = pick(allOutcomes, t.outcomes);
  const total = allSteps.length + allActions.length + allOutcomes.length;
  const covered = steps.covered.length + actions.covered.length + outcomes.covered.length;
  const file = t.file;
  return {
    code: procedure.code,
    version: procedure.version,
    ...(file ? { file } : {}),
    steps,
    actions,
    outcomes,
    paths: { covered: coveredPaths, all: paths.length },
    percent: total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10,
  };
}

/** The coverage table `motcua test --coverage` prints, with a legend saying what each figure counts. */
export function formatCoverage(report: readonly ProcedureCoverage[]): string {
  const rows = report.map((r) => [
    `${r.code}@${r.version}`,
    `${r.steps.covered.length}/${r.steps.all.length}`,
    `${r.actions.covered.length}/${r.actions.all.length}`,
    `${r.outcomes.covered.length}/${r.outcomes.all.length}`,
    `${r.percent}%`,
    `${r.paths.covered}/${r.paths.all}`,
    `${r.paths.all === 0 ? 100 : Math.floor((r.paths.covered / r.paths.all) * 1000) / 10}%`,
  ]);
  // Two different measures, each with its own percentage: "paths 4/6 ... 100%" read as a contradiction.
  const head = ['procedure', 'steps', 'actions', 'outcomes', 'elements', 'paths', 'paths%'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const out = [line(head), ...rows.map(line)];
  for (const r of report) {
    const missed = [
      ...r.steps.all.filter((s) => !r.steps.covered.includes(s)).map((s) => `step ${s}`),
      ...r.actions.all.filter((s) => !r.actions.covered.includes(s)).map((s) => `action ${s}`),
      ...r.outcomes.all.filter((s) => !r.outcomes.covered.includes(s)).map((s) => `outcome ${s}`),
    ];
    if (missed.length) out.push(`  ${r.code}: not exercised: ${missed.join(', ')}`);
    const unfollowed = r.paths.all - r.paths.covered;
    if (unfollowed > 0) out.push(`  ${r.code}: ${unfollowed} path(s) no scenario follows (\`motcua paths ${r.code}\` lists them; \`motcua test --scaffold ${r.code}\` drafts them)`);
  }
  out.push(
    '',
    'elements: the steps, actions and outcomes the scenarios exercise, together (what --min-coverage checks)',
    'paths: the simple paths from submission to an outcome (no step twice, loops not unrolled) that a scenario follows from start to end',
  );
  return out.join('\n');
}
