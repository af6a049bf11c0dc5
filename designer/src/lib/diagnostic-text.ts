/**
 * The engine validator's diagnostics in the language shown. The engine writes its messages in
 * English (they are also the CLI's); a Vietnamese reader gets the Vietnamese text of the
 * diagnostic's stable code (`locales/vi/diagnostics.json`, one entry per code of the engine's
 * registry `CODES`) followed by the names the message quotes (`'thamdinh'`, the unknown role or
 * target), so that no English sentence reaches them. The English UI shows the engine's own text.
 *
 * The `diagnostics` namespace must be loaded before this is called: components showing
 * diagnostics call `useTranslation('diagnostics')` (which suspends until it is).
 */
import type { Diagnostic } from 'motcua/engine';
import { currentLanguage, i18next } from '../i18n';

/** The names a message quotes ('x', "x" or `x`), in order, without repeats. */
export function quotedNames(message: string): string[] {
  const names: string[] = [];
  for (const m of message.matchAll(/'([^'\n]{1,80})'|"([^"\n]{1,80})"|`([^`\n]{1,80})`/g)) {
    const name = m[1] ?? m[2] ?? m[3];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** A diagnostic's message and hint for the reader. */
export function diagnosticText(d: Pick<Diagnostic, 'code' | 'message' | 'hint'>): { message: string; hint?: string } {
  if (currentLanguage() === 'en') return { message: d.message, ...(d.hint ? { hint: d.hint } : {}) };
  const t = i18next.getFixedT('vi', 'diagnostics');
  const known = i18next.exists(`code.${d.code}.message`, { ns: 'diagnostics', lng: 'vi' });
  const summary = known ? t(`code.${d.code}.message`) : t('other');
  const names = quotedNames(d.message).map((n) => `‘${n}’`);
  const message = names.length ? t('names', { message: summary, names: names.join(', ') }) : summary;
  const hintParts: string[] = [];
  if (known) hintParts.push(t(`code.${d.code}.hint`));
  const suggested = /Did you mean '([^']+)'/.exec(d.hint ?? '')?.[1];
  if (suggested) hintParts.push(t('didYouMean', { name: `‘${suggested}’` }));
  return { message, ...(hintParts.length ? { hint: hintParts.join(' ') } : {}) };
}
