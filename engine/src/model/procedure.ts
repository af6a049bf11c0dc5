/**
 * The procedure format as TypeScript types: the contract of `shared/spec/procedure-format.md`.
 * Names here are the contract's names; extensions are marked `@extension` and documented in
 * `docs/procedure-format.md` and in the JSON Schema (`schema/procedure.schema.json`).
 */

/** A CEL expression, kept as its source text. */
export type Cel = string;

/** Text in Vietnamese and optionally English (more languages may be added). */
export interface LocalizedText {
  vi: string;
  en?: string;
  [lang: string]: string | undefined;
}

export const LEVELS = ['commune', 'province', 'ministry'] as const;
export type Level = (typeof LEVELS)[number];

export const APPLICANT_KINDS = ['citizen', 'business', 'organization'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export const PAYMENT_MODES = ['before-processing', 'on-result', 'none'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

export const DEADLINE_UNITS = ['working-day', 'working-hour', 'calendar-day'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export const CLOCK_MODES = ['stop', 'restart'] as const;
export type ClockMode = (typeof CLOCK_MODES)[number];

export const STEP_KINDS = ['task', 'supplement', 'choice', 'payment', 'procedure', 'parallel'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const OUTCOME_STATUSES = ['done', 'rejected', 'withdrawn', 'cancelled'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/**
 * What entitles the filer to have a subject's national records read: `self` (the filer),
 * `party` (a party to the same act; the filer must be one of them), `child`, `parent`,
 * `deceased`, `represented` (a written authorization is a component).
 */
export const SUBJECT_RELATIONS = ['self', 'party', 'child', 'parent', 'deceased', 'represented'] as const;
export type SubjectRelation = (typeof SUBJECT_RELATIONS)[number];

/**
 * A person whose national records the procedure reads (`subjects:`). Every prefill and
 * `replaceableBy` key on a personal source must be the `key` of a declared subject (or the
 * applicant's own ID).
 */
export interface Subject {
  id: string;
  /** CEL giving the person's national ID. */
  key: Cel;
  relation: SubjectRelation;
  /** `required`: the person confirms with their own sign-in before any record of theirs is read. */
  consent?: 'required';
  /**
   * @extension the component (or any of the components) that is the written authorization or
   * proof entitling the filer: required for `represented`; for `child`, `parent` and
   * `deceased` it stands in when the population record cannot show the relation. It counts
   * when uploaded, or when replaced by a source keyed by something other than a subject's ID.
   */
  authorization?: string | string[];
}

/** A span of time expressed in one of the deadline units. */
export interface Duration {
  value: number;
  unit: DeadlineUnit;
}

export interface LegalBasis {
  doc: string;
  title?: string;
  article?: string;
  /** @extension issuing date of the document */
  date?: string;
}

export interface Effective {
  from: string;
  to?: string | null;
}

export interface PrefillRule {
  /** Top-level or dotted path of the field that is filled. */
  field: string;
  /** Id of a national data source in the library's catalogue. */
  source: string;
  /** CEL giving the lookup key. */
  key: Cel;
  lock?: boolean;
  /** @extension which attribute of the source record to take (default: the whole record). */
  select?: string;
}

/**
 * @extension A field the procedure computes from the data and the clock (e.g. the child's age
 * in days at registration): evaluated at filing and after each supplement, never typed by the
 * applicant (a submission that sets it is refused with `E_COMPUTED_FIELD`).
 */
export interface ComputedField {
  /** Dotted path of the data field that is computed (declared in data.schema). */
  field: string;
  /** CEL giving the value; it may read `data` (computed fields listed before it included) and `case.submittedAt`. */
  value: Cel;
}

export interface DataSection {
  /** JSON Schema (2020-12) of the case data. */
  schema: JsonSchema;
  prefill?: PrefillRule[];
  /** @extension fields computed from the data and the clock, in order. */
  computed?: ComputedField[];
  /**
   * @extension CEL: the national ID of the person filing (the applicant), for forms that do
   * not name it `data.applicant.nationalId` (the default), e.g. `data.signer.nationalId`. A
   * citizen filing online must be that person.
   */
  applicantId?: string;
}

export interface Copies {
  original: number;
  copy: number;
}

export interface ReplaceableBy {
  source: string;
  key: Cel;
}

export interface Component {
  id: string;
  name: LocalizedText;
  required?: boolean | Cel;
  copies?: Copies;
  replaceableBy?: ReplaceableBy;
  /** @extension accepted media types for uploads, e.g. ["application/pdf", "image/*"]. */
  accept?: string[];
  /** @extension free text for the applicant. */
  description?: LocalizedText;
}

export interface Fee {
  id: string;
  name?: LocalizedText;
  /** Whole VND. */
  amount: number;
  when?: Cel;
  quantity?: Cel;
  exempt?: Cel;
  /** @extension fee (phí) or charge (lệ phí); informational. */
  kind?: 'fee' | 'charge';
}

/**
 * @extension The most the statutory deadline may be extended on one case: the extensions in
 * force (an officer's `extend`, actions' `extend`) add up to at most `max` units of the
 * deadline's unit. Without it the most is the deadline's own value (at least the largest
 * action `extend`): see {@link maxExtension}.
 */
export interface ExtensionPolicy {
  max: number;
}

/** The most a case's deadline may be extended in all, in the deadline's unit. */
export function maxExtension(procedure: Pick<Procedure, 'deadline' | 'extension' | 'steps'>): number {
  if (procedure.extension) return procedure.extension.max;
  let largest = procedure.deadline.value;
  const walk = (steps: readonly Step[]): void => {
    for (const step of steps) {
      if (step.kind === 'task') for (const a of Object.values(step.actions)) largest = Math.max(largest, a.extend ?? 0);
      else if (step.kind === 'parallel') for (const branch of Object.values(step.branches)) walk(branch);
    }
  };
  walk(procedure.steps);
  return largest;
}

export interface Suspension {
  clock: ClockMode;
}

/** A JSON Schema object, as written in YAML. */
export type JsonSchema = Record<string, unknown>;

interface StepBase {
  id: string;
  name?: LocalizedText;
  sla?: Duration;
}

export interface ActionSpec {
  to: string;
  /** JSON Schema of the form the officer fills when taking this action. */
  form?: JsonSchema;
  /** @extension an extension of the deadline granted by this action, in the deadline's unit. */
  extend?: number;
  name?: LocalizedText;
}

export interface TaskStep extends StepBase {
  kind: 'task';
  role: string;
  level?: Level;
  actions: Record<string, ActionSpec>;
}

export interface SupplementStep extends StepBase {
  kind: 'supplement';
  to: string;
}

export interface ChoiceBranch {
  when: Cel;
  to: string;
}

export interface ChoiceStep extends StepBase {
  kind: 'choice';
  branches: ChoiceBranch[];
  otherwise: string;
}

export interface PaymentStep extends StepBase {
  kind: 'payment';
  to: string;
}

export interface ProcedureStep extends StepBase {
  kind: 'procedure';
  /** Code of the linked procedure in the library. */
  procedure: string;
  /** CEL per field of the child's data. */
  data?: Record<string, Cel>;
  to: string;
  onFail?: string;
}

export interface ParallelStep extends StepBase {
  kind: 'parallel';
  branches: Record<string, Step[]>;
  to: string;
}

export type Step = TaskStep | SupplementStep | ChoiceStep | PaymentStep | ProcedureStep | ParallelStep;

export interface ResultSpec {
  document: string;
  issuer?: Level;
  store?: 'wallet' | 'none';
  /** @extension validity of the result, e.g. for a criminal record certificate. */
  validFor?: Duration;
}

export interface Outcome {
  status: OutcomeStatus;
  result?: ResultSpec;
  name?: LocalizedText;
}

export interface LinkedProcedure {
  procedure: string;
  /** CEL per field of the linked case's data. */
  data?: Record<string, Cel>;
  /** CEL: start the linked case only when this holds. */
  when?: Cel;
  name?: LocalizedText;
}

/** One procedure file. */
export interface Procedure {
  code: string;
  version: string;
  effective?: Effective;
  name: LocalizedText;
  sector: string;
  level: Level;
  calendar?: string;
  legalBasis?: LegalBasis[];
  applicants?: ApplicantKind[];
  data?: DataSection;
  /** The people whose national records the procedure reads; absent: the applicant alone. */
  subjects?: Subject[];
  components?: Component[];
  fees?: Fee[];
  payment?: PaymentMode;
  deadline: Duration;
  /** @extension how far officers may extend the deadline, in all, on one case. */
  extension?: ExtensionPolicy;
  suspension?: Suspension;
  steps: Step[];
  outcomes: Record<string, Outcome>;
  linked?: LinkedProcedure[];
  /** @extension facts that could not be verified, and other remarks for reviewers. */
  notes?: string | string[];
  /** @extension the agency that handles the procedure (cơ quan thực hiện), shown to applicants. */
  agency?: LocalizedText;
  /** @extension where dossiers are received (địa chỉ tiếp nhận). */
  addresses?: FilingAddress[];
  /** @extension what a province's overlay may change, and within which bounds. */
  overridable?: Overridable;
  /**
   * @extension Set only by `resolveOverlay` (never written in a file: the schema refuses it):
   * this procedure is a province's overlay, built on that national version.
   */
  overlay?: OverlayOrigin;
}

/** The reserved `to` target that ends a parallel branch. */
export const END = 'end';

/** @extension A place where dossiers are received. */
export interface FilingAddress {
  name: LocalizedText;
  address: string;
  phone?: string;
  hours?: string;
}

/** @extension The bounds within which an overlay may set a fee's amount (whole VND, inclusive). */
export interface AmountBounds {
  min?: number;
  max?: number;
}

/** The path of a fee's amount in `overridable` and `overrides`: `fees.<fee id>.amount`. */
export type FeeAmountPath = `fees.${string}.amount`;

/**
 * @extension What a province's overlay may override, by path: a fee's amount within bounds,
 * the agency, the addresses, extra optional components. Nothing else can be overridden.
 */
export interface Overridable {
  agency?: true;
  addresses?: true;
  components?: { add: 'optional' };
  [fee: FeeAmountPath]: AmountBounds;
}

/** @extension An overlay's overrides, each at a path its base lists in `overridable`. */
export interface Overrides {
  agency?: LocalizedText;
  addresses?: FilingAddress[];
  /** Optional components added to the national dossier. */
  components?: Component[];
  [fee: FeeAmountPath]: number;
}

/** @extension Where an overlay applies. */
export interface OverlayScope {
  /** Id of a province-level unit of the library's `catalogues/units.yaml`. */
  province: string;
}

/**
 * @extension An overlay file: a province's variant of a national procedure. It has its own
 * code and version, names the national version (or semver range) it extends, and overrides
 * only what that version marks `overridable`. `resolveOverlay` turns it into a full procedure.
 */
export interface OverlayFile {
  code: string;
  version: string;
  extends: { code: string; version: string };
  scope: OverlayScope;
  effective?: Effective;
  name?: LocalizedText;
  /** Provincial documents, added to the national legal basis. */
  legalBasis?: LegalBasis[];
  overrides: Overrides;
  notes?: string | string[];
}

/** @extension What a resolved overlay was built from. */
export interface OverlayOrigin {
  /** The national version it was built on (exact). */
  base: { code: string; version: string };
  /** The version or range the overlay file asked for. */
  range: string;
  scope: OverlayScope;
}
