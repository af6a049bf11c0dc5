import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicantFromAccount, getPath, offsetOfLine, prefillUiSchema, setPath } from './form';

describe('prefillUiSchema', () => {
  it('makes locked prefilled fields read-only with their source', () => {
    const ui = prefillUiSchema([
      { field: 'signer.fullName', source: 'population', key: 'data.signer.nationalId', lock: true },
      { field: 'address', source: 'land', key: 'data.x' },
    ]);
    expect(ui).toEqual({
      signer: { fullName: { 'ui:readonly': true, 'ui:help': 'Khóa: lấy từ CSDL quốc gia về dân cư, không sửa được' } },
      address: { 'ui:help': 'Lấy từ CSDL đất đai quốc gia' },
    });
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
    const { data, ui } = applicantFromAccount(schema, { applicant: { fullName: { 'ui:readonly': true } } }, '001090000001');
    expect(data).toEqual({ applicant: { nationalId: '001090000001' } });
    expect(ui).toMatchObject({ applicant: { fullName: { 'ui:readonly': true }, nationalId: { 'ui:readonly': true } } });
  });

  it('changes nothing without a national ID or without an applicant field', () => {
    expect(applicantFromAccount(schema, {}, undefined)).toEqual({ data: {}, ui: {} });
    expect(applicantFromAccount({ type: 'object', properties: { signer: {} } }, {}, '001090000001')).toEqual({ data: {}, ui: {} });
  });
});

describe('applicantFromAccount with the procedure naming its applicant field', () => {
  it('fills and locks data.signer.nationalId when the procedure says the signer files', () => {
    const schema = { type: 'object', properties: { signer: { type: 'object', properties: { nationalId: { type: 'string' }, fullName: { type: 'string' } } } } };
    const { data, ui } = applicantFromAccount(schema, { signer: { fullName: { 'ui:readonly': true } } }, '001090000001', 'data.signer.nationalId');
    expect(data).toEqual({ signer: { nationalId: '001090000001' } });
    expect(ui).toMatchObject({ signer: { fullName: { 'ui:readonly': true }, nationalId: { 'ui:readonly': true } } });
    // A computed expression names no field to fill.
    expect(applicantFromAccount(schema, {}, '001090000001', "has(data.signer) ? data.signer.nationalId : ''").data).toEqual({});
  });
});
