/**
 * The choices of a form field as the format writes them: `enum: [code...]`, or (with labels)
 * `oneOf: [{ const: code, title: label }...]`, the JSON Schema 2020-12 way of naming each
 * value. One reader for the form builder, the condition editor and the pickers.
 */

/** One choice: its code (what the case data holds and conditions compare) and its label ('' when none). */
export interface Choice {
  value: string;
  label: string;
}

/** The choices of a field's schema, or [] when it offers none (only string codes are choices). */
export function fieldChoices(field: unknown): Choice[] {
  const s = (field && typeof field === 'object' ? field : {}) as { enum?: unknown; oneOf?: unknown };
  if (Array.isArray(s.oneOf) && s.oneOf.length > 0 && s.oneOf.every((o) => o && typeof o === 'object' && typeof (o as { const?: unknown }).const === 'string')) {
    return (s.oneOf as { const: string; title?: unknown }[]).map((o) => ({ value: o.const, label: typeof o.title === 'string' ? o.title : '' }));
  }
  if (Array.isArray(s.enum)) return s.enum.filter((v): v is string => typeof v === 'string').map((value) => ({ value, label: '' }));
  return [];
}

/** A code made from a label: lower case, no diacritics, words joined by `-`. */
export function codeOf(label: string): string {
  const plain = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  return plain.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'lua-chon';
}

/** The schema keys that say these choices: `oneOf` when one has a label, else `enum`; nothing when there are none. */
export function choicesSchema(choices: readonly Choice[]): { enum?: string[]; oneOf?: { const: string; title?: string }[] } {
  if (choices.length === 0) return {};
  if (choices.some((c) => c.label)) return { oneOf: choices.map((c) => (c.label ? { const: c.value, title: c.label } : { const: c.value })) };
  return { enum: choices.map((c) => c.value) };
}
