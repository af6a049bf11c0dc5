/**
 * Texts of a form in other languages: on any node of the e-form or an action's form (a field, a
 * group, a `oneOf` choice), `x-i18n: { en: { title?, description? } }`. The node's own `title`
 * and `description` are the Vietnamese, canonical texts. Checked by the validator
 * (`E_FORM_TRANSLATION`, engine/src/validate/form-i18n.ts); shown by {@link localizeSchema}.
 */

/** The annotation keyword (JSON Schema ignores unknown keywords: ajv and rjsf pass it by). */
export const I18N_KEY = 'x-i18n';

/** The texts translated on a node. */
export const I18N_TEXT_KEYS = ['title', 'description'] as const;

/** Keywords of JSON Schema 2020-12 whose value is one schema, a list of schemas, or a map of names to schemas. */
export const SUBSCHEMA_KEYWORDS = {
  one: ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems'],
  list: ['oneOf', 'anyOf', 'allOf', 'prefixItems'],
  map: ['properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas'],
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The texts of `node` for `language` (`en-GB` falls back to `en`), or undefined. */
export function i18nTexts(node: unknown, language: string): { title?: string; description?: string } | undefined {
  if (!isObj(node)) return undefined;
  const all = node[I18N_KEY];
  if (!isObj(all)) return undefined;
  const texts = all[language] ?? all[language.split('-')[0] ?? language];
  if (!isObj(texts)) return undefined;
  const out: { title?: string; description?: string } = {};
  for (const k of I18N_TEXT_KEYS) if (typeof texts[k] === 'string' && texts[k] !== '') out[k] = texts[k];
  return out;
}

/**
 * The schema with every node's `title` and `description` in `language`, where its `x-i18n`
 * has them (the Vietnamese texts otherwise). Vietnamese (`vi`) returns the schema itself.
 * Nodes without a translation below them keep their identity; nothing is mutated. Depth is
 * bounded by `maxDepth` (deeper nodes are left as they are).
 */
export function localizeSchema<T>(schema: T, language: string, maxDepth = 64): T {
  if (language === 'vi' || language.startsWith('vi-')) return schema;
  return walk(schema, language, maxDepth) as T;
}

function walk(node: unknown, language: string, depth: number): unknown {
  if (!isObj(node) || depth < 0) return node;
  let out: Obj | undefined;
  const put = (k: string, v: unknown): void => {
    if (v === node[k]) return;
    out ??= { ...node };
    out[k] = v;
  };
  const texts = i18nTexts(node, language);
  if (texts?.title !== undefined) put('title', texts.title);
  if (texts?.description !== undefined) put('description', texts.description);
  for (const k of SUBSCHEMA_KEYWORDS.one) if (k in node) put(k, walk(node[k], language, depth - 1));
  for (const k of SUBSCHEMA_KEYWORDS.list) {
    const list = node[k];
    if (!Array.isArray(list)) continue;
    const next = list.map((s) => walk(s, language, depth - 1));
    if (next.some((s, i) => s !== list[i])) put(k, next);
  }
  for (const k of SUBSCHEMA_KEYWORDS.map) {
    const map = node[k];
    if (!isObj(map)) continue;
    let changed = false;
    const next: Obj = {};
    for (const [name, s] of Object.entries(map)) {
      next[name] = walk(s, language, depth - 1);
      changed ||= next[name] !== s;
    }
    if (changed) put(k, next);
  }
  return out ?? node;
}
