import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from 'motcua/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18next, setLanguage } from '../i18n';
import { ApiError, errorText, readApiError } from './api';
import { componentNamer, detailLine, serverErrorText } from './error-text';

const locales = join(import.meta.dirname, '..', 'i18n', 'locales');
const table = (lng: string): Record<string, string> => (JSON.parse(readFileSync(join(locales, lng, 'errors.json'), 'utf8')) as { code: Record<string, string> }).code;

describe('the server errors in the language shown', () => {
  beforeAll(async () => {
    await setLanguage('vi');
  });
  afterAll(async () => {
    await setLanguage('vi');
  });

  it('has a Vietnamese text for every registered server error code, and no stale one', () => {
    const vi = table('vi');
    expect(Object.keys(vi).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, text] of Object.entries(vi)) {
      expect(text.trim(), code).not.toBe('');
      // Not the registry's English meaning copied over.
      expect(text, code).not.toBe(ERROR_CODES[code as keyof typeof ERROR_CODES].meaning);
      // Vietnamese: written with its diacritics.
      expect(text, code).toMatch(/[\u00C0-\u1EF9]/);
    }
  });

  it('shows a Vietnamese reader the text of the code, the names the message quotes and where, never the English message', async () => {
    const err = await readApiError(422, { error: { code: 'E_UNIT_CANNOT_HANDLE', message: "Unit 'xa-a' does not handle sector civil-status", hint: 'File at a commune', path: 'unit' } });
    const text = errorText(err);
    expect(text).toContain(table('vi').E_UNIT_CANNOT_HANDLE);
    expect(text).toContain('‘xa-a’');
    expect(text).toContain('Vị trí: unit');
    expect(text).toContain('(E_UNIT_CANNOT_HANDLE)');
    expect(text).not.toMatch(/does not handle|File at/);
  });

  it('reads a JSON Schema keyword problem under its family, and a 500 with its reference', async () => {
    expect(serverErrorText({ code: 'E_SCHEMA_PATTERN', message: 'must match pattern', path: 'data.applicant.nationalId' })).toEqual({ message: table('vi')['E_SCHEMA_*'], path: 'data.applicant.nationalId' });
    const internal = await readApiError(500, { error: { code: 'E_INTERNAL', message: 'Internal error', correlationId: 'abc123' } });
    expect(errorText(internal)).toBe(`${table('vi').E_INTERNAL} (E_INTERNAL) Mã tham chiếu: abc123`);
  });

  it("lists a refusal's problems in Vietnamese, each with its path", () => {
    expect(detailLine({ code: 'E_REQUIRED', message: "must have required property 'fullName'", path: 'data.applicant' })).toBe(`${table('vi').E_REQUIRED} (‘fullName’) Vị trí: data.applicant`);
    expect(detailLine('plain')).toBe('plain');
    // A missing component by its name, not its id.
    const name = componentNamer({ components: [{ id: 'birth-notice', name: { vi: 'Giấy chứng sinh', en: 'Birth notice' }, required: true, copies: { original: 1, copy: 0 } }] });
    expect(detailLine({ code: 'E_MISSING_COMPONENT', message: 'Birth notice (birth-notice) is required', path: 'birth-notice', hint: 'Upload it.' }, name)).toBe('Thiếu giấy tờ bắt buộc: Giấy chứng sinh');
    expect(detailLine({ code: 'E_MISSING_COMPONENT', message: 'X (other) is required', path: 'other' }, name)).toBe('Thiếu giấy tờ bắt buộc. Vị trí: other');
  });

  it("falls back to the server's message for a code it does not know", () => {
    expect(errorText(new ApiError(400, 'E_FROM_A_NEWER_SERVER', 'Something new', 'Do this'))).toBe('Something new Do this (E_FROM_A_NEWER_SERVER)');
  });

  it("shows the server's own message and hint in English", async () => {
    await setLanguage('en');
    await i18next.loadNamespaces('errors');
    const err = await readApiError(409, { error: { code: 'E_STALE_VERSION', message: 'The case is at version 3, not 2', hint: 'Reload the case', path: 'version' } });
    expect(errorText(err)).toBe('The case is at version 3, not 2 Reload the case Where: version (E_STALE_VERSION)');
  });
});
