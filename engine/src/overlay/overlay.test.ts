import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import type { OverlayFile, Procedure } from '../model/procedure';
import { diffProcedures } from '../publish';
import { submitCase } from '../runtime';
import { APPLICANT, birthData, birthProcedure, envAt } from '../runtime/fixtures';
import { overlayStanding, selectBaseVersion } from './base';
import { checkOverridable, resolveOverlay } from './resolve';

const national = (over: Partial<Procedure> = {}): Procedure =>
  birthProcedure({
    agency: { vi: 'Ủy ban nhân dân cấp xã' },
    overridable: { 'fees.copies.amount': { min: 5000, max: 20000 }, agency: true, addresses: true, components: { add: 'optional' } },
    ...over,
  });

const overlay = (overrides: OverlayFile['overrides'], over: Partial<OverlayFile> = {}): OverlayFile => ({
  code: '9.000100-ha-noi',
  version: '1.0.0',
  extends: { code: '9.000100', version: '^1.0.0' },
  scope: { province: 'ha-noi' },
  overrides,
  ...over,
});

describe('resolveOverlay', () => {
  it('applies each override the base allows and keeps the rest of the national procedure', () => {
    const base = national();
    const { procedure, problems } = resolveOverlay(
      overlay({
        'fees.copies.amount': 12000,
        agency: { vi: 'UBND phường Ba Đình' },
        addresses: [{ name: { vi: 'Một cửa phường' }, address: '1 Phố Mẫu' }],
        components: [{ id: 'survey', name: { vi: 'Phiếu khảo sát' } }],
      }, { legalBasis: [{ doc: '01/2026/NQ-HĐND' }] }),
      base,
    );
    expect(problems).toEqual([]);
    expect(procedure?.code).toBe('9.000100-ha-noi');
    expect(procedure?.fees?.find((f) => f.id === 'copies')?.amount).toBe(12000);
    expect(procedure?.fees?.find((f) => f.id === 'late')).toEqual(base.fees?.find((f) => f.id === 'late'));
    expect(procedure?.agency).toEqual({ vi: 'UBND phường Ba Đình' });
    expect(procedure?.components?.at(-1)).toMatchObject({ id: 'survey', required: false });
    expect(procedure?.steps).toEqual(base.steps);
    expect(procedure?.deadline).toEqual(base.deadline);
    expect(procedure?.overridable).toBeUndefined();
    expect(procedure?.overlay).toEqual({ base: { code: '9.000100', version: '1.0.0' }, range: '^1.0.0', scope: { province: 'ha-noi' } });
    expect(procedure?.legalBasis?.at(-1)).toEqual({ doc: '01/2026/NQ-HĐND' });
    // The base is not changed by the merge.
    expect(base.fees?.find((f) => f.id === 'copies')?.amount).toBe(8000);
  });

  it('refuses what the base does not mark overridable, amounts out of bounds and replaced components', () => {
    const r = resolveOverlay(
      overlay({ 'fees.late.amount': 1, 'fees.nope.amount': 1, 'fees.copies.amount': 50000, components: [{ id: 'request-form', name: { vi: 'x' } }] }),
      national(),
    );
    expect(r.procedure).toBeUndefined();
    expect(r.problems.map((p) => [p.code, p.path.join('/')])).toEqual([
      ['E_OVERLAY_NOT_OVERRIDABLE', 'overrides/fees.late.amount'],
      ['E_OVERLAY_NOT_OVERRIDABLE', 'overrides/fees.nope.amount'],
      ['E_OVERLAY_OUT_OF_BOUNDS', 'overrides/fees.copies.amount'],
      ['E_OVERLAY_NOT_OVERRIDABLE', 'overrides/components/0/id'],
    ]);
    expect(r.problems[1]?.message).toContain("has no fee 'nope'");
    expect(r.problems[0]?.hint).toContain('fees.copies.amount (5000..20000 VND)');
    // Exactly at the bounds is allowed.
    expect(resolveOverlay(overlay({ 'fees.copies.amount': 20000 }), national()).problems).toEqual([]);
    expect(resolveOverlay(overlay({ 'fees.copies.amount': 5000 }), national()).problems).toEqual([]);
    expect(resolveOverlay(overlay({ 'fees.copies.amount': 4999 }), national()).problems.map((p) => p.code)).toEqual(['E_OVERLAY_OUT_OF_BOUNDS']);
  });

  it('does not build on an overlay', () => {
    const first = resolveOverlay(overlay({ agency: { vi: 'A' } }), national()).procedure!;
    expect(resolveOverlay(overlay({}, { code: 'x' }), first).problems.map((p) => p.code)).toEqual(['E_OVERLAY_UNKNOWN_BASE']);
  });

  it('files a case of the overlay with the overlay fee', () => {
    const p = resolveOverlay(overlay({ 'fees.copies.amount': 10000 }), national()).procedure!;
    const env = envAt('2026-02-12T09:00');
    const data = { ...birthData(), extraCopies: 2 };
    const base = submitCase(compileProcedure(national()), { data, uploads: ['request-form'], actor: APPLICANT }, env).state;
    const local = submitCase(compileProcedure(p), { data, uploads: ['request-form'], actor: APPLICANT }, env).state;
    expect(base.fees.total).toBe(16000);
    expect(local.fees.total).toBe(20000);
    expect(local.procedure).toEqual({ code: '9.000100-ha-noi', version: '1.0.0' });
  });

  it('is what the semantic diff of overlay and base shows', () => {
    const base = national();
    const p = resolveOverlay(overlay({ 'fees.copies.amount': 10000, agency: { vi: 'B' }, components: [{ id: 'survey', name: { vi: 'S' } }] }), base).procedure!;
    const lines = diffProcedures(base, p).changes.map((c) => `${c.kind} ${c.area} ${c.path}`);
    expect(lines).toEqual(['changed procedure agency', 'added component components.survey', 'changed fee fees.copies']);
  });
});

describe('checkOverridable', () => {
  it('finds bounds on an unknown fee and bounds that exclude the national amount', () => {
    expect(checkOverridable(national())).toEqual([]);
    const bad = national({ overridable: { 'fees.x.amount': {}, 'fees.copies.amount': { min: 9000 }, 'fees.late.amount': { min: 10, max: 1 } } });
    expect(checkOverridable(bad).map((p) => [p.code, p.path[1]])).toEqual([
      ['E_OVERRIDABLE_INVALID', 'fees.x.amount'],
      ['E_OVERRIDABLE_INVALID', 'fees.copies.amount'],
      ['E_OVERRIDABLE_INVALID', 'fees.late.amount'],
    ]);
  });
});

describe('base versions', () => {
  it('selects an exact version or the newest in a range, and says when a newer one exists', () => {
    const versions = ['1.0.0', '1.2.0', '2.0.0'];
    expect(selectBaseVersion(versions, '1.0.0')).toBe('1.0.0');
    expect(selectBaseVersion(versions, '^1.0.0')).toBe('1.2.0');
    expect(selectBaseVersion(versions, '3.0.0')).toBeUndefined();
    expect(selectBaseVersion(versions, 'not a range')).toBeUndefined();
    expect(overlayStanding('1.2.0', versions)).toEqual({ builtOn: '1.2.0', latest: '2.0.0', stale: true });
    expect(overlayStanding('2.0.0', versions)).toEqual({ builtOn: '2.0.0', latest: '2.0.0', stale: false });
  });
});
