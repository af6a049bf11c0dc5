/**
 * The runtime's vocabulary: the state of a case and the commands that move it. Everything
 * here is plain JSON-serialisable data (instants as ISO strings with offset) so that the
 * server stores it as is and scenario tests compare it as is.
 *
 * The runtime is pure: `submitCase` and `applyCommand` take the current state, the command,
 * and an environment (`now`, calendar, national-source records already fetched) and return
 * the next state plus the events to append to the timeline and the effects for the caller to
 * carry out (start a child case, issue a result document). No I/O happens inside.
 */
import type { DeadlineClock, WorkingCalendar } from '../calendar';
import type { Level, OutcomeStatus, ResultSpec, SubjectRelation } from '../model/procedure';

/** Who does something to a case. */
export type Actor =
  | { kind: 'applicant'; id: string }
  | { kind: 'officer'; id: string; roles: string[]; unit?: string; level?: Level }
  /** A person the case names (a data subject) confirming with their own sign-in. */
  | { kind: 'subject'; id: string }
  | { kind: 'system'; id?: string };

/** `awaiting-consent`: the source may replace it once the subject it is about consents. */
export const COMPONENT_STATUSES = ['provided', 'replaced', 'missing', 'awaiting-consent'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Where a piece of data came from: a national source, a key, and when it was read. */
export interface Provenance {
  source: string;
  key: string;
  /** ISO instant. */
  readAt: string;
}

export interface ComponentState {
  status: ComponentStatus;
  required: boolean;
  /** The uploaded file, when provided (content hash, as the server stores it). */
  file?: { hash?: string; name?: string; type?: string; size?: number };
  /** The record that replaced the upload, when replaced. */
  provenance?: Provenance;
  record?: unknown;
}

export interface PrefilledField extends Provenance {
  field: string;
  lock: boolean;
  value: unknown;
}

export interface FeeLine {
  id: string;
  amount: number;
  quantity: number;
  exempt: boolean;
  /** amount * quantity, or 0 when exempt. */
  total: number;
}

export interface FeeSummary {
  items: FeeLine[];
  total: number;
}

/** What a case is doing overall. Outcome statuses are final. */
/** `awaiting-consent`: filed, but the dossier completes only once every subject whose consent is required confirms. */
export const CASE_STATUSES = ['awaiting-consent', 'processing', 'suspended', 'awaiting-payment', 'awaiting-child', 'done', 'rejected', 'withdrawn', 'cancelled'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type FinalStatus = OutcomeStatus;

/** The timeline: one entry per thing that happened, appended, never edited. */
export interface CaseEvent {
  type:
    | 'submitted'
    | 'transition'
    | 'suspended'
    | 'resumed'
    | 'paid'
    | 'extended'
    | 'child-started'
    | 'child-finished'
    | 'due-soon'
    | 'overdue'
    | 'closed'
    | 'withdrawn'
    /** A subject confirmed with their own sign-in (`detail.subject`); `detail.complete` once none awaits. */
    | 'consented'
    /** Appended by the server when the outcome's result document is issued (`detail.document`). */
    | 'result-issued'
    /** `payment: on-result`: the case is decided but its result waits for the fees (`detail.balance`). */
    | 'result-held'
    /** The case moved to another unit (a reorganization: communes merged, split, moved). */
    | 'transferred';
  /** ISO instant. */
  at: string;
  actor?: Actor;
  step?: string;
  action?: string;
  from?: string[];
  to?: string[];
  form?: unknown;
  detail?: Record<string, unknown>;
}

/** Something the caller must do after a transition (the engine does no I/O). */
export type Effect =
  | { type: 'start-child'; step: string; procedure: string; data: Record<string, unknown> }
  | { type: 'start-linked'; procedure: string; data: Record<string, unknown> }
  | { type: 'issue-result'; outcome: string; document: string; issuer?: Level; store?: 'wallet' | 'none' };

/** A national source's records, already fetched by the caller (see `planLookups`). */
export interface SourceReader {
  get(source: string, key: string): Record<string, unknown> | undefined;
}

/** What a transition may read from the outside world: the time, the calendar, source records. */
export interface RuntimeEnv {
  /** The current instant, epoch ms. */
  now: number;
  calendar: WorkingCalendar;
  sources: SourceReader;
}

/** One uploaded file, as the server stores it (the engine only records it). */
export interface UploadedFile {
  hash?: string;
  name?: string;
  type?: string;
  size?: number;
}

/** A submission: the e-form data, the uploaded components, who files it and through what. */
export interface SubmitInput {
  data: Record<string, unknown>;
  /** Component ids, or component id -> file. */
  uploads: string[] | Record<string, UploadedFile>;
  actor: Actor;
  /** The unit that receives the case. */
  unit?: string;
  /** portal | counter | post | ...: informational, visible to expressions as case.channel. */
  channel?: string;
  /**
   * The national ID of the person filing, as their sign-in proves it. Subjects are checked
   * against it (see `subjects.ts`). Absent: a trusted channel (the counter, a child case
   * started by the system) that verified the people in person: every subject is entitled.
   */
  filer?: string;
  /**
   * `mapped`: the data was mapped by a parent procedure (a child or linked case), not typed by
   * a person, so fields its e-form does not declare are accepted (the parent's author passed
   * a whole record on purpose); `sent` (default): they are refused.
   */
  origin?: 'sent' | 'mapped';
}

/** A command on an existing case, discriminated on `type`. */
export type CaseCommand =
  | { type: 'act'; step: string; action: string; form?: Record<string, unknown>; actor: Actor }
  | { type: 'pay'; amount: number; reference?: string; actor: Actor }
  /** `step`: which supplement step answers, when several wait (parallel branches); default the first. */
  | { type: 'supplement'; step?: string; uploads?: string[] | Record<string, UploadedFile>; data?: Record<string, unknown>; actor: Actor }
  | { type: 'withdraw'; actor: Actor; reason?: string }
  /** `refusal`: the child was never started, the rules refused its submission (see `startChild`). */
  | { type: 'child-finished'; step: string; outcome: string; status: OutcomeStatus; actor?: Actor; refusal?: { code: string; message: string } }
  | { type: 'extend'; value: number; reason?: string; actor: Actor }
  /**
   * The case moves to `unit` (a reorganization of units: the commune it was filed at merged,
   * split or moved). The statutory due is unchanged unless `extend` (in the deadline's unit)
   * is given; `reason` and `plan` are recorded on the timeline.
   */
  | { type: 'transfer'; unit: string; unitName?: string; reason?: string; plan?: string; extend?: number; actor: Actor }
  | { type: 'tick'; actor?: Actor }
  /** A subject whose consent is required confirms; `nationalId` is the one their sign-in proves. */
  | { type: 'consent'; subject: string; nationalId: string; actor: Actor };

export type CaseCommandType = CaseCommand['type'];

/**
 * Where a subject of the case stands: `filer` (the person filing), `entitled` (the relation
 * allows reading their records), `awaiting-consent` (nothing of theirs is read until they
 * confirm), `consented`.
 */
export const SUBJECT_STATUSES = ['filer', 'entitled', 'awaiting-consent', 'consented'] as const;
export type SubjectStatus = (typeof SUBJECT_STATUSES)[number];

export interface SubjectState {
  id: string;
  relation: SubjectRelation;
  /** Their national ID as the form gives it. */
  nationalId: string;
  status: SubjectStatus;
  /** ISO instant of their consent. */
  consentedAt?: string;
}

/** One run of a step: when it started, its own SLA due, when it finished. */
export interface StepRun {
  /** ISO instant. */
  startedAt: string;
  /** The step's SLA due (ISO), when it has an `sla`. */
  due?: string;
  finishedAt?: string;
  /** Set once the SLA overdue event fired for this run. */
  overdueNotified?: boolean;
}

/** A child case started by a `procedure` step. */
export interface ChildRef {
  procedure: string;
  status: 'running' | 'finished';
  outcome?: string;
  outcomeStatus?: OutcomeStatus;
}

/** A payment received. */
export interface Payment {
  amount: number;
  reference?: string;
  /** ISO instant. */
  at: string;
}

/** The result document an outcome issues. */
export interface CaseResult extends ResultSpec {
  outcome: string;
  /** ISO instant of issuance. */
  issuedAt: string;
}

/**
 * A case, as the server stores it and the scenario runner inspects it. Plain JSON: instants
 * are ISO strings with offset, except inside `clock` (the calendar's own representation).
 */
export interface CaseState {
  procedure: { code: string; version: string };
  status: CaseStatus;
  /** The steps the case waits in (several inside a parallel step); empty once closed. */
  active: string[];
  /**
   * The machine's persisted snapshot (`machine.getPersistedSnapshot`), with an empty `context`:
   * restore it with `machine.resolveState({ value: snapshot.value, context: machineContext(state) })`.
   */
  snapshot: unknown;
  data: Record<string, unknown>;
  prefilled: PrefilledField[];
  components: Record<string, ComponentState>;
  fees: FeeSummary;
  /** Total paid so far, VND. */
  paid: number;
  payments: Payment[];
  clock: DeadlineClock;
  /** The current statutory due, ISO; `''` while the case awaits consent (not received, held to no due yet). */
  due: string;
  /** ISO instant of receipt (submission moved into working time); `''` while the case awaits consent. */
  receivedAt: string;
  submittedAt: string;
  applicant: Actor;
  /** The filer's national ID (see `SubmitInput.filer`). */
  filer?: string;
  /** The people whose records the case reads, and where each stands (absent on cases filed before subjects). */
  subjects?: SubjectState[];
  unit?: string;
  channel?: string;
  /** Runs of each step, latest run per step id. */
  steps: Record<string, StepRun>;
  /** Timer events already emitted, keyed by the due they were about (so each fires once per due). */
  alerts: { dueSoon?: string; overdue?: string };
  outcome?: string;
  result?: CaseResult;
  /**
   * `payment: on-result` with fees unpaid at the outcome: the result the outcome issues once the
   * balance is paid (the case's status is `awaiting-payment` until then).
   */
  resultHeld?: ResultSpec & { outcome: string; heldAt: string };
  closedAt?: string;
  onTime?: boolean;
  /** Child cases by the `procedure` step that started them. */
  children: Record<string, ChildRef>;
}

/** What a submission or a command returns: the next state, the timeline entries, the effects. */
export interface TransitionResult {
  state: CaseState;
  events: CaseEvent[];
  effects: Effect[];
}

/** A record the caller must fetch from a national source before submitting. */
export interface Lookup {
  source: string;
  key: string;
  /** Why: a prefill rule's field, a component id, or the check of a subject's relation. */
  for: { prefill: string } | { component: string } | { subject: string };
}
