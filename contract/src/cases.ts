/**
 * Cases on the wire: what `GET /api/cases/:id`, `POST /api/cases`, an action and the
 * worklist answer. The server builds these; the web app and the CLI read them.
 */
import type { CaseEvent, Level } from 'motcua/engine';

/** A child or linked case, as its parent's view lists it. */
export interface CaseChildView {
  id: string;
  procedure: string;
  step?: string;
  status: string;
  steps: string[];
  outcome?: string;
  version: number;
}

/** A case as the API answers it (`GET /api/cases/:id`, a filing, an action). */
export interface CaseView {
  id: string;
  /** `agency`: the agency that handles the procedure (`agency` of the format; a province's overlay may set its own). */
  procedure: { code: string; version: string; name?: string; agency?: string };
  unit: string;
  applicant: string;
  status: string;
  steps: string[];
  tasks: { step: string; role: string; level?: Level }[];
  outcome?: string;
  /** Once closed: whether the outcome was reached at or before the due. */
  onTime?: boolean;
  due?: string;
  overdue: boolean;
  fees?: unknown;
  components?: unknown;
  prefilled?: unknown;
  data?: unknown;
  version: number;
  submittedAt: string;
  updatedAt: string;
  timeline?: CaseEvent[];
  /** The case that started this one: its `procedure` step (a child), or none (a linked case). */
  parent?: { id: string; step?: string };
  /** Child and linked cases this one started. */
  children?: CaseChildView[];
  /**
   * The people the case names whose consent is required (a spouse, the other party): awaited
   * before the case is received (`status: awaiting-consent`), given, or closed (the case closed
   * before that consent). Never their records.
   */
  consents?: { subject: string; relation: string; status: 'awaiting' | 'given' | 'closed' }[];
}

/**
 * A consent a person is asked for (`GET /api/my/consents`) or has just given
 * (`POST /api/cases/:id/consents/:subject`): which case, which procedure, as whom. It shows
 * nothing of the filer's or anyone's records.
 */
export interface ConsentView {
  caseId: string;
  /** The subject id of the procedure (`bride`, `party-b`). */
  subject: string;
  /** What entitles the filer: `party`, `child`... */
  relation: string;
  status: 'awaiting' | 'given' | 'closed';
  procedure: { code: string; version: string; name?: string };
  unit: string;
  /** ISO instant the consent was asked for. */
  since: string;
  /** After a consent: whether the dossier is now complete (the case received). */
  complete?: boolean;
}

/** One task of an officer's worklist (`GET /api/worklist`). */
export interface WorkItem {
  caseId: string;
  step: string;
  role: string;
  unit: string;
  /** The unit's name (absent when the unit is not in the units table). */
  unitName?: string;
  procedure: string;
  applicant: string;
  /**
   * The applicant's display name, so that an officer need not read ids. Personal data, read for
   * the declared purpose: the worklist lists only tasks the officer may act on (their units,
   * roles and level). Absent when the account is gone.
   */
  applicantName?: string;
  status: string;
  due?: string;
  overdue: boolean;
  dueSoon: boolean;
  version: number;
}

/** A page of the worklist. */
export interface WorklistPage {
  items: WorkItem[];
  /** Cursor of the next page, absent on the last page. */
  next?: string;
}
