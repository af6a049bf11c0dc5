/**
 * The registry of error codes the API answers with: each stable `E_...` code, the HTTP
 * status of an answer that carries it, and what it means. `error.code` of an error body is
 * one of these, and so is `code` of each problem listed in `error.details` (those marked
 * `problem: true` appear only there, inside the refusal named by their status).
 * `contract/src/error-codes.test.ts` scans the server and the engine's runtime for codes and
 * fails when one is missing here; the OpenAPI document lists them all (GET /api/openapi.json).
 */

/** One registered code. */
export interface ErrorCodeInfo {
  /** The HTTP status of the answer (for a problem: of the refusal that lists it). */
  readonly status: number;
  /** What it means, for the developer who meets it. */
  readonly meaning: string;
  /** Only ever a problem inside `error.details`, never `error.code` itself. */
  readonly problem?: true;
}

export const ERROR_CODES = {
  // Requests
  E_BAD_REQUEST: { status: 400, meaning: 'The request is malformed (an HTTP-level problem without a more precise code).' },
  E_MALFORMED_JSON: { status: 400, meaning: 'The request body is not valid JSON.' },
  E_TOO_DEEP: { status: 400, meaning: 'A JSON body or value nested deeper than 64 levels (also a problem of E_INVALID_DATA).' },
  E_NUL_CHARACTER: { status: 400, meaning: 'The character U+0000 in a body or URL (no field accepts it).' },
  E_BODY_ABORTED: { status: 400, meaning: 'The client went away before the whole body arrived.' },
  E_BAD_BODY: { status: 400, meaning: "The body does not match the route's schema; every problem is in details." },
  E_REQUIRED: { status: 400, meaning: 'A required field is missing (also a problem of E_INVALID_DATA, 422).', problem: true },
  E_UNKNOWN_FIELD: { status: 400, meaning: 'A field the schema does not allow (e.g. `channel` in a filing: the server decides it from who files).', problem: true },
  'E_SCHEMA_*': { status: 400, meaning: 'A JSON Schema keyword failed (E_SCHEMA_TYPE, E_SCHEMA_PATTERN, E_SCHEMA_MAXLENGTH...); also problems of E_INVALID_DATA (422).', problem: true },
  E_BAD_QUERY: { status: 400, meaning: 'A query parameter is out of range or of the wrong type.' },
  E_BAD_PATH: { status: 400, meaning: 'An id in the path is longer than any stored (128 characters; a unit\'s id 64).' },
  E_BAD_CURSOR: { status: 400, meaning: 'The worklist cursor (`after`) is not one this server issued.' },
  E_BAD_IDEMPOTENCY_KEY: { status: 400, meaning: 'The Idempotency-Key header is longer than 200 characters.' },
  E_IDEMPOTENCY_MISMATCH: { status: 409, meaning: 'The Idempotency-Key was used for another request.' },
  E_METHOD_NOT_ALLOWED: { status: 405, meaning: 'The route exists, not with this method.' },
  E_NOT_FOUND: { status: 404, meaning: 'No such route (test-only routes answer this without --test-clock; so does dev-login outside demo mode).' },
  E_TOO_LARGE: { status: 413, meaning: 'The body is larger than the server accepts.' },
  E_UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The media type of the body is not accepted.' },
  E_INTERNAL: { status: 500, meaning: 'A bug or an outage: quote the correlationId; the log holds the stack.' },

  // Who calls
  E_UNAUTHENTICATED: { status: 401, meaning: 'No valid bearer token (always the same message, whatever is wrong with it).' },
  E_FORBIDDEN: { status: 403, meaning: 'Signed in, but not allowed: the role, unit, level or kind of user does not fit (names none of them).' },
  E_APPLICANT_NOT_CALLER: { status: 422, meaning: "The form's applicant national ID is not the signed-in citizen's (a problem of E_SUBMISSION_REFUSED).", problem: true },
  E_USER_NOT_FOUND: { status: 404, meaning: 'No user with this id (admin API).' },
  E_BAD_USER: { status: 422, meaning: 'The user names units that do not exist; each is a problem.' },
  E_NOT_A_PARTY: { status: 422, meaning: 'The signed-in citizen is not one of the parties the form names (a marriage, a contract): nothing of anyone is read (docs/security.md, data subjects).' },
  E_SUBJECT_NOT_ENTITLED: { status: 422, meaning: "Nothing shows that the signed-in citizen may file for a person the form names (a child, a parent, the deceased, someone represented): the population record does not show the relation and no authorization component is in the dossier; each person is a problem." },
  E_NOT_SUBJECT: { status: 403, meaning: 'Only the person the form names as this subject, signed in as themself, may consent (not the filer, another citizen or an officer).' },
  E_CONSENT_NOT_FOUND: { status: 404, meaning: 'The case asks no consent of this subject (or there is no such case).' },
  E_NOT_AWAITING_CONSENT: { status: 409, meaning: 'Nothing of this subject awaits consent any more: given already, or the case closed.' },
  E_AWAITING_CONSENT: { status: 409, meaning: 'The case awaits the consent of a person it names: it is not received yet; only a consent or the applicant\'s withdrawal is possible.' },
  E_UNKNOWN_SUBJECT: { status: 404, meaning: 'A consent command names a subject the case does not name.' },
  E_CITIZEN_SIGN_IN: { status: 422, meaning: 'An administrator asked a sign-in link for a citizen: citizens sign in with their e-ID only, so that nobody else can act as them.' },
  E_USER_INACTIVE: { status: 422, meaning: 'The user is deactivated: no sign-in link is issued until an administrator reactivates them.' },
  E_APPLICANT_UNKNOWN: { status: 422, meaning: "An officer filing at the counter: no citizen account holds the form's applicant national ID (a problem of E_SUBMISSION_REFUSED).", problem: true },
  E_UNKNOWN_UNIT: { status: 422, meaning: 'A unit id that does not exist (a problem of a filing or a user; 404 from the test principals endpoint).' },

  E_UNIT_CANNOT_HANDLE: { status: 422, meaning: "The unit (or any above it) is not of the procedure's level, or none of its agencies handles the procedure's sector: no officer could act on the case (a problem of a filing, path unit)." },
  E_OIDC_STATE: { status: 400, meaning: 'Sign-in callback: the state is not one this server issued to this browser (altered, missing cookie, spent or older than 10 minutes).' },
  E_OIDC_NONCE: { status: 401, meaning: "Sign-in callback: the ID token's nonce is not this sign-in's (a replayed or substituted token)." },
  E_OIDC_TOKEN: { status: 401, meaning: "Sign-in callback: the ID token was refused (signature not by the provider's published key, another audience or issuer, expired)." },
  E_OIDC_DENIED: { status: 403, meaning: 'Sign-in callback: the identity provider did not sign the user in (error=access_denied...).' },
  E_OIDC_CODE: { status: 400, meaning: "Sign-in callback: the provider's token endpoint refused the authorization code (spent, expired, PKCE mismatch)." },
  E_OIDC_CLAIMS: { status: 422, meaning: "Sign-in callback: the ID token lacks a 12-digit national ID in the configured claim." },
  E_OIDC_ORIGIN: { status: 400, meaning: 'Demo mode: the embedded identity provider serves a few origins only (set MOTCUA_PUBLIC_URL).' },
  E_OIDC_PROVIDER: { status: 502, meaning: 'The identity provider could not be reached, or its discovery document is invalid.' },
  E_OUT_OF_SCOPE: { status: 403, meaning: "Statistics: the unit asked for is outside the caller's scope (the units they hold a role in and those under them); path unit." },
  E_CASE_NOT_RESOLVED: { status: 409, meaning: 'A rating of a case that has no outcome yet: rate it once it is resolved.' },
  E_ALREADY_RATED: { status: 409, meaning: 'The case has already been rated (once per case).' },
  E_CASE_NOT_RATEABLE: { status: 409, meaning: 'The case was closed before statistics were kept (migration 0060): it cannot be rated.' },
  E_NOTIFICATION_NOT_FOUND: { status: 404, meaning: "No such notification in the caller's inbox (or no failed message with this id, for administrators)." },

  // Procedures
  E_PROCEDURE_NOT_FOUND: { status: 404, meaning: 'No procedure with this code, or not this version.' },
  E_PROCEDURE_BROKEN: { status: 503, meaning: 'The procedure does not compile: cases cannot be filed; its diagnostics are in details.' },
  E_INVALID_DEFINITION: { status: 422, meaning: 'A published procedure (or a calendar) does not validate or compile; its diagnostics are in details.' },
  E_INVALID_PROCEDURE: { status: 503, meaning: 'A diagnostic of a procedure file the loader did not accept (listed with the procedure).', problem: true },
  E_COMPILE: { status: 503, meaning: 'A diagnostic: the procedure failed to compile for a reason the validator did not name.', problem: true },
  E_UNKNOWN_CALENDAR: { status: 503, meaning: "A diagnostic: the procedure's calendar is not in the library.", problem: true },

  // Publishing (docs/publishing.md)
  E_VERSION_PUBLISHED: { status: 409, meaning: 'That (code, version) is published with other content: a published version never changes; bump the version (the hint names the next one).' },
  E_VERSION_NOT_IN_FORCE: { status: 422, meaning: 'The version asked for (or every version of the code) is not in force on the filing date, or is retired.' },
  E_REVIEW_REQUIRED: { status: 403, meaning: 'The one-step publish (POST /api/procedures) is for demo mode only: publish through a reviewed draft.' },
  E_FOUR_EYES: { status: 403, meaning: 'An approver who created or saved a draft may not approve or return it: another approver must.' },
  E_NOT_APPROVED: { status: 422, meaning: 'Only an approved draft is published.' },
  E_DRAFT_NOT_FOUND: { status: 404, meaning: 'No draft with this id.' },
  E_DRAFT_STALE: { status: 409, meaning: 'The draft was saved since the revision sent: reload it (nothing was changed).' },
  E_DRAFT_STATUS: { status: 409, meaning: 'The draft is not in a state that allows this review step (e.g. approving a draft not submitted).' },
  E_DRAFT_PUBLISHED: { status: 409, meaning: 'The draft is published and cannot change: start a new draft from the version.' },
  E_DRAFT_UNREADABLE: { status: 422, meaning: "The draft's text has no code or version yet, so it cannot be compared with a version." },
  E_UNKNOWN_TEMPLATE: { status: 422, meaning: 'No draft template with this id (GET /api/drafts/templates lists them).' },
  E_SCENARIO_FAILED: { status: 422, meaning: "A case of the draft's scenario files fails (a problem of E_INVALID_DEFINITION, at the failing step).", problem: true },
  E_NOT_AN_OVERLAY: { status: 422, meaning: "An overlay's diff asked of a national procedure (GET /api/procedures/:code/overlay-diff): GET /api/procedures/:code/overlays lists its overlays." },
  E_OVERLAY_NOT_OVERRIDABLE: { status: 422, meaning: 'A diagnostic of a published overlay (E_INVALID_DEFINITION): it overrides what its national procedure does not mark `overridable`.', problem: true },
  E_OVERLAY_OUT_OF_BOUNDS: { status: 422, meaning: "A diagnostic of a published overlay: an overridden value (a fee's amount) outside the national procedure's bounds.", problem: true },
  E_OVERLAY_UNKNOWN_BASE: { status: 422, meaning: 'A diagnostic of a published overlay: `extends.code` names no national procedure held (or one that is itself an overlay, or retired).', problem: true },
  E_OVERLAY_BASE_VERSION: { status: 422, meaning: 'A diagnostic of a published overlay: `extends.version` matches no version of the national procedure.', problem: true },
  E_OVERLAY_SCOPE: { status: 422, meaning: "A province's overlay filed at a unit outside that province (path unit: file the national procedure there); as a diagnostic of a published overlay, `scope.province` names no province of the library's units." },
  E_OVERRIDABLE_INVALID: { status: 422, meaning: "A diagnostic of a published procedure: its `overridable` names a fee it does not have, or bounds that exclude the fee's own amount.", problem: true },
  E_MIGRATION_PLAN: { status: 422, meaning: 'The migration plan is wrong: the same version, or a mapped step missing from either version; each problem is in details.' },
  E_MIGRATION_CHANGED: { status: 409, meaning: 'Only in a migration report (a 200 answer; 409 is what it would be alone): the case changed during the run (closed, or moved already) and was left as it is.', problem: true },
  E_MIGRATION_FAILED: { status: 500, meaning: 'Only in a migration report (a 200 answer; 500 is what it would be alone): moving the case failed for an unexpected reason, named in the reason.', problem: true },

  // Filing and acting (the engine's runtime)
  E_SUBMISSION_REFUSED: { status: 422, meaning: 'The filing has problems found before the rules run (unit, uploads, applicant); every one is in details.' },
  E_INVALID_DATA: { status: 422, meaning: "The e-form data does not match the procedure's data schema or rules; every problem is in details." },
  E_INVALID_DATA_SHAPE: { status: 422, meaning: 'The data is not an object.' },
  E_COMPUTED_FIELD: { status: 422, meaning: 'The data sets a field the procedure computes (data.computed, e.g. an age in days): computed from the data and the clock, never sent; each is listed.' },
  E_LOCKED_FIELD: { status: 422, meaning: 'The data contradicts a field prefilled from a national source and locked.' },
  E_MISSING_COMPONENTS: { status: 422, meaning: 'Required dossier components are neither uploaded nor replaced by a national source; each is a problem (path: the component id).' },
  E_MISSING_COMPONENT: { status: 422, meaning: 'One missing component (a problem of E_MISSING_COMPONENTS).', problem: true },
  E_UNKNOWN_COMPONENT: { status: 422, meaning: 'An upload for a component the procedure does not have.' },
  E_INVALID_UPLOADS: { status: 422, meaning: 'The uploads are not a map of component id to file.' },
  E_UNKNOWN_UPLOAD: { status: 422, meaning: 'An upload hash that does not exist or is not the caller\'s (a problem).', problem: true },
  E_INVALID_ACTOR: { status: 422, meaning: 'The command names no valid actor.' },
  E_INVALID_COMMAND: { status: 400, meaning: 'The command is malformed for the runtime.' },
  E_UNKNOWN_COMMAND: { status: 400, meaning: 'A command type the runtime does not know.' },
  E_NOT_WAITING: { status: 422, meaning: 'The case does not wait in this step; the hint lists where it waits.' },
  E_ACTION_NOT_ALLOWED: { status: 422, meaning: 'The step has no such action, or the action is not possible now.' },
  E_INVALID_FORM: { status: 422, meaning: "The action's form does not match its schema; every problem is in details." },
  E_INVALID_EXTENSION: { status: 422, meaning: 'An extension of the deadline that the procedure does not allow.' },
  E_PAY_ONLINE: { status: 422, meaning: 'A payment step cannot be completed by declaring it paid: pay through the gateway (POST /api/cases/:id/payments).' },
  E_PAYMENT_SETTLED: { status: 409, meaning: 'The payment is already settled (a second settlement of one transaction changes nothing).' },
  E_EXTENSION_MAX: { status: 422, meaning: "An extension that would take the case's extensions past the procedure's extension.max." },
  E_INVALID_AMOUNT: { status: 400, meaning: 'A pay amount that is not a whole JSON number of VND (a problem of E_INVALID_COMMAND).' },
  E_PAYMENT_AMOUNT: { status: 422, meaning: 'A payment of anything but the balance due.' },
  E_ALREADY_PAID: { status: 422, meaning: 'Nothing is left to pay.' },
  E_FEE_QUANTITY: { status: 422, meaning: "A fee's quantity expression gives no whole number." },
  E_CEL_ABSENT_FIELD: { status: 422, meaning: 'An expression reads a field the data does not have.', problem: true },
  E_CEL_EVALUATION: { status: 422, meaning: 'An expression failed at run time.', problem: true },
  E_CEL_SYNTAX: { status: 422, meaning: 'A diagnostic of a published procedure (E_INVALID_DEFINITION): an expression does not parse.', problem: true },
  E_CEL_TYPE: { status: 422, meaning: 'A diagnostic of a published procedure: an expression has the wrong type for where it is used.', problem: true },
  E_CEL_UNKNOWN_FIELD: { status: 422, meaning: "A diagnostic of a published procedure: an expression reads a field the e-form's schema does not declare.", problem: true },
  E_CASE_NOT_FOUND: { status: 404, meaning: 'No such case, or one the caller may not see (existence does not leak).' },
  E_CASE_CLOSED: { status: 409, meaning: 'The case is closed: it accepts no further action.' },
  E_STALE_VERSION: { status: 409, meaning: 'The case changed since the version sent: reload it and retry.' },
  E_PROCEDURE_MISMATCH: { status: 500, meaning: 'A case state of another procedure was handed to the runtime (a bug; answered as E_INTERNAL).' },
  E_CASCADE: { status: 500, meaning: 'One command changed more than 100 cases: procedures start each other in a loop (answered as E_INTERNAL).' },

  // Uploads
  E_UPLOAD_TYPE: { status: 415, meaning: 'A file type the server does not accept (MOTCUA_UPLOAD_TYPES).' },
  E_UPLOAD_TOO_LARGE: { status: 413, meaning: 'A file larger than MOTCUA_UPLOAD_MAX_BYTES.' },
  E_UPLOAD_EMPTY: { status: 400, meaning: 'An empty file.' },
  E_UPLOAD_NOT_FOUND: { status: 404, meaning: 'No such upload, or not one the caller may read.' },

  // Result documents
  E_DOCUMENT_NOT_FOUND: { status: 404, meaning: 'No such document, or not one the caller may see.' },
  E_JWS_MALFORMED: { status: 422, meaning: 'Not a compact JWS: three base64url parts, a JSON header, EdDSA.' },
  E_JWS_NOT_A_DOCUMENT: { status: 422, meaning: 'A JWS of another kind (e.g. a sign-in token).' },
  E_JWS_UNKNOWN_KEY: { status: 422, meaning: 'Signed with a key this deployment never had.' },
  E_JWS_BAD_SIGNATURE: { status: 422, meaning: 'The signature does not match.' },
  E_DOCUMENT_TAMPERED: { status: 422, meaning: 'Issued under that number, but the payload was changed; details name the fields.' },
  E_DOCUMENT_REVOKED: { status: 422, meaning: 'Genuine, revoked by the issuing unit (409 when revoking it again).' },
  E_DOCUMENT_EXPIRED: { status: 422, meaning: 'Genuine, past its validUntil.' },

  // Start-up
  E_CONFIG: { status: 500, meaning: 'A configuration variable is wrong; the server does not start (never answered over HTTP).' },
  E_DEMO_USERS: { status: 500, meaning: 'A production server (no --demo) does not start on a database that kept demo users: start once with --remove-demo-users, or use a fresh database (never answered over HTTP).' },
  E_AUDIT_KEY: { status: 500, meaning: 'The audit checkpoint key file (MOTCUA_AUDIT_KEY_FILE) cannot be read or made; the server does not start (never answered over HTTP).' },

  // The command line (motcua admin create; never answered over HTTP)
  E_BAD_ADMIN: { status: 400, meaning: 'motcua admin create: an argument is missing or invalid (national ID, name, link lifetime).' },
  E_USER_EXISTS: { status: 409, meaning: 'motcua admin create: a user with this id exists and is not that administrator.' },
  E_UNIT_ENDED: { status: 422, meaning: 'A filing at a unit that a reorganization ended (merged or split): the hint names the unit that took over (path unit).' },
  E_PLAN_INVALID: { status: 400, meaning: 'A reorganization plan of the wrong shape (docs/reorganization.md): every problem listed with its path.' },
  E_PLAN_REFUSED: { status: 422, meaning: 'A reorganization plan that does not fit the units or the cases: every problem (E_PLAN_...) listed with its plan path; nothing was changed.' },
  E_PLAN_APPLIED: { status: 409, meaning: 'The reorganization plan (by its id) was already applied: a plan applies once.' },
  E_PLAN_DECISION_NEEDED: { status: 422, meaning: "Open cases of a split unit that no rule places: each needs an officer's decision in the plan (path split[i].decisions.<case id>) before it can be applied." },
  E_PLAN_UNKNOWN_UNIT: { status: 422, meaning: 'A plan names a unit (by id, or by code in force on the day that matters) that does not exist.', problem: true },
  E_PLAN_AMBIGUOUS_CODE: { status: 422, meaning: 'A plan names a unit by a code that two units hold on that day: name it by id.', problem: true },
  E_PLAN_UNIT_NOT_IN_FORCE: { status: 422, meaning: 'A plan names a unit that does not exist on the day that matters (already ended, or not yet started).', problem: true },
  E_PLAN_UNIT_TWICE: { status: 422, meaning: 'A plan ends, creates or lists a unit twice.', problem: true },
  E_PLAN_UNIT_EXISTS: { status: 422, meaning: 'A plan creates a unit whose id exists with other values.', problem: true },
  E_PLAN_MERGE_INTO_ITSELF: { status: 422, meaning: 'A unit of a plan is both ended and its own successor.', problem: true },
  E_PLAN_LEVEL_MISMATCH: { status: 422, meaning: 'A plan merges, splits or moves units of different levels (communes into communes, a commune to a province).', problem: true },
  E_PLAN_TARGET_ENDS: { status: 422, meaning: 'A successor, renamed or moved unit of a plan is itself ended by the plan.', problem: true },
  E_PLAN_SPLIT_HAS_CHILDREN: { status: 422, meaning: 'A plan splits a unit that still has communes under it: move them first.', problem: true },
  E_PLAN_NOT_A_SUCCESSOR: { status: 422, meaning: "A split rule, decision or officersTo names a unit that is not one of the split's successors.", problem: true },
  E_PLAN_BAD_RULE: { status: 422, meaning: 'A split rule (CEL) that does not parse.', problem: true },
  E_PLAN_VALIDITY_OVERLAP: { status: 422, meaning: "A statistics-office code would name two units on the same days.", problem: true },
  E_PLAN_BAD_DECISION: { status: 422, meaning: 'A decision of a plan for a case that is not an open case of the split unit.', problem: true },
  E_PLAN_CASE_UNREADABLE: { status: 422, meaning: 'An open case to move whose procedure version is not loaded or does not compile.', problem: true },
  E_PLAN_BAD_PARENT: { status: 422, meaning: 'A unit a plan creates with a parent of the wrong kind (a province has none, a commune has a province).', problem: true },
} as const satisfies Record<string, ErrorCodeInfo>;

/** A registered error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The registry entry of a code (`E_SCHEMA_TYPE` finds `E_SCHEMA_*`), or undefined. */
export function errorCodeInfo(code: string): ErrorCodeInfo | undefined {
  const table: Readonly<Record<string, ErrorCodeInfo>> = ERROR_CODES;
  return table[code] ?? (code.startsWith('E_SCHEMA_') ? table['E_SCHEMA_*'] : undefined);
}
