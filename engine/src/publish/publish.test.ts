import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import type { Procedure, Step } from '../model/procedure';
import { submitCase } from '../runtime';
import { APPLICANT, birthData, birthProcedure, envAt } from '../runtime/fixtures';
import { diffProcedures, formatDiff } from './diff';
import { checkMigrationPlan, migrateCase, type MigrationPlan } from './migrate';

const rename = (p: Procedure, from: string, to: string): Step[] =>
  p.steps.map((s) => {
    const t = s as Step & { actions?: Record<string, { to: string }>; to?: string };
    const actions = t.actions && Object.fromEntries(Object.entries(t.actions).map(([k, a]) => [k, a.to === from ? { ...a, to } : a]));
    return { ...t, ...(t.id === from ? { id: to } : {}), ...(actions ? { actions } : {}), ...(t.to === from ? { to } : {}) };
  }).map((s) => (s.kind === 'choice' ? { ...s, otherwise: s.otherwise === from ? to : s.otherwise } : s));

describe('diffProcedures', () => {
  it('names what changed in the format terms, and nothing when nothing did', () => {
    const a = birthProcedure();
    expect(diffProcedures(a, structuredClone(a)).changes).toEqual([]);
    const schema = structuredClone(a.data!.schema) as { properties: Record<string, unknown>; required: string[] };
    schema.properties.purpose = { type: 'string' };
    schema.required.push('purpose');
    const b = birthProcedure({
      version: '1.1.0',
      deadline: { value: 5, unit: 'working-day' },
      fees: a.fees!.filter((f) => f.id !== 'copies').map((f) => (f.id === 'late' ? { ...f, amount: 7000 } : f)),
      components: [...a.components!, { id: 'photo', name: { vi: 'Ảnh' }, required: false }],
      data: { ...a.data!, schema },
      steps: rename(a, 'sign', 'decide'),
    });
    const lines = diffProcedures(a, b).changes.map((c) => `${c.kind} ${c.area} ${c.path}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'changed deadline deadline',
        'removed step steps.sign',
        'added step steps.decide',
        'changed action steps.verify.actions.approve',
        'added field data.purpose',
        'added component components.photo',
        'changed fee fees.late',
        'removed fee fees.copies',
      ]),
    );
    expect(lines.some((l) => l.includes('steps.verify.actions.reject'))).toBe(false);
    expect(formatDiff(diffProcedures(a, b)).find((l) => l.startsWith('~ fee fees.late'))).toMatch(/5000.* -> .*7000/);
  });

  it('a new procedure is all added', () => {
    const d = diffProcedures(undefined, birthProcedure());
    expect(d.from).toBeUndefined();
    expect(d.changes.every((c) => c.kind === 'added')).toBe(true);
  });
});

describe('migrateCase', () => {
  const v1 = compileProcedure(birthProcedure());
  const v2proc = birthProcedure({ version: '1.1.0', steps: rename(birthProcedure(), 'verify', 'check'), deadline: { value: 5, unit: 'working-day' } });
  const v2 = compileProcedure(v2proc);
  const env = envAt('2026-02-12T09:00');
  const filed = submitCase(v1, { data: birthData(), uploads: ['request-form'], actor: APPLICANT }, env).state;
  const plan: MigrationPlan = { code: '9.000100', from: '1.0.0', to: '1.1.0', steps: { verify: 'check' }, deadline: 'keep' };

  it('moves a waiting case to the mapped step, keeping or recomputing its deadline', () => {
    expect(filed.active).toEqual(['verify']);
    const kept = migrateCase(v1, v2, filed, plan, env);
    expect(kept.ok && kept.state.active).toEqual(['check']);
    expect(kept.ok && kept.state.procedure.version).toBe('1.1.0');
    expect(kept.ok && kept.state.due).toBe(filed.due);
    const again = migrateCase(v1, v2, filed, { ...plan, deadline: 'recompute' }, env);
    expect(again.ok && Date.parse(again.state.due) > Date.parse(filed.due)).toBe(true);
    expect(filed.active).toEqual(['verify']);
  });

  it('says why a case cannot move', () => {
    expect(migrateCase(v1, v2, filed, { ...plan, steps: {} }, env)).toMatchObject({ ok: false, code: 'E_MIGRATION_STEP_MISSING' });
    expect(migrateCase(v1, v2, filed, { ...plan, from: '0.9.0' }, env)).toMatchObject({ ok: false, code: 'E_MIGRATION_WRONG_VERSION' });
    const strict = structuredClone(v2proc);
    (strict.data!.schema as { required: string[]; properties: Record<string, unknown> }).required.push('purpose');
    (strict.data!.schema as { properties: Record<string, unknown> }).properties.purpose = { type: 'string' };
    const v3 = compileProcedure(strict);
    expect(migrateCase(v1, v3, filed, plan, env)).toMatchObject({ ok: false, code: 'E_MIGRATION_DATA' });
    expect(migrateCase(v1, v3, filed, { ...plan, defaults: { purpose: 'x' } }, env)).toMatchObject({ ok: true });
    expect(checkMigrationPlan(v1, v2, { ...plan, steps: { verify: 'nope' } })).toEqual([{ path: 'steps.verify', message: "version 1.1.0 has no step 'nope'" }]);
  });
});
