/**
 * The OpenAPI 3.1 document of the API, served at `GET /api/openapi.json`. Request schemas are
 * the very objects the routes validate with (schemas.ts); response schemas are the wire
 * contract's (motcua/contract: `RESPONSE_SCHEMAS`), and every error answer is the contract's
 * error body, its codes listed with their status and meaning under `x-error-codes`.
 * server/test/openapi.test.ts calls every route of the router and validates each answer here.
 */
import { validateSourceBody, migrationBody, newDraftBody, retireBody, returnBody, reviewBody, saveDraftBody } from './publishing-schemas';
import { ERROR_CODES, RESPONSE_SCHEMAS, type ResponseSchemaName } from 'motcua/contract';
import {
  actionBody,
  contactBody,
  ratingBody,
  issueSignInLinkBody,
  devLoginBody,
  fileCaseBody,
  procedureBody,
  revokeDocumentBody,
  signInLinkBody,
  testCalendarBody,
  testClockBody,
  testPrincipalBody,
  testProceduresBody,
  testRegistryBody,
  unitBody,
  userBody,
  verifyDocumentBody,
} from './schemas';
import { planSchema } from '../units/plan';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** A success answer with its schema. */
const ok = (status: number, schema: ResponseSchemaName, description: string) => ({ [status]: { description, ...json(ref(schema)) } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: STATUS_TEXT[s] ?? 'Error', ...json(ref('ErrorBody')) }]));
const STATUS_TEXT: Record<number, string> = {
  400: 'Malformed request: every problem is listed in error.details',
  401: 'No valid bearer token',
  403: 'Authenticated, but not allowed',
  404: 'Not found (or not visible to the caller)',
  409: 'Stale version, closed case or Idempotency-Key conflict',
  413: 'Too large',
  415: 'Media type not accepted',
  422: 'Refused by the rules: every problem is listed in error.details',
  503: 'The procedure is broken: cases cannot be filed',
};
const secured = { security: [{ bearer: [] }] };
/** An object answer (its shape in the contract's TypeScript types: payments, data access, sign-in providers). */
const obj = { type: 'object' };
/** A redirect (Koa writes a short text or HTML body with it). */
const redirect = (description: string) => ({ description, content: { 'text/html': {}, 'text/plain': {} } });
const idem = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'Retry-safe POST: the same key and body replay the first answer' };
const q = (name: string, schema: object, description: string) => ({ name, in: 'query', required: false, schema, description });
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const testOnly = 'Test-clock mode only (`motcua serve --test-clock`; 404 E_NOT_FOUND otherwise). ';

export function openApiDocument(version = '0.1.0'): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'motcua API',
      version,
      description: 'Cases of administrative procedures: filing by citizens, processing by officers. Errors have a stable `code` (all listed under `x-error-codes`), a `hint` and, for bad input, every problem in `details`.',
    },
    servers: [{ url: '/' }],
    'x-error-codes': ERROR_CODES,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (EdDSA, or the configured OIDC issuer)' } },
      schemas: {
        ...RESPONSE_SCHEMAS,
        FileCase: fileCaseBody,
        Action: actionBody,
        DevLogin: devLoginBody,
        SignInLink: signInLinkBody,
        ContactBody: contactBody,
        User: userBody,
        UnitBody: unitBody,
        Procedure: procedureBody,
        VerifyDocument: verifyDocumentBody,
        RevokeDocument: revokeDocumentBody,
        ReorganizationPlan: planSchema,
        TestClock: testClockBody,
        TestCalendar: testCalendarBody,
        TestRegistryBody: testRegistryBody,
        TestProceduresBody: testProceduresBody,
        TestPrincipal: testPrincipalBody,
        NewDraft: newDraftBody,
        SaveDraft: saveDraftBody,
        Review: reviewBody,
        ReturnDraft: returnBody,
        Retire: retireBody,
        Migration: migrationBody,
        ValidateSource: validateSourceBody,
        RatingBody: ratingBody,
        IssueSignInLink: issueSignInLinkBody,
      },
    },
    paths: {
      '/api/health': { get: { summary: 'Liveness and database check; says whether the server runs in test-clock mode', responses: { ...ok(200, 'Health', 'OK') } } },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'The OpenAPI document', ...json({ type: 'object', required: ['openapi', 'paths'] }) } } } },
      '/api/docs': { get: { summary: 'This document, rendered', responses: { 200: { description: 'An HTML page', content: { 'text/html': {} } } } } },
      '/api/auth/dev-login': {
        post: { summary: 'Demo mode only: a token for a seeded user', requestBody: json(ref('DevLogin')), responses: { ...ok(200, 'Token', 'A bearer token'), ...errors(400, 401, 404) } },
      },
      '/api/auth/sign-in-link': {
        post: { summary: 'Spend a one-time sign-in link (motcua admin create) for a bearer token', requestBody: json(ref('SignInLink')), responses: { ...ok(200, 'Token', 'A bearer token'), ...errors(400, 401) } },
      },
      '/api/auth/dev-users': { get: { summary: 'Demo mode only: the seeded demo users (id, name, kind)', responses: { ...ok(200, 'DevUsers', 'The demo users'), ...errors(404) } } },
      '/api/auth/me': { get: { summary: 'The caller', ...secured, responses: { ...ok(200, 'Principal', 'The principal with roles'), ...errors(401) } } },
      '/api/auth/jwks': { get: { summary: 'Public keys of the local token issuer', responses: { ...ok(200, 'Jwks', 'JWKS') } } },
      '/api/auth/providers': { get: { summary: 'How one may sign in: the OpenID Connect provider (embedded in demo mode, or VNeID) and whether dev-login exists', responses: { 200: { description: '{oidc?: {kind, startUrl}, demo}', ...json(obj) } } } },
      '/api/auth/oidc/start': {
        get: { summary: 'The browser starts an e-ID sign-in: a redirect to the provider (authorization code, PKCE S256, state and nonce); the state is bound to the browser by a cookie', responses: { 302: redirect("Redirect to the provider's authorization endpoint"), ...errors(404), 502: { description: 'E_OIDC_PROVIDER', ...json(ref('ErrorBody')) } } },
      },
      '/api/auth/oidc/callback': {
        get: {
          summary: "The provider sends the browser back: the code is exchanged, the ID token verified, the account linked by national ID; a redirect to the web app's #/signin/<one-time code>",
          parameters: [q('code', { type: 'string' }, 'The authorization code'), q('state', { type: 'string' }, 'The state of the sign-in')],
          responses: { 303: redirect('Redirect to /#/signin/<code>'), ...errors(400, 401, 403, 404, 422), 502: { description: 'E_OIDC_PROVIDER', ...json(ref('ErrorBody')) } },
        },
      },
      '/api/cases/{id}/payments': {
        post: { summary: "The case's applicant at a payment step: start a payment of the balance due at the gateway", ...secured, parameters: [pathParam('id'), idem], responses: { 201: { description: '{payment, redirectUrl, vietQr?}', ...json(obj) }, ...errors(401, 404, 409, 422) } },
        get: { summary: 'Whoever sees the case: its payments, receipts and refunds', ...secured, parameters: [pathParam('id')], responses: { 200: { description: '{items}', ...json(obj) }, ...errors(401, 404) } },
      },
      '/api/my/receipts': { get: { summary: "The caller's receipts, newest first", ...secured, parameters: [q('limit', { type: 'integer' }, '1..200'), q('offset', { type: 'integer' }, '>= 0')], responses: { 200: { description: '{items}', ...json(obj) }, ...errors(400, 401) } } },
      '/api/payments/simulator/ipn': { post: { summary: "The built-in gateway simulator's IPN (signed, idempotent); the protocol's answer, always 200", responses: { 200: { description: '{RspCode, Message}', ...json(obj) } } } },
      '/api/payments/ipn': {
        post: { summary: "A real gateway's IPN (the same protocol)", responses: { 200: { description: '{RspCode, Message}', ...json(obj) } } },
        get: { summary: "A real gateway's IPN sent as a GET", responses: { 200: { description: '{RspCode, Message}', ...json(obj) } } },
      },
      '/api/payments/return': { get: { summary: "The citizen's browser back from the gateway: checked, recorded, redirected to the case page", responses: { 302: redirect('Redirect to the case page') } } },
      '/api/payments/simulator/pay': { get: { summary: "The gateway simulator's payment page (only without a configured gateway)", responses: { 200: { description: 'An HTML page', content: { 'text/html': {} } }, 400: { description: 'A request not signed by the merchant', content: { 'text/html': {} } } } } },
      '/api/payments/simulator/complete': { post: { summary: "The simulator page's choice: pay, cancel or fail (sends the IPN, then returns the browser)", responses: { 303: redirect('Redirect to the return URL'), 400: { description: 'A form not signed by the merchant', content: { 'text/html': {} } }, ...errors(415) } } },
      '/api/my/data-access': { get: { summary: 'Who read my data: each read of a national-source record or wallet document that is mine', ...secured, parameters: [q('limit', { type: 'integer' }, '1..500'), q('offset', { type: 'integer' }, '>= 0')], responses: { 200: { description: '{items}', ...json(obj) }, ...errors(400, 401) } } },
      '/api/admin/data-access': { get: { summary: "Administrators (auditors): anyone's reads", ...secured, parameters: [q('nationalId', { type: 'string' }, 'The person')], responses: { 200: { description: '{items}', ...json(obj) }, ...errors(400, 401, 403) } } },
      '/api/documents/{id}/pdf': { get: { summary: 'A result document as a PDF with a QR code to its public check', ...secured, parameters: [pathParam('id')], responses: { 200: { description: 'The PDF', content: { 'application/pdf': {} } }, ...errors(401, 404) } } },
      '/api/documents/{id}/check': {
        get: { summary: 'Anyone (the QR code): valid, revoked, expired or invalid, the issuer and the date', parameters: [pathParam('id'), q('code', { type: 'string' }, 'The check code printed in the QR code')], responses: { 200: { description: '{result, ...}', ...json(obj) }, ...errors(400) } },
      },
      '/api/procedures': {
        get: {
          summary: 'The procedures, one per code (the version in force), paged, filtered and searched by code or name: with or without diacritics and with common spellings ("dang ki" = "đăng ký"), ranked code first, then title. With the total, page links and counts per sector, level and agency',
          parameters: [
            q('q', { type: 'string', maxLength: 200 }, 'e.g. "khai sinh", "dang ki ket hon" or "1.001193"; at most 200 characters'),
            q('sector', { type: 'string', maxLength: 100 }, 'A sector id, e.g. civil-status'),
            q('level', { enum: ['commune', 'province', 'ministry'] }, 'The level that handles it'),
            q('agency', { type: 'string', maxLength: 100 }, 'A role id of the roles catalogue: procedures with a task step for it'),
            q('open', { type: 'boolean' }, 'true: only what a citizen can file today'),
            q('status', { enum: ['ok', 'broken'] }, 'broken: the version shown does not compile'),
            q('limit', { type: 'integer' }, '1..100 (default 20)'),
            q('offset', { type: 'integer' }, '>= 0'),
          ],
          responses: { ...ok(200, 'ProcedureList', 'Matching procedures'), ...errors(400) },
        },
        post: {
          summary: 'Demo mode only: an author publishes a version in one step (no review); elsewhere 403 E_REVIEW_REQUIRED: use drafts',
          ...secured,
          requestBody: json(ref('Procedure')),
          responses: { ...ok(201, 'PublishResult', 'Published'), ...ok(200, 'PublishResult', 'Unchanged: that version holds this very content'), ...errors(400, 401, 403, 409, 422) },
        },
      },
      '/api/catalogues': {
        get: { summary: 'What the in-browser validator checks a procedure against: roles, national data sources, working calendars, and every code with its versions not retired', responses: { ...ok(200, 'Catalogues', '{roles, sources, calendars, procedures}') } },
      },
      '/api/procedures/validate': {
        post: { summary: 'Authors and approvers: the one validator on a text (and its scenarios), and whether its version is published', ...secured, requestBody: json(ref('ValidateSource')), responses: { ...ok(200, 'SourceCheck', '{valid, diagnostics, code, version, contentHash, published: none|same|other}'), ...errors(400, 401, 403, 413) } },
      },
      '/api/procedures/in-force': {
        get: { summary: 'The versions in force (today, or ?date=) with the text they were published from (motcua pull)', parameters: [q('date', { type: 'string' }, 'YYYY-MM-DD')], responses: { ...ok(200, 'InForce', '{date, items: code, version, path, source, contentHash}'), ...errors(400) } },
      },
      '/api/procedures/{code}/versions': {
        get: { summary: 'Every version of a code: effective dates, state (in-force, scheduled, expired, retired), content hash', parameters: [pathParam('code'), q('date', { type: 'string' }, 'YYYY-MM-DD')], responses: { ...ok(200, 'VersionList', 'The versions'), ...errors(400, 404) } },
      },
      '/api/procedures/{code}/overlays': {
        get: { summary: "The provinces' overlays of a national procedure: the version each was built on, and `stale: true` when a newer national version has come out (?stale=true lists those only)", parameters: [pathParam('code'), q('stale', { type: 'boolean' }, 'true: only stale overlays; false: only current ones')], responses: { ...ok(200, 'OverlayList', '{code, latest, items}'), ...errors(400, 404) } },
      },
      '/api/procedures/{code}/overlay-diff': {
        get: { summary: 'What a province changed: the semantic diff of an overlay against the national version it was built on (?against=latest: against the newest national version)', parameters: [pathParam('code'), q('version', { type: 'string' }, 'a version of the overlay (default: the one in effect)'), q('against', { enum: ['base', 'latest'] }, '')], responses: { ...ok(200, 'ProcedureDiff', 'The changes'), ...errors(400, 404, 422) } },
      },
      '/api/procedures/{code}/versions/{version}/retire': {
        post: { summary: 'Approvers: retire a version (no new filings; running cases go on). Audited', ...secured, parameters: [pathParam('code'), pathParam('version')], requestBody: json(ref('Retire')), responses: { ...ok(200, 'Retired', '{code, version, retiredAt}'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/api/drafts': {
        get: { summary: 'Authors and approvers: drafts, newest first', ...secured, parameters: [q('status', { enum: ['editing', 'submitted', 'returned', 'approved', 'published'] }, ''), q('limit', { type: 'integer' }, '1..500'), q('offset', { type: 'integer' }, '')], responses: { ...ok(200, 'DraftList', 'Drafts'), ...errors(400, 401, 403) } },
        post: { summary: 'Authors: start a draft from scratch, a template, a published version or a text', ...secured, requestBody: json(ref('NewDraft')), responses: { ...ok(201, 'DraftView', "The draft with the validator's diagnostics"), ...errors(400, 401, 403, 404, 413, 422) } },
      },
      '/api/drafts/templates': { get: { summary: 'Templates a draft may start from', responses: { ...ok(200, 'DraftTemplates', 'Templates') } } },
      '/api/drafts/{id}': {
        get: { summary: 'A draft with its text, scenarios, review and diagnostics', ...secured, parameters: [pathParam('id')], responses: { ...ok(200, 'DraftView', 'The draft'), ...errors(401, 403, 404) } },
        put: { summary: 'Authors: save (optimistic: send the revision read; a stale one is 409 E_DRAFT_STALE). A submitted or approved draft goes back to editing', ...secured, parameters: [pathParam('id')], requestBody: json(ref('SaveDraft')), responses: { ...ok(200, 'DraftView', 'The draft'), ...errors(400, 401, 403, 404, 409, 413) } },
        delete: { summary: 'Authors: delete a draft', ...secured, parameters: [pathParam('id')], responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) } },
      },
      '/api/drafts/{id}/diff': {
        get: { summary: 'Semantic diff against the version in force (or ?against=version): steps, actions, fees, components, deadline, e-form fields', ...secured, parameters: [pathParam('id'), q('against', { type: 'string' }, 'a version of the same code')], responses: { ...ok(200, 'ProcedureDiff', 'The changes'), ...errors(400, 401, 403, 404, 422) } },
      },
      '/api/drafts/{id}/submit': { post: { summary: 'Authors: ask for review (the draft must validate: 422 lists every diagnostic)', ...secured, parameters: [pathParam('id')], requestBody: json(ref('Review')), responses: { ...ok(200, 'DraftView', 'The draft'), ...errors(400, 401, 403, 404, 409, 422) } } },
      '/api/drafts/{id}/return': { post: { summary: 'Approvers who did not edit it: send back with comments (403 E_FOUR_EYES otherwise)', ...secured, parameters: [pathParam('id')], requestBody: json(ref('ReturnDraft')), responses: { ...ok(200, 'DraftView', 'The draft'), ...errors(400, 401, 403, 404, 409, 413) } } },
      '/api/drafts/{id}/approve': { post: { summary: 'Approvers who did not edit it: approve its current content (403 E_FOUR_EYES otherwise)', ...secured, parameters: [pathParam('id')], requestBody: json(ref('Review')), responses: { ...ok(200, 'DraftView', 'The draft'), ...errors(400, 401, 403, 404, 409, 413) } } },
      '/api/drafts/{id}/publish': {
        post: { summary: 'Publish an approved draft: the validator again, then the immutable version. Audited', ...secured, parameters: [pathParam('id')], responses: { ...ok(201, 'PublishResult', 'Published'), ...ok(200, 'PublishResult', 'Unchanged'), ...errors(400, 401, 403, 404, 409, 422) } },
      },
      '/api/procedures/{code}': {
        get: {
          summary: 'A procedure (the version in effect, or ?version=) with its diagnostics and `source`, the text it was published from',
          parameters: [pathParam('code'), q('version', { type: 'string' }, '')],
          responses: { ...ok(200, 'ProcedureDetail', 'The procedure'), ...errors(404) },
        },
      },
      '/api/procedures/{code}/prefill': {
        get: {
          summary: "Citizens: what the national sources hold for the caller, for the procedure's e-form before filing (only their own records; each read logged as a prefill read)",
          ...secured,
          parameters: [pathParam('code'), q('version', { type: 'string' }, 'A version in force (default: the one a filing would use today)')],
          responses: { 200: { description: '{procedure, data, fields: [{field, source, sourceName, lock, value}], replaced: [{component, source, sourceName, key}]}', ...json(obj) }, ...errors(401, 403, 404, 422, 503) },
        },
      },
      '/api/migrations/dry-run': {
        post: { summary: 'Authors and approvers: what a migration plan would do to the open cases of a version (changes nothing)', ...secured, requestBody: json(ref('Migration')), responses: { ...ok(200, 'MigrationReport', 'open, moved, blocked with codes and reasons, bySteps, durationMs'), ...errors(400, 401, 403, 404, 422) } },
      },
      '/api/migrations': {
        post: { summary: 'Approvers: apply a migration plan: each open case moves in one audited transition', ...secured, requestBody: json(ref('Migration')), responses: { ...ok(200, 'MigrationReport', 'What moved'), ...errors(400, 401, 403, 404, 422) } },
      },
      '/api/my/notifications': {
        get: { summary: "The caller's in-app inbox, newest first", ...secured, parameters: [q('limit', { type: 'integer' }, '1..200'), q('offset', { type: 'integer' }, '')], responses: { ...ok(200, 'Inbox', '{unread, items}'), ...errors(400, 401) } },
      },
      '/api/my/notifications/{id}/read': {
        post: { summary: 'Mark an inbox notification read', ...secured, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: { ...ok(200, 'NotificationRead', '{id, read}'), ...errors(401, 404) } },
      },
      '/api/my/contact': {
        get: { summary: "The caller's contact details for notifications", ...secured, responses: { ...ok(200, 'Contact', '{email, phone, locale}'), ...errors(401) } },
        put: {
          summary: 'Set where notifications go (e-mail, phone for SMS) and their language',
          ...secured,
          requestBody: json(ref('ContactBody')),
          responses: { ...ok(200, 'Contact', '{email, phone, locale}'), ...errors(400, 401) },
        },
      },
      '/api/admin/notifications': {
        get: { summary: 'Administrators: e-mail and SMS messages by status (default failed)', ...secured, parameters: [q('status', { enum: ['pending', 'sending', 'sent', 'failed'] }, ''), q('limit', { type: 'integer' }, '1..500')], responses: { ...ok(200, 'OutgoingNotifications', '{items}'), ...errors(400, 401, 403) } },
      },
      '/api/admin/notifications/{id}/retry': {
        post: { summary: 'Administrators: send a failed message again', ...secured, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: { ...ok(200, 'NotificationRetry', '{id, status}'), ...errors(401, 403, 404) } },
      },
      '/api/uploads': {
        post: {
          summary: 'Upload a dossier file (raw body); stored by SHA-256',
          ...secured,
          parameters: [{ name: 'X-File-Name', in: 'header', required: false, schema: { type: 'string' }, description: 'The file name, URI-encoded' }],
          requestBody: { content: { 'application/pdf': {}, 'image/jpeg': {}, 'image/png': {} } },
          responses: { ...ok(201, 'Upload', '{hash, size, type}'), ...errors(400, 401, 413, 415) },
        },
      },
      '/api/uploads/{hash}': {
        get: {
          summary: 'An uploaded file: its uploaders and officers',
          ...secured,
          parameters: [pathParam('hash')],
          responses: { 200: { description: 'The file, with its media type', content: { 'application/octet-stream': {} } }, ...errors(401, 404) },
        },
      },
      '/api/cases': {
        post: {
          summary: 'File a case (citizens)',
          ...secured,
          parameters: [idem],
          requestBody: json(ref('FileCase')),
          responses: { ...ok(201, 'CaseView', 'The case: state, status, due, fees, components with provenance, timeline'), ...errors(400, 401, 403, 404, 409, 422, 503) },
        },
      },
      '/api/cases/{id}': {
        get: { summary: 'A case with its timeline', ...secured, parameters: [pathParam('id')], responses: { ...ok(200, 'CaseView', 'The case'), ...errors(401, 404) } },
      },
      '/api/cases/{id}/actions': {
        post: {
          summary: 'Act on a case: {step, action, form, version}',
          ...secured,
          parameters: [pathParam('id'), idem],
          requestBody: json(ref('Action')),
          responses: { ...ok(200, 'CaseView', 'The case after the transition'), ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      '/api/cases/{id}/consents/{subject}': {
        post: {
          summary: 'A person the case names confirms, signed in as themself (their consent before any record of theirs is read)',
          ...secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'subject', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { ...ok(200, 'ConsentView', 'The consent given ({status: given, complete}), nothing of the case data'), ...errors(401, 403, 404, 409) },
        },
      },
      '/api/my/consents': { get: { summary: 'What awaits the consent of the signed-in citizen', ...secured, parameters: [q('limit', { type: 'integer' }, '1..100')], responses: { ...ok(200, 'ConsentList', '{items}: what awaits, nothing of the case data'), ...errors(400, 401) } } },
      '/api/stats': {
        get: {
          summary: 'Statistics of the caller\'s scope (docs/statistics.md): received, resolved, on time as the national portal counts, overdue, due soon, online share, processing days, satisfaction, the 766 index per unit',
          ...secured,
          parameters: [
            q('from', { type: 'string', format: 'date' }, 'first day (default: 29 days before to)'), q('to', { type: 'string', format: 'date' }, 'last day, included (default: today)'),
            q('by', { enum: ['unit', 'procedure', 'level', 'sector'] }, 'default unit'), q('period', { enum: ['day', 'week', 'month'] }, 'a time series'),
            q('unit', { type: 'string' }, 'a unit of the scope and those under it'), q('procedure', { type: 'string' }, ''), q('sector', { type: 'string' }, ''),
            q('level', { enum: ['commune', 'province', 'ministry'] }, ''), q('format', { enum: ['json', 'csv'] }, 'or Accept: text/csv'),
          ],
          responses: { 200: { description: 'The figures (JSON, or CSV with format=csv)', content: { 'application/json': { schema: ref('StatsAnswer') }, 'text/csv': {} } }, ...errors(400, 401, 403) },
        },
      },
      '/api/stats/overdue': {
        get: {
          summary: 'Open cases past their due in the caller\'s scope, longest overdue first',
          ...secured,
          parameters: [q('unit', { type: 'string' }, ''), q('procedure', { type: 'string' }, ''), q('limit', { type: 'integer' }, '1..500'), q('offset', { type: 'integer' }, '')],
          responses: { ...ok(200, 'OverdueCases', 'The cases'), ...errors(400, 401, 403) },
        },
      },
      '/api/cases/{id}/rating': {
        post: {
          summary: 'The applicant rates their resolved case, once, from 1 to 5',
          ...secured,
          parameters: [idem, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: json(ref('RatingBody')),
          responses: { ...ok(201, 'Rating', 'Kept'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/worklist': {
        get: {
          summary: 'Officers: the open tasks of their units and roles, soonest due first',
          ...secured,
          parameters: [
            q('limit', { type: 'integer' }, '1..500'),
            q('after', { type: 'string' }, 'cursor: `next` of the previous page'),
            q('overdue', { type: 'boolean' }, ''),
            q('dueSoon', { type: 'boolean' }, ''),
            q('procedure', { type: 'string' }, ''),
            q('step', { type: 'string' }, ''),
            q('unit', { type: 'string' }, ''),
          ],
          responses: { ...ok(200, 'WorklistPage', '{items, next}'), ...errors(400, 401, 403) },
        },
      },
      '/api/my/cases': {
        get: {
          summary: "A citizen's own cases",
          ...secured,
          parameters: [q('limit', { type: 'integer' }, '1..200'), q('offset', { type: 'integer' }, '')],
          responses: { ...ok(200, 'CaseList', '{items}'), ...errors(400, 401) },
        },
      },
      '/api/my/documents': {
        get: {
          summary: "The caller's data wallet: result documents issued to them, newest first",
          ...secured,
          parameters: [q('limit', { type: 'integer' }, '1..200'), q('offset', { type: 'integer' }, '')],
          responses: { ...ok(200, 'DocumentList', '{items: [{id, document, jws, kid, status, inWallet}]}'), ...errors(400, 401) },
        },
      },
      '/api/documents/{id}': {
        get: {
          summary: 'A result document: its holder, or officers of its issuing unit',
          ...secured,
          parameters: [pathParam('id')],
          responses: { ...ok(200, 'DocumentView', '{id, document, jws, kid, status, inWallet}'), ...errors(401, 404) },
        },
      },
      '/api/documents/{id}/revoke': {
        post: {
          summary: 'Officers of the issuing unit: revoke a document',
          ...secured,
          parameters: [pathParam('id'), idem],
          requestBody: json(ref('RevokeDocument')),
          responses: { ...ok(200, 'DocumentView', 'The document, revoked'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/documents/verify': {
        post: {
          summary: "Anyone: verify a result document's JWS",
          requestBody: json(ref('VerifyDocument')),
          responses: {
            ...ok(200, 'VerifiedDocument', '{valid: true, status, kid, document}'),
            ...errors(400),
            422: { description: 'Not genuine or not in force: E_JWS_MALFORMED, E_JWS_NOT_A_DOCUMENT, E_JWS_UNKNOWN_KEY, E_JWS_BAD_SIGNATURE, E_DOCUMENT_TAMPERED, E_DOCUMENT_REVOKED, E_DOCUMENT_EXPIRED', ...json(ref('ErrorBody')) },
          },
        },
      },
      '/api/units': {
        get: {
          summary: 'The units a case can be filed at (public): by level and parent, searched by name (with or without diacritics) or code',
          parameters: [q('level', { enum: ['commune', 'province', 'ministry'] }, ''), q('parent', { type: 'string' }, 'a province id'), q('q', { type: 'string', maxLength: 100 }, "a name or a code; a former unit's code or name answers its successors, each with `replaces`"), q('at', { type: 'string', format: 'date' }, 'the units in force that day (default today)'), q('limit', { type: 'integer' }, '1..5000'), q('offset', { type: 'integer' }, '')],
          responses: { ...ok(200, 'UnitPage', '{total, items}'), ...errors(400) },
        },
      },
      '/api/admin/units': { get: { summary: 'Admins: units', ...secured, responses: { ...ok(200, 'UnitList', '{items}'), ...errors(401, 403) } } },
      '/api/admin/units/{id}': {
        put: { summary: 'Admins: create or change a unit', ...secured, parameters: [pathParam('id')], requestBody: json(ref('UnitBody')), responses: { ...ok(200, 'Unit', 'The unit'), ...errors(400, 401, 403) } },
      },
      '/api/admin/reorganizations/dry-run': {
        post: { summary: 'Admins: what a reorganization plan would do (open cases, work items, timers, officers, uploads affected; cases needing a decision); changes nothing', ...secured, requestBody: json(ref('ReorganizationPlan')), responses: { ...ok(200, 'ReorgReport', 'The report'), ...errors(400, 401, 403, 409, 422) } },
      },
      '/api/admin/reorganizations': {
        get: { summary: 'Admins: the reorganizations applied, newest first', ...secured, responses: { ...ok(200, 'ReorgList', '{items}'), ...errors(401, 403) } },
        post: { summary: 'Admins: apply a reorganization plan in one audited transaction (docs/reorganization.md)', ...secured, requestBody: json(ref('ReorganizationPlan')), responses: { ...ok(201, 'ReorgReport', 'The report'), ...errors(400, 401, 403, 409, 422) } },
      },
      '/api/admin/users/{id}': {
        get: { summary: 'Admins: a user', ...secured, parameters: [pathParam('id')], responses: { ...ok(200, 'Principal', 'The user'), ...errors(401, 403, 404) } },
        put: { summary: 'Admins: create or change a user and their roles', ...secured, parameters: [pathParam('id')], requestBody: json(ref('User')), responses: { ...ok(200, 'Principal', 'The user'), ...errors(400, 401, 403, 422) } },
      },
      '/api/admin/users/{id}/sign-in-link': {
        post: {
          summary: 'Admins: a one-time sign-in link for an officer, author or administrator (shown once, audited); citizens sign in with their e-ID, never by a link an administrator holds',
          ...secured,
          parameters: [pathParam('id')],
          requestBody: json(ref('IssueSignInLink')),
          responses: { ...ok(201, 'IssuedSignInLink', 'The link: open #/signin/<code> once, before expiresAt'), ...errors(400, 401, 403, 404, 422) },
        },
      },
      '/api/test/world': { get: { summary: `${testOnly}The test clock and the test units`, responses: { ...ok(200, 'TestWorld', '{now, calendarOverride, units}'), ...errors(404) } } },
      '/api/test/clock': {
        put: { summary: `${testOnly}Set the clock (backwards too) and fire the alarms then due`, requestBody: json(ref('TestClock')), responses: { ...ok(200, 'TestWorld', 'The world, with the number of events fired'), ...errors(400, 404) } },
      },
      '/api/test/calendar': {
        put: { summary: `${testOnly}A calendar every procedure runs on, or null`, requestBody: json(ref('TestCalendar')), responses: { ...ok(200, 'TestWorld', 'The world'), ...errors(400, 404, 422) } },
      },
      '/api/test/registry': {
        put: { summary: `${testOnly}Replace every record of the national sources`, requestBody: json(ref('TestRegistryBody')), responses: { ...ok(200, 'TestRegistry', 'How many records were stored'), ...errors(400, 404) } },
      },
      '/api/test/procedures': {
        post: { summary: `${testOnly}Register the procedures under test that the server lacks`, requestBody: json(ref('TestProceduresBody')), responses: { ...ok(200, 'TestProcedures', 'What was registered, and what does not compile'), ...errors(400, 404) } },
      },
      '/api/test/principals': {
        post: { summary: `${testOnly}A user with exactly these roles, and a token for it`, requestBody: json(ref('TestPrincipal')), responses: { ...ok(200, 'TestToken', 'A bearer token'), ...errors(400, 404) } },
      },
    },
  };
}
