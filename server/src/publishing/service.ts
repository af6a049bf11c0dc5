/**
 * Publishing procedures safely: drafts on the server, four-eyes review, one validator,
 * immutable versions, retirement and the semantic diff. Every step of a draft's life
 * (create, submit, return, approve, publish, retire) is a row of the hash-chained audit trail
 * with who, when and the content hash, written in the transaction that makes the change.
 */
import { ConflictError, diffProcedures, RefusalError, type MigrationPlan, type Procedure, type ProcedureDiff } from 'motcua/engine';
import type { DraftStatus, DraftSummary, DraftTemplate, DraftView, InForceVersion, MigrationReport, NewDraft, PublishResult, SourceCheck, ReviewComment, SaveDraft, ScenarioFile, VersionView } from 'motcua/contract';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { appendAuditSql } from '../audit';
import { canReadDrafts, forbidden, isApprover, requireApprover, type Principal } from '../auth';
import { AccessError } from 'motcua/engine';
import type { CaseEngine } from '../cases';
import type { Sql } from '../db';
import { migrateCases } from './migration';
import { isInForce } from 'motcua/engine';
import { isBroken, type StartConflict } from '../procedures';
import { commentsOf, deleteDraft, draftHash, insertDraft, listDrafts, newDraftId, readDraft, scenariosOf, stale, summaryOf, updateDraft, type DraftRow } from './drafts';
import { templateSource, templates } from './templates';
import type { Catalogues, UnitsInForce } from './validator';
import { PublishValidator } from './validator';
import { auditOf, identify, invalid, MAX_SOURCE_BYTES, publishVersion, retireVersion, type VersionDeps } from './versions';

export interface PublishingOptions<C> extends Omit<VersionDeps<C>, 'validator'> {
  engine: CaseEngine<C>;
  catalogues: Catalogues;
  /** Files of the library that differ from their stored version (found at start). */
  conflicts: readonly StartConflict[];
  /** The library folder the server loaded (paths of pulled files are relative to it). */
  libraryDir?: string;
  /** Demo mode allows the one-step `POST /api/procedures` (no review). */
  demo: boolean;
  /** The units in force (an overlay's province must be one); unset: not checked. */
  unitsInForce?: UnitsInForce;
}

const MAX_SCENARIOS = 20;

export class PublishingService<C = unknown> {
  readonly validator: PublishValidator<C>;
  private readonly d: VersionDeps<C>;

  constructor(private readonly o: PublishingOptions<C>) {
    this.validator = new PublishValidator(o.catalogues, o.registry, o.unitsInForce);
    this.d = { ...o, validator: this.validator };
  }

  /** The library's catalogues (roles, national sources, calendars) every check uses. */
  get catalogues(): Catalogues {
    return this.o.catalogues;
  }

  /** What start-up found: library files that lost to their stored version. */
  get conflicts(): readonly StartConflict[] {
    return this.o.conflicts;
  }

  templates(): DraftTemplate[] {
    return templates();
  }

  async create(p: Principal, input: NewDraft): Promise<DraftView> {
    if (p.kind !== 'author') throw forbidden();
    const now = this.o.now();
    let source: string;
    let scenarios: ScenarioFile[] = [];
    let base: { code: string; version: string } | undefined;
    if (input.from === 'source') {
      source = input.source;
      scenarios = input.scenarios ?? [];
    } else if (input.from === 'version') {
      const entry = this.o.registry.resolve(input.code, input.version);
      base = { code: entry.procedure.code, version: entry.procedure.version };
      const bumped = input.newVersion ?? nextVersion(entry.procedure.version);
      const copy: Procedure = { ...entry.procedure, code: input.newCode ?? entry.procedure.code, version: bumped };
      // The stored text keeps the author's comments and layout; only code and version change.
      source = entry.source ? retag(entry.source, entry.procedure, copy) : stringify(copy, { lineWidth: 0 });
    } else {
      const calendar = this.o.catalogues.calendars.has('vn') ? 'vn' : ([...this.o.catalogues.calendars.keys()][0] ?? 'vn');
      const template = input.from === 'scratch' ? 'one-step' : input.template;
      const text = templateSource(template, { code: input.code, name: input.name, roles: [...this.o.catalogues.roles.values()], calendar, today: now.toISOString().slice(0, 10) });
      if (!text) throw new RefusalError('E_UNKNOWN_TEMPLATE', `No template '${template}'`, [], { path: 'template', hint: `Templates: ${templates().map((t) => t.id).join(', ')}.` });
      source = text;
      if (input.from === 'scratch') scenarios = input.scenarios ?? [];
    }
    checkSize(source, scenarios);
    const id = newDraftId(now);
    const ident = identify(this.validator.parse(source, id));
    const row: DraftRow = {
      id,
      code: ident?.code ?? null,
      version: ident?.version ?? null,
      source,
      scenarios: JSON.stringify(scenarios),
      status: 'editing',
      revision: 1,
      created_by: p.id,
      editors: JSON.stringify([p.id]),
      base_code: base?.code ?? null,
      base_version: base?.version ?? null,
      comments: '[]',
      content_hash: draftHash(source, scenarios),
      approved_by: null,
      approved_hash: null,
      created_at: now.getTime(),
      updated_at: now.getTime(),
    };
    await this.o.db.transact(async (sql) => {
      await insertDraft(sql, row);
      await appendAuditSql(sql, [auditOf(p.id, 'procedure.draft.create', `draft:${id}`, this.hashes(row), now.getTime())]);
    });
    return this.view(row);
  }

  async list(p: Principal, status: DraftStatus | undefined, limit: number, offset: number): Promise<DraftSummary[]> {
    if (!canReadDrafts(p)) throw forbidden();
    return (await this.o.db.query((sql) => listDrafts(sql, status, limit, offset))).map(summaryOf);
  }

  async get(p: Principal, id: string): Promise<DraftView> {
    if (!canReadDrafts(p)) throw forbidden();
    return this.view(await this.o.db.query((sql) => readDraft(sql, id)));
  }

  /** Saves a new text; a submitted or approved draft goes back to editing (its approval is void). */
  async save(p: Principal, id: string, input: SaveDraft): Promise<DraftView> {
    if (p.kind !== 'author') throw forbidden();
    const scenarios = input.scenarios;
    checkSize(input.source, scenarios ?? []);
    const now = this.o.now().getTime();
    const row = await this.o.db.transact(async (sql) => {
      const row = await readDraft(sql, id);
      if (row.revision !== input.revision) throw stale(id, input.revision);
      if (row.status === 'published') throw published(id);
      const sc = scenarios ?? scenariosOf(row);
      const ident = identify(this.validator.parse(input.source, id));
      const editors = [...new Set([...(JSON.parse(row.editors) as string[]), p.id])];
      const changes: Partial<DraftRow> = {
        source: input.source,
        scenarios: JSON.stringify(sc),
        code: ident?.code ?? null,
        version: ident?.version ?? null,
        status: 'editing',
        editors: JSON.stringify(editors),
        content_hash: draftHash(input.source, sc),
        approved_by: null,
        approved_hash: null,
        updated_at: now,
      };
      await updateDraft(sql, id, input.revision, changes);
      return { ...row, ...changes, revision: row.revision + 1 };
    });
    return this.view(row);
  }

  async remove(p: Principal, id: string): Promise<void> {
    if (p.kind !== 'author') throw forbidden();
    await this.o.db.transact(async (sql) => {
      const row = await readDraft(sql, id);
      await deleteDraft(sql, id);
      await appendAuditSql(sql, [auditOf(p.id, 'procedure.draft.delete', `draft:${id}`, this.hashes(row), this.o.now().getTime())]);
    });
  }

  /** The author asks for review: only a draft that validates (422 lists every diagnostic). */
  async submit(p: Principal, id: string, revision: number | undefined, text: string | undefined): Promise<DraftView> {
    if (p.kind !== 'author') throw forbidden();
    return this.review(p, id, revision, ['editing', 'returned'], 'submitted', 'submit', text, async (row, sql) => {
      const checked = await this.validator.check(row.source, row.code && row.version ? `${row.code}@${row.version}` : row.id, scenariosOf(row), sql);
      if (!checked.entry) throw invalid(`Draft ${row.id}`, checked.diagnostics);
      const held = this.o.registry.find(checked.entry.procedure.code, checked.entry.procedure.version);
      if (held && held.contentHash !== checked.entry.contentHash) {
        throw new ConflictError('E_VERSION_PUBLISHED', `${held.procedure.code} version ${held.procedure.version} is published with other content`, { path: 'version', hint: `Bump the version (e.g. ${nextVersion(held.procedure.version)}) before submitting.` });
      }
      return {};
    });
  }

  /** An approver who is not among the draft's editors sends it back with comments. */
  returnDraft(p: Principal, id: string, revision: number | undefined, text: string): Promise<DraftView> {
    return this.review(p, id, revision, ['submitted'], 'returned', 'return', text, (row) => {
      fourEyes(p, row);
      return {};
    });
  }

  /** An approver who is not among the draft's editors approves exactly its current content. */
  approve(p: Principal, id: string, revision: number | undefined, text: string | undefined): Promise<DraftView> {
    return this.review(p, id, revision, ['submitted'], 'approved', 'approve', text, (row) => {
      fourEyes(p, row);
      return { approved_by: p.id, approved_hash: row.content_hash };
    });
  }

  /** Publishes an approved draft: the one validator again (the library may have moved), then the version. */
  async publish(p: Principal, id: string): Promise<PublishResult & { draft: DraftSummary }> {
    if (p.kind !== 'author' && !isApprover(p)) throw forbidden();
    const row = await this.o.db.query((sql) => readDraft(sql, id));
    if (row.status !== 'approved' || !row.approved_by || row.approved_hash !== row.content_hash) {
      throw new RefusalError('E_NOT_APPROVED', `Draft ${id} is ${row.status}; only an approved draft is published`, [], {
        path: 'status',
        hint: row.status === 'published' ? 'It is published already.' : 'Submit it (POST /api/drafts/:id/submit) and have an approver who did not edit it approve it.',
      });
    }
    const now = this.o.now().getTime();
    let after: DraftRow = row;
    const result = await publishVersion(this.d, row.source, `${row.code ?? row.id}@${row.version ?? ''}`, scenariosOf(row), { by: p.id, review: { draft: id, approvedBy: row.approved_by } }, async (sql) => {
      await updateDraft(sql, id, row.revision, { status: 'published', updated_at: now });
      after = { ...row, status: 'published', revision: row.revision + 1, updated_at: now };
    });
    return { ...result, draft: summaryOf(after) };
  }

  /** Demo mode only: publish a version in one step (no review), through the same validator and rules. */
  async publishDirect(p: Principal, procedure: unknown): Promise<PublishResult> {
    if (p.kind !== 'author') throw forbidden();
    if (!this.o.demo) {
      throw new AccessError('E_REVIEW_REQUIRED', 'Publishing needs a reviewed draft', { hint: 'POST /api/drafts {from: "source", source}, submit it, have an approver approve it, then POST /api/drafts/:id/publish.' });
    }
    const source = stringify(procedure, { lineWidth: 0 });
    const id = identify(procedure);
    return publishVersion(this.d, source, id ? `${id.code}@${id.version}` : 'procedure', [], { by: p.id, review: { direct: true } });
  }

  async retire(p: Principal, code: string, version: string, reason: string | undefined): Promise<{ code: string; version: string; retiredAt: string }> {
    requireApprover(p);
    return retireVersion(this.d, code, version, p.id, reason);
  }

  /**
   * Runs a migration plan over the open cases of its old version: a dry run (authors and
   * approvers) changes nothing; applying it (approvers) moves each case in one audited
   * transition, and the run itself is an audit row `procedure.migrate`.
   */
  async migrate(p: Principal, plan: MigrationPlan, dryRun: boolean): Promise<MigrationReport> {
    if (dryRun ? !canReadDrafts(p) : !isApprover(p)) {
      if (!dryRun) requireApprover(p);
      throw forbidden();
    }
    const report = await migrateCases(this.o, p.id, plan, dryRun);
    if (!dryRun) {
      const from = this.o.registry.find(plan.code, plan.from);
      const to = this.o.registry.find(plan.code, plan.to);
      await this.o.db.transact((sql) =>
        appendAuditSql(sql, [auditOf(p.id, 'procedure.migrate', `procedure:${plan.code}@${plan.from}`, { plan, moved: report.moved, blocked: report.blockedTotal, fromHash: from?.contentHash, contentHash: to?.contentHash }, this.o.now().getTime())]),
      );
    }
    return report;
  }

  /** The semantic diff of a draft against the version in force of its code (or `against`). */
  async diff(p: Principal, id: string, against?: string): Promise<ProcedureDiff> {
    if (!canReadDrafts(p)) throw forbidden();
    const row = await this.o.db.query((sql) => readDraft(sql, id));
    const value = this.validator.parse(row.source, id);
    const to = value && typeof value === 'object' ? (value as Procedure) : undefined;
    if (!to || typeof to.code !== 'string') {
      throw new RefusalError('E_DRAFT_UNREADABLE', `Draft ${id} has no code yet`, [], { path: 'source', hint: 'Give the draft a code and a version first.' });
    }
    const versions = this.o.registry.versions(to.code);
    const base = against
      ? this.o.registry.resolve(to.code, against)
      : versions.length
        ? this.o.registry.resolve(to.code, undefined, this.o.now().toISOString().slice(0, 10))
        : undefined;
    return diffProcedures(base?.procedure, to);
  }

  /** Every version of a code with its state on `date`. */
  versions(code: string, date: string): VersionView[] {
    const list = this.o.registry.versions(code);
    if (!list.length) this.o.registry.resolve(code);
    return list.map((e) => {
      const eff = e.procedure.effective;
      const state: VersionView['state'] =
        e.retiredAt !== undefined ? 'retired' : isInForce(eff, date) ? 'in-force' : eff?.from && String(eff.from) > date ? 'scheduled' : 'expired';
      return {
        code,
        version: e.procedure.version,
        ...(eff ? { effective: eff } : {}),
        state,
        status: isBroken(e) ? 'broken' : 'ok',
        contentHash: e.contentHash,
        ...(e.retiredAt === undefined ? {} : { retiredAt: new Date(e.retiredAt).toISOString() }),
      };
    });
  }

  /** The versions in force on `date` with their text, where they belong in a library folder (for `motcua pull`). */
  inForce(date: string): InForceVersion[] {
    const out: InForceVersion[] = [];
    const root = this.o.libraryDir ? resolve(this.o.libraryDir) : undefined;
    for (const e of this.o.registry.all()) {
      if (e.retiredAt !== undefined || !isInForce(e.procedure.effective, date)) continue;
      const inLibrary = root && isAbsolute(e.file) ? relative(root, e.file) : undefined;
      const path = inLibrary && !inLibrary.startsWith('..') ? inLibrary.split(sep).join('/') : `${safeName(e.procedure.sector ?? 'procedures')}/${safeName(e.procedure.code)}.yaml`;
      out.push({ code: e.procedure.code, version: e.procedure.version, path, source: e.source ?? stringify(e.procedure, { lineWidth: 0 }), contentHash: e.contentHash });
    }
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The validator's findings on a text, and whether its (code, version) is published (`same` or `other` content). */
  async check(p: Principal, source: string, scenarios: readonly ScenarioFile[]): Promise<SourceCheck> {
    if (!canReadDrafts(p)) throw forbidden();
    checkSize(source, scenarios);
    const ident = identify(this.validator.parse(source, 'procedure'));
    const file = ident ? `${ident.code}@${ident.version}` : 'procedure';
    const checked = await this.validator.check(source, file, scenarios);
    const held = ident && this.o.registry.find(ident.code, ident.version);
    return {
      valid: checked.entry !== undefined,
      diagnostics: checked.diagnostics,
      ...(ident ? { code: ident.code, version: ident.version, contentHash: ident.hash } : {}),
      published: !held ? 'none' : held.contentHash === ident.hash ? 'same' : 'other',
    };
  }

  private async review(
    p: Principal,
    id: string,
    revision: number | undefined,
    from: readonly DraftStatus[],
    to: DraftStatus,
    kind: ReviewComment['kind'],
    text: string | undefined,
    check: (row: DraftRow, sql: Sql) => Partial<DraftRow> | Promise<Partial<DraftRow>>,
  ): Promise<DraftView> {
    const now = this.o.now();
    const row = await this.o.db.transact(async (sql: Sql) => {
      const row = await readDraft(sql, id);
      if (revision !== undefined && row.revision !== revision) throw stale(id, revision);
      if (!from.includes(row.status)) {
        throw new ConflictError('E_DRAFT_STATUS', `Draft ${id} is ${row.status}; it must be ${from.join(' or ')} to ${kind} it`, { path: 'status', hint: 'Reload the draft to see where its review stands.' });
      }
      const extra = await check(row, sql);
      const comments = [...commentsOf(row), { kind, by: p.id, at: now.toISOString(), ...(text ? { text } : {}) }];
      const changes: Partial<DraftRow> = { status: to, comments: JSON.stringify(comments), updated_at: now.getTime(), ...extra };
      await updateDraft(sql, id, row.revision, changes);
      const after = { ...row, ...changes, revision: row.revision + 1 };
      await appendAuditSql(sql, [auditOf(p.id, `procedure.draft.${kind}`, `draft:${id}`, { ...this.hashes(after), ...(text ? { comment: text } : {}) }, now.getTime())]);
      return after;
    });
    return this.view(row);
  }

  /** The draft's hash and, when its text parses, the procedure's content hash (what publishing stores). */
  private hashes(row: DraftRow): Record<string, unknown> {
    const ident = identify(this.validator.parse(row.source, row.id));
    return { draftHash: row.content_hash, ...(ident ? { code: ident.code, version: ident.version, contentHash: ident.hash } : {}) };
  }

  private async view(row: DraftRow): Promise<DraftView> {
    const scenarios = scenariosOf(row);
    const checked = await this.validator.check(row.source, row.code && row.version ? `${row.code}@${row.version}` : row.id, scenarios);
    return { ...summaryOf(row), source: row.source, scenarios, comments: commentsOf(row), diagnostics: checked.diagnostics, valid: checked.entry !== undefined };
  }
}

/** Four eyes: whoever created or saved a draft may not approve or return it. */
function fourEyes(p: Principal, row: DraftRow): void {
  requireApprover(p);
  const editors = JSON.parse(row.editors) as string[];
  if (editors.includes(p.id) || row.created_by === p.id) {
    throw new AccessError('E_FOUR_EYES', 'You wrote or edited this draft; another approver must review it', { hint: 'Four eyes: an approver who did not edit the draft approves or returns it.' });
  }
}

function published(id: string): ConflictError {
  return new ConflictError('E_DRAFT_PUBLISHED', `Draft ${id} is published and cannot change`, { hint: 'Start a new draft from the published version (POST /api/drafts {from: "version"}).' });
}

/** A code or sector as a file name: nothing but letters, digits, dots and dashes. */
function safeName(s: string): string {
  return s.replace(/[^\p{L}\p{N}.-]+/gu, '-');
}

function checkSize(source: string, scenarios: readonly ScenarioFile[]): void {
  if (Buffer.byteLength(source) > MAX_SOURCE_BYTES) throw new RefusalError('E_TOO_LARGE', `The procedure text is larger than ${MAX_SOURCE_BYTES} bytes`, [], { path: 'source', hint: 'Split the procedure, or move long texts out of it.' });
  if (scenarios.length > MAX_SCENARIOS) throw new RefusalError('E_TOO_LARGE', `A draft carries at most ${MAX_SCENARIOS} scenario files`, [], { path: 'scenarios' });
}

/** The next patch version (1.0.0 -> 1.0.1); a version that is not semver gets `.1`. */
function nextVersion(v: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  return m ? `${m[1]}.${m[2]}.${Number(m[3]) + 1}` : `${v}.1`;
}

/** The stored text with its `code:` and `version:` lines changed, comments and layout kept. */
function retag(source: string, from: Procedure, to: Procedure): string {
  const line = (key: string, value: string, next: string) => (text: string) =>
    text.replace(new RegExp(`^${key}:\\s*["']?${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*$`, 'm'), `${key}: "${next}"`);
  return line('version', from.version, to.version)(line('code', from.code, to.code)(source));
}
