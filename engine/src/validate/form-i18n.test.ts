import { describe, expect, it } from 'vitest';
import { validateProcedureText } from './validate-procedure';
import { I18N_LIMITS } from './form-i18n';

const sample = `code: "9.000013"
version: 1.0.0
effective: { from: 2025-07-01, to: null }
name: { vi: Thủ tục mẫu, en: Sample procedure }
sector: civil-status
level: commune
applicants: [citizen]
data:
  schema:
    type: object
    properties:
      applicant:
        type: object
        properties:
          fullName: { type: string }
deadline: { value: 3, unit: working-day }
steps:
  - id: verify
    kind: task
    role: civil-status-officer
    level: commune
    actions:
      approve: { to: approved }
      reject: { to: rejected, form: { type: object, required: [reason], properties: { reason: { type: string } } } }
outcomes:
  approved: { status: done }
  rejected: { status: rejected }
`;

/** The sample procedure with the e-form's fullName field and the reject form's reason given `fullName` / `reason` YAML. */
function withFields(fullName: string, reason = '{ type: string }'): string {
  return sample
    .replace('fullName: { type: string }', `fullName: ${fullName}`)
    .replace('reason: { type: string }', `reason: ${reason}`);
}

function i18nDiagnostics(text: string) {
  return validateProcedureText(text, 'p.yaml').diagnostics.filter((d) => d.code === 'E_FORM_TRANSLATION').map((d) => ({ path: d.path, message: d.message }));
}

describe('x-i18n on form fields (E_FORM_TRANSLATION)', () => {
  it('accepts English (and other languages) titles on fields, groups and choices', () => {
    const field = '{ type: string, title: Họ và tên, x-i18n: { en: { title: Full name, description: As on the ID card }, zh-Hant: { title: 姓名 } } }';
    const reason = '{ type: string, oneOf: [{ const: a, title: Thiếu giấy tờ, x-i18n: { en: { title: Missing papers } } }] }';
    const result = validateProcedureText(withFields(field, reason), 'p.yaml');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.procedure).toBeDefined();
  });

  it.each([
    ['not a mapping', '{ type: string, x-i18n: Full name }', 'data.schema.properties.applicant.properties.fullName.x-i18n'],
    ['an unknown language code', '{ type: string, x-i18n: { English: { title: Full name } } }', 'data.schema.properties.applicant.properties.fullName.x-i18n.English'],
    ['vi, which is the title itself', '{ type: string, x-i18n: { vi: { title: Họ tên } } }', 'data.schema.properties.applicant.properties.fullName.x-i18n.vi'],
    ['texts not a mapping', '{ type: string, x-i18n: { en: Full name } }', 'data.schema.properties.applicant.properties.fullName.x-i18n.en'],
    ['a non-string title', '{ type: string, x-i18n: { en: { title: 42 } } }', 'data.schema.properties.applicant.properties.fullName.x-i18n.en.title'],
    ['an unknown text key', '{ type: string, x-i18n: { en: { label: Full name } } }', 'data.schema.properties.applicant.properties.fullName.x-i18n.en.label'],
    ['a too long title', `{ type: string, x-i18n: { en: { title: ${'a'.repeat(I18N_LIMITS.title + 1)} } } }`, 'data.schema.properties.applicant.properties.fullName.x-i18n.en.title'],
  ])('reports %s with its path', (_what, field, path) => {
    const got = i18nDiagnostics(withFields(field));
    expect(got.map((d) => d.path)).toEqual([path]);
  });

  it('checks the choices of an action form too', () => {
    const reason = '{ type: string, oneOf: [{ const: a, title: Thiếu giấy tờ, x-i18n: { en: { title: [x] } } }] }';
    const got = i18nDiagnostics(withFields('{ type: string }', reason));
    expect(got).toHaveLength(1);
    expect(got[0]?.path).toMatch(/actions\.reject\.form\.properties\.reason\.oneOf\[0\]\.x-i18n\.en\.title$/);
  });

  it('bounds the languages of a node', () => {
    const many = Array.from({ length: I18N_LIMITS.languages + 1 }, (_, i) => `l${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}: { title: x }`).join(', ');
    const got = i18nDiagnostics(withFields(`{ type: string, x-i18n: { ${many} } }`));
    expect(got.map((d) => d.message)).toEqual([expect.stringMatching(/at most 16/)]);
  });
});
