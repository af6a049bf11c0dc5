/**
 * JSON Schemas of the publishing answers (drafts, review, versions, migrations), joined to
 * `RESPONSE_SCHEMAS` (schemas.ts); the types they describe are in publishing.ts.
 */
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const hash = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const closed = (required: readonly string[], properties: Record<string, unknown>) => ({ type: 'object', required, additionalProperties: false, properties }) as const;
const list = (item: unknown) => closed(['items'], { items: { type: 'array', items: item } });

const Diagnostic = { type: 'object', required: ['code', 'message', 'severity'], properties: { code: str, message: str, severity: { enum: ['error', 'warning', 'info'] }, file: str, line: int, column: int, hint: str } } as const;
const CodeVersion = closed(['code', 'version'], { code: str, version: str });
const ScenarioFile = closed(['name', 'source'], { name: str, source: str });
const ReviewComment = closed(['kind', 'by', 'at'], { kind: { enum: ['submit', 'return', 'approve'] }, by: str, at: instant, text: str });
const draftStatus = { enum: ['editing', 'submitted', 'returned', 'approved', 'published'] } as const;
const summary = {
  id: str,
  code: str,
  version: str,
  status: draftStatus,
  revision: int,
  createdBy: str,
  editors: { type: 'array', items: str },
  base: CodeVersion,
  contentHash: hash,
  approvedBy: str,
  createdAt: instant,
  updatedAt: instant,
} as const;
const summaryRequired = ['id', 'status', 'revision', 'createdBy', 'editors', 'contentHash', 'createdAt', 'updatedAt'] as const;

const DraftSummary = closed(summaryRequired, summary);
const DraftView = closed([...summaryRequired, 'source', 'scenarios', 'comments', 'diagnostics', 'valid'], {
  ...summary,
  source: str,
  scenarios: { type: 'array', items: ScenarioFile },
  comments: { type: 'array', items: ReviewComment },
  diagnostics: { type: 'array', items: Diagnostic },
  valid: bool,
});
const PublishResult = closed(['code', 'version', 'status', 'contentHash'], {
  code: str,
  version: str,
  status: { enum: ['published', 'unchanged'] },
  contentHash: hash,
  draft: DraftSummary,
  staleOverlays: { type: 'array', items: closed(['code', 'version', 'builtOn'], { code: str, version: str, builtOn: str }), description: "A national version just published: the provinces' overlays built on an older one" },
});
const effective = { type: 'object', required: ['from'], properties: { from: str, to: { type: ['string', 'null'] } } } as const;
const OverlayView = closed(['code', 'version', 'scope', 'base', 'latest', 'stale'], {
  code: str,
  version: str,
  scope: closed(['province'], { province: str }),
  effective,
  base: closed(['code', 'version', 'range'], { code: str, version: str, range: str }),
  latest: str,
  stale: bool,
  retiredAt: instant,
});
const change = { type: 'object', required: ['kind', 'area', 'path'], properties: { kind: { enum: ['added', 'removed', 'changed'] }, area: { enum: ['procedure', 'step', 'action', 'fee', 'component', 'deadline', 'field'] }, path: str, before: {}, after: {} } } as const;

export { OverlayView };

/** The publishing answers, by the name the OpenAPI document gives them. */
export const PUBLISHING_RESPONSE_SCHEMAS = {
  DraftList: list(DraftSummary),
  DraftView,
  DraftTemplates: list(closed(['id', 'name'], { id: str, name: closed(['vi'], { vi: str, en: str }) })),
  ProcedureDiff: { type: 'object', required: ['changes'], properties: { from: CodeVersion, to: CodeVersion, changes: { type: 'array', items: change } } },
  PublishResult,
  SourceCheck: closed(['valid', 'diagnostics', 'published'], { valid: bool, diagnostics: { type: 'array', items: Diagnostic }, code: str, version: str, contentHash: hash, published: { enum: ['none', 'same', 'other'] } }),
  InForce: closed(['date', 'items'], { date: str, items: { type: 'array', items: closed(['code', 'version', 'path', 'source', 'contentHash'], { code: str, version: str, path: str, source: str, contentHash: hash }) } }),
  VersionList: list(
    closed(['code', 'version', 'state', 'status', 'contentHash'], {
      code: str,
      version: str,
      effective,
      state: { enum: ['in-force', 'scheduled', 'expired', 'retired'] },
      status: { enum: ['ok', 'broken'] },
      contentHash: hash,
      retiredAt: instant,
    }),
  ),
  OverlayList: closed(['code', 'latest', 'items'], { code: str, latest: str, items: { type: 'array', items: OverlayView } }),
  Retired: closed(['code', 'version', 'retiredAt'], { code: str, version: str, retiredAt: instant }),
  MigrationReport: closed(['dryRun', 'plan', 'open', 'moved', 'blocked', 'blockedTotal', 'bySteps', 'durationMs'], {
    dryRun: bool,
    plan: { type: 'object', required: ['code', 'from', 'to'] },
    open: int,
    moved: int,
    blocked: { type: 'array', items: closed(['caseId', 'code', 'reason'], { caseId: str, code: str, reason: str }) },
    blockedTotal: int,
    bySteps: { type: 'object', additionalProperties: int },
    durationMs: int,
  }),
} as const;
