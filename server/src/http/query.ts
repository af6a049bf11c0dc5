/** Query-string parsing with clear 400s instead of NaN surprises. */
import { RefusalError } from 'motcua/engine';
import type { AppContext } from './context';

export function queryString(ctx: AppContext, name: string): string | undefined {
  const v = ctx.query[name];
  if (Array.isArray(v)) return v[0];
  return v === '' ? undefined : v;
}

export function queryInt(ctx: AppContext, name: string, fallback: number, min: number, max: number): number {
  const raw = queryString(ctx, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new RefusalError('E_BAD_QUERY', `Query parameter ${name}=${raw} must be a whole number from ${min} to ${max}`, [], {
      status: 400,
      path: name,
      hint: `Omit ${name} to use ${fallback}.`,
    });
  }
  return n;
}

export function queryBool(ctx: AppContext, name: string): boolean | undefined {
  const raw = queryString(ctx, name);
  if (raw === undefined) return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new RefusalError('E_BAD_QUERY', `Query parameter ${name}=${raw} must be true or false`, [], { status: 400, path: name, hint: 'Use true or false.' });
}

/** The longest path parameter any route stores (users' ids; the audit log's subject column). */
export const PATH_PARAM_MAX = 128;

/**
 * A path parameter the route declares (always present when the route matched), bounded before
 * anything reads it: a longer one is refused with a 400 naming it, never passed to a column
 * that would reject it with a database error (PostgreSQL's varchar limits).
 */
export function param(ctx: { params: Record<string, string | undefined> }, name: string, max: number = PATH_PARAM_MAX): string {
  const v = ctx.params[name] ?? '';
  if (v.length > max) {
    throw new RefusalError('E_BAD_PATH', `Path parameter ${name} is ${v.length} characters long; at most ${max} are allowed`, [], {
      status: 400,
      path: name,
      hint: `Use an id of at most ${max} characters.`,
    });
  }
  return v;
}
