import { describe, expect, it } from 'vitest';
import { childFields, mappingSources, typesFit } from './linked-data';

const form = {
  type: 'object',
  required: ['applicant'],
  properties: {
    applicant: { type: 'object', title: 'Người yêu cầu', properties: { nationalId: { type: 'string', title: 'Số định danh' }, address: { type: 'object', properties: { ward: { type: 'string' } } } } },
    copies: { type: 'integer', title: 'Số bản sao' },
  },
};

describe('a linked procedure’s data mapping', () => {
  it('offers the groups and fields of the e-form, by title, in the form’s order', () => {
    expect(mappingSources(form)).toEqual([
      { expr: 'data.applicant', title: 'Người yêu cầu', type: 'object' },
      { expr: 'data.applicant.nationalId', title: 'Số định danh', type: 'string' },
      { expr: 'data.applicant.address', title: 'Người yêu cầu › address', type: 'object' },
      { expr: 'data.applicant.address.ward', title: 'Người yêu cầu › ward', type: 'string' },
      { expr: 'data.copies', title: 'Số bản sao', type: 'integer' },
    ]);
  });

  it('lists the child’s top-level fields with their types and whether they are required', () => {
    expect(childFields(form)).toEqual([
      { key: 'applicant', title: 'Người yêu cầu', type: 'object', required: true },
      { key: 'copies', title: 'Số bản sao', type: 'integer', required: false },
    ]);
    expect(childFields(undefined)).toEqual([]);
  });

  it('says which types fit', () => {
    expect(typesFit('integer', 'number')).toBe(true);
    expect(typesFit('number', 'integer')).toBe(false);
    expect(typesFit('object', 'string')).toBe(false);
  });
});
