import { describe, expect, it } from 'vitest';
import type { Procedure } from 'motcua/engine';
import type { CaseEngine } from '../cases/engine-port';
import { ProcedureCatalogue, type CatalogueQuery } from './catalogue';
import { ProcedureRegistry } from './registry';
import { searchWords } from './search-text';

/** An engine whose compile refuses a procedure named "broken" (the catalogue lists it as such). */
const engine = {
  compile: (p: Procedure) => {
    if (p.name.vi.includes('hỏng')) throw new Error('does not compile');
    return p;
  },
} as unknown as CaseEngine;

function proc(code: string, vi: string, over: Partial<Procedure> = {}): Procedure {
  return {
    code,
    version: '1.0.0',
    name: { vi },
    sector: 'civil-status',
    level: 'commune',
    deadline: { value: 3, unit: 'working-day' },
    fees: [{ id: 'f', name: { vi: 'Lệ phí' }, amount: 5000 }, { id: 'g', name: { vi: 'Phí' }, amount: 9000, when: 'true' }],
    steps: [{ id: 'a', kind: 'task', role: 'civil-status-officer', actions: { ok: { to: 'done' } } }],
    outcomes: { done: { status: 'done' } },
    ...over,
  };
}

function catalogue(...ps: Procedure[]): { c: ProcedureCatalogue; registry: ProcedureRegistry } {
  const registry = new ProcedureRegistry(engine);
  registry.add(ps.map((procedure) => ({ file: `${procedure.code}.yaml`, procedure, diagnostics: [] })));
  return { c: new ProcedureCatalogue(registry), registry };
}

const all = (q: Partial<CatalogueQuery> = {}): CatalogueQuery => ({ limit: 100, offset: 0, ...q });
const codes = (c: ProcedureCatalogue, q: Partial<CatalogueQuery>): string[] => c.list(all(q), '2026-01-01').items.map((i) => i.code);

describe('searchWords', () => {
  it('makes common spellings of one word equal', () => {
    const key = (s: string): string => searchWords(s).join(' ');
    expect(key('Đăng ký')).toBe(key('dang ki'));
    expect(key('dang ky')).toBe(key('DANG KÍ'));
    expect(key('ddang ky')).toBe(key('đăng ký'));
    expect(key('Quy hoạch')).toBe(key('qui hoach'));
    expect(key('phường')).toBe(key('fuong'));
    expect(key('1.001193')).toBe('1.001193');
    expect(key('khai sinh')).not.toBe(key('khai tử'));
  });
});

describe('ProcedureCatalogue', () => {
  const { c, registry } = catalogue(
    proc('1.000001', 'Chứng thực bản sao', { sector: 'certification', steps: [{ id: 'a', kind: 'task', role: 'certification-officer', actions: { ok: { to: 'done' } } }] }),
    proc('1.000002', 'Thủ tục liên quan đăng ký khai sinh'),
    proc('1.000003', 'Đăng ký khai sinh'),
    proc('1.000004', 'Đăng ký kết hôn', { level: 'province' }),
    proc('1.000005', 'Thủ tục hỏng'),
    proc('2.000001', 'Khai sinh có yếu tố nước ngoài', { name: { vi: 'Khai sinh có yếu tố nước ngoài', en: 'Birth registration abroad' } }),
  );

  it('finds with or without diacritics and with i/y, title start first, then phrase, then words', () => {
    for (const q of ['đăng ký khai sinh', 'dang ky khai sinh', 'dang ki khai sinh', 'DANG KY KHAI']) expect(codes(c, { q }), q).toEqual(['1.000003', '1.000002']);
    expect(codes(c, { q: 'khai sinh' })).toEqual(['2.000001', '1.000002', '1.000003']);
    expect(codes(c, { q: 'birth' })).toEqual(['2.000001']);
    expect(codes(c, { q: 'zzz' })).toEqual([]);
    expect(codes(c, { q: '%' })).toEqual([]);
  });

  it('ranks a code match first and finds a code by its prefix', () => {
    expect(codes(c, { q: '1.00000' })).toEqual(['1.000001', '1.000002', '1.000003', '1.000004', '1.000005']);
    expect(codes(c, { q: '2.000001' })).toEqual(['2.000001']);
  });

  it('filters by sector, level and agency, and counts facets with the other filters', () => {
    expect(codes(c, { sector: 'certification' })).toEqual(['1.000001']);
    expect(codes(c, { level: 'province' })).toEqual(['1.000004']);
    expect(codes(c, { agency: 'certification-officer' })).toEqual(['1.000001']);
    const page = c.list(all({ q: 'dang ky', level: 'province' }), '2026-01-01');
    expect(page.total).toBe(1);
    expect(page.facets.level).toEqual([{ value: 'commune', count: 2 }, { value: 'province', count: 1 }]);
    expect(page.facets.sector).toEqual([{ value: 'civil-status', count: 1 }]);
  });

  it('pages with a total, lists broken ones as such, and sums only unconditional fees', () => {
    const page = c.list({ limit: 2, offset: 2 }, '2026-01-01');
    expect(page.total).toBe(6);
    expect(page.items.map((i) => i.code)).toEqual(['1.000003', '1.000004']);
    expect(page.items[0]).toMatchObject({ status: 'ok', open: true, baseFee: 5000, agencies: ['civil-status-officer'], versions: ['1.0.0'] });
    expect(codes(c, { status: 'broken' })).toEqual(['1.000005']);
    expect(codes(c, { open: true })).not.toContain('1.000005');
  });

  it('rebuilds its index when the registry changes, not before', () => {
    expect(codes(c, { q: 'ho chieu' })).toEqual([]);
    registry.add([{ file: 'x.yaml', procedure: proc('3.000001', 'Cấp hộ chiếu'), diagnostics: [] }]);
    expect(codes(c, { q: 'ho chieu' })).toEqual(['3.000001']);
    registry.setRetired('3.000001', '1.0.0', 1);
    expect(codes(c, { q: 'ho chieu', open: true })).toEqual([]);
  });
});
