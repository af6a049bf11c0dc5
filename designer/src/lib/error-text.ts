/**
 * The server's errors in the language shown. The API writes its messages in English for
 * developers, each with a stable code registered in `ERROR_CODES` (contract/src/error-codes.ts);
 * a Vietnamese reader gets the Vietnamese text of that code (`locales/vi/errors.json`, one entry
 * per registered code: `error-text.test.ts` fails when one is missing) with the names the
 * message quotes and where the problem is (the error's path), never the English sentence. The
 * English UI shows the server's own message and hint, which name more. A code the table does
 * not know (a newer server) falls back to the server's message.
 *
 * The `errors` namespace is lazy: `api()` loads it ({@link loadErrorTexts}) before it throws,
 * so that the synchronous `errorText` finds it.
 */
import type { Procedure } from 'motcua/engine';
import { currentLanguage, i18next } from '../i18n';
import { diagnosticText, quotedNames } from './diagnostic-text';
import { localized } from './format';

/** Names the place a problem's path points at (a component id -> its name), or undefined to show the path. */
export type PlaceNamer = (path: string) => string | undefined;

/** A {@link PlaceNamer} for a filing's refusals: a problem whose path is a dossier component's id reads as that component's name. */
export function componentNamer(procedure: Pick<Procedure, 'components'> | undefined): PlaceNamer {
  return (path) => {
    const c = procedure?.components?.find((x) => x.id === path);
    return c ? localized(c.name) : undefined;
  };
}

/** What an error or one problem of a refusal says (the server's error body, or one of its `details`). */
export interface ServerProblem {
  code: string;
  message: string;
  hint?: string;
  path?: string;
}

/** Loads the errors' texts (once); never throws: without them the server's message is shown. */
export async function loadErrorTexts(): Promise<void> {
  try {
    await i18next.loadNamespaces('errors');
  } catch {
    // Offline or a missing chunk: errorText falls back to the server's message.
  }
}

/** The table's key for a code: a JSON Schema keyword's code (`E_SCHEMA_PATTERN`) under its family, as the registry has it. */
function tableKey(code: string): string | undefined {
  if (i18next.exists(`errors:code.${code}`)) return code;
  if (code.startsWith('E_SCHEMA_') && i18next.exists('errors:code.E_SCHEMA_*')) return 'E_SCHEMA_*';
  return undefined;
}

/** True when the reader's language has a text for `code` (a registered server code). */
export function knowsErrorCode(code: string): boolean {
  return tableKey(code) !== undefined;
}

/** An error's (or a problem's) message, hint and path for the reader; no hint in Vietnamese when the table's text carries the advice. */
export function serverErrorText(e: ServerProblem): { message: string; hint?: string; path?: string } {
  const path = e.path ? { path: e.path } : {};
  if (currentLanguage() === 'en') return { message: e.message, ...(e.hint ? { hint: e.hint } : {}), ...path };
  const key = tableKey(e.code);
  if (!key) {
    // An engine diagnostic inside a refusal (E_INVALID_DEFINITION's details), when the page loaded those texts.
    if (i18next.exists(`diagnostics:code.${e.code}.message`)) return { ...diagnosticText(e), ...path };
    return { message: e.message, ...(e.hint ? { hint: e.hint } : {}), ...path };
  }
  const t = i18next.getFixedT(currentLanguage(), 'errors');
  const text = t(`code.${key}`);
  const names = quotedNames(`${e.message}\n${e.hint ?? ''}`).map((n) => `‘${n}’`);
  return { message: names.length ? t('names', { message: text, names: names.join(', ') }) : text, ...path };
}

/** One line for an error or a problem: its message, hint and where (the place's name when `name` knows it, else the path). */
export function problemLine(e: ServerProblem, name?: PlaceNamer): string {
  const text = serverErrorText(e);
  // The English message names the place itself; the Vietnamese table's text does not.
  const place = text.path && currentLanguage() !== 'en' ? name?.(text.path) : undefined;
  if (place) return i18next.t('errors:named', { message: text.message.replace(/[.。]\s*$/, ''), name: place, defaultValue: `${text.message} (${place})` }) + (text.hint ? ` ${text.hint}` : '');
  const where = text.path ? ` ${i18next.t('errors:at', { path: text.path, defaultValue: `(${text.path})` })}` : '';
  return `${text.message}${text.hint ? ` ${text.hint}` : ''}${where}`;
}

/** A problem of a refusal's `details` as a line (a string as written; a problem by its code; anything else as JSON). */
export function detailLine(d: unknown, name?: PlaceNamer): string {
  if (typeof d === 'string') return d;
  const p = d as Partial<ServerProblem> | null;
  if (p && typeof p.code === 'string' && typeof p.message === 'string') return problemLine({ code: p.code, message: p.message, ...(typeof p.hint === 'string' ? { hint: p.hint } : {}), ...(typeof p.path === 'string' ? { path: p.path } : {}) }, name);
  return typeof p?.message === 'string' ? p.message : JSON.stringify(d);
}
