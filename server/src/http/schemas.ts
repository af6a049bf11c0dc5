/**
 * JSON Schemas of request bodies. The same objects validate requests and appear in the
 * OpenAPI document, so the documentation cannot drift from what the server checks.
 */
import { SIGN_IN_CODE_PATTERN } from '../auth/sign-in-links';

const id = { type: 'string', minLength: 1, maxLength: 128 } as const;

export const signInLinkBody = {
  type: 'object',
  required: ['code'],
  additionalProperties: false,
  properties: { code: { type: 'string', pattern: SIGN_IN_CODE_PATTERN } },
} as const;

/** How a user wants to be told: e-mail, phone for SMS, language. */
export const contactBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    email: { type: ['string', 'null'], maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' },
    phone: { type: ['string', 'null'], pattern: '^\\+?[0-9]{9,15}$' },
    locale: { enum: ['vi', 'en'] },
  },
} as const;

export const devLoginBody = {
  type: 'object',
  required: ['user'],
  additionalProperties: false,
  properties: { user: id },
} as const;

export const fileCaseBody = {
  type: 'object',
  required: ['procedure', 'unit', 'data'],
  additionalProperties: false,
  properties: {
    procedure: { type: 'string', minLength: 1, maxLength: 32, description: 'National procedure code, e.g. 1.001193' },
    version: { type: 'string', maxLength: 32, description: 'Exact version; default: the version in effect today' },
    unit: { ...id, description: 'Id of the unit that receives the case' },
    data: { type: 'object', description: "The e-form data, validated against the procedure's data.schema" },
    uploads: {
      type: 'object',
      description: 'Component id -> upload hash (POST /api/uploads)',
      additionalProperties: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    },
  },
  description: "The channel is the server's to decide (a citizen files online; an officer files at the counter of their unit, for the applicant the form names): a body naming one is refused.",
} as const;

export const actionBody = {
  type: 'object',
  required: ['step', 'action', 'version'],
  additionalProperties: false,
  properties: {
    step: { type: 'string', minLength: 1, maxLength: 64 },
    action: { type: 'string', minLength: 1, maxLength: 64, description: "An action of the step, or 'pay', 'supplement', 'withdraw' for the applicant" },
    form: { type: 'object', description: "The action's form, validated against its schema" },
    version: { type: 'integer', minimum: 1, description: 'The case version the caller saw; a stale one gets 409' },
    uploads: { type: 'object', additionalProperties: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
  },
} as const;

export const userBody = {
  type: 'object',
  required: ['name', 'kind'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 300 },
    kind: { enum: ['citizen', 'officer', 'author', 'admin'] },
    nationalId: { type: 'string', pattern: '^[0-9]{12}$' },
    roles: {
      type: 'array',
      items: { type: 'object', required: ['role', 'unit'], additionalProperties: false, properties: { role: id, unit: id } },
    },
  },
} as const;

/** `POST /api/admin/users/:id/sign-in-link`: how long the link lives (1 minute to 1 day; default 15 minutes). */
export const issueSignInLinkBody = {
  type: 'object',
  additionalProperties: false,
  properties: { ttlMinutes: { type: 'integer', minimum: 1, maximum: 1440 } },
} as const;

export const unitBody = {
  type: 'object',
  required: ['name', 'level'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 300 },
    level: { enum: ['commune', 'province', 'ministry'] },
    parent: id,
    code: { type: 'string', pattern: '^[0-9]{2}([0-9]{3})?$' },
  },
} as const;

export const procedureBody = {
  type: 'object',
  required: ['code', 'version', 'name', 'sector', 'level', 'deadline', 'steps', 'outcomes'],
  properties: { code: { type: 'string' }, version: { type: 'string' } },
  description: 'A procedure in the format of docs/procedure-format.md, as JSON',
} as const;

export const verifyDocumentBody = {
  type: 'object',
  required: ['jws'],
  additionalProperties: false,
  properties: { jws: { type: 'string', minLength: 1, maxLength: 1_000_000, description: "A result document's compact JWS (the `jws` of GET /api/documents/:id)" } },
} as const;

export const revokeDocumentBody = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } },
} as const;


const instant = { type: 'string', minLength: 10, maxLength: 40, format: 'date-time', description: 'ISO 8601 instant with offset' } as const;

/** Test-clock mode: `PUT /api/test/clock`. */
export const testClockBody = {
  type: 'object',
  required: ['now'],
  additionalProperties: false,
  properties: { now: instant },
} as const;

/** Test-clock mode: `PUT /api/test/calendar` (a calendar as in calendars/*.yaml, or null). */
export const testCalendarBody = {
  type: 'object',
  required: ['calendar'],
  additionalProperties: false,
  properties: { calendar: { type: ['object', 'null'], description: 'A working calendar (docs/calendars.md) that every procedure runs on, or null for their own' } },
} as const;

/** Test-clock mode: `PUT /api/test/registry`. */
export const testRegistryBody = {
  type: 'object',
  required: ['records'],
  additionalProperties: false,
  properties: {
    records: {
      type: 'object',
      maxProperties: 100,
      description: 'source id -> key -> record: replaces every record of the national sources',
      additionalProperties: { type: 'object', maxProperties: 10_000, additionalProperties: { type: 'object' } },
    },
  },
} as const;

/** Test-clock mode: `POST /api/test/procedures`. */
export const testProceduresBody = {
  type: 'object',
  required: ['procedures'],
  additionalProperties: false,
  properties: {
    procedures: { type: 'array', maxItems: 200, items: procedureBody },
    calendars: { type: 'object', maxProperties: 50, additionalProperties: { type: 'object' }, description: 'Calendars the procedures run on, by id; those the server holds are kept' },
  },
} as const;

/** Test-clock mode: `POST /api/test/principals`. */
export const testPrincipalBody = {
  type: 'object',
  required: ['id', 'kind'],
  additionalProperties: false,
  properties: {
    id,
    kind: { enum: ['citizen', 'officer', 'author', 'admin'] },
    name: { type: 'string', minLength: 1, maxLength: 300 },
    nationalId: { type: 'string', minLength: 1, maxLength: 32 },
    roles: {
      type: 'array',
      maxItems: 100,
      items: { type: 'object', required: ['role', 'unit'], additionalProperties: false, properties: { role: id, unit: id } },
    },
  },
} as const;

/** `POST /api/cases/:id/rating`: a score from 1 to 5, nothing else (no free text to guard). */
export const ratingBody = {
  type: 'object',
  additionalProperties: false,
  required: ['score'],
  properties: { score: { type: 'integer', minimum: 1, maximum: 5 } },
} as const;
