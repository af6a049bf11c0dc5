/**
 * Writing the texts of a form's node in another language (`x-i18n`, docs/procedure-format.md):
 * the builder's English title boxes of fields, groups and choices. Inside a {@link YamlModel.edit},
 * so a change is one undo step and the file's comments stay.
 */
import { I18N_KEY, i18nTexts } from 'motcua/engine';
import type { Path, Tx } from './yaml-model';

/** The text `key` of the schema node `node` in `language` ('' when none). */
export function translatedText(node: unknown, language: string, key: 'title' | 'description'): string {
  return i18nTexts(node, language)?.[key] ?? '';
}

/**
 * Sets `x-i18n.<language>.<key>` of the node at `path` to `text` (trimmed); an empty text
 * removes it, and the language's entry and `x-i18n` itself when nothing is left in them.
 */
export function setTranslation(tx: Tx, path: Path, language: string, key: 'title' | 'description', text: string): void {
  const value = text.trim();
  const langPath: Path = [...path, I18N_KEY, language];
  if (value) {
    tx.set([...langPath, key], value);
    return;
  }
  tx.remove([...langPath, key]);
  if (isEmpty(tx.get(langPath))) tx.remove(langPath);
  if (isEmpty(tx.get([...path, I18N_KEY]))) tx.remove([...path, I18N_KEY]);
}

function isEmpty(v: unknown): boolean {
  return v !== undefined && (v === null || (typeof v === 'object' && Object.keys(v).length === 0));
}
