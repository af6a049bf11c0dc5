/**
 * The server's publishing lifecycle as the web app calls it (docs/publishing.md): drafts, their
 * review, publishing and retiring versions. Draft content lives only on the server; the browser
 * keeps nothing of it.
 */
import type { DraftSummary, DraftTemplate, DraftView, NewDraft, ProcedureDetail, ProcedureDiff, PublishResult, ScenarioFile, VersionView } from 'motcua/contract';
import type { Diagnostic } from 'motcua/engine';
import { api, ApiError, type SessionUser } from '../lib/api';

/** The role of `procedures/catalogues/roles.yaml` that reviews drafts (four eyes). */
export const APPROVER_ROLE = 'procedure-approver';

/** A published version with the text it was published from. */
export type PublishedProcedure = ProcedureDetail;

const id = (draft: string): string => encodeURIComponent(draft);

export const draftsApi = {
  templates: async (): Promise<DraftTemplate[]> => (await api<{ items: DraftTemplate[] }>('GET', '/api/drafts/templates')).items,
  list: async (): Promise<DraftSummary[]> => (await api<{ items: DraftSummary[] }>('GET', '/api/drafts?limit=500')).items,
  create: (input: NewDraft): Promise<DraftView> => api<DraftView>('POST', '/api/drafts', input),
  get: (draft: string): Promise<DraftView> => api<DraftView>('GET', `/api/drafts/${id(draft)}`),
  /** Saves the text; `scenarios`, when given, replace the draft's scenario files (else they are kept). */
  save: (draft: string, source: string, revision: number, scenarios?: ScenarioFile[]): Promise<DraftView> => api<DraftView>('PUT', `/api/drafts/${id(draft)}`, { source, revision, ...(scenarios ? { scenarios } : {}) }),
  remove: (draft: string): Promise<void> => api<void>('DELETE', `/api/drafts/${id(draft)}`),
  diff: (draft: string): Promise<ProcedureDiff> => api<ProcedureDiff>('GET', `/api/drafts/${id(draft)}/diff`),
  submit: (draft: string, revision: number, comment?: string): Promise<DraftView> => api<DraftView>('POST', `/api/drafts/${id(draft)}/submit`, { revision, ...(comment ? { comment } : {}) }),
  approve: (draft: string, revision: number, comment?: string): Promise<DraftView> => api<DraftView>('POST', `/api/drafts/${id(draft)}/approve`, { revision, ...(comment ? { comment } : {}) }),
  returnDraft: (draft: string, revision: number, comment: string): Promise<DraftView> => api<DraftView>('POST', `/api/drafts/${id(draft)}/return`, { revision, comment }),
  publish: (draft: string): Promise<PublishResult> => api<PublishResult>('POST', `/api/drafts/${id(draft)}/publish`, {}),
  procedure: (code: string, version?: string): Promise<PublishedProcedure> =>
    api<PublishedProcedure>('GET', `/api/procedures/${encodeURIComponent(code)}${version ? `?version=${encodeURIComponent(version)}` : ''}`),
  versions: async (code: string): Promise<VersionView[]> => (await api<{ items: VersionView[] }>('GET', `/api/procedures/${encodeURIComponent(code)}/versions`)).items,
  retire: (code: string, version: string, reason?: string): Promise<unknown> =>
    api('POST', `/api/procedures/${encodeURIComponent(code)}/versions/${encodeURIComponent(version)}/retire`, reason ? { reason } : {}),
};

/** An author may write drafts. */
export const isAuthor = (u: SessionUser | null): boolean => u?.kind === 'author';
/** An approver reviews drafts and retires versions. */
export const isApprover = (u: SessionUser | null): boolean => (u?.roles ?? []).some((r) => r.role === APPROVER_ROLE);
/** Four eyes: whoever created or saved a draft may not review it. */
export const mayReview = (u: SessionUser | null, d: DraftSummary): boolean => isApprover(u) && !d.editors.includes(u?.id ?? '');

/** The validator's findings a refusal carries (422 `E_INVALID_DEFINITION`: `error.details`), if any. */
export function refusalDiagnostics(err: unknown): Diagnostic[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return (err.details as unknown[]).filter((d): d is Diagnostic => typeof d === 'object' && d !== null && typeof (d as Diagnostic).code === 'string' && typeof (d as Diagnostic).message === 'string');
}

/** True when a save was refused because someone saved the draft meanwhile (409 `E_DRAFT_STALE`). */
export const isStale = (err: unknown): boolean => err instanceof ApiError && err.code === 'E_DRAFT_STALE';
