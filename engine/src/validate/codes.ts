import type { Severity } from '../diagnostics/diagnostic';

/**
 * Every diagnostic code the validator emits, with its severity and a default hint. Codes are
 * stable: tools, tests and documentation refer to them. Each has a failing fixture under
 * `test/fixtures/invalid/<CODE>.yaml`.
 */
export const CODES = {
  E_YAML_SYNTAX: { severity: 'error', hint: 'Check indentation (spaces, not tabs), quotes and the colon after each key.' },
  E_YAML_DUPLICATE_KEY: { severity: 'error', hint: 'Each key may appear once in a mapping; merge the two entries.' },
  E_NOT_A_MAPPING: { severity: 'error', hint: 'A procedure file is a YAML mapping starting with `code:`.' },
  E_UNKNOWN_KEY: { severity: 'error', hint: 'Remove the key or fix its spelling; see docs/procedure-format.md.' },
  E_MISSING_KEY: { severity: 'error', hint: 'Add the key; see docs/procedure-format.md.' },
  E_WRONG_TYPE: { severity: 'error', hint: 'Quote numbers that are codes or versions ("1.001193").' },
  E_INVALID_VALUE: { severity: 'error', hint: 'See the allowed values in docs/procedure-format.md.' },
  E_STEP_KIND: { severity: 'error', hint: 'kind is one of task, supplement, choice, payment, procedure, parallel.' },
  E_OUTCOME_STATUS: { severity: 'error', hint: 'status is one of done, rejected, withdrawn, cancelled.' },
  E_DEADLINE_UNIT: { severity: 'error', hint: 'unit is one of working-day, working-hour, calendar-day.' },
  E_FEE_AMOUNT: { severity: 'error', hint: 'Write the amount as a whole number of VND, e.g. 50000 (no dots, no currency).' },
  E_DATA_SCHEMA: { severity: 'error', hint: 'data.schema (and action forms) must be valid JSON Schema 2020-12.' },
  E_FORM_TRANSLATION: { severity: 'error', hint: 'x-i18n is { <language>: { title?, description? } }, e.g. { en: { title: Full name } }; title stays the Vietnamese text.' },
  E_DUPLICATE_STEP_ID: { severity: 'error', hint: 'Step ids are unique in a procedure, parallel branches included; rename one.' },
  E_ID_CONFLICT: { severity: 'error', hint: 'A step and an outcome may not share an id (and `end` is reserved); rename one.' },
  E_UNKNOWN_TARGET: { severity: 'error', hint: 'Name a step id or an outcome id; `end` only inside a parallel branch.' },
  E_UNREACHABLE_STEP: { severity: 'error', hint: 'Point a `to` at this step, or remove it.' },
  E_NO_OUTCOME_REACHABLE: { severity: 'error', hint: 'Give this step a way out that leads to an outcome.' },
  E_CEL_SYNTAX: { severity: 'error', hint: 'See https://cel.dev for the expression syntax.' },
  E_CEL_UNKNOWN_FIELD: { severity: 'error', hint: 'Declare the field in data.schema or fix its spelling.' },
  E_CEL_TYPE: { severity: 'error', hint: 'Conditions (when, required, exempt) must be bool; quantity a number.' },
  E_UNKNOWN_CALENDAR: { severity: 'error', hint: 'Name a calendar of the library (calendars/<id>.yaml), or leave `calendar` out for vn.' },
  E_UNKNOWN_ROLE: { severity: 'error', hint: 'Use a role of catalogues/roles.yaml, or add it there.' },
  E_ROLE_LEVEL: { severity: 'error', hint: 'Use a level listed in the role\'s `levels` (catalogues/roles.yaml).' },
  E_UNKNOWN_PROCEDURE: { severity: 'error', hint: 'Use the code of a procedure of the library.' },
  E_UNKNOWN_SOURCE: { severity: 'error', hint: 'Use a source of catalogues/sources.yaml, or add it there.' },
  E_UNDECLARED_SUBJECT: { severity: 'error', hint: 'Declare the person under `subjects:` with this key and the relation that entitles the filer (or read the applicant\'s own ID).' },
  E_SUBJECT_AUTHORIZATION: { severity: 'error', hint: 'A `represented` subject needs `authorization:` naming the component that is the written authorization; `authorization` names a component of the procedure.' },
  E_PREFILL_FIELD: { severity: 'error', hint: 'Prefill a field declared in data.schema (dotted path, e.g. applicant.fullName).' },
  E_COMPUTED_FIELD: { severity: 'error', hint: 'Compute a field declared in data.schema (dotted path), once, and do not prefill it too.' },
  E_EFFECTIVE_RANGE: { severity: 'error', hint: 'effective.to must not be before effective.from.' },
  E_EFFECTIVE_OVERLAP: { severity: 'error', hint: 'Close the older version (effective.to) the day before the newer one starts.' },
  E_DUPLICATE_CODE_VERSION: { severity: 'error', hint: 'Bump the version of one of the files.' },
  E_EXTENSION_MAX: { severity: 'error', hint: 'Lower the action\'s `extend`, or raise `extension.max` to what the law allows.' },
  E_OVERRIDABLE_INVALID: { severity: 'error', hint: "Name a fee of this procedure in `overridable` (fees.<fee id>.amount), with min <= its amount <= max." },
  E_OVERLAY_NOT_OVERRIDABLE: { severity: 'error', hint: "An overlay changes only what its national procedure lists in `overridable`, under `overrides:`; remove this, or ask the ministry to mark it overridable." },
  E_OVERLAY_OUT_OF_BOUNDS: { severity: 'error', hint: 'Keep the value within the bounds the national procedure sets in `overridable`.' },
  E_OVERLAY_UNKNOWN_BASE: { severity: 'error', hint: 'Name in `extends.code` a national procedure of the library (not an overlay); validate with --library DIR when the file lies outside it.' },
  E_OVERLAY_BASE_VERSION: { severity: 'error', hint: 'Name in `extends.version` a version of the national procedure (1.0.0) or a range that matches one (^1.0.0).' },
  E_OVERLAY_SCOPE: { severity: 'error', hint: 'Name in `scope.province` the id of a province-level unit of catalogues/units.yaml.' },
  W_OVERLAY_STALE: { severity: 'warning', hint: 'Review what the national version changed (`motcua diff`), then build on it: update `extends.version` and bump the overlay\'s version.' },
  W_SLA_EXCEEDS_DEADLINE: { severity: 'warning', hint: 'Shorten the steps\' SLAs or check the statutory deadline.' },
  E_INTERNAL: { severity: 'error', hint: 'This is a bug in motcua: please report it with the file.' },
} as const satisfies Record<string, { severity: Severity; hint: string }>;

export type DiagnosticCode = keyof typeof CODES;
