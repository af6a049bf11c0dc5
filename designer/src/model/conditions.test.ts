import { readFileSync } from 'node:fs';
import { parseSource } from 'motcua/engine';
import { describe, expect, it } from 'vitest';
import { formFields, parseCondition, readCondition, rowProblems, toCel } from './conditions';

const schema = {
  type: 'object',
  properties: {
    applicant: { type: 'object', properties: { poor: { type: 'boolean', title: 'Hộ nghèo' }, merit: { type: 'boolean', title: 'Người có công' } } },
    rooms: { type: 'integer', title: 'Số phòng' },
    regime: { type: 'string', title: 'Chế độ', enum: ['none', 'social-insurance'] },
  },
};
const fields = formFields(schema);

describe('conditions as rows', () => {
  it('flattens the e-form into typed fields', () => {
    expect(fields.map((f) => [f.path, f.type])).toEqual([['applicant.poor', 'boolean'], ['applicant.merit', 'boolean'], ['rooms', 'integer'], ['regime', 'string']]);
    expect(fields[3]?.choices).toEqual(['none', 'social-insurance']);
  });

  it('reads CEL of the library back as rows and writes the same CEL', () => {
    for (const cel of ["data.exemption != 'none'", 'data.applicant.poor || data.applicant.merit', 'data.urban && data.rooms >= 4 && data.rooms <= 5', '!data.forSelf', "case.channel == 'online'"]) {
      const cond = parseCondition(cel);
      expect(cond.kind).toBe('rows');
      expect(toCel(cond)).toBe(cel);
    }
    expect(parseCondition('size(data.items) > 2').kind).toBe('custom');
  });

  it('every condition written in the library reads back to itself', () => {
    const text = readFileSync('procedures/civil-status/1.000656-death-registration.yaml', 'utf8');
    const found = [...text.matchAll(/(?:when|exempt|required): "([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(found.length).toBeGreaterThan(0);
    for (const cel of found) {
      const cond = parseCondition(cel);
      if (cond.kind === 'rows') expect(toCel(cond)).toBe(cel);
    }
    expect(parseSource(text, 'x').diagnostics).toEqual([]);
  });

  it('reads a condition in plain Vietnamese, never as CEL', () => {
    expect(readCondition('data.applicant.poor || data.applicant.merit', fields)).toBe('Hộ nghèo hoặc Người có công');
    expect(readCondition('data.rooms >= 4 && data.rooms <= 5', fields)).toBe('Số phòng từ 4 trở lên và Số phòng không quá 5');
    expect(readCondition("data.regime != 'none'", fields)).toBe('Chế độ khác «không có»');
    expect(readCondition("case.channel == 'online'", fields)).toBe('Kênh nộp hồ sơ là «trực tuyến»');
    expect(readCondition('size(data.x) > 1', fields)).toBe('điều kiện tùy chỉnh');
    expect(readCondition(true, fields)).toBe('luôn luôn');
  });

  it('flags type errors of a row', () => {
    expect(rowProblems({ field: 'rooms', op: 'is', value: 'ba' }, fields)).toEqual(['«Số phòng» là số nguyên: giá trị phải là số nguyên.']);
    expect(rowProblems({ field: 'applicant.poor', op: 'atLeast', value: true }, fields)[0]).toMatch(/không dùng được/);
    expect(rowProblems({ field: 'regime', op: 'is', value: 'other' }, fields)[0]).toMatch(/không phải một lựa chọn/);
    expect(rowProblems({ field: 'missing', op: 'is', value: true }, fields)[0]).toMatch(/không có trường/);
    expect(rowProblems({ field: 'rooms', op: 'atLeast', value: 3 }, fields)).toEqual([]);
  });
});
