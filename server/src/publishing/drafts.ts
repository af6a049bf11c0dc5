/**
 * Drafts on the server: one row each, with an optimistic `revision` (every write is
 * `... WHERE revision = ?`, so a stale save changes nothing and answers 409) and its review.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from 'motcua/engine';
import type { DraftStatus, DraftSummary, ReviewComment, ScenarioFile } from 'motcua/contract';
import type { Sql } from '../db';

/** A draft as stored. */
export interface DraftRow {
  id: string;
  code: string | null;
  version: string | null;
  source: string;
  scenarios: string;
  status: DraftStatus;
  revision: number;
  created_by: string;
  editors: string;
  base_code: string | null;
  base_version: string | null;
  comments: string;
  content_hash: string;
  approved_by: string | null;
  approved_hash: string | null;
  created_at: number | string;
  updated_at: number | string;
}

/** The hash a review approves: the text and the scenarios, exactly. */
export function draftHash(source: string, scenarios: readonly ScenarioFile[]): string {
  return createHash('sha256').update(source).update('\u0000').update(JSON.stringify(scenarios)).digest('hex');
}

export function newDraftId(now: Date): string {
  return `d-${now.getTime().toString(36)}-${randomUUID().slice(0, 8)}`;
}

export function summaryOf(r: DraftRow): DraftSummary {
  return {
    id: r.id,
    ...(r.code ? { code: r.code } : {}),
    ...(r.version ? { version: r.version } : {}),
    status: r.status,
    revision: Number(r.revision),
    createdBy: r.created_by,
    editors: JSON.parse(r.editors) as string[],
    ...(r.base_code && r.base_version ? { base: { code: r.base_code, version: r.base_version } } : {}),
    contentHash: r.content_hash,
    ...(r.approved_by ? { approvedBy: r.approved_by } : {}),
    createdAt: new Date(Number(r.created_at)).toISOString(),
    updatedAt: new Date(Number(r.updated_at)).toISOString(),
  };
}

export const scenariosOf = (r: DraftRow): ScenarioFile[] => JSON.parse(r.scenarios) as ScenarioFile[];
export const commentsOf = (r: DraftRow): ReviewComment[] => JSON.parse(r.comments) as ReviewComment[];

export async function readDraft(sql: Sql, id: string): Promise<DraftRow> {
  const [row] = await sql.all<DraftRow>('SELECT * FROM procedure_drafts WHERE id = ?', [id]);
  if (!row) throw new NotFoundError('E_DRAFT_NOT_FOUND', `No draft '${id}'`, { path: 'id', hint: 'GET /api/drafts lists the drafts.' });
  return row;
}

export async function listDrafts(sql: Sql, status: DraftStatus | undefined, limit: number, offset: number): Promise<DraftRow[]> {
  return status
    ? sql.all<DraftRow>('SELECT * FROM procedure_drafts WHERE status = ? ORDER BY updated_at DESC, id LIMIT ? OFFSET ?', [status, limit, offset])
    : sql.all<DraftRow>('SELECT * FROM procedure_drafts ORDER BY updated_at DESC, id LIMIT ? OFFSET ?', [limit, offset]);
}

export async function insertDraft(sql: Sql, row: DraftRow): Promise<void> {
  const cols = Object.keys(row);
  await sql.run(`INSERT INTO procedure_drafts (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, Object.values(row));
}

/** Writes `changes` if the draft is still at `revision` (else 409 E_DRAFT_STALE), bumping it. */
export async function updateDraft(sql: Sql, id: string, revision: number, changes: Partial<DraftRow>): Promise<void> {
  const cols = Object.keys(changes);
  const n = await sql.run(`UPDATE procedure_drafts SET ${cols.map((c) => `${c} = ?`).join(', ')}, revision = revision + 1 WHERE id = ? AND revision = ?`, [...Object.values(changes), id, revision]);
  if (n === 0) throw stale(id, revision);
}

export function stale(id: string, revision: number): ConflictError {
  return new ConflictError('E_DRAFT_STALE', `Draft ${id} changed since revision ${revision}`, {
    path: 'revision',
    hint: 'Someone saved it in between: reload the draft (GET /api/drafts/:id), merge your changes and save with its revision.',
  });
}

export async function deleteDraft(sql: Sql, id: string): Promise<void> {
  await sql.run('DELETE FROM procedure_drafts WHERE id = ?', [id]);
}
