import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18next, setLanguage } from '../i18n';
import { enumLabelsUiSchema } from './form';
import { displayValue } from './values';

const root = join(import.meta.dirname, '..', '..', '..');
const locales = join(import.meta.dirname, '..', 'i18n', 'locales');

/** Every string `enum` value of the library's procedures (scenarios left out). */
function libraryEnumValues(): Set<string> {
  const values = new Set<string>();
  const scan = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(scan);
    else if (v && typeof v === 'object') {
      const e = (v as { enum?: unknown }).enum;
      if (Array.isArray(e)) for (const x of e) if (typeof x === 'string') values.add(x);
      Object.values(v).forEach(scan);
    }
  };
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.yaml') && !p.endsWith('.test.yaml')) scan(parse(readFileSync(p, 'utf8')));
    }
  };
  walk(join(root, 'procedures'));
  return values;
}

describe('e-form values', () => {
  beforeAll(async () => {
    await setLanguage('vi');
    await i18next.loadNamespaces('values');
  });
  afterAll(async () => {
    await setLanguage('vi');
  });

  it('names every enum value of the library in both languages (no select shows a raw id)', () => {
    const wanted = [...libraryEnumValues()];
    expect(wanted.length).toBeGreaterThan(50);
    for (const lng of ['vi', 'en']) {
      const names = (JSON.parse(readFileSync(join(locales, lng, 'values.json'), 'utf8')) as { value: Record<string, string> }).value;
      const missing = wanted.filter((v) => !names[v]);
      expect(missing, `${lng}/values.json lacks`).toEqual([]);
    }
  });

  it('labels a select in the language shown and reads values in words', async () => {
    const schema = { type: 'object', properties: { gender: { type: 'string', enum: ['male', 'female'] }, free: { type: 'string', enum: ['x-unknown'] } } };
    expect(enumLabelsUiSchema(schema, {})).toEqual({ gender: { 'ui:enumNames': ['Nam', 'Nữ'] } });
    expect(displayValue(true)).toBe('Có');
    expect(displayValue(1234567)).toBe('1.234.567');
    expect(displayValue('2026-02-13')).toBe('13/02/2026');
    await setLanguage('en');
    expect(enumLabelsUiSchema(schema, {})).toEqual({ gender: { 'ui:enumNames': ['Male', 'Female'] } });
    expect(displayValue(['married', 'poor-household'])).toBe('Married, Poor household');
    expect(displayValue(1234567)).toBe('1,234,567');
  });
});
