import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18next, setLanguage } from '../i18n';
import { subjectName } from './subjects';

const procedure = {
  data: { schema: { type: 'object', properties: { bride: { type: 'object', title: 'Bên nữ', properties: { nationalId: { type: 'string' } } }, ward: { type: 'object', properties: { nationalId: { type: 'string' } } } } } },
  subjects: [
    { id: 'bride', key: 'data.bride.nationalId', relation: 'party' as const },
    { id: 'ward', key: 'data.ward.nationalId', relation: 'represented' as const },
  ],
};

describe('subject names', () => {
  beforeAll(async () => {
    await setLanguage('vi');
    await i18next.loadNamespaces('cases');
  });
  afterAll(async () => {
    await setLanguage('vi');
  });

  it('names a subject by the title of the e-form group its key reads', () => {
    expect(subjectName(procedure, 'bride')).toBe('Bên nữ');
  });

  it('else by their relation in the language shown, else by the id', async () => {
    expect(subjectName(procedure, 'ward')).toBe('Người được đại diện');
    expect(subjectName(undefined, 'x', 'deceased')).toBe('Người đã mất');
    expect(subjectName(undefined, 'x')).toBe('x');
    await setLanguage('en');
    await i18next.loadNamespaces('cases');
    expect(subjectName(procedure, 'ward')).not.toBe('ward');
    expect(subjectName(procedure, 'ward')).not.toBe('Người được đại diện');
  });
});
