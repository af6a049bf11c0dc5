/**
 * The query of `GET /api/procedures`, bounded: a too long search, an unknown level or status,
 * a page too large is a 400 E_BAD_QUERY with the parameter and a hint, never a slow request.
 */
import { LEVELS, RefusalError, type Level } from 'motcua/engine';
import { PROCEDURE_LIST_LIMITS as LIMITS } from 'motcua/contract';
import type { CatalogueQuery } from '../procedures';
import type { AppContext } from './context';
import { queryBool, queryInt, queryString } from './query';

const STATUSES = ['ok', 'broken'] as const;

function bounded(ctx: AppContext, name: string, max: number): string | undefined {
  const raw = queryString(ctx, name)?.trim();
  if (raw === undefined || raw === '') return undefined;
  if ([...raw].length > max) {
    throw new RefusalError('E_BAD_QUERY', `Query parameter ${name} is longer than ${max} characters`, [], { status: 400, path: name, hint: `Send at most ${max} characters.` });
  }
  return raw;
}

function oneOf<T extends string>(ctx: AppContext, name: string, values: readonly T[]): T | undefined {
  const raw = queryString(ctx, name);
  if (raw === undefined) return undefined;
  if (!(values as readonly string[]).includes(raw)) {
    throw new RefusalError('E_BAD_QUERY', `Query parameter ${name}=${raw.slice(0, 40)} is not one of ${values.join(', ')}`, [], { status: 400, path: name, hint: `Use one of ${values.join(', ')}, or omit it.` });
  }
  return raw as T;
}

/** Reads and checks the list's query parameters. */
export function listQuery(ctx: AppContext): CatalogueQuery {
  const q = bounded(ctx, 'q', LIMITS.maxQueryLength);
  const sector = bounded(ctx, 'sector', LIMITS.maxFilterLength);
  const agency = bounded(ctx, 'agency', LIMITS.maxFilterLength);
  const level: Level | undefined = oneOf(ctx, 'level', LEVELS);
  const status = oneOf(ctx, 'status', STATUSES);
  const open = queryBool(ctx, 'open');
  return {
    ...(q === undefined ? {} : { q }),
    ...(sector === undefined ? {} : { sector }),
    ...(agency === undefined ? {} : { agency }),
    ...(level === undefined ? {} : { level }),
    ...(status === undefined ? {} : { status }),
    ...(open === undefined ? {} : { open }),
    limit: queryInt(ctx, 'limit', LIMITS.defaultLimit, 1, LIMITS.maxLimit),
    offset: queryInt(ctx, 'offset', 0, 0, 1_000_000),
  };
}

/** Relative URLs of the first, previous, next and last pages of the same query. */
export function pageLinks(ctx: AppContext, query: CatalogueQuery, total: number): { self: string; first: string; last: string; prev?: string; next?: string } {
  const at = (offset: number): string => {
    const params = new URLSearchParams();
    for (const key of ['q', 'sector', 'level', 'agency', 'status'] as const) {
      const v = query[key];
      if (v !== undefined) params.set(key, v);
    }
    if (query.open !== undefined) params.set('open', String(query.open));
    params.set('limit', String(query.limit));
    params.set('offset', String(offset));
    return `${ctx.path}?${params.toString()}`;
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / query.limit) * query.limit;
  return {
    self: at(query.offset),
    first: at(0),
    last: at(lastOffset),
    ...(query.offset > 0 ? { prev: at(Math.max(0, query.offset - query.limit)) } : {}),
    ...(query.offset + query.limit < total ? { next: at(query.offset + query.limit) } : {}),
  };
}
