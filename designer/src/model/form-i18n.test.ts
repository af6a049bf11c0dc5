import { describe, expect, it } from 'vitest';
import { setTranslation, translatedText } from './form-i18n';
import { YamlModel } from './yaml-model';

const TEXT = `code: "9.000001"
data:
  schema:
    type: object
    properties:
      # the applicant's name, as on the ID card
      fullName: { type: string, title: Họ và tên } # required by Decree 123
      relation:
        type: string
        title: Quan hệ
        oneOf:
          - { const: cha, title: Cha, x-i18n: { fr: { title: Père } } }
`;
const field = ['data', 'schema', 'properties', 'fullName'];
const choice = ['data', 'schema', 'properties', 'relation', 'oneOf', 0];

describe('setTranslation', () => {
  it('writes an English title as one undo step, keeping comments', () => {
    const m = new YamlModel(TEXT);
    m.edit('English title', (tx) => setTranslation(tx, field, 'en', 'title', '  Full name '));
    expect(translatedText(m.value && (m.value as { data: { schema: { properties: { fullName: unknown } } } }).data.schema.properties.fullName, 'en', 'title')).toBe('Full name');
    expect(m.text).toContain('# the applicant\'s name, as on the ID card');
    expect(m.text).toContain('# required by Decree 123');
    expect(m.text).toMatch(/fullName:.*x-i18n: \{ en: \{ title: Full name \} \}/);
    m.undo();
    expect(m.text).toBe(TEXT);
  });

  it('adds English beside another language of a choice, and removing it leaves the other', () => {
    const m = new YamlModel(TEXT);
    m.edit('en', (tx) => setTranslation(tx, choice, 'en', 'title', 'Father'));
    expect(m.text).toContain('x-i18n: { fr: { title: Père }, en: { title: Father } }');
    m.edit('no en', (tx) => setTranslation(tx, choice, 'en', 'title', ''));
    expect(m.text).toContain('x-i18n: { fr: { title: Père } }');
    m.edit('no fr', (tx) => setTranslation(tx, choice, 'fr', 'title', ''));
    expect(m.text).toContain('- { const: cha, title: Cha }');
  });
});
