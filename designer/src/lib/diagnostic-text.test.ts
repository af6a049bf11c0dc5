import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES } from 'motcua/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18next, setLanguage } from '../i18n';
import { diagnosticText, quotedNames } from './diagnostic-text';

const locales = join(import.meta.dirname, '..', 'i18n', 'locales');
const vi = JSON.parse(readFileSync(join(locales, 'vi', 'diagnostics.json'), 'utf8')) as { code: Record<string, { message: string; hint: string }> };

describe('diagnostic texts', () => {
  beforeAll(async () => {
    await setLanguage('vi');
    await i18next.loadNamespaces('diagnostics');
  });
  afterAll(async () => {
    await setLanguage('vi');
  });

  it('has a Vietnamese message and hint for every code of the engine registry, and no stale one', () => {
    expect(Object.keys(vi.code).sort()).toEqual(Object.keys(CODES).sort());
    for (const [code, text] of Object.entries(vi.code)) {
      expect(text.message.trim(), code).not.toBe('');
      expect(text.hint.trim(), code).not.toBe('');
      // A Vietnamese text is not the engine's English hint copied over.
      expect(text.hint, code).not.toBe(CODES[code as keyof typeof CODES].hint);
    }
  });

  it('reads a diagnostic in Vietnamese with the names its message quotes', () => {
    const text = diagnosticText({ code: 'E_UNKNOWN_ROLE', message: "role 'can-bo-x' is not in the roles catalogue", hint: "Did you mean 'can-bo'? Otherwise add it." });
    expect(text.message).toBe('Vai trò không có trong danh mục vai trò: ‘can-bo-x’');
    expect(text.hint).toContain(vi.code.E_UNKNOWN_ROLE!.hint);
    expect(text.hint).toContain('‘can-bo’');
  });

  it('gives a Vietnamese sentence for a code the registry lacks, never the English message', () => {
    const text = diagnosticText({ code: 'E_TOO_DEEP', message: 'The value nests deeper than 64 levels' });
    expect(text.message).toBe('Lỗi trong tệp thủ tục');
    expect(text.message).not.toContain('nests');
  });

  it('shows the engine message itself in English', async () => {
    await setLanguage('en');
    expect(diagnosticText({ code: 'E_UNKNOWN_TARGET', message: "'x' names no step or outcome", hint: 'Name a step' })).toEqual({ message: "'x' names no step or outcome", hint: 'Name a step' });
  });

  it('finds quoted names', () => {
    expect(quotedNames(`unknown key 'foo' in step "b", see \`c\`, 'foo' again`)).toEqual(['foo', 'b', 'c']);
  });
});
