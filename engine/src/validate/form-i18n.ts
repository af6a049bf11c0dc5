/**
 * Checks the `x-i18n` annotation of the user's JSON Schemas (the e-form, action forms): on any
 * schema node (a field, a group, a `oneOf` choice), `x-i18n: { en: { title?, description? } }`
 * gives the texts in other languages; `title`/`description` stay the Vietnamese, canonical text.
 * JSON Schema allows annotation keywords, so ajv ignores it: this is its only check.
 */
import { I18N_KEY, I18N_TEXT_KEYS, SUBSCHEMA_KEYWORDS } from '../model/form-i18n';
import type { DocPath } from '../parse/source-document';
import type { Reporter } from './report';
import { isRecord } from './walk';
/** Bounds: languages per node, characters per title and per description. */
export const I18N_LIMITS = { languages: 16, title: 200, description: 2000 } as const;

/** BCP-47-like: a 2-3 letter language, optional subtags (`en`, `fr`, `zh-Hant`, `en-GB`). */
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const TEXT_KEYS = I18N_TEXT_KEYS;
const { one: ONE, list: LIST, map: MAP } = SUBSCHEMA_KEYWORDS;
/** Deeper than this is refused elsewhere (E_TOO_DEEP); the walk stops rather than recurse unbounded. */
const MAX_DEPTH = 64;

/** Reports `E_FORM_TRANSLATION` for each malformed `x-i18n` in `schema`, found at `path` of the file. */
export function checkFormI18n(schema: unknown, path: DocPath, reporter: Reporter, depth = 0): void {
  if (!isRecord(schema) || depth > MAX_DEPTH) return;
  if (I18N_KEY in schema) checkNode(schema[I18N_KEY], [...path, I18N_KEY], reporter);
  for (const k of ONE) checkFormI18n(schema[k], [...path, k], reporter, depth + 1);
  for (const k of LIST) {
    const list = schema[k];
    if (Array.isArray(list)) list.forEach((s, i) => checkFormI18n(s, [...path, k, i], reporter, depth + 1));
  }
  for (const k of MAP) {
    const map = schema[k];
    if (isRecord(map)) for (const [name, s] of Object.entries(map)) checkFormI18n(s, [...path, k, name], reporter, depth + 1);
  }
}

function checkNode(value: unknown, path: DocPath, reporter: Reporter): void {
  const add = (p: DocPath, message: string, hint?: string, at?: 'key'): void => reporter.add('E_FORM_TRANSLATION', p, message, { ...(hint ? { hint } : {}), ...(at ? { at } : {}) });
  if (!isRecord(value)) {
    add(path, `${I18N_KEY} must be a mapping of language to texts, e.g. { en: { title: Full name } }`);
    return;
  }
  const languages = Object.keys(value);
  if (languages.length > I18N_LIMITS.languages) add(path, `${I18N_KEY} has ${languages.length} languages; at most ${I18N_LIMITS.languages}`);
  for (const lang of languages.slice(0, I18N_LIMITS.languages)) {
    const at: DocPath = [...path, lang];
    if (lang === 'vi') {
      add(at, `${I18N_KEY} needs no 'vi': the Vietnamese text is the node's own title and description`, 'Move the text to `title` (or `description`) and remove `vi`.', 'key');
      continue;
    }
    if (!LANGUAGE.test(lang)) {
      add(at, `'${lang}' is not a language code`, 'Use a BCP 47 language code in lower case: en, fr, zh-Hant.', 'key');
      continue;
    }
    const texts = value[lang];
    if (!isRecord(texts)) {
      add(at, `${I18N_KEY}.${lang} must be a mapping { title?, description? }`);
      continue;
    }
    for (const [key, text] of Object.entries(texts)) {
      if (!(TEXT_KEYS as readonly string[]).includes(key)) {
        add([...at, key], `unknown key '${key}' in ${I18N_KEY}.${lang}`, 'Only `title` and `description` are translated.', 'key');
      } else if (typeof text !== 'string') {
        add([...at, key], `${I18N_KEY}.${lang}.${key} must be a string`);
      } else if (text.length > I18N_LIMITS[key as (typeof TEXT_KEYS)[number]]) {
        add([...at, key], `${I18N_KEY}.${lang}.${key} is ${text.length} characters long; at most ${I18N_LIMITS[key as (typeof TEXT_KEYS)[number]]}`);
      }
    }
  }
}
