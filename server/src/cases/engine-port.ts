/**
 * What the server needs from the engine, as one small port. The real implementation
 * (`runtime-engine.ts`) delegates to the engine's pure runtime (`compileProcedure`,
 * `submitCase`, `applyCommand`, `planLookups`); tests of the server's own guarantees
 * (transactions, versions, authorization, timers) may plug in a stand-in.
 */
import type { CaseFacts, Level, MigrationPlan, Procedure, Actor, CaseCommand, CaseEvent, CaseStatus, ChildPlan, ChildRefused, ComponentState, Effect, FeeSummary, PrefilledField, ReplacedPreview, StartEffect, SubjectState, SubmitInput as EngineSubmitInput, UnitDirectory } from 'motcua/engine';

/** Records fetched from national sources before a command: source id -> key -> record. */
export type SourceRecords = Record<string, Record<string, unknown>>;

/** A lookup the engine wants done before it can decide (prefill, component replacement). */
export interface Lookup {
  source: string;
  key: string;
  /** Why the engine wants it: a prefill rule's field, a component it may replace, or a subject's relation to verify. */
  for?: { prefill: string } | { component: string } | { subject: string };
}

/** An uploaded file, as the upload store knows it. */
export interface FileRef {
  hash: string;
  name?: string;
  type: string;
  size: number;
}

/** A task waiting for an officer. */
export interface OpenTask {
  step: string;
  role: string;
  level?: Level;
}

/** What the server indexes and shows about a case, derived from the engine's state. */
export interface CaseSummary {
  status: CaseStatus;
  /** Every step the case waits in (several inside a parallel step). */
  steps: string[];
  /** The tasks among them, for the worklist. */
  tasks: OpenTask[];
  /** ISO instant of the statutory due, when the clock runs. */
  due?: string;
  /**
   * ISO instant from which the statutory clock is due-soon (the last fifth of the time
   * allowed, as the engine's `clockStatus` counts it); absent while suspended or closed.
   */
  dueSoonAt?: string;
  /** ISO instant of the statutory due whether open or closed (a closed case shows what it was held to). */
  deadline?: string;
  /**
   * ISO instant at which the engine's `tick` next emits something (due-soon, overdue, a step
   * SLA overdue); absent when no tick ever will. The server arms the case's timer there.
   */
  nextAlarm?: string;
  outcome?: string;
  /** Once closed: whether the outcome was reached at or before the due. */
  onTime?: boolean;
  /** What statistics count (kept in the transition's transaction, see stats/record.ts). */
  facts: CaseFacts;
  fees?: FeeSummary;
  components?: Record<string, ComponentState>;
  prefilled?: PrefilledField[];
  data?: unknown;
  /** The people whose records the case reads, and where each stands (consent awaited or given). */
  subjects?: SubjectState[];
}

/** Where a case waits: the part of {@link CaseSummary} an authorization needs. */
export type CaseWaiting = Pick<CaseSummary, 'steps' | 'tasks'>;

export interface Transition {
  /** The new state, plain JSON, stored as is. */
  state: unknown;
  events: CaseEvent[];
  effects: Effect[];
}

export interface SubmitInput {
  data: Record<string, unknown>;
  uploads: Record<string, FileRef>;
  applicant: Actor;
  unit: string;
  channel: string;
  now: Date;
  records: SourceRecords;
  /** The filer's national ID as their sign-in proves it; absent for a trusted channel (the system). */
  filer?: string;
}

export interface ActInput {
  step: string;
  action: string;
  form?: unknown;
  actor: Actor;
  uploads: Record<string, FileRef>;
  now: Date;
  records: SourceRecords;
}

/** A planned child, started (its first transition and where it was filed) or refused. */
export type ChildStart = { kind: 'started'; input: EngineSubmitInput; transition: Transition } | ChildRefused;

/** The engine as the server uses it. `C` is the compiled form of a procedure. */
export interface CaseEngine<C = unknown> {
  /** Compiles a procedure once at load; throws InvalidDefinitionError with every problem. */
  compile: (procedure: Procedure) => C;
  /**
   * Which source records to fetch before `submit`: only those of people the filer may have
   * read (`access.filer`, the national ID of their sign-in; absent: a trusted channel).
   */
  lookups: (compiled: C, data: Record<string, unknown>, records?: SourceRecords, access?: { filer?: string; uploads?: string[] }) => Lookup[];
  /** Which source records to fetch before `subject` consents on a case awaiting consent. */
  consentLookups: (compiled: C, state: unknown, subject: string, records?: SourceRecords) => Lookup[];
  /**
   * What the e-form shows before filing from `records` (the engine's `previewFiling`): the data
   * prefilled, the prefilled fields, the components a record replaces.
   */
  preview: (compiled: C, data: Record<string, unknown>, records: SourceRecords, readAt: Date) => { data: Record<string, unknown>; prefilled: PrefilledField[]; replaced: ReplacedPreview[] };
  /** The national ID the applicant files under (`data.applicantId`, else `applicant.nationalId`). */
  applicantId: (compiled: C, data: Record<string, unknown>) => { value: string | undefined; path: string };
  /** A new case; throws RefusalError (422) listing every problem. */
  submit: (compiled: C, input: SubmitInput) => Transition;
  /**
   * A command on a case; throws RefusalError when the rules refuse it. `state` is handed over
   * (the caller parsed it from the row for this command): it may be changed in place, and is
   * to be dropped after a refusal.
   */
  act: (compiled: C, state: unknown, input: ActInput) => Transition;
  /** The submission of the case a parent's effect starts (the engine's `planChild`). */
  planChild: (child: C, parentState: unknown, effect: StartEffect, units: UnitDirectory) => ChildPlan;
  /** Files a planned child with the records its data needs (the engine's `startChild`): started, or refused. */
  startChild: (child: C, plan: ChildPlan, now: Date, records: SourceRecords) => ChildStart;
  /** The parent's command once a child closed (the engine's `childFinishedCommand`); undefined while it is open or the parent no longer waits. */
  childOutcome: (child: C, childState: unknown, parentState: unknown, parentStep: string) => CaseCommand | undefined;
  /**
   * Applies a command to a case: one the orchestrator computed (a child's outcome or refusal),
   * or a subject's `consent` (with the records `consentLookups` asked for).
   */
  apply: (compiled: C, state: unknown, command: CaseCommand, now: Date, records?: SourceRecords) => Transition;
  /** Time passes: due-soon and overdue events (statutory and step SLAs), each once per due. */
  tick: (compiled: C, state: unknown, now: Date) => Transition;
  summarize: (compiled: C, state: unknown) => CaseSummary;
  /**
   * Only where the case waits (`summarize`'s steps and tasks), without the deadlines, alarms
   * and statistics' facts: what deciding who may act needs, before every action. Optional: a
   * stand-in engine without it is summarized in full.
   */
  waiting?: (compiled: C, state: unknown) => CaseWaiting;
  /**
   * Moves a case of `from` to `to` as a migration plan says; never throws: a case that cannot
   * move comes back with a stable code and the reason.
   */
  /** Problems of a migration plan itself (a mapped step that one of the versions lacks); empty when coherent. */
  checkMigration: (from: C, to: C, plan: MigrationPlan) => { path: string; message: string }[];
  migrate: (from: C, to: C, state: unknown, plan: MigrationPlan, now: Date) => { ok: true; transition: Transition } | { ok: false; code: string; reason: string };
}
