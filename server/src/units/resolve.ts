/**
 * What a plan means against the units of a database: each unit it names found (by id, or by
 * code among the units in force on the day that matters), every rule checked, and the unit
 * directory as it will be once the plan is applied. Pure: units in, a resolution or the list
 * of problems out, each with the plan path it is about and a hint.
 */
import { compileExpression, createExpressionEnv, type Evaluator, type Problem } from 'motcua/engine';
import { foldVietnamese } from '../procedures/search-text';
import { dayBefore, type PlanNewUnit, type ReorgPlan, type SplitRule } from './plan';
import { unitInForce as inForce, type UnitRecord } from './unit-record';

export type { UnitRecord } from './unit-record';

/** A unit the plan ends, and where what it held goes. */
export interface Ending {
  unit: UnitRecord;
  kind: 'merged' | 'split';
  /** Its successors, in plan order. */
  into: string[];
  /** The plan path of the operation (`merge[0]`, `split[2]`), for problems. */
  path: string;
  officersTo: string;
  extend?: number;
  /** For a split: the case's successor by rule, or undefined when an officer must decide. */
  route: (c: CaseFacts) => string | undefined;
  decisions: Record<string, string>;
}

/** What a split rule may read of a case. */
export interface CaseFacts {
  id: string;
  data: unknown;
  unit: string;
  submittedAt?: string;
  channel?: string;
}

export interface Resolution {
  plan: ReorgPlan;
  /** The last day of the units that end. */
  lastDay: string;
  /** New units; `adopted` when the catalogue had already seeded it unchanged (only its validity starts). */
  created: { unit: UnitRecord; adopted: boolean }[];
  endings: Ending[];
  /** Renames and moves (explicit, and the children of a merged province), with the unit as it was. */
  changes: { before: UnitRecord; after: UnitRecord; path: string }[];
  /** Every unit as it will be once applied. */
  after: Map<string, UnitRecord>;
}

const CODE = /^[0-9]{2}([0-9]{3})?$/;


/** Resolves `plan` against `units`; returns the resolution, or every problem found. */
export function resolvePlan(plan: ReorgPlan, units: readonly UnitRecord[]): { ok: true; resolution: Resolution } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const byId = new Map(units.map((u) => [u.id, u]));
  const effective = plan.effective;
  const lastDay = dayBefore(effective);
  const after = new Map(units.map((u) => [u.id, { ...u }]));

  // New units first: later operations may name them.
  const created: Resolution['created'] = [];
  const createdIds = new Set<string>();
  (plan.create ?? []).forEach((n, i) => {
    const path = `create[${i}]`;
    const unit: UnitRecord = { id: n.id, name: n.name, level: n.level, parent: n.parent ?? null, code: n.code ?? null, valid_from: effective, valid_to: null };
    const existing = byId.get(n.id);
    if (createdIds.has(n.id)) return void problems.push({ code: 'E_PLAN_UNIT_TWICE', message: `${path}: unit '${n.id}' is created twice`, path: `${path}.id`, hint: 'Create each unit once.' });
    if (existing && !sameUnit(existing, n)) {
      return void problems.push({ code: 'E_PLAN_UNIT_EXISTS', message: `${path}: unit '${n.id}' already exists (${existing.name})`, path: `${path}.id`, hint: 'Give the new unit another id, or rename the existing one with `rename`.' });
    }
    createdIds.add(n.id);
    created.push({ unit, adopted: existing !== undefined });
    after.set(n.id, unit);
  });

  /** A unit named by id or code, in force on `day` (created units count from `effective`). */
  const find = (ref: string, path: string, day: string): UnitRecord | undefined => {
    const unit = after.get(ref);
    if (unit) {
      const before = createdIds.has(ref) ? unit : byId.get(ref) ?? unit;
      if (!inForce(before, day)) {
        problems.push({ code: 'E_PLAN_UNIT_NOT_IN_FORCE', message: `${path}: unit '${ref}' (${before.name}) is not in force on ${day} (valid ${before.valid_from ?? '…'} to ${before.valid_to ?? '…'})`, path, hint: 'Name a unit that exists on that day; a unit that already ended cannot end again.' });
        return undefined;
      }
      return unit;
    }
    if (CODE.test(ref)) {
      const matches = [...after.values()].filter((u) => u.code === ref && inForce(createdIds.has(u.id) ? u : byId.get(u.id) ?? u, day));
      if (matches.length === 1) return matches[0];
      if (matches.length > 1) {
        problems.push({ code: 'E_PLAN_AMBIGUOUS_CODE', message: `${path}: code ${ref} names ${matches.length} units in force on ${day}: ${matches.map((m) => `${m.id} (${m.name})`).join(', ')}`, path, hint: 'Name the unit by its id.' });
        return undefined;
      }
    }
    problems.push({ code: 'E_PLAN_UNKNOWN_UNIT', message: `${path}: no unit '${ref}'${CODE.test(ref) ? ` (by id or by code in force on ${day})` : ''}`, path, hint: 'Name a unit by its id (GET /api/admin/units) or its statistics-office code.' });
    return undefined;
  };

  created.forEach(({ unit }, i) => {
    if (unit.level === 'province' && unit.parent) problems.push({ code: 'E_PLAN_BAD_PARENT', message: `create[${i}]: a province has no parent`, path: `create[${i}].parent`, hint: 'Remove parent.' });
    if (unit.level === 'commune') {
      const parent = unit.parent ? find(unit.parent, `create[${i}].parent`, effective) : undefined;
      if (!unit.parent) problems.push({ code: 'E_REQUIRED', message: `create[${i}]: a commune needs its province (parent)`, path: `create[${i}].parent`, hint: 'Give the id of its province.' });
      else if (parent && parent.level !== 'province') problems.push({ code: 'E_PLAN_BAD_PARENT', message: `create[${i}]: parent '${parent.id}' is not a province`, path: `create[${i}].parent`, hint: 'A commune belongs to a province.' });
    }
  });

  const ended = new Map<string, Ending>();
  const end = (unit: UnitRecord, e: Omit<Ending, 'unit'>, path: string): void => {
    const twice = ended.get(unit.id);
    if (twice) return void problems.push({ code: 'E_PLAN_UNIT_TWICE', message: `${path}: unit '${unit.id}' already ends in ${twice.path}`, path, hint: 'A unit ends once: list it in one merge or split.' });
    ended.set(unit.id, { unit, ...e });
  };

  (plan.merge ?? []).forEach((m, i) => {
    const path = `merge[${i}]`;
    const into = find(m.into, `${path}.into`, effective);
    m.from.forEach((ref, j) => {
      const from = find(ref, `${path}.from[${j}]`, lastDay);
      if (!from || !into) return;
      if (from.id === into.id) return void problems.push({ code: 'E_PLAN_MERGE_INTO_ITSELF', message: `${path}.from[${j}]: '${from.id}' is also the unit it merges into`, path: `${path}.from[${j}]`, hint: 'A unit merged into another ends; the one that stays is `into` only.' });
      if (from.level !== into.level) return void problems.push({ code: 'E_PLAN_LEVEL_MISMATCH', message: `${path}.from[${j}]: '${from.id}' is a ${from.level}, '${into.id}' a ${into.level}`, path: `${path}.from[${j}]`, hint: 'Merge communes into a commune and provinces into a province.' });
      end(from, { kind: 'merged', into: [into.id], path, officersTo: into.id, ...(m.extend ? { extend: m.extend } : {}), route: () => into.id, decisions: {} }, `${path}.from[${j}]`);
    });
  });

  (plan.split ?? []).forEach((s, i) => {
    const path = `split[${i}]`;
    const from = find(s.from, `${path}.from`, lastDay);
    const into = s.into.map((ref, k) => find(ref, `${path}.into[${k}]`, effective));
    if (!from || into.some((u) => !u)) return;
    const targets = into as UnitRecord[];
    const ids = targets.map((u) => u.id);
    if (new Set(ids).size !== ids.length) return void problems.push({ code: 'E_PLAN_UNIT_TWICE', message: `${path}.into names a unit twice`, path: `${path}.into`, hint: 'List each successor once.' });
    if (ids.includes(from.id)) return void problems.push({ code: 'E_PLAN_MERGE_INTO_ITSELF', message: `${path}: '${from.id}' cannot be its own successor`, path: `${path}.into`, hint: 'A split unit ends; name the units that succeed it.' });
    const bad = targets.find((u) => u.level !== from.level);
    if (bad) return void problems.push({ code: 'E_PLAN_LEVEL_MISMATCH', message: `${path}: '${bad.id}' is a ${bad.level}, '${from.id}' a ${from.level}`, path: `${path}.into`, hint: 'Split a commune into communes.' });
    const children = [...after.values()].filter((u) => u.parent === from.id && inForce(u, effective));
    if (children.length) {
      return void problems.push({ code: 'E_PLAN_SPLIT_HAS_CHILDREN', message: `${path}: '${from.id}' still has ${children.length} unit(s) under it (${children.slice(0, 3).map((c) => c.id).join(', ')}${children.length > 3 ? ', ...' : ''})`, path: `${path}.from`, hint: 'Move its communes to their new province first (`move`).' });
    }
    const successor = (ref: string, p: string): string | undefined => {
      const u = find(ref, p, effective);
      if (u && !ids.includes(u.id)) {
        problems.push({ code: 'E_PLAN_NOT_A_SUCCESSOR', message: `${p}: '${u.id}' is not one of the units '${from.id}' splits into (${ids.join(', ')})`, path: p, hint: 'Send cases and officers only to a unit listed in `into`.' });
        return undefined;
      }
      return u?.id;
    };
    const rules = (s.rules ?? []).map((r, k) => compileRule(r, `${path}.rules[${k}]`, successor, problems));
    const decisions: Record<string, string> = {};
    for (const [caseId, ref] of Object.entries(s.decisions ?? {})) {
      const to = successor(ref, `${path}.decisions.${caseId}`);
      if (to) decisions[caseId] = to;
    }
    const officersTo = s.officersTo === undefined ? ids[0]! : successor(s.officersTo, `${path}.officersTo`) ?? ids[0]!;
    const route = (c: CaseFacts): string | undefined => {
      for (const rule of rules) {
        const to = rule?.(c);
        if (to) return to;
      }
      return undefined;
    };
    end(from, { kind: 'split', into: ids, path, officersTo, ...(s.extend ? { extend: s.extend } : {}), route, decisions }, `${path}.from`);
  });

  // A successor cannot itself end: its cases would have nowhere to go.
  for (const e of ended.values()) {
    for (const to of e.into) {
      const gone = ended.get(to);
      if (gone) problems.push({ code: 'E_PLAN_TARGET_ENDS', message: `${e.path}: successor '${to}' itself ends in ${gone.path}`, path: e.path, hint: 'Send cases to a unit that stays.' });
    }
  }

  const changes: Resolution['changes'] = [];
  const change = (unit: UnitRecord, patch: Partial<UnitRecord>, path: string): void => {
    if (ended.has(unit.id)) return void problems.push({ code: 'E_PLAN_TARGET_ENDS', message: `${path}: '${unit.id}' ends in ${ended.get(unit.id)!.path}`, path, hint: 'Rename or move a unit that stays.' });
    const before = after.get(unit.id)!;
    const next = { ...before, ...patch };
    after.set(unit.id, next);
    changes.push({ before: { ...before }, after: next, path });
  };
  (plan.rename ?? []).forEach((r, i) => {
    const unit = find(r.unit, `rename[${i}].unit`, effective);
    if (unit) change(unit, { name: r.name, ...(r.code ? { code: r.code } : {}) }, `rename[${i}]`);
  });
  (plan.move ?? []).forEach((m, i) => {
    const unit = find(m.unit, `move[${i}].unit`, effective);
    const parent = find(m.parent, `move[${i}].parent`, effective);
    if (!unit || !parent) return;
    if (unit.level !== 'commune' || parent.level !== 'province') {
      return void problems.push({ code: 'E_PLAN_LEVEL_MISMATCH', message: `move[${i}]: only a commune moves, to a province ('${unit.id}' is a ${unit.level}, '${parent.id}' a ${parent.level})`, path: `move[${i}]`, hint: 'Move a commune to a province.' });
    }
    if (ended.has(parent.id)) return void problems.push({ code: 'E_PLAN_TARGET_ENDS', message: `move[${i}]: province '${parent.id}' ends in ${ended.get(parent.id)!.path}`, path: `move[${i}].parent`, hint: 'Move it to the province that stays.' });
    change(unit, { parent: parent.id, ...(m.code ? { code: m.code } : {}) }, `move[${i}]`);
  });
  // The communes of a merged province follow it.
  for (const e of ended.values()) {
    if (e.kind !== 'merged') continue;
    for (const child of [...after.values()].filter((u) => u.parent === e.unit.id && !ended.has(u.id) && inForce(u, effective))) {
      change(child, { parent: e.into[0]! }, `${e.path} (communes of ${e.unit.id})`);
    }
  }

  for (const e of ended.values()) after.set(e.unit.id, { ...after.get(e.unit.id)!, valid_to: lastDay });
  problems.push(...validityOverlaps(plan, created, changes, after));
  if (problems.length) return { ok: false, problems };
  return { ok: true, resolution: { plan, lastDay, created, endings: [...ended.values()], changes, after } };
}

function sameUnit(u: UnitRecord, n: PlanNewUnit): boolean {
  return u.name === n.name && u.level === n.level && (u.parent ?? null) === (n.parent ?? null) && (u.code ?? null) === (n.code ?? null) && u.valid_from === null && u.valid_to === null;
}

/**
 * A statistics-office code names one unit at a time: the units holding a code the plan
 * gives (a new unit's, a rename's, a move's) must not be in force on the same day.
 */
function validityOverlaps(plan: ReorgPlan, created: Resolution['created'], changes: Resolution['changes'], after: Map<string, UnitRecord>): Problem[] {
  const touched = new Map<string, string>();
  created.forEach(({ unit }) => {
    if (unit.code) touched.set(unit.code, `create[${(plan.create ?? []).findIndex((n) => n.id === unit.id)}].code`);
  });
  for (const c of changes) if (c.after.code && c.after.code !== c.before.code) touched.set(c.after.code, `${c.path}.code`);
  const problems: Problem[] = [];
  for (const [code, path] of touched) {
    const holders = [...after.values()].filter((u) => u.code === code);
    for (let a = 0; a < holders.length; a++) {
      for (let b = a + 1; b < holders.length; b++) {
        const x = holders[a]!;
        const y = holders[b]!;
        const overlap = (x.valid_from ?? '0000') <= (y.valid_to ?? '9999') && (y.valid_from ?? '0000') <= (x.valid_to ?? '9999');
        if (overlap) {
          problems.push({
            code: 'E_PLAN_VALIDITY_OVERLAP',
            message: `${path}: code ${code} would name both '${x.id}' (${x.valid_from ?? '…'} to ${x.valid_to ?? '…'}) and '${y.id}' (${y.valid_from ?? '…'} to ${y.valid_to ?? '…'}) on the same days`,
            path,
            hint: 'End the unit that held the code before (merge or split it), or give another code.',
          });
        }
      }
    }
  }
  return problems;
}

/** A split rule as a function of the case, or undefined (its problems recorded). */
function compileRule(rule: SplitRule, path: string, successor: (ref: string, path: string) => string | undefined, problems: Problem[]): ((c: CaseFacts) => string | undefined) | undefined {
  if ('when' in rule) {
    const to = successor(rule.to, `${path}.to`);
    let test: Evaluator;
    try {
      // Any procedure's data: the rule is checked against the shape of no one schema.
      test = compileExpression(createExpressionEnv({}), rule.when);
    } catch (err) {
      problems.push({ code: 'E_PLAN_BAD_RULE', message: `${path}.when: ${err instanceof Error ? err.message : String(err)}`, path: `${path}.when`, hint: 'Write a CEL expression on data (the case data) and case.unit, e.g. data.address.street == "Đội Cấn".' });
      return undefined;
    }
    return (c) => {
      try {
        return test({ data: c.data, case: { unit: c.unit, submittedAt: c.submittedAt ?? '', channel: c.channel ?? '' } }) === true ? to : undefined;
      } catch {
        return undefined; // a field the case lacks: the rule does not decide it
      }
    };
  }
  const map = new Map<string, string>();
  for (const [value, ref] of Object.entries(rule.map)) {
    const to = successor(ref, `${path}.map.${value}`);
    if (to) map.set(foldVietnamese(value), to);
  }
  const keys = rule.field.split('.');
  return (c) => {
    let v: unknown = c.data;
    for (const k of keys) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    return typeof v === 'string' || typeof v === 'number' ? map.get(foldVietnamese(String(v))) : undefined;
  };
}
