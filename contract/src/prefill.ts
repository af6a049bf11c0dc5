/**
 * What the national sources hold for the signed-in citizen, shown in a procedure's e-form
 * before filing (`GET /api/procedures/:code/prefill`). Only the citizen's own records are
 * read: those keyed by their national ID (the population record, their latest wallet
 * documents), each read logged in "who read my data" with the purpose `prefill`.
 */
export interface PrefillView {
  procedure: { code: string; version: string };
  /** The e-form data to start from: the applicant's national ID and every prefilled value at its field. */
  data: Record<string, unknown>;
  /** Each field filled from a source; a locked one is shown read-only, with its source. */
  fields: PrefilledValue[];
  /** Components that one of the citizen's own records replaces: nothing to upload for them. */
  replaced: ReplacedComponent[];
}

/** A national source's name, as its catalogue gives it. */
export interface SourceName {
  vi: string;
  en?: string;
}

export interface PrefilledValue {
  /** Dotted path in the e-form data, e.g. `applicant.fullName`. */
  field: string;
  source: string;
  sourceName?: SourceName;
  lock: boolean;
  value: unknown;
}

export interface ReplacedComponent {
  component: string;
  source: string;
  sourceName?: SourceName;
  /** The record's key (the citizen's national ID, or `<national ID>/<document type>` in the wallet). */
  key: string;
}
