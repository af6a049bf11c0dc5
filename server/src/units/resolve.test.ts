/**
 * Checking a plan against units, without a database: each mistake is named with its code and
 * the plan path it is about; codes resolve by the day that matters; the directory after the
 * plan is what the cases will be routed by.
 */
import { describe, expect, it } from 'vitest';
import { RefusalError } from 'motcua/engine';
import { parsePlan, type ReorgPlan } from './plan';
import { resolvePlan, type UnitRecord } from './resolve';

const u = (id: string, level: UnitRecord['level'], parent: string | null, code: string | null, valid_to: string | null = null): UnitRecord => ({ id, name: id.toUpperCase(), level, parent, code, valid_from: null, valid_to });
const UNITS: UnitRecord[] = [
  u('p1', 'province', null, '01'),
  u('p2', 'province', null, '02'),
  u('a', 'commune', 'p1', '00001'),
  u('b', 'commune', 'p1', '00002'),
  u('c', 'commune', 'p1', '00003'),
  u('d', 'commune', 'p2', '00004'),
  u('old', 'commune', 'p1', '00009', '2020-12-31'),
];
const plan = (p: Partial<ReorgPlan>): ReorgPlan => ({ id: 'p', effective: '2025-07-01', ...p });

function problems(p: Partial<ReorgPlan>): { code: string; path: string }[] {
  const r = resolvePlan(plan(p), UNITS);
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(({ code, path }) => ({ code, path: path ?? '' }));
}

describe('resolvePlan', () => {
  it('merges by id or by code, ends the merged units the day before, and moves the communes of a merged province', () => {
    const r = resolvePlan(plan({ merge: [{ into: 'a', from: ['00002', 'c'] }, { into: 'p1', from: ['p2'] }] }), UNITS);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.resolution.lastDay).toBe('2025-06-30');
    expect(r.resolution.endings.map((e) => [e.unit.id, e.into])).toEqual([['b', ['a']], ['c', ['a']], ['p2', ['p1']]]);
    expect(r.resolution.after.get('b')?.valid_to).toBe('2025-06-30');
    expect(r.resolution.after.get('d')?.parent).toBe('p1');
    expect(r.resolution.changes.map((c) => c.after.id)).toEqual(['d']);
  });

  it('routes a split case by a CEL rule, then a field mapping (without case or diacritics), else leaves it to an officer', () => {
    const r = resolvePlan(plan({ split: [{ from: 'c', into: ['a', 'b'], rules: [{ when: 'data.address.street == "Đội Cấn"', to: 'a' }, { field: 'address.group', map: { 'Tổ 3': 'b' } }] }] }), UNITS);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const route = r.resolution.endings[0]!.route;
    expect(route({ id: '1', unit: 'c', data: { address: { street: 'Đội Cấn' } } })).toBe('a');
    expect(route({ id: '2', unit: 'c', data: { address: { street: 'Kim Mã', group: 'TO 3' } } })).toBe('b');
    expect(route({ id: '3', unit: 'c', data: {} })).toBeUndefined();
  });

  it('names unknown units, ambiguous codes, units not in force, and units ended twice', () => {
    expect(problems({ merge: [{ into: 'a', from: ['nope', '99999'] }] })).toEqual([
      { code: 'E_PLAN_UNKNOWN_UNIT', path: 'merge[0].from[0]' },
      { code: 'E_PLAN_UNKNOWN_UNIT', path: 'merge[0].from[1]' },
    ]);
    expect(problems({ merge: [{ into: 'a', from: ['old'] }] })).toEqual([{ code: 'E_PLAN_UNIT_NOT_IN_FORCE', path: 'merge[0].from[0]' }]);
    expect(problems({ merge: [{ into: 'a', from: ['b'] }], split: [{ from: 'b', into: ['a', 'c'] }] })).toEqual([{ code: 'E_PLAN_UNIT_TWICE', path: 'split[0].from' }]);
    const twins = [...UNITS, u('twin', 'commune', 'p1', '00001')];
    const r = resolvePlan(plan({ merge: [{ into: 'b', from: ['00001'] }] }), twins);
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(['E_PLAN_AMBIGUOUS_CODE']);
  });

  it('refuses a code held twice on the same days, a successor that ends, a level mismatch, a split province with communes, a bad rule', () => {
    expect(problems({ create: [{ id: 'n', name: 'N', level: 'commune', parent: 'p1', code: '00001' }] })).toEqual([{ code: 'E_PLAN_VALIDITY_OVERLAP', path: 'create[0].code' }]);
    // The same code is fine once its former holder ends the day before.
    expect(resolvePlan(plan({ create: [{ id: 'n', name: 'N', level: 'commune', parent: 'p1', code: '00001' }], merge: [{ into: 'n', from: ['a'] }] }), UNITS).ok).toBe(true);
    expect(problems({ merge: [{ into: 'a', from: ['b'] }, { into: 'c', from: ['a'] }] })).toEqual([{ code: 'E_PLAN_TARGET_ENDS', path: 'merge[0]' }]);
    expect(problems({ merge: [{ into: 'p1', from: ['a'] }] })).toEqual([{ code: 'E_PLAN_LEVEL_MISMATCH', path: 'merge[0].from[0]' }]);
    expect(problems({ split: [{ from: 'p2', into: ['p1', 'p1'] }] })).toEqual([{ code: 'E_PLAN_UNIT_TWICE', path: 'split[0].into' }]);
    expect(problems({ create: [{ id: 'p3', name: 'P3', level: 'province' }], split: [{ from: 'p2', into: ['p1', 'p3'] }] })).toEqual([{ code: 'E_PLAN_SPLIT_HAS_CHILDREN', path: 'split[0].from' }]);
    expect(problems({ split: [{ from: 'c', into: ['a', 'b'], rules: [{ when: 'data.(', to: 'a' }, { field: 'x', map: { y: 'd' } }], officersTo: 'd' }] })).toEqual([
      { code: 'E_PLAN_BAD_RULE', path: 'split[0].rules[0].when' },
      { code: 'E_PLAN_NOT_A_SUCCESSOR', path: 'split[0].rules[1].map.y' },
      { code: 'E_PLAN_NOT_A_SUCCESSOR', path: 'split[0].officersTo' },
    ]);
    expect(problems({ move: [{ unit: 'a', parent: 'b' }] })).toEqual([{ code: 'E_PLAN_LEVEL_MISMATCH', path: 'move[0]' }]);
  });

  it('renames and moves in place, keeping what the unit was', () => {
    const r = resolvePlan(plan({ rename: [{ unit: 'a', name: 'Xã Mới', code: '00100' }], move: [{ unit: 'b', parent: 'p2' }] }), UNITS);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.resolution.changes.map((c) => [c.before.name, c.after.name, c.before.parent, c.after.parent])).toEqual([['A', 'Xã Mới', 'p1', 'p1'], ['B', 'B', 'p1', 'p2']]);
  });
});

describe('parsePlan', () => {
  it('refuses a plan of the wrong shape with 400 E_PLAN_INVALID and each path', () => {
    try {
      parsePlan({ id: 'Bad Id', effective: '2025-02-30', merge: [{ into: 'a' }], extra: 1 });
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(RefusalError);
      const err = e as RefusalError;
      expect(err).toMatchObject({ code: 'E_PLAN_INVALID', status: 400 });
      expect(err.problems.map((p) => p.path).sort()).toEqual(['effective', 'extra', 'id', 'merge.0.from']);
    }
  });

  it('takes the dates YAML parses as Date objects', () => {
    expect(parsePlan({ id: 'p', effective: new Date('2025-07-01T00:00:00Z') }).effective).toBe('2025-07-01');
  });
});
