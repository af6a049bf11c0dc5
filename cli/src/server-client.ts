/**
 * The CLI's `--server` mode: JSON over HTTP to a motcua server with a bearer token, answers
 * typed by the wire contract (motcua/contract), errors turned into one readable line with
 * the server's code and hint.
 */
import type { ErrorBody } from 'motcua/contract';

/** A server's refusal: its HTTP status and error body. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody['error'],
  ) {
    super(`${status} ${body.code}: ${body.message}${body.hint ? `\n    hint: ${body.hint}` : ''}`);
  }
}

export interface ServerClient {
  get: <T>(path: string) => Promise<T>;
  post: <T>(path: string, body: unknown) => Promise<T>;
}

/** A client for `url` (e.g. http://localhost:3000) with an optional bearer token. */
export function serverClient(url: string, token: string | undefined): ServerClient {
  const base = url.replace(/\/+$/, '');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new ServerError(0, { code: 'E_UNREACHABLE', message: `cannot reach ${base}: ${err instanceof Error ? err.message : String(err)}`, hint: 'Check --server (the URL `motcua serve` prints).' });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const error = (json as ErrorBody | undefined)?.error ?? { code: `E_HTTP_${res.status}`, message: text.slice(0, 200) || res.statusText };
      throw new ServerError(res.status, error);
    }
    return json as T;
  };
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}
