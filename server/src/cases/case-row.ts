/** The `cases` row and its mapping to what the API shows. */
import type { CaseStatus } from 'motcua/engine';

export interface CaseRow {
  id: string;
  procedure_code: string;
  procedure_version: string;
  applicant_id: string;
  unit_id: string;
  status: CaseStatus;
  due_at: number | null;
  submitted_at: number;
  updated_at: number;
  version: number;
  state: string;
  /** The case whose `procedure` step started this one (a child), or that linked it. */
  parent_id?: string | null;
  /** The parent's step waiting for this child; null for a linked case. */
  parent_step?: string | null;
}

/** Outcome statuses: a case in one of these is closed and has no timers. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['done', 'rejected', 'withdrawn', 'cancelled']);

/** Work items without a due sort last; a sentinel keeps the (unit, role, due) index usable. */
export const NO_DUE = 8_000_000_000_000_000;
