/**
 * A small JSON client of the motcua API for the HTTP case driver: bearer tokens, uploads, and
 * error answers turned back into the engine's errors (code, message, hint, problems) so that
 * the scenario runner checks `expect: { error, missing }` over HTTP as it does in process.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorBody, ProblemBody } from 'motcua/contract';
import { MotcuaError, RefusalError } from 'motcua/engine';

/** Calls one server; `fetch` is injectable for tests. */
export class ApiClient {
  constructor(readonly base: string, private readonly fetchFn: typeof fetch = fetch) {}

  /** A JSON request; resolves with the body of a 2xx answer, throws the error of any other. */
  async json<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    return this.#send<T>(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** Submits a web form (a page's POST, e.g. the payment simulator's); a 2xx or a redirect is success. */
  async form(path: string, fields: Record<string, string>): Promise<void> {
    const res = await this.fetchFn(this.base + path, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
    const text = await res.text();
    if (res.status < 400) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    throw errorOf(res.status, parsed, `POST ${path}`);
  }

  /** Uploads a file's bytes; resolves with its hash. */
  async upload(content: string, type: string, token: string): Promise<string> {
    const answer = await this.#send<{ hash: string }>('/api/uploads', { method: 'POST', headers: { 'Content-Type': type, Authorization: `Bearer ${token}` }, body: content });
    return answer.hash;
  }

  async #send<T>(path: string, init: RequestInit): Promise<T> {
    let res: Response;
    // A POST carries an Idempotency-Key, so that the one retry below replays rather than repeats it.
    const headers = new Headers(init.headers);
    if (init.method === 'POST') headers.set('Idempotency-Key', randomUUID());
    try {
      try {
        res = await this.fetchFn(this.base + path, { ...init, headers });
      } catch {
        // A kept-alive socket the server closed meanwhile (ECONNRESET on a busy machine): once more.
        res = await this.fetchFn(this.base + path, { ...init, headers });
      }
    } catch (err) {
      throw new MotcuaError('E_SERVER_UNREACHABLE', `cannot reach ${this.base}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`, {
        status: 503,
        hint: 'Start the server with `motcua serve --test-clock` and pass its URL to --server.',
      });
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.ok) return parsed as T;
    throw errorOf(res.status, parsed, `${init.method ?? 'GET'} ${path}`);
  }
}

/** The engine's error for an error answer: a refusal with its problems when it lists them. */
export function errorOf(status: number, body: unknown, what: string): MotcuaError {
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  if (!error || typeof error.code !== 'string') {
    return new MotcuaError('E_SERVER_ANSWER', `${what} answered ${status} without an error body`, { status, hint: 'Is the URL a motcua server?' });
  }
  const options = { status, ...(error.hint ? { hint: error.hint } : {}), ...(error.path ? { path: error.path } : {}) };
  const problems = Array.isArray(error.details) ? (error.details as ProblemBody[]).filter((p) => typeof p?.code === 'string' && typeof p.message === 'string') : [];
  if (problems.length) return new RefusalError(error.code, error.message, problems, options);
  return new MotcuaError(error.code, error.message, { ...options, ...(error.details !== undefined ? { details: error.details } : {}) });
}
