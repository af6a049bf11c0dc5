/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of what the API answers: the wire types of
 * this module (`CaseView`, `WorkItem`, `DocumentView`, `VerifiedDocument`, `ErrorBody`...) as
 * data. The server publishes them in its OpenAPI document; a test sends a real request to
 * every route and validates each answer against them, so the types, the schemas and the
 * server cannot drift apart unnoticed. Objects the API defines are closed
 * (`additionalProperties: false`): a new field must be described here first.
 */
import { CASE_STATUSES } from 'motcua/engine';
import { DOCUMENT_STATUSES } from './documents';
import { OverlayView, PUBLISHING_RESPONSE_SCHEMAS } from './publishing-schemas';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const level = { enum: ['commune', 'province', 'ministry'] } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` }) as const;
const closed = (required: readonly string[], properties: Record<string, unknown>, description?: string) =>
  ({ type: 'object', required, additionalProperties: false, properties, ...(description ? { description } : {}) }) as const;
const list = (item: unknown) => closed(['items'], { items: { type: 'array', items: item } });

/** `{ error: { code, message, hint?, path?, details?, correlationId? } }`. */
const ErrorBody = closed(['error'], {
  error: closed(['code', 'message'], {
    code: { type: 'string', pattern: '^E_[A-Z0-9_]+$', description: 'A stable code of the registry (ERROR_CODES, listed under x-error-codes)' },
    message: str,
    hint: str,
    path: str,
    details: { description: 'Every problem ({code, message, path?, hint?}), or diagnostics' },
    correlationId: str,
  }),
});

const Actor = { type: 'object', required: ['kind', 'id'], properties: { kind: str, id: str } } as const;

const CaseEvent = closed(['type', 'at'], {
  type: str,
  at: instant,
  actor: Actor,
  step: str,
  action: str,
  from: { type: 'array', items: str },
  to: { type: 'array', items: str },
  form: {},
  detail: { type: 'object' },
});

const FeeSummary = closed(['items', 'total'], {
  items: { type: 'array', items: closed(['id', 'amount', 'quantity', 'exempt', 'total'], { id: str, amount: { type: 'number' }, quantity: { type: 'number' }, exempt: bool, total: { type: 'number' } }) },
  total: { type: 'number' },
});

const Provenance = { source: str, key: str, readAt: instant } as const;

const ComponentState = closed(['status', 'required'], {
  status: { enum: ['provided', 'replaced', 'missing', 'awaiting-consent'] },
  required: bool,
  file: closed([], { hash: str, name: str, type: str, size: int }),
  provenance: closed(['source', 'key', 'readAt'], Provenance),
  record: {},
});

const CaseChildView = closed(['id', 'procedure', 'status', 'steps', 'version'], {
  id: str,
  procedure: str,
  step: str,
  status: { enum: CASE_STATUSES },
  steps: { type: 'array', items: str },
  outcome: str,
  version: int,
});

const CaseView = closed(['id', 'procedure', 'unit', 'applicant', 'status', 'steps', 'tasks', 'overdue', 'version', 'submittedAt', 'updatedAt'], {
  id: str,
  procedure: closed(['code', 'version'], { code: str, version: str, name: str, agency: { type: 'string', description: "The agency that handles it (a province's overlay may set its own)" } }),
  unit: str,
  applicant: str,
  status: { enum: CASE_STATUSES },
  steps: { type: 'array', items: str, description: 'The steps the case waits in (several inside a parallel step)' },
  tasks: { type: 'array', items: closed(['step', 'role'], { step: str, role: str, level }) },
  outcome: str,
  onTime: { type: 'boolean', description: 'Once closed: whether the outcome was reached at or before the due' },
  due: { ...instant, description: 'The statutory due (kept once closed)' },
  overdue: bool,
  fees: FeeSummary,
  components: { type: 'object', additionalProperties: ComponentState },
  prefilled: {
    type: 'array',
    items: closed(['field', 'lock', 'source', 'key', 'readAt'], { field: str, lock: bool, value: { description: "Absent for the filer when read under another person's national ID (docs/security.md)" }, ...Provenance }),
  },
  data: {},
  version: int,
  submittedAt: instant,
  updatedAt: instant,
  timeline: { type: 'array', items: CaseEvent },
  parent: closed(['id'], { id: str, step: str }),
  children: { type: 'array', items: CaseChildView },
  consents: {
    type: 'array',
    description: 'The people the case names whose consent is required: awaited, given, or closed; never their records',
    items: closed(['subject', 'relation', 'status'], { subject: str, relation: str, status: { enum: ['awaiting', 'given', 'closed'] } }),
  },
});

/** A consent a person is asked for or has just given (`GET /api/my/consents`, `POST /api/cases/:id/consents/:subject`). */
const ConsentView = closed(['caseId', 'subject', 'relation', 'status', 'procedure', 'unit', 'since'], {
  caseId: str,
  subject: str,
  relation: str,
  status: { enum: ['awaiting', 'given', 'closed'] },
  procedure: closed(['code', 'version'], { code: str, version: str, name: str }),
  unit: str,
  since: instant,
  complete: bool,
});

const WorkItem = closed(['caseId', 'step', 'role', 'unit', 'procedure', 'applicant', 'status', 'overdue', 'dueSoon', 'version'], {
  caseId: str,
  step: str,
  role: str,
  unit: str,
  unitName: str,
  procedure: str,
  applicant: str,
  applicantName: str,
  status: { enum: CASE_STATUSES },
  due: instant,
  overdue: bool,
  dueSoon: bool,
  version: int,
});

const ResultDocument = closed(['id', 'document', 'procedure', 'case', 'outcome', 'holder', 'issuer', 'issuedAt', 'data'], {
  id: str,
  document: str,
  procedure: closed(['code', 'version'], { code: str, version: str, name: str }),
  case: str,
  outcome: str,
  holder: closed(['id'], { id: str, nationalId: str, name: str }),
  issuer: closed(['unit'], { unit: str, name: str, level }),
  issuedAt: instant,
  validUntil: instant,
  data: { type: 'object' },
});

const DocumentView = closed(['id', 'document', 'jws', 'kid', 'status', 'inWallet'], {
  id: str,
  document: ResultDocument,
  jws: str,
  kid: str,
  status: { enum: DOCUMENT_STATUSES },
  inWallet: bool,
  revokedAt: instant,
  revokedReason: str,
});

const VerifiedDocument = closed(['valid', 'status', 'kid', 'document'], { valid: { const: true }, status: { const: 'valid' }, kid: str, document: ResultDocument });

const Principal = closed(['id', 'name', 'kind', 'roles'], {
  id: str,
  name: str,
  kind: { enum: ['citizen', 'officer', 'author', 'admin'] },
  nationalId: str,
  roles: { type: 'array', items: closed(['role', 'unit', 'level'], { role: str, unit: str, level }) },
});

const Health = closed(['status', 'database', 'demo', 'testClock', 'procedures'], {
  status: { enum: ['ok', 'degraded'], description: 'degraded: a library file differs from its published version (procedures.conflicts)' },
  database: { enum: ['sqlite', 'postgres'] },
  demo: bool,
  testClock: { type: 'boolean', description: 'Started with --test-clock: the clock is whatever tests set (never a deployment)' },
  now: { ...instant, description: 'Test-clock mode only: the test clock' },
  procedures: closed(['ok', 'broken', 'conflicts'], { ok: int, broken: int, conflicts: { type: 'array', items: closed(['code', 'version', 'file', 'hint'], { code: str, version: str, file: str, hint: str }) } }),
});

const Token = closed(['token', 'tokenType'], { token: str, tokenType: { const: 'Bearer' }, user: ref('Principal') });

const Jwks = closed(['keys'], { keys: { type: 'array', items: { type: 'object', required: ['kty'] } } });

const Duration = closed(['value', 'unit'], { value: int, unit: str });
const LocalizedName = { type: 'object', required: ['vi'], properties: { vi: str }, additionalProperties: str } as const;

const ProcedureSummary = closed(['code', 'version', 'versions', 'name', 'sector', 'level', 'status', 'open', 'agencies', 'baseFee'], {
  code: str,
  version: { ...str, description: 'The version in force today and not retired, else the newest' },
  versions: { type: 'array', items: str, description: 'Every version held, oldest first' },
  name: closed(['vi'], { vi: str, en: str }),
  sector: { type: ['string', 'null'] },
  level: { type: ['string', 'null'] },
  status: { enum: ['ok', 'broken'] },
  open: { ...bool, description: 'A citizen can file it today' },
  agencies: { type: 'array', items: str, description: 'Role ids of its task steps (the agencies that handle it)' },
  deadline: Duration,
  baseFee: { ...int, description: 'The fees without a condition, in VND' },
  applicants: { type: 'array', items: str },
  overlayOf: { ...str, description: "A province's overlay: the national procedure's code it builds on" },
});

const FacetCount = closed(['value', 'count'], { value: str, count: int, name: LocalizedName });

const ProcedureListing = closed(['items', 'total', 'limit', 'offset', 'links', 'facets'], {
  items: { type: 'array', items: ProcedureSummary },
  total: { ...int, description: 'How many match in all' },
  limit: int,
  offset: int,
  links: closed(['self', 'first', 'last'], { self: str, first: str, last: str, prev: str, next: str }),
  facets: closed(['sector', 'level', 'agency'], { sector: { type: 'array', items: FacetCount }, level: { type: 'array', items: FacetCount }, agency: { type: 'array', items: FacetCount } }),
});

const Catalogues = closed(['roles', 'sources', 'calendars', 'procedures'], {
  roles: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: str, name: LocalizedName, levels: { type: 'array', items: level } } } },
  sources: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: str, name: LocalizedName } } },
  calendars: { type: 'array', items: { type: 'object', required: ['id', 'timezone', 'week', 'hours'], properties: { id: str, timezone: str } } },
  procedures: {
    type: 'array',
    items: closed(['code', 'name', 'versions'], {
      code: str,
      name: closed(['vi'], { vi: str, en: str }),
      versions: { type: 'array', items: closed(['version'], { version: str, effective: { type: 'object' } }) },
    }),
  },
});

const ProcedureDetail = closed(['status', 'versions', 'procedure', 'source', 'diagnostics'], {
  status: { enum: ['ok', 'broken'] },
  versions: { type: 'array', items: str },
  procedure: { type: 'object', description: 'The procedure in the format of docs/procedure-format.md' },
  source: { type: 'string', description: 'The YAML text it was published from (comments and layout kept): what the designer opens' },
  contentHash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: "SHA-256 of the procedure's canonical JSON" },
  retiredAt: { ...instant, description: 'When the version was retired (no new filings)' },
  diagnostics: { type: 'array', items: { type: 'object', required: ['code', 'message'] } },
  overlay: { ...OverlayView, description: "A province's overlay: the national version it was built on, and whether it is stale" },
});

const Upload = closed(['hash', 'size', 'type'], { hash: { type: 'string', pattern: '^[0-9a-f]{64}$' }, size: int, type: str, name: str });

const UnitRow = { type: 'object', required: ['id', 'name', 'level'], properties: { id: str, name: str, level, parent: { type: ['string', 'null'] }, code: { type: ['string', 'null'] } } } as const;

const count = { type: 'integer', minimum: 0 } as const;
/** What a reorganization plan does (dry run) or did (applied): server/src/units/reorganize.ts `ReorgReport`. */
const ReorgReport = closed(['plan', 'effective', 'mode', 'ready', 'units', 'affected', 'moves', 'decisionsNeeded', 'retasked'], {
  plan: str,
  effective: { type: 'string', format: 'date' },
  mode: { enum: ['dry-run', 'applied'] },
  ready: bool,
  units: closed(['created', 'ended', 'changed'], {
    created: { type: 'array', items: str },
    ended: { type: 'array', items: closed(['id', 'code', 'name', 'kind', 'successors'], { id: str, code: { type: ['string', 'null'] }, name: str, kind: { enum: ['merged', 'split'] }, successors: { type: 'array', items: str } }) },
    changed: { type: 'array', items: closed(['id', 'path', 'name', 'code', 'parent'], { id: str, path: str, name: str, code: { type: ['string', 'null'] }, parent: { type: ['string', 'null'] } }) },
  }),
  affected: closed(['openCases', 'workItems', 'timers', 'officers', 'uploads', 'documents'], { openCases: count, workItems: count, timers: count, officers: count, uploads: count, documents: count }),
  moves: { type: 'array', items: closed(['from', 'to', 'cases'], { from: str, to: str, cases: count }) },
  decisionsNeeded: { type: 'array', items: closed(['case', 'unit', 'procedure', 'submittedAt', 'path', 'choices'], { case: str, unit: str, procedure: str, submittedAt: instant, path: str, choices: { type: 'array', items: str } }) },
  retasked: count,
  tookMs: count,
});

const Contact = closed(['email', 'phone', 'locale'], { email: { type: ['string', 'null'] }, phone: { type: ['string', 'null'] }, locale: { enum: ['vi', 'en'] } });

const InboxItem = closed(['id', 'case', 'kind', 'subject', 'body', 'at', 'read'], { id: int, case: str, kind: str, subject: str, body: str, at: instant, read: bool });

const OutgoingNotification = closed(['id', 'case', 'user', 'kind', 'channel', 'address', 'attempts', 'error', 'nextAt'], {
  id: int,
  case: str,
  user: str,
  kind: str,
  channel: { enum: ['email', 'sms'] },
  address: str,
  attempts: int,
  error: { type: ['string', 'null'] },
  nextAt: instant,
});

const TestWorld = closed(['now', 'calendarOverride', 'units'], {
  now: instant,
  calendarOverride: bool,
  units: closed([], { commune: str, province: str, ministry: str }),
  fired: { type: 'integer', description: 'PUT /api/test/clock: events the alarms then due appended' },
});

const num = { type: 'number' } as const;
const rate = { type: ['number', 'null'], minimum: 0, maximum: 1 } as const;
const figureProps = {
  received: int, resolved: int, resolvedOnTime: int, onTime: int, onTimeRate: rate, overdueNow: int, dueSoon: int, open: int, online: int, onlineShare: rate,
  avgProcessingDays: { type: ['number', 'null'] }, electronicResults: int,
  satisfaction: closed(['count', 'average'], { count: int, average: { type: ['number', 'null'], minimum: 1, maximum: 5 } }),
};
const figureKeys = Object.keys(figureProps);
const Indicator766 = {
  oneOf: [
    closed(['id', 'max', 'kind', 'points', 'value', 'basis'], { id: str, max: num, kind: { const: 'measured' }, points: num, value: num, basis: str }),
    closed(['id', 'max', 'kind', 'reason'], { id: str, max: num, kind: { const: 'notMeasured' }, reason: str }),
  ],
} as const;
const Index766 = closed(['groups', 'points', 'measuredMax'], {
  groups: {
    type: 'array',
    items: closed(['id', 'max', 'points', 'measuredMax', 'indicators'], {
      id: { enum: ['transparency', 'progress', 'online-services', 'online-payment', 'digitization', 'satisfaction'] },
      max: num, points: { type: ['number', 'null'] }, measuredMax: num, indicators: { type: 'array', items: Indicator766 },
    }),
  },
  points: num,
  measuredMax: num,
});
/** `GET /api/stats` (JSON; `format=csv` answers text/csv). */
const StatsAnswer = closed(['from', 'to', 'by', 'asOf', 'scope', 'rows', 'total'], {
  from: { type: 'string', format: 'date' },
  to: { type: 'string', format: 'date' },
  by: { enum: ['unit', 'procedure', 'level', 'sector'] },
  period: { enum: ['day', 'week', 'month'] },
  asOf: instant,
  scope: { oneOf: [{ const: 'all' }, { type: 'array', items: str }] },
  rows: {
    type: 'array',
    items: closed(['key', ...figureKeys], { key: str, name: str, nameEn: str, parent: str, level: str, bucket: str, index766: Index766, ...figureProps }),
  },
  total: closed(figureKeys, figureProps),
});

/** Every schema of an answer, by the name the OpenAPI document gives it (`#/components/schemas/<name>`). */
export const RESPONSE_SCHEMAS = {
  ErrorBody,
  CaseView,
  CaseList: list(ref('CaseView')),
  ConsentView,
  ConsentList: list(ref('ConsentView')),
  WorkItem,
  WorklistPage: closed(['items'], { items: { type: 'array', items: ref('WorkItem') }, next: { type: 'string', description: 'Cursor of the next page; absent on the last' } }),
  DocumentView,
  DocumentList: list(ref('DocumentView')),
  VerifiedDocument,
  Principal,
  Health,
  Token,
  DevUsers: closed(['users'], { users: { type: 'array', items: closed(['id', 'name', 'kind'], { id: str, name: str, kind: { enum: ['citizen', 'officer', 'author', 'admin'] } }) } }),
  Jwks,
  ProcedureList: ProcedureListing,
  Catalogues,
  ProcedureDetail,
  ...PUBLISHING_RESPONSE_SCHEMAS,
  Upload,
  UnitList: list(UnitRow),
  UnitPage: closed(['total', 'items'], {
    total: { type: 'integer', description: 'How many units match, over every page' },
    items: {
      type: 'array',
      items: closed(['id', 'name', 'level'], {
        id: str,
        name: str,
        level,
        parent: str,
        code: { type: 'string', description: "The statistics office's code" },
        validFrom: { type: 'string', format: 'date', description: 'The first day the unit exists (absent: since ever)' },
        validTo: { type: 'string', format: 'date', description: 'The last day the unit exists (absent: still)' },
        replaces: { type: 'array', description: 'Former units (or former names and codes of this one) the search matched', items: closed(['id', 'name', 'validTo'], { id: str, name: str, code: str, validTo: { type: 'string', format: 'date' } }) },
      }),
    },
  }),
  ReorgReport,
  ReorgList: list(closed(['id', 'effective', 'appliedAt', 'actor', 'summary'], { id: str, effective: { type: 'string', format: 'date' }, appliedAt: instant, actor: str, summary: ref('ReorgReport') })),
  Unit: UnitRow,
  Inbox: closed(['unread', 'items'], { unread: int, items: { type: 'array', items: InboxItem } }),
  NotificationRead: closed(['id', 'read'], { id: int, read: { const: true } }),
  Contact,
  OutgoingNotifications: list(OutgoingNotification),
  NotificationRetry: closed(['id', 'status'], { id: int, status: { const: 'pending' } }),
  TestWorld,
  TestRegistry: closed(['records'], { records: int }),
  TestProcedures: closed(['registered', 'calendars', 'broken'], {
    registered: { type: 'array', items: str },
    calendars: { type: 'array', items: str },
    broken: { type: 'array', items: closed(['procedure', 'diagnostics'], { procedure: str, diagnostics: { type: 'array' } }) },
  }),
  IssuedSignInLink: closed(['user', 'code', 'expiresAt'], { user: str, code: str, expiresAt: instant }, 'A one-time sign-in link for a staff member: the code is shown once; the database keeps only its hash'),
  TestToken: closed(['token', 'tokenType'], { token: str, tokenType: { const: 'Bearer' } }),
  StatsAnswer,
  OverdueCases: list(closed(['id', 'unit', 'procedure', 'due', 'received', 'canOpen'], { id: str, unit: str, procedure: str, due: instant, received: { type: 'string', format: 'date' }, canOpen: { type: 'boolean' } })),
  Rating: closed(['case', 'score', 'ratedAt'], { case: str, score: { type: 'integer', minimum: 1, maximum: 5 }, ratedAt: instant }),
} as const;

/** The name of a response schema. */
export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;
