/**
 * The one place where errors become HTTP answers. A MotcuaError carries its status, code,
 * hint and path; Koa's own HTTP errors (a malformed JSON body, a body too large) keep their
 * status; anything else is a 500 with a correlation id that is logged with the stack, and
 * nothing of the stack or message is sent to the caller.
 */
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { ErrorBody } from 'motcua/contract';
import { MotcuaError } from 'motcua/engine';

export type { ErrorBody } from 'motcua/contract';

export type Logger = (line: string) => void;

interface HttpLikeError {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  message?: unknown;
  type?: unknown;
}

const HTTP_CODES: Record<number, string> = {
  400: 'E_BAD_REQUEST',
  404: 'E_NOT_FOUND',
  405: 'E_METHOD_NOT_ALLOWED',
  413: 'E_TOO_LARGE',
  415: 'E_UNSUPPORTED_MEDIA_TYPE',
};

/** Turns any thrown value into a status and a JSON body. Exported for tests. */
export function errorToResponse(err: unknown, log: Logger): { status: number; body: ErrorBody } {
  if (err instanceof MotcuaError) {
    if (err.expose) return { status: err.status, body: { error: err.toJSON() } };
    return internal(err, log, err.status);
  }
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpLikeError;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500 && e.expose !== false) {
    const message = typeof e.message === 'string' ? e.message : 'Bad request';
    const malformed = e.type === 'entity.parse.failed' || /JSON/i.test(message);
    return {
      status,
      body: {
        error: {
          code: malformed ? 'E_MALFORMED_JSON' : (HTTP_CODES[status] ?? 'E_BAD_REQUEST'),
          message: malformed ? 'The request body is not valid JSON' : message,
          ...(malformed ? { hint: 'Send a JSON document with Content-Type: application/json.' } : {}),
        },
      },
    };
  }
  return internal(err, log, 500);
}

function internal(err: unknown, log: Logger, status: number): { status: number; body: ErrorBody } {
  const correlationId = randomUUID();
  log(`[${correlationId}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return {
    status: status >= 500 ? status : 500,
    body: {
      error: {
        code: 'E_INTERNAL',
        message: 'Internal error',
        hint: `Quote correlation id ${correlationId} when reporting this problem.`,
        correlationId,
      },
    },
  };
}

/** The header an error answer of `status` carries besides its body: a 401 names the scheme (RFC 6750). */
export function errorHeader(status: number): readonly [name: string, value: string] | undefined {
  return status === 401 ? ['WWW-Authenticate', 'Bearer'] : undefined;
}

export function errorMiddleware(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const { status, body } = errorToResponse(err, log);
      ctx.status = status;
      ctx.body = body;
      const header = errorHeader(status);
      if (header) ctx.set(header[0], header[1]);
    }
  };
}
