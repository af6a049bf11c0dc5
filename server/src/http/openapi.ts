/**
 * The OpenAPI 3.1 document of the API, served at `GET /api/openapi.json`. Request schemas are
 * the very objects the routes validate with (schemas.ts).
 */
import { validateSourceBody, migrationBody, newDraftBody, retireBody, returnBody, reviewBody, saveDraftBody } from './publishing-schemas';
import { actionBody, devLoginBody, signInLinkBody, errorSchema, fileCaseBody, procedureBody, revokeDocumentBody, unitBody, userBody, verifyDocumentBody } from './schemas';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: STATUS_TEXT[s] ?? 'Error', ...json(ref('Error')) }]));
const STATUS_TEXT: Record<number, string> = {
  400: 'Malformed request: every problem is listed in error.details',
  401: 'No valid bearer token',
  403: 'Authenticated, but not allowed',
  404: 'Not found (or not visible to the caller)',
  409: 'Stale version or Idempotency-Key conflict',
  413: 'Too large',
  415: 'Media type not accepted',
  422: 'Refused by the rules: every problem is listed in error.details',
};
const secured = { security: [{ bearer: [] }] };
const idem = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'Retry-safe POST: the same key and body replay the first answer' };
const q = (name: string, schema: object, description: string) => ({ name, in: 'query', required: false, schema, description });
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

export function openApiDocument(version = '0.1.0'): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'motcua API',
      version,
      description: 'Cases of administrative procedures: filing by citizens, processing by officers. Errors have a stable `code`, a `hint` and, for bad input, every problem in `details`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (EdDSA, or the configured OIDC issuer)' } },
      schemas: { Error: errorSchema, FileCase: fileCaseBody, Action: actionBody, DevLogin: devLoginBody, SignInLink: signInLinkBody, User: userBody, Unit: unitBody, Procedure: procedureBody, VerifyDocument: verifyDocumentBody, RevokeDocument: revokeDocumentBody, NewDraft: newDraftBody, SaveDraft: saveDraftBody, Review: reviewBody, ReturnDraft: returnBody, Retire: retireBody, Migration: migrationBody, ValidateSource: validateSourceBody },
    },
    paths: {
      '/api/health': { get: { summary: 'Liveness and database check', responses: { 200: { description: 'OK' } } } },
      '/api/auth/dev-login': {
        post: { summary: 'Demo mode only: a token for a seeded user', requestBody: json(ref('DevLogin')), responses: { 200: { description: 'A bearer token' }, ...errors(400, 401, 404) } },
      },
      '/api/auth/sign-in-link': {
        post: { summary: 'Spend a one-time sign-in link (motcua admin create) for a bearer token', requestBody: json(ref('SignInLink')), responses: { 200: { description: 'A bearer token' }, ...errors(400, 401) } },
      },
      '/api/auth/dev-users': { get: { summary: 'Demo mode only: the seeded demo users (id, name, kind)', responses: { 200: { description: 'The demo users' }, ...errors(404) } } },
      '/api/auth/me': { get: { summary: 'The caller', ...secured, responses: { 200: { description: 'The principal with roles' }, ...errors(401) } } },
      '/api/auth/jwks': { get: { summary: 'Public keys of the local token issuer', responses: { 200: { description: 'JWKS' } } } },
      '/api/procedures': {
        get: {
          summary: 'Search procedures by code or name (Vietnamese with or without diacritics)',
          parameters: [q('q', { type: 'string' }, 'e.g. "khai sinh" or "1.001193"'), q('limit', { type: 'integer' }, '1..500'), q('offset', { type: 'integer' }, '')],
          responses: { 200: { description: 'Matching procedures' }, ...errors(400) },
        },
        post: {
          summary: 'Demo mode only: an author publishes a version in one step (no review); elsewhere 403 E_REVIEW_REQUIRED: use drafts',
          ...secured,
          requestBody: json(ref('Procedure')),
          responses: { 201: { description: 'PublishResult: published' }, 200: { description: 'PublishResult: unchanged (that version holds this very content)' }, ...errors(400, 401, 403, 409, 422) },
        },
      },
      '/api/procedures/validate': {
        post: { summary: 'Authors and approvers: the one validator on a text (and its scenarios), and whether its version is published', ...secured, requestBody: json(ref('ValidateSource')), responses: { 200: { description: 'SourceCheck: {valid, diagnostics, code, version, contentHash, published: none|same|other}' }, ...errors(400, 401, 403) } },
      },
      '/api/procedures/in-force': {
        get: { summary: 'The versions in force (today, or ?date=) with the text they were published from (motcua pull)', parameters: [q('date', { type: 'string' }, 'YYYY-MM-DD')], responses: { 200: { description: '{date, items: InForceVersion[]: code, version, path, source, contentHash}' } } },
      },
      '/api/procedures/{code}/versions': {
        get: { summary: 'Every version of a code: effective dates, state (in-force, scheduled, expired, retired), content hash', parameters: [path('code'), q('date', { type: 'string' }, 'YYYY-MM-DD')], responses: { 200: { description: '{items: VersionView[]}' }, ...errors(404) } },
      },
      '/api/procedures/{code}/versions/{version}/retire': {
        post: { summary: 'Approvers: retire a version (no new filings; running cases go on). Audited', ...secured, parameters: [path('code'), path('version')], requestBody: json(ref('Retire')), responses: { 200: { description: '{code, version, retiredAt}' }, ...errors(400, 401, 403, 404) } },
      },
      '/api/drafts': {
        get: { summary: 'Authors and approvers: drafts, newest first', ...secured, parameters: [q('status', { enum: ['editing', 'submitted', 'returned', 'approved', 'published'] }, ''), q('limit', { type: 'integer' }, '1..500'), q('offset', { type: 'integer' }, '')], responses: { 200: { description: '{items: DraftSummary[]}' }, ...errors(400, 401, 403) } },
        post: { summary: 'Authors: start a draft from scratch, a template, a published version or a text', ...secured, requestBody: json(ref('NewDraft')), responses: { 201: { description: 'DraftView (with the validator\'s diagnostics)' }, ...errors(400, 401, 403, 404, 422) } },
      },
      '/api/drafts/templates': { get: { summary: 'Templates a draft may start from', responses: { 200: { description: '{items: DraftTemplate[]}' } } } },
      '/api/drafts/{id}': {
        get: { summary: 'A draft with its text, scenarios, review and diagnostics', ...secured, parameters: [path('id')], responses: { 200: { description: 'DraftView' }, ...errors(401, 403, 404) } },
        put: { summary: 'Authors: save (optimistic: send the revision read; a stale one is 409 E_DRAFT_STALE). A submitted or approved draft goes back to editing', ...secured, parameters: [path('id')], requestBody: json(ref('SaveDraft')), responses: { 200: { description: 'DraftView' }, ...errors(400, 401, 403, 404, 409) } },
        delete: { summary: 'Authors: delete a draft', ...secured, parameters: [path('id')], responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) } },
      },
      '/api/drafts/{id}/diff': {
        get: { summary: 'Semantic diff against the version in force (or ?against=version): steps, actions, fees, components, deadline, e-form fields', ...secured, parameters: [path('id'), q('against', { type: 'string' }, 'a version of the same code')], responses: { 200: { description: 'ProcedureDiff' }, ...errors(401, 403, 404, 422) } },
      },
      '/api/drafts/{id}/submit': { post: { summary: 'Authors: ask for review (the draft must validate: 422 lists every diagnostic)', ...secured, parameters: [path('id')], requestBody: json(ref('Review')), responses: { 200: { description: 'DraftView' }, ...errors(401, 403, 404, 409, 422) } } },
      '/api/drafts/{id}/return': { post: { summary: 'Approvers who did not edit it: send back with comments (403 E_FOUR_EYES otherwise)', ...secured, parameters: [path('id')], requestBody: json(ref('ReturnDraft')), responses: { 200: { description: 'DraftView' }, ...errors(400, 401, 403, 404, 409) } } },
      '/api/drafts/{id}/approve': { post: { summary: 'Approvers who did not edit it: approve its current content (403 E_FOUR_EYES otherwise)', ...secured, parameters: [path('id')], requestBody: json(ref('Review')), responses: { 200: { description: 'DraftView' }, ...errors(400, 401, 403, 404, 409) } } },
      '/api/drafts/{id}/publish': {
        post: { summary: 'Publish an approved draft: the validator again, then the immutable version. Audited', ...secured, parameters: [path('id')], responses: { 201: { description: 'PublishResult: published' }, 200: { description: 'PublishResult: unchanged' }, ...errors(401, 403, 404, 409, 422) } },
      },
      '/api/procedures/{code}': {
        get: {
          summary: 'A procedure (the version in effect, or ?version=) with its diagnostics',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }, q('version', { type: 'string' }, '')],
          responses: { 200: { description: 'The procedure' }, ...errors(404) },
        },
      },
      '/api/migrations/dry-run': {
        post: { summary: 'Authors and approvers: what a migration plan would do to the open cases of a version (changes nothing)', ...secured, requestBody: json(ref('Migration')), responses: { 200: { description: 'MigrationReport: open, moved, blocked with codes and reasons, bySteps, durationMs' }, ...errors(400, 401, 403, 404, 422) } },
      },
      '/api/migrations': {
        post: { summary: 'Approvers: apply a migration plan: each open case moves in one audited transition', ...secured, requestBody: json(ref('Migration')), responses: { 200: { description: 'MigrationReport' }, ...errors(400, 401, 403, 404, 422) } },
      },
      '/api/my/notifications': {
        get: { summary: "The caller's in-app inbox, newest first", ...secured, parameters: [q('limit', { type: 'integer' }, '1..200'), q('offset', { type: 'integer' }, '')], responses: { 200: { description: '{unread, items: [{id, case, kind, subject, body, at, read}]}' }, ...errors(400, 401) } },
      },
      '/api/my/notifications/{id}/read': {
        post: { summary: 'Mark an inbox notification read', ...secured, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: { 200: { description: '{id, read}' }, ...errors(401, 404) } },
      },
      '/api/my/contact': {
        get: { summary: "The caller's contact details for notifications", ...secured, responses: { 200: { description: '{email, phone, locale}' }, ...errors(401) } },
        put: {
          summary: 'Set where notifications go (e-mail, phone for SMS) and their language',
          ...secured,
          requestBody: json({ type: 'object', additionalProperties: false, properties: { email: { type: ['string', 'null'] }, phone: { type: ['string', 'null'] }, locale: { enum: ['vi', 'en'] } } }),
          responses: { 200: { description: '{email, phone, locale}' }, ...errors(400, 401) },
        },
      },
      '/api/admin/notifications': {
        get: { summary: 'Administrators: e-mail and SMS messages by status (default failed)', ...secured, parameters: [q('status', { enum: ['pending', 'sending', 'sent', 'failed'] }, ''), q('limit', { type: 'integer' }, '1..500')], responses: { 200: { description: '{items}' }, ...errors(400, 401, 403) } },
      },
      '/api/admin/notifications/{id}/retry': {
        post: { summary: 'Administrators: send a failed message again', ...secured, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: { 200: { description: '{id, status}' }, ...errors(401, 403, 404) } },
      },
      '/api/units': {
        get: {
          summary: 'The public list of units (no sign-in): by level and parent, searched by name with or without diacritics or by statistics-office code',
          parameters: [
            q('level', { enum: ['commune', 'province', 'ministry'] }, ''),
            q('parent', { type: 'string' }, 'the id of a province: its communes'),
            q('q', { type: 'string', maxLength: 100 }, 'e.g. "cua nam" or "00082"'),
            q('limit', { type: 'integer' }, '1..5000 (default 500)'),
            q('offset', { type: 'integer' }, ''),
          ],
          responses: { 200: { description: '{total, items: [{id, name, level, parent?, code?}]}' }, ...errors(400) },
        },
      },
      '/api/uploads': {
        post: {
          summary: 'Upload a dossier file (raw body); stored by SHA-256',
          ...secured,
          requestBody: { content: { 'application/pdf': {}, 'image/jpeg': {}, 'image/png': {} } },
          responses: { 201: { description: '{hash, size, type}' }, ...errors(400, 401, 413, 415) },
        },
      },
      '/api/cases': {
        post: {
          summary: 'File a case (citizens)',
          ...secured,
          parameters: [idem],
          requestBody: json(ref('FileCase')),
          responses: { 201: { description: 'The case: state, status, due, fees, components with provenance, timeline' }, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      '/api/cases/{id}': {
        get: { summary: 'A case with its timeline', ...secured, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'The case' }, ...errors(401, 404) } },
      },
      '/api/cases/{id}/actions': {
        post: {
          summary: 'Act on a case: {step, action, form, version}',
          ...secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, idem],
          requestBody: json(ref('Action')),
          responses: { 200: { description: 'The case after the transition' }, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      '/api/worklist': {
        get: {
          summary: "Officers: the open tasks of their units and roles, soonest due first",
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
          responses: { 200: { description: '{items, next}' }, ...errors(400, 401, 403) },
        },
      },
      '/api/my/cases': { get: { summary: "A citizen's own cases", ...secured, responses: { 200: { description: '{items}' }, ...errors(401) } } },
      '/api/my/documents': {
        get: {
          summary: "The caller's data wallet: result documents issued to them, newest first",
          ...secured,
          parameters: [q('limit', { type: 'integer' }, '1..200'), q('offset', { type: 'integer' }, '')],
          responses: { 200: { description: '{items: [{id, document, jws, kid, status, inWallet}]}' }, ...errors(400, 401) },
        },
      },
      '/api/documents/{id}': {
        get: {
          summary: 'A result document: its holder, or officers of its issuing unit',
          ...secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: '{id, document, jws, kid, status, inWallet}' }, ...errors(401, 404) },
        },
      },
      '/api/documents/{id}/revoke': {
        post: {
          summary: 'Officers of the issuing unit: revoke a document',
          ...secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, idem],
          requestBody: json(ref('RevokeDocument')),
          responses: { 200: { description: 'The document, revoked' }, ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/documents/verify': {
        post: {
          summary: "Anyone: verify a result document's JWS",
          requestBody: json(ref('VerifyDocument')),
          responses: {
            200: { description: '{valid: true, status, kid, document}' },
            ...errors(400),
            422: { description: 'Not genuine or not in force: E_JWS_MALFORMED, E_JWS_NOT_A_DOCUMENT, E_JWS_UNKNOWN_KEY, E_JWS_BAD_SIGNATURE, E_DOCUMENT_TAMPERED, E_DOCUMENT_REVOKED, E_DOCUMENT_EXPIRED', ...json(ref('Error')) },
          },
        },
      },
      '/api/admin/units': { get: { summary: 'Admins: units', ...secured, responses: { 200: { description: '{items}' }, ...errors(401, 403) } } },
      '/api/admin/units/{id}': { put: { summary: 'Admins: create or change a unit', ...secured, requestBody: json(ref('Unit')), responses: { 200: { description: 'The unit' }, ...errors(400, 401, 403) } } },
      '/api/admin/users/{id}': {
        get: { summary: 'Admins: a user', ...secured, responses: { 200: { description: 'The user' }, ...errors(401, 403, 404) } },
        put: { summary: 'Admins: create or change a user and their roles', ...secured, requestBody: json(ref('User')), responses: { 200: { description: 'The user' }, ...errors(400, 401, 403, 422) } },
      },
    },
  };
}
