import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldVietnamese, searchProcedures } from './text';

const items = [
  { code: '2.000884', name: { vi: 'Chứng thực chữ ký', en: 'Certification of a signature' }, sector: 'certification' },
  { code: '1.001193', name: { vi: 'Đăng ký khai sinh', en: 'Birth registration' }, sector: 'civil-status' },
  { code: '1.000656', name: { vi: 'Đăng ký khai tử', en: 'Death registration' }, sector: 'civil-status' },
];

describe('foldVietnamese', () => {
  it('removes diacritics and folds đ', () => {
    expect(foldVietnamese('  Đăng  ký KHAI sinh ')).toBe('dang ky khai sinh');
    expect(foldVietnamese('Chứng thực bản sao')).toBe('chung thuc ban sao');
  });
  it('is idempotent and never longer than its input', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const once = foldVietnamese(s);
      expect(foldVietnamese(once)).toBe(once);
    }));
  });
});

describe('searchProcedures', () => {
  it('finds by name without diacritics', () => {
    expect(searchProcedures(items, 'dang ky khai sinh').map((i) => i.code)).toEqual(['1.001193']);
  });
  it('finds by name with diacritics and by English name', () => {
    expect(searchProcedures(items, 'khai tử').map((i) => i.code)).toEqual(['1.000656']);
    expect(searchProcedures(items, 'birth').map((i) => i.code)).toEqual(['1.001193']);
  });
  it('ranks a code prefix first and needs every word', () => {
    expect(searchProcedures(items, '1.00').map((i) => i.code)).toEqual(['1.001193', '1.000656']);
    expect(searchProcedures(items, 'dang ky chung')).toEqual([]);
  });
  it('returns everything for an empty query', () => {
    expect(searchProcedures(items, '  ')).toHaveLength(3);
  });
});
