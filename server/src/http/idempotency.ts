/**
 * `Idempotency-Key` on POSTs: the first request with a key runs and its answer (success or
 * refusal, not a 5xx) is stored; a retry with the same key and body gets the stored answer
 * again, without running twice; the same key with a different body is a 409.
 *
 * A request that changes cases stores its answer INSIDE the transaction of the transition
 * (`ctx.state.idempotency.record`): the key, the answer and the case commit together or not
 * at all, so a retry after a crash finds either the stored answer or no trace of the first
 * attempt. Concurrent requests with one key both run; the key's primary key lets exactly one
 * commit, and the others roll back and replay the winner's answer. Requests that change
 * nothing transactional (uploads by content hash, tokens) store their answer after running.
 */
import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import { ConflictError, RefusalError } from 'motcua/engine';
import { canonicalJson } from '../audit';
import type { Sql } from '../db';
import { optionalPrincipal } from './authenticate';
import type { AppContext, AppServices, AppState } from './context';
import { errorToResponse } from './errors';

interface KeyRow {
  route: string;
  body_hash: string;
  status: number | null;
  response: string | null;
}

/** Given to a handler whose work is one database transaction (ctx.state.idempotency). */
export interface IdempotencyClaim {
  /** Stores the answer through `sql`, in the transaction that carries out the request. */
  record: (sql: Sql, status: number, body: unknown) => Promise<void>;
}

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
    // The column holds 300 characters: a longer path (a hostile one) is kept as its hash, so that
    // PostgreSQL never refuses the row (a 500) and a replay still compares exactly.
    const fullRoute = `${ctx.method} ${ctx.path}`;
    const route = fullRoute.length <= 300 ? fullRoute : `${ctx.method} sha256:${createHash('sha256').update(ctx.path).digest('hex')}`;
    const bodyHash = createHash('sha256').update(canonicalJson(ctx.request.body ?? null)).digest('hex');
    const find = async (): Promise<KeyRow | undefined> =>
      (await s.db.query((sql) => sql.all<KeyRow>('SELECT route, body_hash, status, response FROM idempotency_keys WHERE principal = ? AND "key" = ?', [principal, key])))[0];
    const stored = await find();
    if (stored) {
      replay(ctx, stored, route, bodyHash);
      return;
    }
    /** The answer stored in the request's transaction, and its JSON text (sent as it is: serialized once). */
    let recorded: { body: unknown; text: string | null } | undefined;
    const row = (status: number, body: unknown) => ({
      principal, key, route, body_hash: bodyHash, status, response: body === undefined ? null : JSON.stringify(body), created_at: Date.now(),
    });
    ctx.state.idempotency = {
      async record(sql, status, body) {
        // A concurrent request with this key that committed first makes this insert fail: the
        // whole transaction rolls back and the winner's answer is replayed below.
        const r = row(status, body);
        await sql.run('INSERT INTO idempotency_keys (principal, "key", route, body_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          r.principal, r.key, r.route, r.body_hash, r.status, r.response, r.created_at,
        ]);
        recorded = { body, text: r.response };
      },
    };
    try {
      await next();
    } catch (err) {
      // Lost a race with the same key (unique violation, or the winner moved the case on):
      // answer what the winner answered.
      const winner = await find();
      if (winner) {
        replay(ctx, winner, route, bodyHash);
        return;
      }
      const { status, body } = errorToResponse(err, s.log);
      ctx.status = status;
      ctx.body = body;
    }
    if (recorded) {
      // The route answered the body it recorded: send the text stored with it rather than
      // serializing it again (Content-Type stays the JSON one Koa set for the object).
      if (ctx.body === recorded.body && recorded.text !== null) ctx.body = recorded.text;
      return;
    }
    if (ctx.status >= 500) return;
    await s.db.knex('idempotency_keys').insert(row(ctx.status, ctx.body)).onConflict(['principal', 'key']).ignore();
  };
}

function replay(ctx: AppContext, row: KeyRow, route: string, bodyHash: string): void {
  if (row.route !== route || row.body_hash !== bodyHash) {
    throw new ConflictError('E_IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used for a different request', {
      hint: 'Use a new key for each distinct request; reuse a key only to retry the same request.',
    });
  }
  ctx.status = row.status ?? 200;
  ctx.set('Idempotent-Replayed', 'true');
  if (row.response === null) {
    ctx.body = null;
    return;
  }
  // The stored JSON text as it is: the first answer's bytes again, not parsed and re-serialized
  // (which cost a parse and a stringify per replay, and put integer-like keys first).
  ctx.type = 'json';
  ctx.body = row.response;
}
