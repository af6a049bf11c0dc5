/**
 * The procedure library as the server serves it: the web app never bundles a copy of
 * `procedures/` (the server is the source of truth: what is published, in force, retired).
 * Lists are paged and searched by the server (`GET /api/procedures`); one procedure is read
 * once per page load and shared by whoever asks (the worklist's rows, the filing form).
 */
import type { Procedure } from 'motcua/engine';
import type { ProcedureListing } from 'motcua/contract';
import { api } from './api';

/** `GET /api/procedures/:code`: a version with its status and, when the server kept it, its YAML text. */
export interface ProcedureDetail {
  status: 'ok' | 'broken';
  versions: string[];
  procedure: Procedure;
  contentHash?: string;
  retiredAt?: string;
  /** The text it was published from (the library's YAML), when the server has it. */
  source?: string;
  diagnostics: unknown[];
}

/** What a list asks for (every field optional; the server bounds them). */
export interface ListParams {
  q?: string;
  sector?: string;
  level?: string;
  agency?: string;
  open?: boolean;
  status?: 'ok' | 'broken';
  limit?: number;
  offset?: number;
}

/** The URL of a list request; empty values are left out. */
export function listPath(p: ListParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(p) as [string, string | number | boolean | undefined][]) {
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/procedures${qs ? `?${qs}` : ''}`;
}

/** One page of the library. */
export function listProcedures(p: ListParams): Promise<ProcedureListing> {
  return api<ProcedureListing>('GET', listPath(p));
}

const details = new Map<string, Promise<ProcedureDetail>>();

/** A procedure (the version in effect, or `version`), read once per page load; a failed read is retried next time. */
export function getProcedure(code: string, version?: string): Promise<ProcedureDetail> {
  const key = `${code}@${version ?? ''}`;
  let pending = details.get(key);
  if (!pending) {
    pending = api<ProcedureDetail>('GET', `/api/procedures/${encodeURIComponent(code)}${version ? `?version=${encodeURIComponent(version)}` : ''}`);
    pending.catch(() => details.delete(key));
    details.set(key, pending);
  }
  return pending;
}
