import { describe, expect, it } from 'vitest';
import { i18nTexts, localizeSchema } from './form-i18n';

const schema = {
  type: 'object',
  title: 'Tờ khai',
  properties: {
    fullName: { type: 'string', title: 'Họ và tên', description: 'Như trên CCCD', 'x-i18n': { en: { title: 'Full name', description: 'As on the ID card' }, fr: { title: 'Nom' } } },
    relation: {
      type: 'string',
      title: 'Quan hệ',
      oneOf: [
        { const: 'cha', title: 'Cha', 'x-i18n': { en: { title: 'Father' } } },
        { const: 'me', title: 'Mẹ' },
      ],
    },
    address: { type: 'object', title: 'Nơi cư trú', 'x-i18n': { en: { title: 'Residence' } }, properties: { ward: { type: 'string', title: 'Xã', 'x-i18n': { en: { title: 'Commune' } } } } },
    untouched: { type: 'object', properties: { x: { type: 'string', title: 'X' } } },
  },
};

describe('localizeSchema', () => {
  it('puts the English titles and descriptions of fields, groups and choices in place', () => {
    const en = localizeSchema(schema, 'en');
    expect(en.title).toBe('Tờ khai');
    expect(en.properties.fullName.title).toBe('Full name');
    expect(en.properties.fullName.description).toBe('As on the ID card');
    expect(en.properties.relation.title).toBe('Quan hệ');
    expect(en.properties.relation.oneOf.map((c) => c.title)).toEqual(['Father', 'Mẹ']);
    expect(en.properties.address.title).toBe('Residence');
    expect(en.properties.address.properties.ward.title).toBe('Commune');
  });

  it('falls back from a regional code to its language, and to Vietnamese without one', () => {
    expect(localizeSchema(schema, 'en-GB').properties.fullName.title).toBe('Full name');
    expect(localizeSchema(schema, 'fr').properties.fullName.title).toBe('Nom');
    expect(localizeSchema(schema, 'fr').properties.fullName.description).toBe('Như trên CCCD');
    expect(localizeSchema(schema, 'de').properties.fullName.title).toBe('Họ và tên');
  });

  it('returns Vietnamese as it is, mutates nothing and keeps untranslated parts identical', () => {
    const before = JSON.stringify(schema);
    expect(localizeSchema(schema, 'vi')).toBe(schema);
    const en = localizeSchema(schema, 'en');
    expect(JSON.stringify(schema)).toBe(before);
    expect(en.properties.untouched).toBe(schema.properties.untouched);
    expect(localizeSchema(schema.properties.untouched, 'en')).toBe(schema.properties.untouched);
  });

  it('ignores malformed annotations (the validator reports them)', () => {
    expect(i18nTexts({ 'x-i18n': 'Full name' }, 'en')).toBeUndefined();
    expect(i18nTexts({ 'x-i18n': { en: { title: 42 } } }, 'en')).toEqual({});
    expect(localizeSchema({ title: 'A', 'x-i18n': { en: { title: 42 } } }, 'en').title).toBe('A');
  });
});
