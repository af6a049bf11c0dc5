/**
 * The scenario file model (`*.test.yaml`): the contract's "Scenario tests" section plus the
 * extensions documented in `docs/testing.md` (marked `@extension`).
 */
import type { CalendarSpec } from '../calendar/types';
import type { DeadlineUnit, Level } from '../model/procedure';
import type { ComponentStatus } from '../runtime/types';
import type { DocPath, SourceDocument } from '../parse/source-document';

/** Who performs an `act` (or, as an extension, a `submit`). */
export interface ActorSpec {
  role?: string;
  /** @extension several roles at once. */
  roles?: string[];
  /** @extension the officer's unit (default: the case's unit). */
  unit?: string;
  /** @extension the officer's level (default: the step's level). */
  level?: Level;
  /** @extension an id shown in the timeline (default `scenario`). */
  id?: string;
}

/** What a step may check. Every key is optional; only the keys written are compared. */
export interface Expectation {
  /** The step the case waits in; a list inside a parallel step (order does not matter). */
  state?: string | string[];
  outcome?: string;
  status?: string;
  /** Total fees in VND. */
  fees?: number;
  /** The due instant, ISO 8601 with offset; compared as instants. */
  deadline?: string;
  onTime?: boolean;
  components?: Record<string, ComponentStatus>;
  /** The code of the refusal the step must meet, e.g. E_MISSING_COMPONENTS. */
  error?: string;
  overdue?: boolean;
  /** @extension the component ids a refusal lists as missing (all of them, any order). */
  missing?: string[];
}

/** A span of time for `wait: { for }`: the deadline units plus plain elapsed units. */
export interface WaitSpan {
  value: number;
  unit: DeadlineUnit | 'minute' | 'hour' | 'day';
}

interface StepCommon {
  /** Index of the step in its case, for positions. */
  index: number;
  /** Set the clock here first (ISO instant with offset). */
  at?: string;
  /** @extension run the step on a child case (by its parent's step id) or a linked case (by its procedure code). */
  case?: string;
  expect?: Expectation;
}

export interface SubmitStep extends StepCommon {
  kind: 'submit';
  data: Record<string, unknown>;
  upload: string[];
  /** @extension the unit the case is filed with (default: the first unit at the procedure's level). */
  unit?: string;
  /** @extension `online` (default) or `counter`. */
  channel?: string;
  /**
   * @extension the applicant's id, and the national ID they file under (their sign-in; default:
   * the form's applicant, else its first `self` or `party` subject).
   */
  as?: { id?: string; nationalId?: string };
}

export interface ActStep extends StepCommon {
  kind: 'act';
  step: string;
  action: string;
  as: ActorSpec;
  form?: Record<string, unknown>;
}

export interface PayStep extends StepCommon {
  kind: 'pay';
  /** @extension the amount paid (default: everything due). */
  amount?: number;
}

export interface SupplementStep extends StepCommon {
  kind: 'supplement';
  upload: string[];
  /** @extension data changed by the supplement. */
  data?: Record<string, unknown>;
}

export interface WaitStep extends StepCommon {
  kind: 'wait';
  until?: string;
  for?: WaitSpan;
}

/** @extension the applicant withdraws the case. */
export interface WithdrawStep extends StepCommon {
  kind: 'withdraw';
}

/** A subject with `consent: required` confirms, signed in as themself: `{ consent: { subject: groom } }`. */
export interface ConsentStep extends StepCommon {
  kind: 'consent';
  subject: string;
}

/** @extension only `at` and/or `expect`: check the case without doing anything. */
export interface CheckStep extends StepCommon {
  kind: 'check';
}

export type ScenarioStep = SubmitStep | ActStep | PayStep | SupplementStep | WaitStep | WithdrawStep | ConsentStep | CheckStep;
export type ScenarioStepKind = ScenarioStep['kind'];

/** The keys that name a step's kind in YAML, in the order they are looked for. */
export const STEP_KEYS = ['submit', 'act', 'pay', 'supplement', 'wait', 'withdraw', 'consent'] as const;

export interface ScenarioCase {
  index: number;
  name: string;
  steps: ScenarioStep[];
  /** @extension skip this case (reported as skipped); a text says why (e.g. a scaffolded draft). */
  skip?: boolean | string;
}

/** One parsed scenario file. */
export interface Scenario {
  file: string;
  /** The parsed YAML with positions, for failure messages. */
  source: SourceDocument;
  procedure: string;
  /** @extension the procedure version to test (default: the newest). */
  version?: string;
  clock: string;
  /** Inline calendar (overrides the library's), or @extension the id of a library calendar. */
  calendar?: CalendarSpec | string;
  registry: Record<string, Record<string, unknown>>;
  cases: ScenarioCase[];
}

/** JSON path of a case's step inside the scenario document. */
export const stepPath = (caseIndex: number, stepIndex: number): DocPath => ['cases', caseIndex, 'steps', stepIndex];
