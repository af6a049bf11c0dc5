import { describe, expect, it } from 'vitest';
import { choicesSchema, codeOf, fieldChoices } from './choices';

describe('choices of a form field', () => {
  it('reads choices written as enum or as labelled oneOf consts', () => {
    expect(fieldChoices({ enum: ['a', 'b'] })).toEqual([{ value: 'a', label: '' }, { value: 'b', label: '' }]);
    expect(fieldChoices({ oneOf: [{ const: 'da-ket-hon', title: 'Đã kết hôn' }, { const: 'doc-than' }] })).toEqual([{ value: 'da-ket-hon', label: 'Đã kết hôn' }, { value: 'doc-than', label: '' }]);
    expect(fieldChoices({ oneOf: [{ type: 'string' }] })).toEqual([]);
  });

  it('makes a choice code from its Vietnamese label, and writes labelled choices as oneOf, others as enum', () => {
    expect(codeOf('Sai tên người ký')).toBe('sai-ten-nguoi-ky');
    expect(codeOf('Đã kết hôn (lần 2)')).toBe('da-ket-hon-lan-2');
    expect(codeOf('   ')).toBe('lua-chon');
    expect(choicesSchema([{ value: 'a', label: '' }, { value: 'b', label: 'Bê' }])).toEqual({ oneOf: [{ const: 'a' }, { const: 'b', title: 'Bê' }] });
    expect(choicesSchema([{ value: 'a', label: '' }])).toEqual({ enum: ['a'] });
    expect(choicesSchema([])).toEqual({});
    for (const choices of [[{ value: 'x', label: 'Ích' }, { value: 'y', label: '' }], [{ value: 'x', label: '' }]]) expect(fieldChoices(choicesSchema(choices))).toEqual(choices);
  });
});
