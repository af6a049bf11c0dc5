import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile/compile-procedure';
import { applicantField } from './applicant';
import { valueText } from './display';
import { birthProcedure, POPULATION, refusal } from './fixtures';
import { previewFiling } from './preview';

describe('previewFiling', () => {
  const compiled = compileProcedure(birthProcedure());

  it('prefills from the records given and names the components they replace, as a filing would', () => {
    const out = previewFiling(compiled, { applicant: { nationalId: '001090000001' }, child: { birthNoticeNo: 'BN-1' } }, POPULATION, '2026-02-12T02:00:00.000Z');
    expect(out.data).toMatchObject({ applicant: { nationalId: '001090000001', fullName: 'Nguyen Van A', birthDate: '1990-01-01' } });
    expect(out.prefilled).toEqual([expect.objectContaining({ field: 'applicant', source: 'population', key: '001090000001', lock: true })]);
    expect(out.replaced).toEqual([{ component: 'birth-certificate', source: 'health', key: 'BN-1' }]);
  });

  it('fills and replaces nothing for a person the sources do not know, and refuses a contradiction of a locked field', () => {
    expect(previewFiling(compiled, { applicant: { nationalId: '001090000009' } }, POPULATION, '')).toMatchObject({ prefilled: [], replaced: [] });
    expect(refusal(() => previewFiling(compiled, { applicant: { nationalId: '001090000001', fullName: 'Someone Else' } }, POPULATION, '')).code).toBe('E_LOCKED_FIELD');
  });
});

describe('applicantField', () => {
  it('is the plain field path the procedure names, or applicant.nationalId, and only when the schema declares it', () => {
    expect(applicantField(birthProcedure())).toBe('applicant.nationalId');
    const signer = { data: { schema: { type: 'object', properties: { signer: { type: 'object', properties: { nationalId: { type: 'string' } } } } } } };
    expect(applicantField({ data: { ...signer.data, applicantId: 'data.signer.nationalId' } })).toBe('signer.nationalId');
    expect(applicantField(signer)).toBeUndefined();
    expect(applicantField({ data: { ...signer.data, applicantId: "has(data.signer) ? data.signer.nationalId : ''" } })).toBeUndefined();
  });
});

describe('valueText', () => {
  it('reads dates, yes/no, coded values and lists as a citizen does, and leaves objects to the caller', () => {
    expect([valueText('1990-01-02'), valueText(true), valueText(false), valueText('female'), valueText(['male', 'x']), valueText(1500), valueText({ a: 1 }), valueText(null)]).toEqual(['02/01/1990', 'Có', 'Không', 'Nữ', 'Nam, x', '1.500', '', '']);
  });
});
