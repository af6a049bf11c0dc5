/**
 * Publishing procedures on the wire: drafts, their review (four eyes), publishing,
 * retirement, the semantic diff and in-flight migrations. The server builds these
 * (server/src/publishing); the web app's designer and `motcua publish/pull` read them.
 */
import type { Diagnostic, MigrationPlan } from 'motcua/engine';

export type { Diagnostic, DiffChange, DiffArea, ProcedureDiff, MigrationPlan } from 'motcua/engine';

/** Where a draft is in its review. */
export const DRAFT_STATUSES = ['editing', 'submitted', 'returned', 'approved', 'published'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** A scenario file (`*.test.yaml`) a draft carries: run whenever the draft is validated. */
export interface ScenarioFile {
  /** A file name, e.g. `birth.test.yaml` (shown in diagnostics). */
  name: string;
  source: string;
}

/** One entry of a draft's review. */
export interface ReviewComment {
  kind: 'submit' | 'return' | 'approve';
  by: string;
  /** ISO instant. */
  at: string;
  text?: string;
}

/** A draft as `GET /api/drafts` lists it. */
export interface DraftSummary {
  id: string;
  /** From the draft's text, when it has them. */
  code?: string;
  version?: string;
  status: DraftStatus;
  /** Optimistic concurrency: send it back with a save; a stale one gets 409 E_DRAFT_STALE. */
  revision: number;
  createdBy: string;
  /** Everyone who created or saved it: none of them may approve it. */
  editors: string[];
  /** The version it started from. */
  base?: { code: string; version: string };
  contentHash: string;
  approvedBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** A draft with its text, scenarios, review and the validator's findings. */
export interface DraftView extends DraftSummary {
  /** The procedure as YAML text. */
  source: string;
  scenarios: ScenarioFile[];
  comments: ReviewComment[];
  /** What `motcua validate --library` finds, plus the scenarios' failures; empty when valid. */
  diagnostics: Diagnostic[];
  /** True when the draft has no error (it may be submitted). */
  valid: boolean;
}

/** How to start a draft (`POST /api/drafts`). */
export type NewDraft =
  | { from: 'scratch'; code: string; name: { vi: string; en?: string }; scenarios?: ScenarioFile[] }
  | { from: 'template'; template: string; code: string; name: { vi: string; en?: string } }
  | { from: 'version'; code: string; version: string; newCode?: string; newVersion?: string }
  | { from: 'source'; source: string; scenarios?: ScenarioFile[] };

/** A template to start from (`GET /api/drafts/templates`). */
export interface DraftTemplate {
  id: string;
  name: { vi: string; en?: string };
}

/** `PUT /api/drafts/:id`. */
export interface SaveDraft {
  source: string;
  scenarios?: ScenarioFile[];
  revision: number;
}

/** The answer of a publish: `unchanged` when that (code, version) already holds this very content. */
export interface PublishResult {
  code: string;
  version: string;
  status: 'published' | 'unchanged';
  contentHash: string;
  /** A national version just published: the overlays built on an older version, now stale. */
  staleOverlays?: { code: string; version: string; builtOn: string }[];
}

/** What `POST /api/procedures/validate` answers about a text: the validator's findings and whether its version is published. */
export interface SourceCheck {
  valid: boolean;
  diagnostics: Diagnostic[];
  code?: string;
  version?: string;
  contentHash?: string;
  /** `same`: that (code, version) is published with this very content; `other`: with other content (bump the version). */
  published: 'none' | 'same' | 'other';
}

/** A version in force as `GET /api/procedures/in-force` lists it (`motcua pull`). */
export interface InForceVersion {
  code: string;
  version: string;
  /** Where it belongs in a library folder: its file's path in the server's library, else `<sector>/<code>.yaml`. */
  path: string;
  /** The text it was published from, byte for byte. */
  source: string;
  contentHash: string;
}

/** A procedure version as `GET /api/procedures/:code[?version=]` answers it. */
export interface ProcedureDetail {
  status: 'ok' | 'broken';
  /** Every version of the code the server holds. */
  versions: string[];
  procedure: { code: string; version: string; name?: { vi: string; en?: string } } & Record<string, unknown>;
  /** The YAML text it was published from, comments and layout kept. */
  source: string;
  contentHash: string;
  retiredAt?: string;
  diagnostics: Diagnostic[];
}

/** A version of a procedure as `GET /api/procedures/:code/versions` lists it. */
export interface VersionView {
  code: string;
  version: string;
  effective?: { from: string; to?: string | null };
  /** `in-force` today, `scheduled` (from a later date), `expired`, or `retired`. */
  state: 'in-force' | 'scheduled' | 'expired' | 'retired';
  status: 'ok' | 'broken';
  contentHash: string;
  retiredAt?: string;
}

/**
 * A province's overlay of a national procedure, as `GET /api/procedures/:code/overlays`
 * lists it: the national version it was built on and whether a newer one has come out since.
 */
export interface OverlayView {
  /** The overlay's own code and version. */
  code: string;
  version: string;
  scope: { province: string };
  effective?: { from: string; to?: string | null };
  /** The national version it was built on, and the version or range its file asked for. */
  base: { code: string; version: string; range: string };
  /** The newest national version not retired. */
  latest: string;
  /** A newer national version exists: the province must review it and publish a new overlay version. */
  stale: boolean;
  retiredAt?: string;
}

/** The answer of `GET /api/procedures/:code/overlays`. */
export interface OverlayList {
  /** The national code. */
  code: string;
  latest: string;
  items: OverlayView[];
}

/** One open case a migration cannot move, and why. */
export interface MigrationBlocked {
  caseId: string;
  code: string;
  reason: string;
}

/** What a migration did, or would do (`dryRun`). */
export interface MigrationReport {
  dryRun: boolean;
  plan: MigrationPlan;
  /** Open cases of the old version. */
  open: number;
  /** How many move (or would). */
  moved: number;
  /** The cases that cannot move (the first 1,000), and how many there are in all. */
  blocked: MigrationBlocked[];
  blockedTotal: number;
  /** Per old step -> new step: how many cases. */
  bySteps: Record<string, number>;
  durationMs: number;
}
