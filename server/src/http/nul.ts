/**
 * U+0000 (NUL) is refused wherever a request carries text: PostgreSQL's `text` cannot hold it,
 * so a NUL reaching a query fails there (a 500 on PostgreSQL, silently accepted on SQLite),
 * and no real field, identifier or search needs it. Headers cannot carry it (Node's HTTP
 * parser refuses them); the URL is checked here, JSON bodies in `jsonBody`.
 */
import type { Middleware } from 'koa';
import { MotcuaError } from 'motcua/engine';

/** The refusal of a NUL character (400, `E_NUL_CHARACTER`). */
export function nulCharacter(where: 'body' | 'URL'): MotcuaError {
  return new MotcuaError('E_NUL_CHARACTER', `The request ${where} holds the character U+0000 (NUL)`, {
    status: 400,
    hint: 'Remove the NUL character (\\u0000, %00): no field accepts it.',
  });
}

/**
 * Whether JSON text holds an escaped U+0000 (`\u0000` preceded by an even number of
 * backslashes, so not a literal backslash followed by `u0000`). A raw NUL byte is not valid
 * JSON and is left to the parser.
 */
export function textHasNul(text: string): boolean {
  for (let i = text.indexOf('\\u0000'); i !== -1; i = text.indexOf('\\u0000', i + 1)) {
    let slashes = 1;
    while (i - slashes >= 0 && text.charCodeAt(i - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 1) return true;
  }
  return false;
}

const ENCODED_NUL = /%00/i;

/** Refuses a request whose path or query string holds an encoded NUL (`%00`). */
export const noNulInUrl: Middleware = async (ctx, next) => {
  if (ENCODED_NUL.test(ctx.url)) throw nulCharacter('URL');
  await next();
};
