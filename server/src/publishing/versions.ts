/**
 * Publishing and retiring versions: the only code that writes a version to the `procedures`
 * table after start. A (code, version) is immutable: the same content again is `unchanged`
 * (200), other content is 409 E_VERSION_PUBLISHED. Validation runs first and a refusal
 * changes nothing, in the database or in memory: the registry gets the version only after the
 * transaction that stored it (with its audit row and the change counter) committed.
 */
import semver from 'semver';
import { ConflictError, InvalidDefinitionError, NotFoundError, RefusalError, type Procedure } from 'motcua/engine';
import type { PublishResult, ScenarioFile } from 'motcua/contract';
import { appendAuditSql, type AuditEntry } from '../audit';
import type { Database, Sql } from '../db';
import { bumpEpoch, contentHash, procedureRow, type ProcedureRegistry, type ProcedureSync, type RegisteredProcedure } from '../procedures';
import type { PublishValidator } from './validator';
import { staleAfterPublish } from './overlays';

/** Largest procedure text accepted (the library's largest file is a few tens of KB). */
export const MAX_SOURCE_BYTES = 512 * 1024;

export interface VersionDeps<C> {
  db: Database;
  registry: ProcedureRegistry<C>;
  validator: PublishValidator<C>;
  sync: ProcedureSync<C>;
  now: () => Date;
}

/** What a publish records besides the version: who, through which review. */
export interface PublishContext {
  by: string;
  /** The draft and its approver, or `direct` (demo mode's one-step publish). */
  review: { draft: string; approvedBy: string } | { direct: true };
}

function versionExists(code: string, version: string, stored: string, hash: string): ConflictError {
  const next = semver.valid(version) ? semver.inc(version, 'patch') : undefined;
  return new ConflictError('E_VERSION_PUBLISHED', `${code} version ${version} is published with other content; a published version never changes`, {
    path: 'version',
    hint: `Bump the version${next ? ` (e.g. ${next})` : ''}, give it an effective date, and publish that.`,
    details: { storedHash: stored, contentHash: hash },
  });
}

/** The (code, version) and content hash of a text, when it parses far enough to have them. */
export function identify(value: unknown): { code: string; version: string; hash: string } | undefined {
  const v = value as { code?: unknown; version?: unknown } | null | undefined;
  if (!v || typeof v !== 'object' || typeof v.code !== 'string' || typeof v.version !== 'string') return undefined;
  return { code: v.code, version: v.version, hash: contentHash(value as Procedure) };
}

/** 422 with every diagnostic. */
export function invalid(what: string, diagnostics: InvalidDefinitionError['diagnostics']): InvalidDefinitionError {
  return new InvalidDefinitionError(`${what} does not validate (${diagnostics.filter((d) => d.severity === 'error').length} error(s))`, diagnostics, {
    hint: 'Fix every diagnostic in error.details (each has its path and line), then try again; `motcua validate` shows the same.',
  });
}

/**
 * Publishes a version from its text. Order: same (code, version) stored? same content ->
 * unchanged, other content -> 409; then the one validator (422, nothing changed); then one
 * transaction: the row, the audit row, the change counter. `beforeCommit` lets the caller
 * write in the same transaction (the draft's status).
 */
export async function publishVersion<C>(
  d: VersionDeps<C>,
  source: string,
  file: string,
  scenarios: readonly ScenarioFile[],
  ctx: PublishContext,
  beforeCommit?: (sql: Sql, result: PublishResult) => Promise<void>,
): Promise<PublishResult> {
  if (Buffer.byteLength(source) > MAX_SOURCE_BYTES) {
    throw new RefusalError('E_TOO_LARGE', `The procedure text is larger than ${MAX_SOURCE_BYTES} bytes`, [], { path: 'source', hint: 'Split the procedure, or move long texts out of it.' });
  }
  await d.sync.refresh();
  const id = identify(d.validator.parse(source, file));
  const held = id && d.registry.find(id.code, id.version);
  if (id && held) {
    if (held.contentHash !== id.hash) throw versionExists(id.code, id.version, held.contentHash, id.hash);
    const result: PublishResult = { code: id.code, version: id.version, status: 'unchanged', contentHash: id.hash };
    if (beforeCommit) await d.db.transact((sql) => beforeCommit(sql, result));
    return result;
  }
  const checked = await d.validator.check(source, file, scenarios);
  if (!checked.entry) throw invalid(id ? `${id.code}@${id.version}` : 'The procedure', checked.diagnostics);
  const stored: RegisteredProcedure<C> = { ...checked.entry, file: `api:${checked.entry.procedure.code}@${checked.entry.procedure.version}` };
  const { code, version } = stored.procedure;
  const at = d.now().getTime();
  const { result, epoch } = await d.db.transact(async (sql) => {
    const epoch = await bumpEpoch(sql);
    const row = { ...procedureRow(stored), published_at: at, published_by: ctx.by, epoch };
    const cols = Object.keys(row);
    const changed = await sql.run(`INSERT INTO procedures (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (code, version) DO NOTHING`, Object.values(row));
    if (changed === 0) {
      // Another process published this (code, version) since the check above.
      const [other] = await sql.all<{ content_hash: string | null }>('SELECT content_hash FROM procedures WHERE code = ? AND version = ?', [code, version]);
      if (other?.content_hash !== stored.contentHash) throw versionExists(code, version, other?.content_hash ?? '', stored.contentHash);
      const same: PublishResult = { code, version, status: 'unchanged', contentHash: stored.contentHash };
      if (beforeCommit) await beforeCommit(sql, same);
      return { result: same, epoch: undefined };
    }
    const result: PublishResult = { code, version, status: 'published', contentHash: stored.contentHash };
    await appendAuditSql(sql, [auditOf(ctx.by, 'procedure.publish', `procedure:${code}@${version}`, { contentHash: stored.contentHash, ...ctx.review }, at)]);
    if (beforeCommit) await beforeCommit(sql, result);
    return { result, epoch };
  });
  if (epoch !== undefined) {
    d.registry.register(stored);
    d.sync.caughtUp(epoch);
  } else await d.sync.refresh();
  // A new national version: the provinces' overlays built on an older one are stale now.
  if (result.status === 'published' && !stored.procedure.overlay) {
    const stale = staleAfterPublish(d.registry as ProcedureRegistry<unknown>, code);
    if (stale.length) result.staleOverlays = stale;
  }
  return result;
}

/** Retires a version: no new filings from now on; running cases go on. Idempotent. */
export async function retireVersion<C>(d: VersionDeps<C>, code: string, version: string, by: string, reason: string | undefined): Promise<{ code: string; version: string; retiredAt: string }> {
  await d.sync.refresh();
  const entry = d.registry.find(code, version);
  if (!entry) throw new NotFoundError('E_PROCEDURE_NOT_FOUND', `Procedure ${code} has no version ${version}`, { path: 'version', hint: `GET /api/procedures/${code}/versions lists its versions.` });
  if (entry.retiredAt !== undefined) return { code, version, retiredAt: new Date(entry.retiredAt).toISOString() };
  const at = d.now().getTime();
  const epoch = await d.db.transact(async (sql) => {
    const epoch = await bumpEpoch(sql);
    await sql.run('UPDATE procedures SET retired_at = ?, epoch = ? WHERE code = ? AND version = ? AND retired_at IS NULL', [at, epoch, code, version]);
    await appendAuditSql(sql, [auditOf(by, 'procedure.retire', `procedure:${code}@${version}`, { contentHash: entry.contentHash, ...(reason ? { reason } : {}) }, at)]);
    return epoch;
  });
  d.registry.setRetired(code, version, at);
  d.sync.caughtUp(epoch);
  return { code, version, retiredAt: new Date(at).toISOString() };
}

/** An audit row of publishing. */
export function auditOf(actor: string, action: string, subject: string, payload: Record<string, unknown>, at: number): AuditEntry {
  return { actor, action, subject, payload, at };
}
