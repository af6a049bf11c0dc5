/**
 * Cases: filing, acting, reading. A command runs in ONE database transaction: it reads the
 * case, asks the engine's pure runtime for the transition, writes it (guarded by the case's
 * version, so a stale or concurrent command changes nothing: 409) with everything it set in
 * motion, and reads its answer, all through plain SQL on one connection (db/transact.ts).
 */
import type { ConsentView } from 'motcua/contract';
import { AccessError, NotFoundError, ONLINE_CHANNEL, RefusalError, requireOverlayScope, routeUnit, type Problem, type Actor, type CaseEvent } from 'motcua/engine';
import type { PrefillView, SourceName } from 'motcua/contract';
import { filingReads, logAccess } from '../access';
import { canActOnTask, canViewCase, forbidden, type Principal } from '../auth';
import type { Database, Sql } from '../db';
import type { ProcedureRegistry } from '../procedures';
import type { UploadStore } from '../uploads';
import { FINAL_STATUSES, type CaseRow } from './case-row';
import { caseView, withTimeline, type CaseView, type ViewDeps, type Viewer } from './case-view';
import { cascade, fetchLookups, fetchRounds, type CascadeDeps } from './cascade';
import { awaitingConsents, consentRow, consentView } from './consents';
import type { CaseEngine, CaseWaiting, FileRef } from './engine-port';
import { staleVersion, writeTransition, type TransitionWrite } from './persist';
import { prefillFor } from './prefill';
import { UnitDirectory, taskUnits, type UnitInfo } from './units';
import { casesOpenTo } from './visibility';
import { isoDate, newCaseWrite, nextWrite, rowIdentity } from './writes';

export interface FileCaseInput {
  procedure: string;
  version?: string;
  unit: string;
  data: Record<string, unknown>;
  /** Component id -> upload hash (from POST /api/uploads). */
  uploads?: Record<string, string>;
}

export interface ActionInput {
  step: string;
  action: string;
  form?: unknown;
  version: number;
  uploads?: Record<string, string>;
}

/**
 * Runs inside the command's transaction once its answer is known, before commit: the HTTP
 * layer stores the Idempotency-Key answer there, so that both commit or neither does.
 */
export type BeforeCommit = (sql: Sql, answer: CaseView) => Promise<void>;

/**
 * Called inside a command's transaction for each case the command closed (an outcome
 * reached), before commit: what other modules record about a closed case (a refund due on a
 * rejected paid case, payments/refunds.ts) commits or rolls back with the transition.
 */
export type OnClosed = (sql: Sql, closed: { caseId: string; status: string; outcome?: string; now: number }) => Promise<void>;

export interface CaseServiceOptions<C> {
  db: Database;
  engine: CaseEngine<C>;
  registry: ProcedureRegistry<C>;
  uploads: UploadStore;
  now?: () => Date;
  onClosed?: OnClosed[];
  /** The unit directory, shared with the timers (which rewrite work items too). */
  units?: UnitDirectory;
  /** A national source's name from the library's catalogue (the e-form says where a prefilled value came from). */
  sourceName?: (source: string) => SourceName | undefined;
}

/** What a verified payment settles: the amount in VND and the gateway's transaction reference. */
export interface Settlement {
  amount: number;
  reference: string;
}

export class CaseService<C = unknown> {
  private readonly units: UnitDirectory;
  private readonly now: () => Date;
  private readonly deps: CascadeDeps<C> & ViewDeps<C>;

  constructor(private readonly o: CaseServiceOptions<C>) {
    this.now = o.now ?? (() => new Date());
    this.units = o.units ?? new UnitDirectory();
    this.deps = { engine: o.engine, registry: o.registry, now: this.now };
  }

  /** The org units (cached until {@link invalidateUnits}), for readers such as statistics. */
  async unitMap(): Promise<ReadonlyMap<string, UnitInfo>> {
    return this.o.db.query((sql) => this.units.load(sql));
  }

  /** What the national sources hold for the signed-in citizen, for an e-form before filing (prefill.ts). */
  async prefill(principal: Principal, code: string, version?: string): Promise<PrefillView> {
    return prefillFor({ ...this.deps, db: this.o.db, ...(this.o.sourceName ? { sourceName: this.o.sourceName } : {}) }, principal, code, version);
  }

  /** Forgets cached units (after an admin edits them). */
  invalidateUnits(): void {
    this.units.invalidate();
  }

  /**
   * Files a case. Who files decides the channel, never the request: a citizen files for
   * themself through the portal (`online`); an officer files at the one-stop counter of a unit
   * where they hold a role (`counter`), for the citizen whose national ID the form gives as the
   * applicant's (they must have an account, to follow the case and receive its result).
   */
  async file(principal: Principal, input: FileCaseInput, beforeCommit?: BeforeCommit): Promise<CaseView> {
    if (principal.kind !== 'citizen' && principal.kind !== 'officer') throw forbidden();
    if (principal.kind === 'officer' && !principal.roles.some((r) => r.unit === input.unit)) throw forbidden();
    const channel = principal.kind === 'citizen' ? ONLINE_CHANNEL : 'counter';
    const now = this.now();
    const entry = this.o.registry.forFiling(input.procedure, input.version, isoDate(now));
    return this.o.db.transact(async (sql) => {
      const units = await this.units.load(sql);
      const problems: Problem[] = [];
      const received = units.get(input.unit);
      if (received?.valid_to && received.valid_to < isoDate(now)) {
        const next = received.successors ?? [];
        throw new RefusalError('E_UNIT_ENDED', `Đơn vị '${input.unit}' đã chấm dứt hoạt động từ sau ngày ${received.valid_to} (the unit no longer exists after ${received.valid_to})`, [], {
          path: 'unit',
          hint: next.length ? `File at the unit that took over: ${next.join(', ')} (GET /api/units?q=${input.unit}).` : 'Choose a unit in force (GET /api/units).',
        });
      }
      // A province's overlay (its fee, its agency) applies in that province only.
      requireOverlayScope(units, input.unit, entry.procedure);
      // The unit that handles the procedure (its level and sector), by the engine's one rule:
      // a commune procedure filed at a province or a ministry would wait where no officer can act.
      const route = routeUnit(units, input.unit, { level: entry.procedure.level, sector: entry.procedure.sector });
      if (route.kind === 'none') problems.push(route.problem);
      const unit = route.kind === 'unit' ? route.unit : input.unit;
      const claimed = this.o.engine.applicantId(entry.compiled, input.data);
      let applicant = principal.id;
      if (principal.kind === 'citizen') {
        const notCaller = applicantIsCaller(principal, claimed);
        if (notCaller) problems.push(notCaller, ...this.formProblems(entry.compiled, input.data, unit, channel, now));
      } else {
        const found = await citizenOf(sql, claimed);
        if (found.kind === 'citizen') applicant = found.id;
        else problems.push(found.problem, ...this.formProblems(entry.compiled, input.data, unit, channel, now));
      }
      const uploadsRead = this.resolveUploads(sql, principal, input.uploads ?? {}, problems);
      // The filer is who their sign-in says: only records of people the procedure lets them
      // name (and, where consent is required, nobody's yet) are fetched.
      // At the counter the officer identified the applicant in person: they file as the applicant.
      const filer = principal.kind === 'citizen' ? (principal.nationalId ?? '') : (claimed.value ?? '');
      // Nothing is read from the national sources for a filing already refused (someone else's
      // ID, a unit that cannot handle it). Otherwise the records are read behind the uploads, in
      // the same round trip; if an upload then turns out unknown, they are dropped unused and
      // unlogged with the refused filing, which was their only purpose.
      const recordsRead = problems.length ? undefined : fetchLookups(this.deps, sql, entry.compiled, input.data, { filer, uploads: Object.keys(input.uploads ?? {}) });
      // Awaited below; a failure meanwhile must not count as unhandled.
      recordsRead?.catch(() => undefined);
      const files = await uploadsRead;
      if (problems.length || !recordsRead) {
        await recordsRead?.catch(() => undefined);
        throw refusal(problems);
      }
      const records = await recordsRead;
      const transition = this.o.engine.submit(entry.compiled, {
        data: input.data,
        uploads: files,
        applicant: { kind: 'applicant', id: applicant },
        unit,
        channel,
        now,
        filer,
        records,
      });
      const first = { ...newCaseWrite(this.deps, entry, transition, { applicant, unit, actor: principal.id, auditAction: 'case.submit' }, now, units), attaches: hashesOf(files) };
      // Who read whose records, for what: the filing itself (prefill, replacements).
      logAccess(sql, filingReads(records, first.summary).map((r) => ({ ...r, reader: principal.id, unit, caseId: first.caseId, at: now.getTime() })));
      const writes = await cascade(this.deps, { sql, units, now }, first);
      return this.commit(sql, viewerOf(principal), writes, first.caseId, 0, beforeCommit, []);
    });
  }

  async act(principal: Principal, id: string, input: ActionInput, beforeCommit?: BeforeCommit): Promise<CaseView> {
    return this.o.db.transact(async (sql) => {
      const row = await this.load(sql, principal, id);
      if (row.version !== input.version) throw staleVersion(id, input.version);
      // On SQLite nothing else writes while this transaction runs: the timeline is read once
      // here, and the answer's is this plus what the command appends. PostgreSQL's writers
      // run side by side (a document issued, an event appended), so it is read after writing.
      const past = sql.dialect === 'sqlite' ? await sql.all<{ seq: number; body: string }>('SELECT seq, body FROM case_events WHERE case_id = ? ORDER BY seq', [id]) : undefined;
      if (FINAL_STATUSES.has(row.status)) {
        throw new RefusalError('E_CASE_CLOSED', `Case ${id} is closed (${row.status})`, [], { status: 409, hint: 'A closed case accepts no further actions.' });
      }
      const entry = this.o.registry.resolve(row.procedure_code, row.procedure_version);
      if (entry.compiled === undefined) this.o.registry.runnable(row.procedure_code, row.procedure_version);
      const compiled = entry.compiled as C;
      const state = JSON.parse(row.state) as unknown;
      const before = this.o.engine.waiting?.(compiled, state) ?? this.o.engine.summarize(compiled, state);
      const units = await this.units.load(sql);
      const actor = this.actorFor(principal, row, input, before, units);
      const problems: Problem[] = [];
      const files = await this.resolveUploads(sql, principal, input.uploads ?? {}, problems);
      if (problems.length) throw refusal(problems);
      const now = this.now();
      const transition = this.o.engine.act(compiled, state, { step: input.step, action: input.action, form: input.form, actor, uploads: files, now, records: {} });
      const first: TransitionWrite = {
        ...nextWrite(this.deps, compiled, { version: row.version, row: rowIdentity(row) }, transition, { actor: principal.id, auditAction: `case.${input.step}.${input.action}` }, now, units),
        attaches: hashesOf(files),
        ...(past ? { lastSeq: Number(past.at(-1)?.seq ?? 0) } : {}),
      };
      const writes = await cascade(this.deps, { sql, units, now }, first);
      // The actor may lose sight of the case (a province task done), but sees the result of their act.
      return this.commit(sql, viewerOf(principal), writes, id, input.version, beforeCommit, past?.map((e) => JSON.parse(e.body) as CaseEvent));
    });
  }

  /**
   * A person the case names confirms, signed in as themself (issue 15): only the citizen whose
   * national ID the form gives for `subject` may (403 `E_NOT_SUBJECT` for anyone else, 409
   * `E_NOT_AWAITING_CONSENT` once given). Their records are read now, and the last consent
   * completes the dossier. The answer says what was consented to, nothing of the case's data.
   */
  async consent(principal: Principal, id: string, subject: string): Promise<ConsentView> {
    return this.o.db.transact(async (sql) => {
      const asked = await consentRow(sql, id, subject);
      const [row] = asked ? await sql.all<CaseRow>('SELECT * FROM cases WHERE id = ?', [id]) : [];
      if (!asked || !row) {
        throw new NotFoundError('E_CONSENT_NOT_FOUND', `Case ${id} asks no consent of '${subject}'`, { path: 'subject', hint: 'GET /api/my/consents lists what awaits your consent.' });
      }
      if (principal.kind !== 'citizen' || !principal.nationalId || principal.nationalId !== asked.national_id) {
        throw new AccessError('E_NOT_SUBJECT', `Only the person named as '${subject}' may consent`, {
          path: 'subject',
          hint: 'The person named in the form confirms with their own sign-in (VNeID); nobody consents for them.',
        });
      }
      if (asked.status !== 'awaiting') {
        throw new RefusalError('E_NOT_AWAITING_CONSENT', `Nothing of '${subject}' awaits consent in case ${id}`, [], { status: 409, path: 'subject', hint: 'The consent was already given, or the case closed.' });
      }
      const entry = this.o.registry.runnable(row.procedure_code, row.procedure_version);
      const state = JSON.parse(row.state) as unknown;
      const now = this.now();
      const units = await this.units.load(sql);
      const records = await fetchRounds(sql, (got) => this.o.engine.consentLookups(entry.compiled, state, subject, got));
      const command = { type: 'consent', subject, nationalId: principal.nationalId, actor: { kind: 'subject', id: principal.id } } as const;
      const transition = this.o.engine.apply(entry.compiled, state, command, now, records);
      const first = nextWrite(this.deps, entry.compiled, { version: row.version, row: rowIdentity(row) }, transition, { actor: principal.id, auditAction: `case.consent.${subject}` }, now, units);
      // The subject's records read now, for this case: logged as read by the subject's own consent.
      logAccess(sql, filingReads(records, first.summary).map((r) => ({ ...r, reader: principal.id, unit: row.unit_id, caseId: id, at: now.getTime() })));
      const writes = await cascade(this.deps, { sql, units, now }, first);
      await this.writeAll(sql, writes);
      const name = this.o.registry.resolve(row.procedure_code, row.procedure_version).procedure.name?.vi;
      return { ...consentView({ ...asked, status: 'given', procedure_code: row.procedure_code, procedure_version: row.procedure_version, unit_id: row.unit_id }, name), complete: first.summary.status !== 'awaiting-consent' };
    });
  }

  /** What awaits the consent of the signed-in citizen (by the national ID of their sign-in), newest first. */
  async myConsents(principal: Principal, limit: number): Promise<ConsentView[]> {
    if (principal.kind !== 'citizen' || !principal.nationalId) return [];
    const nationalId = principal.nationalId;
    const rows = await this.o.db.query((sql) => awaitingConsents(sql, nationalId, limit));
    return rows.map((r) => {
      let name: string | undefined;
      try {
        name = this.o.registry.resolve(r.procedure_code, r.procedure_version).procedure.name?.vi;
      } catch {
        name = undefined;
      }
      return consentView(r, name);
    });
  }

  /**
   * The payment step, completed by a verified gateway notification (payments/): the engine's
   * `pay` command with the amount and reference, by the system actor `payments`. The
   * applicant cannot declare a payment themself (see actorFor). `beforeCommit` records the
   * payment in the same transaction.
   */
  async settle(id: string, payment: Settlement, beforeCommit: BeforeCommit): Promise<CaseView> {
    return this.o.db.transact(async (sql) => {
      const [row] = await sql.all<CaseRow>('SELECT * FROM cases WHERE id = ?', [id]);
      if (!row) throw new NotFoundError('E_CASE_NOT_FOUND', `No case '${id}'`, { path: 'id' });
      if (FINAL_STATUSES.has(row.status)) {
        throw new RefusalError('E_CASE_CLOSED', `Case ${id} is closed (${row.status})`, [], { status: 409, hint: 'A closed case accepts no payment.' });
      }
      const entry = this.o.registry.resolve(row.procedure_code, row.procedure_version);
      if (entry.compiled === undefined) this.o.registry.runnable(row.procedure_code, row.procedure_version);
      const compiled = entry.compiled as C;
      const units = await this.units.load(sql);
      const now = this.now();
      const form = { amount: payment.amount, reference: payment.reference };
      const transition = this.o.engine.act(compiled, JSON.parse(row.state) as unknown, { step: 'payment', action: 'pay', form, actor: { kind: 'system', id: 'payments' }, uploads: {}, now, records: {} });
      const first = nextWrite(this.deps, compiled, { version: row.version, row: rowIdentity(row) }, transition, { actor: 'system:payments', auditAction: 'case.payment.pay' }, now, units);
      const writes = await cascade(this.deps, { sql, units, now }, first);
      return this.commit(sql, undefined, writes, id, row.version, beforeCommit);
    });
  }

  /** The case with its timeline, if the principal may see it (else 404: existence does not leak). */
  async get(principal: Principal, id: string): Promise<CaseView> {
    const view = await this.o.db.query(async (sql) => withTimeline(this.deps, await this.load(sql, principal, id), sql, undefined, viewerOf(principal)));
    // An officer opening a case reads the applicant's dossier and what the sources gave: logged for the applicant.
    if (principal.kind === 'officer') {
      const unit = principal.roles.find((r) => r.unit === view.unit)?.unit ?? principal.roles[0]?.unit;
      await this.o.db.transact(async (sql) => {
        const [applicant] = await sql.all<{ national_id: string | null }>('SELECT national_id FROM users WHERE id = ?', [view.applicant]);
        if (applicant?.national_id) logAccess(sql, [{ subject: applicant.national_id, source: 'case', key: id, kind: 'case-view', reader: principal.id, unit, caseId: id, at: this.now().getTime() }]);
      });
    }
    return view;
  }

  /** A citizen's own cases, newest first. */
  async mine(principal: Principal, limit: number, offset: number): Promise<CaseView[]> {
    const rows = await this.o.db.query((sql) =>
      sql.all<CaseRow>('SELECT * FROM cases WHERE applicant_id = ? ORDER BY submitted_at DESC, id DESC LIMIT ? OFFSET ?', [principal.id, limit, offset]),
    );
    return rows.map((r) => caseView(this.deps, r, undefined, viewerOf(principal)));
  }

  /** Writes every transition of a command in order, then runs the hooks of each case it closed. */
  private async writeAll(sql: Sql, writes: readonly TransitionWrite[]): Promise<void> {
    for (const w of writes) {
      await writeTransition(sql, w);
      const closed = w.transition.events.find((e) => e.type === 'closed');
      if (closed) for (const hook of this.o.onClosed ?? []) await hook(sql, { caseId: w.caseId, status: w.summary.status, ...(w.summary.outcome ? { outcome: w.summary.outcome } : {}), now: w.now });
    }
  }

  /**
   * Writes every transition of the command, then builds the answer about case `id` (which was
   * at `fromVersion`, 0 when new) and hands it to `beforeCommit`, inside the transaction. When
   * the timeline before the command is known (`past`), the answer's is `past` and what the
   * writes appended, in order; else it is read back.
   */
  private async commit(sql: Sql, viewer: Viewer | undefined, writes: readonly TransitionWrite[], id: string, fromVersion: number, beforeCommit: BeforeCommit | undefined, past?: CaseEvent[]): Promise<CaseView> {
    await this.writeAll(sql, writes);
    const mine = writes.filter((w) => w.caseId === id);
    const last = mine.at(-1)!;
    const row: CaseRow = { ...last.row, version: fromVersion + mine.length, state: '' };
    const timeline = past && [...past, ...mine.flatMap((w) => w.transition.events)];
    // Without an answer to store, the transaction ends with the view's reads: on PostgreSQL its
    // COMMIT goes out with them (one round trip), and what follows only builds the answer.
    const view = await withTimeline(this.deps, row, sql, { summary: last.summary, ...(timeline ? { timeline } : {}) }, viewer, beforeCommit ? undefined : sql.commitEarly);
    if (beforeCommit) await beforeCommit(sql, view);
    return view;
  }

  /**
   * What is wrong with the form itself (the e-form schema), to list with a refusal that stops
   * the filing before the national sources are read: checked with no records, and only the
   * schema's problems are kept (no record was read, so nothing else would be meaningful).
   */
  private formProblems(compiled: C, data: Record<string, unknown>, unit: string, channel: string, now: Date): Problem[] {
    try {
      this.o.engine.submit(compiled, { data, uploads: {}, applicant: { kind: 'applicant', id: '-' }, unit, channel, now, records: {} });
      return [];
    } catch (err) {
      return err instanceof RefusalError && err.code === 'E_INVALID_DATA' ? [...err.problems] : [];
    }
  }

  /** Who acts: an officer on a task of their unit, level and role, or the applicant on their own steps. */
  private actorFor(principal: Principal, row: CaseRow, input: ActionInput, before: CaseWaiting, units: Awaited<ReturnType<UnitDirectory['load']>>): Actor {
    const task = before.tasks.find((t) => t.step === input.step);
    if (principal.kind === 'officer') {
      if (!task) throw notWaiting(row.id, input.step, before);
      const unit = taskUnits(row.unit_id, before, units).get(task.step) ?? row.unit_id;
      if (!canActOnTask(principal, unit, task)) throw forbidden();
      const grant = principal.roles.find((r) => r.unit === unit && r.role === task.role);
      return { kind: 'officer', id: principal.id, roles: principal.roles.filter((r) => r.unit === unit).map((r) => r.role), unit, ...(grant ? { level: grant.level } : {}) };
    }
    // The applicant answers supplement steps, or withdraws; never an officer's task.
    if (task && input.action !== 'withdraw') throw forbidden();
    // A payment is made through the gateway and completes the step by its verified
    // notification (settle), never by the applicant's word.
    if (input.action === 'pay') {
      throw new RefusalError('E_PAY_ONLINE', 'A payment cannot be declared: pay through the payment gateway', [], {
        path: 'action',
        hint: `Start a payment with POST /api/cases/${row.id}/payments and complete it at the gateway; the case moves on when the gateway confirms it.`,
      });
    }
    return { kind: 'applicant', id: principal.id };
  }

  /**
   * The case, if the principal may see it: its applicant, officers of its unit, and officers of
   * a unit that has or had a task in it (a province step of a commune's case). Else 404.
   */
  private async load(sql: Sql, principal: Principal, id: string): Promise<CaseRow> {
    const [row] = await sql.all<CaseRow>('SELECT * FROM cases WHERE id = ?', [id]);
    if (row) {
      const facts = { id, applicantId: row.applicant_id, unitId: row.unit_id };
      // The common answer needs no query; the rest is the one rule lists use too (visibility.ts).
      if (canViewCase(principal, facts) || (await casesOpenTo(sql, principal, [facts], await this.units.load(sql))).has(id)) return row;
    }
    throw new NotFoundError('E_CASE_NOT_FOUND', `No case '${id}'`, { hint: "Check the case id; you see only your own cases or your unit's.", path: 'id' });
  }

  private async resolveUploads(sql: Sql, principal: Principal, byComponent: Record<string, string>, problems: Problem[]): Promise<Record<string, FileRef>> {
    // Everyone attaches only files they uploaded themselves: attaching a file is what lets the
    // officers of the case's units read it, so it must not open someone else's file to them.
    const found = await this.o.uploads.find(Object.values(byComponent), { sql, owner: principal.id });
    const out: Record<string, FileRef> = {};
    for (const [component, hash] of Object.entries(byComponent)) {
      const f = found.get(hash);
      if (!f) {
        problems.push({ code: 'E_UNKNOWN_UPLOAD', message: `upload ${hash} for component '${component}' does not exist`, path: `uploads.${component}`, hint: 'Upload the file first with POST /api/uploads and send its hash.' });
        continue;
      }
      out[component] = f;
    }
    return out;
  }
}

/**
 * A citizen files as themself: the applicant's national ID in the form (`data.applicantId`,
 * else `applicant.nationalId`), when it has one, must be the signed-in account's (the e-ID).
 * Otherwise anyone could file under someone else's ID and read back what the national
 * databases hold about them (prefilled fields, components replaced by records, wallet
 * documents). Other people a form names (a child, a spouse, the deceased) are not concerned.
 */
function applicantIsCaller(principal: Principal, claimed: { value: string | undefined; path: string }): Problem | undefined {
  if (claimed.value === undefined || claimed.value === principal.nationalId) return undefined;
  return {
    code: 'E_APPLICANT_NOT_CALLER',
    message: "The applicant's national ID in the form is not the signed-in citizen's",
    path: claimed.path,
    hint: principal.nationalId
      ? 'File as yourself: the applicant is the holder of the signed-in account. Filing for someone else under an authorisation is done at the one-stop counter.'
      : 'Your account has no verified national ID: sign in with your e-ID (VNeID) to file.',
  };
}

/** A citizen reads their case as its filer (`filerView`); officers read it whole. */
function viewerOf(principal: Principal): Viewer | undefined {
  return principal.kind === 'citizen' ? { nationalId: principal.nationalId } : undefined;
}

/** The citizen an officer files for at the counter: the account holding the form's applicant national ID. */
async function citizenOf(sql: Sql, claimed: { value: string | undefined; path: string }): Promise<{ kind: 'citizen'; id: string } | { kind: 'none'; problem: Problem }> {
  if (claimed.value !== undefined) {
    const [row] = await sql.all<{ id: string }>("SELECT id FROM users WHERE national_id = ? AND kind = 'citizen' ORDER BY id LIMIT 1", [claimed.value]);
    if (row) return { kind: 'citizen', id: row.id };
  }
  return {
    kind: 'none',
    problem: {
      code: 'E_APPLICANT_UNKNOWN',
      message: claimed.value === undefined ? "The form gives no applicant's national ID" : `No citizen account holds the national ID ${claimed.value}`,
      path: claimed.path,
      hint: 'Enter the national ID of the applicant (Số định danh cá nhân); the applicant needs an account (VNeID) to follow the case and receive its result.',
    },
  };
}

function refusal(problems: Problem[]): RefusalError {
  return new RefusalError('E_SUBMISSION_REFUSED', `The submission has ${problems.length} problem(s): ${problems.map((p) => p.message).join('; ')}`, problems, {
    hint: 'Fix every listed problem and submit again.',
  });
}

function notWaiting(id: string, step: string, s: CaseWaiting): RefusalError {
  return new RefusalError('E_NOT_WAITING', `Case ${id} is not waiting in step '${step}'`, [], {
    hint: s.steps.length ? `The case waits in: ${s.steps.join(', ')}.` : 'The case waits in no step.',
    path: 'step',
  });
}

/** The hashes of the files a command attaches to its case. */
function hashesOf(files: Record<string, FileRef>): string[] {
  return Object.values(files).map((f) => f.hash);
}
