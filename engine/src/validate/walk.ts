import type { DocPath } from '../parse/source-document';

/** A loosely-typed view of a record: semantic checks also run on files with schema errors. */
export type Loose = Record<string, unknown>;

export function isRecord(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** One step found anywhere in a procedure, nested parallel branches included. */
export interface StepSite {
  step: Loose;
  id: string | undefined;
  kind: string | undefined;
  path: DocPath;
  /** 'top', or `<parallel id>/<branch>` for steps inside a parallel branch. */
  scope: string;
  /** The parallel step that owns this branch, if any. */
  parent: StepSite | undefined;
}

/** One `to`-like reference from a step. */
export interface Edge {
  target: string;
  path: DocPath;
}

/** Every step of a procedure, depth-first in file order. */
export function walkSteps(procedure: Loose): StepSite[] {
  const out: StepSite[] = [];
  const visit = (steps: unknown, base: DocPath, scope: string, parent: StepSite | undefined, depth: number): void => {
    if (depth > 16) return;
    list(steps).forEach((raw, i) => {
      if (!isRecord(raw)) return;
      const site: StepSite = { step: raw, id: str(raw.id), kind: str(raw.kind), path: [...base, i], scope, parent };
      out.push(site);
      if (site.kind === 'parallel' && isRecord(raw.branches)) {
        for (const [name, branch] of Object.entries(raw.branches)) {
          visit(branch, [...site.path, 'branches', name], `${site.id ?? i}/${name}`, site, depth + 1);
        }
      }
    });
  };
  visit(procedure.steps, ['steps'], 'top', undefined, 0);
  return out;
}

/** The targets a step names: action `to`s, `to`, `onFail`, branch `to`s, `otherwise`. */
export function edgesOf(site: StepSite): Edge[] {
  const s = site.step;
  const edges: Edge[] = [];
  const add = (v: unknown, path: DocPath): void => {
    if (typeof v === 'string') edges.push({ target: v, path });
  };
  switch (site.kind) {
    case 'task':
      if (isRecord(s.actions)) {
        for (const [name, action] of Object.entries(s.actions)) {
          if (isRecord(action)) add(action.to, [...site.path, 'actions', name, 'to']);
        }
      }
      break;
    case 'choice':
      list(s.branches).forEach((b, i) => {
        if (isRecord(b)) add(b.to, [...site.path, 'branches', i, 'to']);
      });
      add(s.otherwise, [...site.path, 'otherwise']);
      break;
    case 'procedure':
      add(s.to, [...site.path, 'to']);
      add(s.onFail, [...site.path, 'onFail']);
      break;
    case undefined:
    default:
      add(s.to, [...site.path, 'to']);
  }
  return edges;
}

/** The first step of each branch of a parallel step. */
export function branchEntries(sites: readonly StepSite[], parallel: StepSite): StepSite[] {
  return sites.filter((s) => s.parent === parallel && s.path[s.path.length - 1] === 0);
}

/** Scope -> step id -> the first step with that id in the scope. */
export function scopeIndex(sites: readonly StepSite[]): Map<string, Map<string, StepSite>> {
  const byScope = new Map<string, Map<string, StepSite>>();
  for (const s of sites) {
    if (s.id === undefined) continue;
    let m = byScope.get(s.scope);
    if (!m) {
      m = new Map<string, StepSite>();
      byScope.set(s.scope, m);
    }
    if (!m.has(s.id)) m.set(s.id, s);
  }
  return byScope;
}
