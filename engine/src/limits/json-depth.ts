import { MotcuaError } from '../errors';

/**
 * How deep JSON may nest where motcua reads it from outside (HTTP bodies, case data, forms).
 * Real e-forms nest a handful of levels; every reader downstream (ajv, the audit chain's
 * canonical JSON, JSON.stringify of the case) recurses, so a value a few thousand levels deep
 * would overflow the stack there. 64 leaves room for any real form and none for that.
 */
export const MAX_JSON_DEPTH = 64;

/** The refusal of a value nested deeper than `max` (400, `E_TOO_DEEP`). */
export function tooDeep(max: number = MAX_JSON_DEPTH, path?: string): MotcuaError {
  return new MotcuaError('E_TOO_DEEP', `The value nests deeper than ${max} levels${path ? ` at ${path}` : ''}`, {
    status: 400,
    ...(path ? { path } : {}),
    hint: `Nest objects and arrays at most ${max} levels deep.`,
  });
}

/**
 * Whether a parsed value nests deeper than `max` objects or arrays. Iterative (an explicit
 * stack), so it answers for any value, however deep, without overflowing the call stack.
 */
export function exceedsDepth(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Whether JSON text nests deeper than `max`: one pass over the characters, counting brackets
 * outside strings, before anything parses it. Malformed text is left to the parser.
 */
export function textExceedsDepth(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
