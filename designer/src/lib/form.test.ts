import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CataloguesView } from 'motcua/contract';
import { primeCatalogues } from './catalogue-names';
import { applicantFromAccount, enumLabelsUiSchema, getPath, offsetOfLine, prefilledRows, prefillUiSchema, setPath } from './form';

// The catalogues as GET /api/catalogues serves them: the library's own files.
const catalogue = (name: string): unknown => parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'procedures', 'catalogues', name), 'utf8'));
primeCatalogues({ roles: catalogue('roles.yaml'), sources: catalogue('sources.yaml'), calendars: [], procedures: [] } as unknown as CataloguesView);

describe('prefillUiSchema', () => {
  const rules = [
    { field: 'signer.fullName', source: 'population', key: 'data.signer.nationalId', lock: true },
    { field: 'signer.birthDate', source: 'population', key: 'data.signer.nationalId' },
    { field: 'address', source: 'land-register', key: 'data.x', lock: true },
  ];
  const population = { vi: 'Cơ sở dữ liệu quốc gia về dân cư' };

  it('makes the fields the server filled read-only when locked, saying from which source', () => {
    const ui = prefillUiSchema(rules, [
      { field: 'signer.fullName', source: 'population', sourceName: population, lock: true, value: 'Nguyễn Văn An' },
      { field: 'signer.birthDate', source: 'population', sourceName: population, lock: false, value: '1990-01-01' },
    ]);
    expect(ui).toEqual({
      signer: {
        fullName: { 'ui:readonly': true, 'ui:help': 'Lấy từ Cơ sở dữ liệu quốc gia về dân cư (khóa, không sửa được)' },
        birthDate: { 'ui:help': 'Lấy từ Cơ sở dữ liệu quốc gia về dân cư (có thể sửa)' },
      },
      // Locked, but the source had nothing: editable, never an empty read-only field.
      address: { 'ui:help': 'Cơ sở dữ liệu quốc gia về đất đai chưa có thông tin này: hãy tự nhập' },
    });
  });

  it('locks each part of a whole record the source holds, and leaves the parts it lacks editable', () => {
    const ui = prefillUiSchema([{ field: 'applicant', source: 'population', key: 'data.applicant.nationalId', lock: true }], [
      { field: 'applicant', source: 'population', lock: true, value: { fullName: 'Đỗ Thị Hoa', address: { commune: 'Hoàn Kiếm' } } },
    ]);
    expect(ui).toEqual({
      applicant: {
        'ui:help': 'Lấy từ Cơ sở dữ liệu quốc gia về dân cư: thông tin đã có được khóa, không sửa được; thông tin còn thiếu hãy tự nhập',
        fullName: { 'ui:readonly': true },
        address: { commune: { 'ui:readonly': true } },
      },
    });
  });

  it('leaves every field editable when nothing was filled', () => {
    expect(JSON.stringify(prefillUiSchema(rules))).not.toContain('ui:readonly');
  });
});

describe('enumLabelsUiSchema', () => {
  it('labels coded values in Vietnamese where every value has a label, and leaves other enums alone', () => {
    const schema = { type: 'object', properties: { p: { type: 'object', properties: { gender: { enum: ['male', 'female'] } } }, purpose: { enum: ['marriage', 'other'] } } };
    expect(enumLabelsUiSchema(schema, { p: { x: 1 } })).toEqual({ p: { x: 1, gender: { 'ui:enumNames': ['Nam', 'Nữ'] } } });
  });
});

describe('prefilledRows', () => {
  const schema = {
    type: 'object',
    properties: {
      applicant: {
        type: 'object',
        title: 'Người yêu cầu',
        properties: { nationalId: { type: 'string', title: 'Số định danh' }, fullName: { type: 'string', title: 'Họ và tên' }, birthDate: { type: 'string', title: 'Ngày sinh' }, gender: { type: 'string', title: 'Giới tính' }, note: { type: 'string' } },
      },
    },
  };

  it('lists a whole prefilled record field by field with the titles of the form, values in Vietnamese, nothing empty', () => {
    const rows = prefilledRows(schema, [{ field: 'applicant', source: 'population', lock: true, value: { nationalId: '001090000001', fullName: 'Nguyễn Văn An', birthDate: '1990-01-02', gender: 'male', permanentAddress: { commune: 'x' } } }]);
    expect(rows).toEqual([
      { field: 'applicant.nationalId', label: 'Người yêu cầu › Số định danh', value: '001090000001', source: 'Cơ sở dữ liệu quốc gia về dân cư', lock: true },
      { field: 'applicant.fullName', label: 'Người yêu cầu › Họ và tên', value: 'Nguyễn Văn An', source: 'Cơ sở dữ liệu quốc gia về dân cư', lock: true },
      { field: 'applicant.birthDate', label: 'Người yêu cầu › Ngày sinh', value: '02/01/1990', source: 'Cơ sở dữ liệu quốc gia về dân cư', lock: true },
      { field: 'applicant.gender', label: 'Người yêu cầu › Giới tính', value: 'Nam', source: 'Cơ sở dữ liệu quốc gia về dân cư', lock: true },
    ]);
  });

  it('names a single field by its title and the source by the name the server gave', () => {
    expect(prefilledRows(schema, [{ field: 'applicant.fullName', source: 'x', sourceName: { vi: 'Nguồn X' }, lock: false, value: 'Bình' }])).toEqual([
      { field: 'applicant.fullName', label: 'Người yêu cầu › Họ và tên', value: 'Bình', source: 'Nguồn X', lock: false },
    ]);
  });
});

describe('setPath / getPath', () => {
  it('round-trips any value at any dotted path without touching the input', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z]{1,5}$/), { minLength: 1, maxLength: 4 }), fc.jsonValue(), (parts, value) => {
      const input = { keep: 1 };
      const out = setPath(input, parts.join('.'), value);
      expect(getPath(out, parts.join('.'))).toEqual(value);
      expect(input).toEqual({ keep: 1 });
    }));
  });
});

describe('offsetOfLine', () => {
  it('finds the offset of a line and column', () => {
    const text = 'ab\ncde\nf';
    expect(offsetOfLine(text, 1)).toBe(0);
    expect(offsetOfLine(text, 2, 2)).toBe(4);
    expect(text[offsetOfLine(text, 3)]).toBe('f');
    expect(offsetOfLine(text, 9)).toBe(text.length);
  });
});

describe('applicantFromAccount', () => {
  const schema = { type: 'object', properties: { applicant: { type: 'object', properties: { nationalId: { type: 'string' } } } } };

  it("starts the form with the citizen's own national ID, read-only", () => {
    const { data, ui } = applicantFromAccount({ data: { schema } }, { applicant: { fullName: { 'ui:readonly': true } } }, '001090000001');
    expect(data).toEqual({ applicant: { nationalId: '001090000001' } });
    expect(ui).toMatchObject({ applicant: { fullName: { 'ui:readonly': true }, nationalId: { 'ui:readonly': true } } });
  });

  it('changes nothing without a national ID or without an applicant field', () => {
    expect(applicantFromAccount({ data: { schema } }, {}, undefined)).toEqual({ data: {}, ui: {} });
    expect(applicantFromAccount({ data: { schema: { type: 'object', properties: { signer: {} } } } }, {}, '001090000001')).toEqual({ data: {}, ui: {} });
  });
});

describe('applicantFromAccount with the procedure naming its applicant field', () => {
  it('fills and locks data.signer.nationalId when the procedure says the signer files', () => {
    const schema = { type: 'object', properties: { signer: { type: 'object', properties: { nationalId: { type: 'string' }, fullName: { type: 'string' } } } } };
    const { data, ui } = applicantFromAccount({ data: { schema, applicantId: 'data.signer.nationalId' } }, { signer: { fullName: { 'ui:readonly': true } } }, '001090000001');
    expect(data).toEqual({ signer: { nationalId: '001090000001' } });
    expect(ui).toMatchObject({ signer: { fullName: { 'ui:readonly': true }, nationalId: { 'ui:readonly': true } } });
    // A computed expression names no field to fill.
    expect(applicantFromAccount({ data: { schema, applicantId: "has(data.signer) ? data.signer.nationalId : ''" } }, {}, '001090000001').data).toEqual({});
  });
});
