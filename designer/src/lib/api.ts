/**
 * The server's HTTP API as the web app uses it: a bearer token kept in sessionStorage (closing
 * the tab signs out), JSON in and out, and errors turned into `ApiError` with the server's
 * stable code and hint so pages can show them in plain words.
 */

import type { DocumentCheck, DocumentView, PaymentStart, PaymentView, Receipt, VerifiedDocument } from 'motcua/contract';
import { i18next } from '../i18n';
import { knowsErrorCode, loadErrorTexts, problemLine } from './error-text';

const TOKEN_KEY = 'motcua.token';
const USER_KEY = 'motcua.user';

/** The signed-in user as the app remembers it. */
export interface SessionUser {
  id: string;
  name: string;
  kind: string;
  roles?: { role: string; unit: string; level?: string }[];
  /** A citizen's national ID (from the e-ID): the applicant of every filing they make. */
  nationalId?: string;
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function getUser(): SessionUser | null {
  const raw = sessionStorage.getItem(USER_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as SessionUser;
  } catch {
    return null;
  }
}

export function setSession(token: string, user: SessionUser): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(USER_KEY, JSON.stringify(user));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
}

/** An HTTP error from the API, with the server's code (E_...) when it sent one, where (`path`) and a 500's reference. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly details?: unknown,
    readonly path?: string,
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Someone else changed the resource since it was read (optimistic concurrency). */
  get isConflict(): boolean {
    return this.status === 409;
  }
}

/**
 * Reads the error body the server sends. Accepts `{error: {code, message, hint}}` and the flat
 * `{code, message, hint}`; anything else becomes a generic message with the HTTP status.
 */
export function toApiError(status: number, body: unknown): ApiError {
  const outer = (body ?? {}) as Record<string, unknown>;
  const e = (typeof outer.error === 'object' && outer.error !== null ? outer.error : outer) as Record<string, unknown>;
  const code = typeof e.code === 'string' ? e.code : `HTTP_${status}`;
  const message = typeof e.message === 'string' ? e.message : typeof outer.error === 'string' ? outer.error : i18next.t('common:api.server', { status });
  const hint = typeof e.hint === 'string' ? e.hint : undefined;
  const path = typeof e.path === 'string' ? e.path : undefined;
  const correlationId = typeof e.correlationId === 'string' ? e.correlationId : undefined;
  return new ApiError(status, code, message, hint, e.details ?? e.diagnostics ?? e.missing, path, correlationId);
}

/** {@link toApiError}, once the errors' texts are loaded (so that `errorText` can show it in the language shown). */
export async function readApiError(status: number, body: unknown): Promise<ApiError> {
  await loadErrorTexts();
  return toApiError(status, body);
}

/** A public read index.html started before the app's script arrived (see designer/index.html). */
interface Prefetch {
  url: string;
  response: Promise<Response>;
  /** The JSON of a 2xx answer, once it has arrived and been read. */
  data?: unknown;
}

const prefetchHolder = globalThis as { __motcuaPrefetch?: Prefetch };

/** The prefetched answer for a GET of `path`, once (a later read of the same URL fetches anew). */
function takePrefetch(method: string, path: string): Promise<Response> | undefined {
  const pre = prefetchHolder.__motcuaPrefetch;
  if (method !== 'GET' || pre?.url !== path) return undefined;
  delete prefetchHolder.__motcuaPrefetch;
  return pre.response;
}

/**
 * The JSON the prefetch of `path` has already brought (a 2xx answer), or undefined when there is
 * none or it has not arrived: what a page can show in its first render. Only looks; the read is
 * spent with {@link dropPrefetch} (a render may run more than once, see useApi).
 */
export function arrivedPrefetch<T>(path: string): T | undefined {
  const pre = prefetchHolder.__motcuaPrefetch;
  return pre?.url === path ? (pre.data as T | undefined) : undefined;
}

/** Spends the prefetch of `path` (its answer was shown): a later read of it fetches anew. */
export function dropPrefetch(path: string): void {
  if (prefetchHolder.__motcuaPrefetch?.url === path) delete prefetchHolder.__motcuaPrefetch;
}

/** Calls the API. `body` is sent as JSON; the JSON answer is returned (undefined for 204). */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await (takePrefetch(method, path) ?? fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  } catch {
    throw new ApiError(0, 'E_NETWORK', i18next.t('common:api.network'), i18next.t('common:api.networkHint'));
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) throw await readApiError(res.status, json ?? { message: text.slice(0, 200) || undefined });
  return json as T;
}

/**
 * Plain-language text of an error for display, in the language shown (`lib/error-text`): the
 * text of the server's code, where, and a 500's reference; the code itself in brackets for
 * whoever reports it. Without a code the table knows, a 409, 401 or 403 still reads in words.
 */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const reference = err.correlationId ? ` ${i18next.t('errors:reference', { id: err.correlationId, defaultValue: err.correlationId })}` : '';
    if (!knowsErrorCode(err.code)) {
      if (err.isConflict) return i18next.t('common:api.conflict');
      if (err.status === 401) return i18next.t('common:api.signInAgain');
      if (err.status === 403) return i18next.t('common:api.forbidden');
    }
    return `${problemLine({ code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}), ...(err.path ? { path: err.path } : {}) })} (${err.code})${reference}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Uploads one file (`POST /api/uploads`, raw body) and returns its content hash. */
export async function uploadFile(file: File): Promise<string> {
  const headers: Record<string, string> = { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`/api/uploads?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers, body: file });
  const body = (await res.json().catch(() => ({}))) as { hash?: string; error?: unknown };
  if (!res.ok || typeof body.hash !== 'string') throw await readApiError(res.status, body);
  return body.hash;
}

/** The caller's data wallet (`GET /api/my/documents`), newest first. */
export async function myDocuments(limit = 100, offset = 0): Promise<DocumentView[]> {
  return (await api<{ items: DocumentView[] }>('GET', `/api/my/documents?limit=${limit}&offset=${offset}`)).items;
}

/** One result document with its JWS and status (its holder, or officers of the issuing unit). */
export function getDocument(id: string): Promise<DocumentView> {
  return api<DocumentView>('GET', `/api/documents/${encodeURIComponent(id)}`);
}

/** Verifies a document's JWS with the server (anyone may): the payload, or an ApiError whose code names what is wrong. */
export function verifyDocument(jws: string): Promise<VerifiedDocument> {
  return api<VerifiedDocument>('POST', '/api/documents/verify', { jws });
}

/** A document's PDF (`GET /api/documents/:id/pdf`), fetched with the session's token, as a Blob to open. */
export async function documentPdf(id: string): Promise<Blob> {
  const token = getToken();
  const res = await fetch(`/api/documents/${encodeURIComponent(id)}/pdf`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw await readApiError(res.status, await res.json().catch(() => ({})));
  return res.blob();
}

/** Revokes a document (an officer of its issuing unit), with the reason. */
export function revokeDocument(id: string, reason: string): Promise<DocumentView> {
  return api<DocumentView>('POST', `/api/documents/${encodeURIComponent(id)}/revoke`, { reason });
}

/** The public check of a printed document by its number and the check code of its QR link (no sign-in). */
export function checkDocument(id: string, code: string): Promise<DocumentCheck> {
  return api<DocumentCheck>('GET', `/api/documents/${encodeURIComponent(id)}/check?code=${encodeURIComponent(code)}`);
}

/** Starts an online payment of what the case owes: where to send the citizen (the gateway), and a VietQR payload when transfers are accepted. */
export function startPayment(caseId: string): Promise<PaymentStart> {
  return api<PaymentStart>('POST', `/api/cases/${encodeURIComponent(caseId)}/payments`);
}

/** The payments of a case, with their receipts. */
export async function casePayments(caseId: string): Promise<PaymentView[]> {
  return (await api<{ items: PaymentView[] }>('GET', `/api/cases/${encodeURIComponent(caseId)}/payments`)).items;
}

/** The caller's receipts, newest first. */
export async function myReceipts(limit = 100): Promise<Receipt[]> {
  return (await api<{ items: Receipt[] }>('GET', `/api/my/receipts?limit=${limit}`)).items;
}
