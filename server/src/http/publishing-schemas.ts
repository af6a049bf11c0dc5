/**
 * Request bodies of publishing (drafts, review, retirement, migrations): validated with these
 * schemas and published in the OpenAPI document, as schemas.ts does for the rest of the API.
 */
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const code = { type: 'string', minLength: 1, maxLength: 32 } as const;
const version = { type: 'string', minLength: 1, maxLength: 32 } as const;
const name = {
  type: 'object',
  required: ['vi'],
  additionalProperties: false,
  properties: { vi: { type: 'string', minLength: 1, maxLength: 500 }, en: { type: 'string', maxLength: 500 } },
} as const;
const scenarios = {
  type: 'array',
  maxItems: 20,
  description: 'Scenario files (*.test.yaml) run whenever the draft is validated',
  items: { type: 'object', required: ['name', 'source'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, source: text(256 * 1024) } },
} as const;
const source = { ...text(512 * 1024), description: 'The procedure as YAML text (docs/procedure-format.md)' } as const;

export const newDraftBody = {
  description: 'How to start a draft: from scratch, a template, a published version, or a text',
  oneOf: [
    { type: 'object', required: ['from', 'code', 'name'], additionalProperties: false, properties: { from: { const: 'scratch' }, code, name, scenarios } },
    { type: 'object', required: ['from', 'template', 'code', 'name'], additionalProperties: false, properties: { from: { const: 'template' }, template: { type: 'string', maxLength: 64 }, code, name } },
    { type: 'object', required: ['from', 'code', 'version'], additionalProperties: false, properties: { from: { const: 'version' }, code, version, newCode: code, newVersion: version } },
    { type: 'object', required: ['from', 'source'], additionalProperties: false, properties: { from: { const: 'source' }, source, scenarios } },
  ],
} as const;

export const saveDraftBody = {
  type: 'object',
  required: ['source', 'revision'],
  additionalProperties: false,
  properties: { source, scenarios, revision: { type: 'integer', minimum: 1, description: 'The revision read; a stale one gets 409 E_DRAFT_STALE' } },
} as const;

export const reviewBody = {
  type: 'object',
  additionalProperties: false,
  properties: { revision: { type: 'integer', minimum: 1 }, comment: { type: 'string', maxLength: 10_000 } },
} as const;

export const returnBody = {
  type: 'object',
  required: ['comment'],
  additionalProperties: false,
  properties: { revision: { type: 'integer', minimum: 1 }, comment: { type: 'string', minLength: 1, maxLength: 10_000, description: 'What the author must change' } },
} as const;

export const retireBody = {
  type: 'object',
  additionalProperties: false,
  properties: { reason: { type: 'string', maxLength: 2000 } },
} as const;

export const migrationBody = {
  type: 'object',
  required: ['code', 'from', 'to', 'deadline'],
  additionalProperties: false,
  properties: {
    code,
    from: { ...version, description: 'The version the open cases run now' },
    to: { ...version, description: 'The version they move to' },
    steps: { type: 'object', maxProperties: 500, additionalProperties: { type: 'string', minLength: 1, maxLength: 64 }, description: 'Old step id -> new step id; unlisted steps keep their id' },
    defaults: { type: 'object', maxProperties: 500, description: 'Dotted data paths -> value, set where a case lacks them' },
    deadline: { enum: ['keep', 'recompute'] },
  },
} as const;

export const validateSourceBody = {
  type: 'object',
  required: ['source'],
  additionalProperties: false,
  properties: { source, scenarios },
} as const;
