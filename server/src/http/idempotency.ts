/**
 * `Idempotency-Key` on POSTs: the first request with a key runs and its answer (success or
 * refusal, not a 5xx) is stored; a retry with the same key and body gets the stored answer
 * again, without running twice; the same key with a different body is a 409.
 */
import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import { ConflictError, RefusalError } from '../../../engine/src/errors';
import { canonicalJson } from '../audit';
import { isUniqueViolation } from '../db';
import { optionalPrincipal } from './authenticate';
import type { AppServices, AppState } from './context';
import { errorToResponse } from './errors';

interface KeyRow {
  route: string;
  body_hash: string;
  status: number | null;
  response: string | null;
  created_at: number;
}

/** A request still "running" after this long died with its process: a retry may take it over. */
const ABANDONED_MS = 60_000;

export function idempotency(s: AppServices): Middleware<AppState> {
  return async (ctx, next) => {
    const key = ctx.get('Idempotency-Key');
    if (ctx.method !== 'POST' || !key) {
      await next();
      return;
    }
    if (key.length > 200) {
      throw new RefusalError('E_BAD_IDEMPOTENCY_KEY', 'Idempotency-Key is longer than 200 characters', [], { status: 400, hint: 'Use a UUID.' });
    }
    const principal = (await optionalPrincipal(ctx, s))?.id ?? 'anonymous';
    const route = `${ctx.method} ${ctx.path}`;
    const bodyHash = createHash('sha256').update(canonicalJson(ctx.request.body ?? null)).digest('hex');
    const table = () => s.db.knex('idempotency_keys');
    try {
      await table().insert({ principal, key, route, body_hash: bodyHash, status: null, response: null, created_at: Date.now() });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const row = (await table().where({ principal, key }).first()) as KeyRow | undefined;
      if (!row || row.route !== route || row.body_hash !== bodyHash) {
        throw new ConflictError('E_IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used for a different request', {
          hint: 'Use a new key for each distinct request; reuse a key only to retry the same request.',
        });
      }
      if (row.status === null) {
        const now = Date.now();
        // Claimed by exactly one retry: the update matches only the row as it was read.
        const takenOver =
          Number(row.created_at) < now - ABANDONED_MS &&
          (await table().where({ principal, key, created_at: row.created_at }).whereNull('status').update({ created_at: now })) === 1;
        if (!takenOver) {
          throw new ConflictError('E_IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running', {
            hint: 'Retry in a moment.',
          });
        }
      } else {
        ctx.status = row.status;
        ctx.body = row.response === null ? null : (JSON.parse(row.response) as unknown);
        ctx.set('Idempotent-Replayed', 'true');
        return;
      }
    }
    try {
      await next();
    } catch (err) {
      const { status, body } = errorToResponse(err, s.log);
      ctx.status = status;
      ctx.body = body;
    }
    if (ctx.status >= 500) {
      await table().where({ principal, key }).delete();
    } else {
      await table()
        .where({ principal, key })
        .update({ status: ctx.status, response: ctx.body === undefined ? null : JSON.stringify(ctx.body) });
    }
  };
}
