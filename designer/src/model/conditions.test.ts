import { readFileSync } from 'node:fs';
import { parseSource } from 'motcua/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18next, setLanguage } from '../i18n';
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
  beforeAll(async () => {
    await setLanguage('vi');
    await i18next.loadNamespaces(['designer', 'values']);
  });
  afterAll(async () => {
    await setLanguage('vi');
  });

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

  it('reads a condition in plain Vietnamese, never as CEL, with coded values by their names (lib/values)', () => {
    const none = i18next.t('values:value.none');
    expect(none).not.toBe('none');
    expect(readCondition('data.applicant.poor || data.applicant.merit', fields)).toBe('Hộ nghèo hoặc Người có công');
    expect(readCondition('data.rooms >= 4 && data.rooms <= 5', fields)).toBe('Số phòng từ 4 trở lên và Số phòng không quá 5');
    expect(readCondition('data.rooms > 1500', fields)).toBe('Số phòng lớn hơn 1.500');
    expect(readCondition("data.regime != 'none'", fields)).toBe(`Chế độ khác «${none}»`);
    expect(readCondition("case.channel == 'online'", fields)).toBe('Kênh nộp hồ sơ là «Trực tuyến»');
    expect(readCondition('!data.applicant.poor', fields)).toBe('không: Hộ nghèo');
    expect(readCondition('size(data.x) > 1', fields)).toBe('điều kiện tùy chỉnh');
    expect(readCondition(true, fields)).toBe('luôn luôn');
  });

  it('reads a condition in English when English is chosen', async () => {
    await setLanguage('en');
    await i18next.loadNamespaces(['designer', 'values']);
    expect(readCondition("case.channel == 'online' || data.rooms >= 1500", fields)).toBe('Filing channel is ‘Online’ or Số phòng is at least 1,500');
    expect(readCondition('!data.applicant.poor && data.applicant.merit', fields)).toBe('not: Hộ nghèo and Người có công');
    expect(readCondition(false, fields)).toBe('never');
    expect(rowProblems({ field: 'rooms', op: 'is', value: 'ba' }, fields)).toEqual(['‘Số phòng’ is a field of type whole number: the value must be of that type.']);
    await setLanguage('vi');
  });

  it('flags type errors of a row', () => {
    expect(rowProblems({ field: 'rooms', op: 'is', value: 'ba' }, fields)).toEqual(['«Số phòng» là trường kiểu số nguyên: giá trị phải đúng kiểu đó.']);
    expect(rowProblems({ field: 'applicant.poor', op: 'atLeast', value: true }, fields)[0]).toBe('Phép so sánh «từ … trở lên» không dùng được cho trường kiểu có/không.');
    expect(rowProblems({ field: 'regime', op: 'is', value: 'other' }, fields)[0]).toMatch(/không phải một lựa chọn/);
    expect(rowProblems({ field: 'missing', op: 'is', value: true }, fields)[0]).toMatch(/không có trường/);
    expect(rowProblems({ field: 'rooms', op: 'atLeast', value: 3 }, fields)).toEqual([]);
  });
});
