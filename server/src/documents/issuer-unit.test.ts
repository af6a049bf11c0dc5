import { describe, expect, it } from 'vitest';
import { issuerUnit, type UnitNode } from './issuer-unit';

const UNITS: UnitNode[] = [
  { id: 'vn', name: 'Bộ', level: 'ministry' },
  { id: 'hn', name: 'Hà Nội', level: 'province', parent: 'vn' },
  { id: 'hk', name: 'Hoàn Kiếm', level: 'commune', parent: 'hn' },
  // A broken tree: a cycle must not hang the consumer.
  { id: 'x', level: 'commune', parent: 'y' },
  { id: 'y', level: 'commune', parent: 'x' },
];

describe('issuerUnit', () => {
  it('is the case unit without a level or at its own level', () => {
    expect(issuerUnit(UNITS, 'hk', undefined).id).toBe('hk');
    expect(issuerUnit(UNITS, 'hk', 'commune').id).toBe('hk');
  });
  it('walks up to the ancestor at the issuer level', () => {
    expect(issuerUnit(UNITS, 'hk', 'province')).toMatchObject({ id: 'hn', name: 'Hà Nội' });
    expect(issuerUnit(UNITS, 'hk', 'ministry').id).toBe('vn');
  });
  it('falls back to the case unit when no ancestor has the level, a cycle included, or the unit is unknown', () => {
    expect(issuerUnit(UNITS, 'x', 'province').id).toBe('x');
    expect(issuerUnit(UNITS, 'nowhere', 'province')).toEqual({ id: 'nowhere' });
  });
});
