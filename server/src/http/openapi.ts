/**
 * The OpenAPI 3.1 document of the API, served at `GET /api/openapi.json`. Request schemas are
 * the very objects the routes validate with (schemas.ts).
 */
import { planSchema } from '../units/plan';
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
      schemas: { Error: errorSchema, FileCase: fileCaseBody, Action: actionBody, DevLogin: devLoginBody, SignInLink: signInLinkBody, User: userBody, Unit: unitBody, Procedure: procedureBody, VerifyDocument: verifyDocumentBody, RevokeDocument: revokeDocumentBody, ReorganizationPlan: planSchema },
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
        post: { summary: 'Authors: publish a procedure version', ...secured, requestBody: json(ref('Procedure')), responses: { 201: { description: 'Compiled and kept' }, ...errors(400, 401, 403, 422) } },
      },
      '/api/procedures/{code}': {
        get: {
          summary: 'A procedure (the version in effect, or ?version=) with its diagnostics',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }, q('version', { type: 'string' }, '')],
          responses: { 200: { description: 'The procedure' }, ...errors(404) },
        },
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
            q('q', { type: 'string', maxLength: 100 }, 'e.g. "cua nam" or "00082"; a former unit\'s code or name answers its successors (each with `replaces`)'),
            q('at', { type: 'string', format: 'date' }, 'the units in force on that day (default today)'),
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
      '/api/admin/reorganizations/dry-run': {
        post: { summary: 'Admins: what a reorganization plan would do (open cases, work items, timers, officers, uploads affected; cases needing a decision); changes nothing', ...secured, requestBody: json(ref('ReorganizationPlan')), responses: { 200: { description: 'The report' }, ...errors(400, 401, 403, 409, 422) } },
      },
      '/api/admin/reorganizations': {
        get: { summary: 'Admins: the reorganizations applied', ...secured, responses: { 200: { description: '{items}' }, ...errors(401, 403) } },
        post: { summary: 'Admins: apply a reorganization plan (one audited transaction)', ...secured, requestBody: json(ref('ReorganizationPlan')), responses: { 201: { description: 'The report' }, ...errors(400, 401, 403, 409, 422) } },
      },
      '/api/admin/users/{id}': {
        get: { summary: 'Admins: a user', ...secured, responses: { 200: { description: 'The user' }, ...errors(401, 403, 404) } },
        put: { summary: 'Admins: create or change a user and their roles', ...secured, requestBody: json(ref('User')), responses: { 200: { description: 'The user' }, ...errors(400, 401, 403, 422) } },
      },
    },
  };
}
