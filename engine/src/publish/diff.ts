/**
 * The semantic diff of two versions of a procedure: what a reviewer must look at, in the
 * format's own terms (steps, actions, fees, components, deadline, e-form fields) rather than
 * lines of YAML. Pure; the server's `GET /api/drafts/:id/diff` and `motcua diff A.yaml B.yaml`
 * both use it.
 */
import type { Procedure, Step } from '../model/procedure';

/** What part of the procedure a change is about. */
export const DIFF_AREAS = ['procedure', 'step', 'action', 'fee', 'component', 'deadline', 'field'] as const;
export type DiffArea = (typeof DIFF_AREAS)[number];

/** One change, discriminated on `kind`. `path` names the thing, e.g. `steps.verify.actions.approve`. */
export type DiffChange =
  | { kind: 'added'; area: DiffArea; path: string; after: unknown }
  | { kind: 'removed'; area: DiffArea; path: string; before: unknown }
  | { kind: 'changed'; area: DiffArea; path: string; before: unknown; after: unknown };

/** The diff from `from` (the version in force, when any) to `to`. */
export interface ProcedureDiff {
  from?: { code: string; version: string };
  to: { code: string; version: string };
  changes: DiffChange[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with sorted keys: equal values compare equal whatever their key order. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isRec(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

/** Compares two keyed collections and appends added / removed / changed entries. */
function compareKeyed(out: DiffChange[], area: DiffArea, prefix: string, a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): void {
  for (const [k, before] of a) {
    const path = `${prefix}${k}`;
    if (!b.has(k)) out.push({ kind: 'removed', area, path, before });
    else if (stable(before) !== stable(b.get(k))) out.push({ kind: 'changed', area, path, before, after: b.get(k) });
  }
  for (const [k, after] of b) if (!a.has(k)) out.push({ kind: 'added', area, path: `${prefix}${k}`, after });
}

/** Every step by id, nested parallel branches included. */
function stepsOf(p: Procedure | undefined): Map<string, Step> {
  const out = new Map<string, Step>();
  const visit = (steps: readonly Step[] | undefined): void => {
    for (const s of steps ?? []) {
      out.set(s.id, s);
      if (s.kind === 'parallel') for (const branch of Object.values(s.branches ?? {})) visit(branch);
    }
  };
  visit(p?.steps);
  return out;
}

/** A step without what is compared on its own (its actions, a parallel step's branches). */
function stepShape(s: Step): Rec {
  const { actions: _a, ...rest } = s as Step & { actions?: unknown };
  if (s.kind === 'parallel') {
    return { ...rest, branches: Object.fromEntries(Object.entries(s.branches ?? {}).map(([k, steps]) => [k, steps.map((x) => x.id)])) };
  }
  return rest;
}

/** The fields of a JSON Schema by dotted path (through `properties`), with `required` folded in. */
function fieldsOf(schema: unknown, prefix: string, out = new Map<string, unknown>()): Map<string, unknown> {
  if (!isRec(schema) || !isRec(schema.properties)) return out;
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  for (const [name, sub] of Object.entries(schema.properties)) {
    const path = `${prefix}${name}`;
    const { properties: _p, required: _r, ...own } = isRec(sub) ? sub : {};
    out.set(path, { ...own, ...(required.has(name) ? { required: true } : {}) });
    fieldsOf(sub, `${path}.`, out);
  }
  return out;
}

function byId<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((i) => [i.id, i]));
}

/**
 * What changed from `a` to `b` (`a` absent: a new procedure, everything is added). Entries are
 * ordered by area: procedure facts, deadline, steps, actions, fields, components, fees.
 */
export function diffProcedures(a: Procedure | undefined, b: Procedure): ProcedureDiff {
  const out: DiffChange[] = [];
  const meta = (p: Procedure | undefined): Map<string, unknown> => {
    const m = new Map<string, unknown>();
    if (!p) return m;
    for (const k of ['name', 'effective', 'sector', 'level', 'calendar', 'payment', 'suspension', 'applicants', 'legalBasis', 'outcomes', 'linked', 'agency', 'addresses'] as const) {
      if (p[k as keyof Procedure] !== undefined) m.set(k, p[k as keyof Procedure]);
    }
    return m;
  };
  compareKeyed(out, 'procedure', '', meta(a), meta(b));
  compareKeyed(out, 'deadline', '', new Map(a?.deadline ? [['deadline', a.deadline]] : []), new Map(b.deadline ? [['deadline', b.deadline]] : []));

  const sa = stepsOf(a);
  const sb = stepsOf(b);
  compareKeyed(out, 'step', 'steps.', new Map([...sa].map(([k, s]) => [k, stepShape(s)])), new Map([...sb].map(([k, s]) => [k, stepShape(s)])));
  const actions = (steps: Map<string, Step>): Map<string, unknown> => {
    const m = new Map<string, unknown>();
    for (const [id, s] of steps) if (s.kind === 'task') for (const [name, act] of Object.entries(s.actions ?? {})) m.set(`${id}.actions.${name}`, act);
    return m;
  };
  compareKeyed(out, 'action', 'steps.', actions(sa), actions(sb));

  const forms = (p: Procedure | undefined, steps: Map<string, Step>): Map<string, unknown> => {
    const m = fieldsOf(p?.data?.schema, 'data.');
    for (const [id, s] of steps) {
      if (s.kind !== 'task') continue;
      for (const [name, act] of Object.entries(s.actions ?? {})) fieldsOf((act as { form?: unknown }).form, `steps.${id}.actions.${name}.form.`, m);
    }
    return m;
  };
  compareKeyed(out, 'field', '', forms(a, sa), forms(b, sb));
  compareKeyed(out, 'component', 'components.', byId(a?.components), byId(b.components));
  compareKeyed(out, 'fee', 'fees.', byId(a?.fees), byId(b.fees));
  return { ...(a ? { from: { code: a.code, version: a.version } } : {}), to: { code: b.code, version: b.version }, changes: out };
}

/** One line per change, for a terminal: `+ step steps.sign`, `~ fee fees.copy-fee: amount 8000 -> 10000`. */
export function formatDiff(diff: ProcedureDiff): string[] {
  const mark = { added: '+', removed: '-', changed: '~' } as const;
  const short = (v: unknown): string => {
    const s = stable(v);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
  };
  return diff.changes.map((c) =>
    c.kind === 'changed' ? `${mark[c.kind]} ${c.area} ${c.path}: ${short(c.before)} -> ${short(c.after)}` : `${mark[c.kind]} ${c.area} ${c.path}${c.kind === 'added' ? `: ${short(c.after)}` : ''}`,
  );
}
