/**
 * Every text exists in both languages: a key missing in English (or in Vietnamese) would show
 * the raw key to a reader of that language, or silently fall back to the other language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './index';

const dir = join(import.meta.dirname, 'locales');

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${prefix}: a text must be a string or an object of texts`);
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function namespaces(lng: string): string[] {
  return readdirSync(join(dir, lng)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

describe('locales', () => {
  it('has the same namespaces in every language', () => {
    const vi = namespaces('vi');
    expect(vi).toContain('common');
    for (const lng of LANGUAGES) expect(namespaces(lng), lng).toEqual(vi);
  });

  for (const ns of namespaces('vi')) {
    it(`${ns}: the same keys in every language, none empty`, () => {
      const texts = Object.fromEntries(LANGUAGES.map((lng) => [lng, JSON.parse(readFileSync(join(dir, lng, `${ns}.json`), 'utf8')) as unknown]));
      const vi = keys(texts.vi).sort();
      for (const lng of LANGUAGES) {
        expect(keys(texts[lng]).sort(), `${lng}/${ns}.json`).toEqual(vi);
        const flat = keys(texts[lng]);
        for (const key of flat) {
          const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], texts[lng]);
          expect((text as string).trim(), `${lng}/${ns}.json ${key}`).not.toBe('');
        }
      }
    });
  }
});
