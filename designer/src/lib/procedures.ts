/**
 * The procedure library as the server serves it: the web app never bundles a copy of
 * `procedures/` (the server is the source of truth: what is published, in force, retired).
 * Lists are paged and searched by the server (`GET /api/procedures`); one procedure is read
 * once per page load and shared by whoever asks (the worklist's rows, the filing form).
 */
import { useEffect, useState } from 'react';
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

/**
 * The procedure version `code` (in effect), once read: undefined while loading, when the code is
 * unknown or the server unreachable (the caller then shows the code). For labels such as a
 * document's title or a form's field names.
 */
export function useProcedure(code: string | undefined): Procedure | undefined {
  const [procedure, setProcedure] = useState<Procedure | undefined>();
  useEffect(() => {
    let live = true;
    if (code) getProcedure(code).then((d) => live && setProcedure(d.procedure), () => undefined);
    return () => {
      live = false;
    };
  }, [code]);
  return procedure;
}
