import { describe, expect, it } from 'vitest';
import { sampleData } from './sample-data';

describe('sampleData (the simulator\'s sample e-form data)', () => {
  it('fills required fields and those with examples or defaults, preferring examples', () => {
    const schema = {
      type: 'object',
      required: ['applicant', 'purpose', 'count'],
      properties: {
        applicant: { type: 'object', required: ['nationalId'], properties: { nationalId: { type: 'string', pattern: '^[0-9]{12}$' }, fullName: { type: 'string', examples: ['Trần Thị Bình'] }, email: { type: 'string', format: 'email' } } },
        purpose: { type: 'string', enum: ['marriage', 'other'] },
        count: { type: 'integer', minimum: 2 },
        poor: { type: 'boolean', default: true },
        note: { type: 'string' },
        born: { type: 'string', format: 'date' },
        code: { type: 'string', pattern: '^[0-9]{6}$', examples: ['100000'] },
      },
    };
    expect(sampleData(schema)).toEqual({ applicant: { nationalId: '001090000001', fullName: 'Trần Thị Bình' }, purpose: 'marriage', count: 2, poor: true, code: '100000' });
  });

  it('gives an empty object for no schema', () => {
    expect(sampleData(undefined)).toEqual({});
    expect(sampleData({ type: 'object' })).toEqual({});
  });
});
