/**
 * Cases: filing, acting, reading. Each command loads what it needs, asks the engine's pure
 * runtime for the transition, and writes the whole transition in ONE database transaction
 * guarded by the case's version, so a stale or concurrent command changes nothing (409).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { MotcuaError, NotFoundError, RefusalError, type Problem } from '../../../engine/src/errors';
import type { Level } from '../../../engine/src/model/procedure';
import type { Actor } from '../../../engine/src/runtime/types';
import { canActOnTask, canViewCase, forbidden, type Principal } from '../auth';
import type { Database } from '../db';
import type { ProcedureRegistry } from '../procedures';
import { fetchRecords } from '../sources';
import type { UploadStore } from '../uploads';
import { FINAL_STATUSES, type CaseRow } from './case-row';
import type { CaseEngine, CaseSummary, FileRef, SourceRecords, Transition } from './engine-port';
import { caseView, withTimeline, type CaseView, type ViewDeps } from './case-view';
import { staleVersion, writeTransition, type TransitionWrite } from './persist';

export interface FileCaseInput {
  procedure: string;
  version?: string;
  unit: string;
  data: Record<string, unknown>;
  /** Component id -> upload hash (from POST /api/uploads). */
  uploads?: Record<string, string>;
  channel?: string;
}

export interface ActionInput {
  step: string;
  action: string;
  form?: unknown;
  version: number;
  uploads?: Record<string, string>;
}

interface UnitInfo {
  id: string;
  level: Level;
  parent: string | null;
}

/**
 * Runs inside the transition's transaction once its answer is known, before commit: the
 * HTTP layer stores the Idempotency-Key answer there, so that both commit or neither does.
 */
export type BeforeCommit = (trx: Knex.Transaction, answer: CaseView) => Promise<void>;

export interface CaseServiceOptions<C> {
  db: Database;
  engine: CaseEngine<C>;
  registry: ProcedureRegistry<C>;
  uploads: UploadStore;
  dueSoonMs: number;
  now?: () => Date;
}

export class CaseService<C = unknown> {
  private units: Map<string, UnitInfo> | undefined;
  private readonly now: () => Date;

  constructor(private readonly o: CaseServiceOptions<C>) {
    this.now = o.now ?? (() => new Date());
  }

  private viewDeps(): ViewDeps<C> {
    return { knex: this.o.db.knex, engine: this.o.engine, registry: this.o.registry, now: this.now };
  }

  /** Forgets cached units (after an admin edits them). */
  invalidateUnits(): void {
    this.units = undefined;
  }

  async file(principal: Principal, input: FileCaseInput, beforeCommit?: BeforeCommit): Promise<CaseView> {
    if (principal.kind !== 'citizen') throw forbidden();
    const now = this.now();
    const entry = this.o.registry.runnable(input.procedure, input.version, isoDate(now));
    const units = await this.loadUnits();
    const problems: Problem[] = [];
    if (!units.has(input.unit)) {
      problems.push({ code: 'E_UNKNOWN_UNIT', message: `unit '${input.unit}' does not exist`, path: 'unit', hint: 'Use the id of a commune or province unit.' });
    }
    const files = await this.resolveUploads(principal, input.uploads ?? {}, problems);
    if (problems.length) throw refusal(problems);

    const records = await this.fetchLookups(entry.compiled, input.data);
    const applicant: Actor = { kind: 'applicant', id: principal.id };
    const transition = this.o.engine.submit(entry.compiled, {
      data: input.data,
      uploads: files,
      applicant,
      unit: input.unit,
      channel: input.channel ?? 'online',
      now,
      records,
    });
    const first = this.newCaseWrite(entry, transition, { applicant: principal.id, unit: input.unit, actor: principal.id, auditAction: 'case.submit' }, now, units);
    const id = first.caseId;
    const writes = await this.cascade(
      first,
      now,
      units,
      input.channel ?? 'online',
    );
    // The filer sees the case they just filed; its timeline is what this transition appended
    // (children, if any were started, are listed as GET lists them).
    const mine = writes.filter((w) => w.caseId === id);
    const last = mine.at(-1)!;
    return this.commit(writes, beforeCommit, (trx) =>
      writes.length === 1
        ? Promise.resolve({ ...caseView(this.viewDeps(), { ...last.row, version: 1, state: JSON.stringify(transition.state) }), timeline: transition.events })
        : withTimeline(this.viewDeps(), { ...last.row, version: mine.length, state: JSON.stringify(last.transition.state) }, trx),
    );
  }

  async act(principal: Principal, id: string, input: ActionInput, beforeCommit?: BeforeCommit): Promise<CaseView> {
    const row = await this.load(principal, id);
    if (row.version !== input.version) throw staleVersion(id, input.version);
    if (FINAL_STATUSES.has(row.status)) {
      throw new RefusalError('E_CASE_CLOSED', `Case ${id} is closed (${row.status})`, [], { status: 409, hint: 'A closed case accepts no further actions.' });
    }
    const entry = this.o.registry.resolve(row.procedure_code, row.procedure_version);
    if (entry.compiled === undefined) this.o.registry.runnable(row.procedure_code, row.procedure_version);
    const compiled = entry.compiled as C;
    const state = JSON.parse(row.state) as unknown;
    const before = this.o.engine.summarize(compiled, state);
    const task = before.tasks.find((t) => t.step === input.step);
    const units = await this.loadUnits();
    let actor: Actor;
    if (principal.kind === 'officer') {
      if (!task) throw notWaiting(id, input.step, before);
      const unit = this.taskUnits(row.unit_id, before, units).get(task.step) ?? row.unit_id;
      if (!canActOnTask(principal, unit, task)) throw forbidden();
      const grant = principal.roles.find((r) => r.unit === unit && r.role === task.role);
      actor = { kind: 'officer', id: principal.id, roles: principal.roles.filter((r) => r.unit === unit).map((r) => r.role), unit, ...(grant ? { level: grant.level } : {}) };
    } else {
      // The applicant answers supplement and payment steps, or withdraws; never an officer's task.
      if (task && input.action !== 'withdraw') throw forbidden();
      actor = { kind: 'applicant', id: principal.id };
    }
    const problems: Problem[] = [];
    const files = await this.resolveUploads(principal, input.uploads ?? {}, problems);
    if (problems.length) throw refusal(problems);
    const now = this.now();
    const transition: Transition = this.o.engine.act(compiled, state, {
      step: input.step,
      action: input.action,
      form: input.form,
      actor,
      uploads: files,
      now,
      records: {},
    });
    const summary = this.o.engine.summarize(compiled, transition.state);
    const t = now.getTime();
    const writes = await this.cascade(
      {
        caseId: id,
        expectedVersion: input.version,
        row: { ...rowIdentity(row), status: summary.status, due_at: dueOf(summary), updated_at: t },
        previousDue: row.due_at === null ? null : Number(row.due_at),
        transition,
        summary,
        taskUnits: this.taskUnits(row.unit_id, summary, units),
        actor: principal.id,
        auditAction: `case.${input.step}.${input.action}`,
        dueSoonMs: this.o.dueSoonMs,
        now: t,
      },
      now,
      units,
      'online',
    );
    // The actor may lose sight of the case (a province task done), but sees the result of their act.
    const mine = writes.filter((w) => w.caseId === id);
    const last = mine.at(-1)!;
    return this.commit(writes, beforeCommit, (trx) =>
      withTimeline(this.viewDeps(), { ...last.row, version: input.version + mine.length, state: JSON.stringify(last.transition.state) }, trx),
    );
  }

  /** The case with its timeline, if the principal may see it (else 404: existence does not leak). */
  async get(principal: Principal, id: string): Promise<CaseView> {
    return withTimeline(this.viewDeps(), await this.load(principal, id));
  }

  /** A citizen's own cases, newest first. */
  async mine(principal: Principal, limit: number, offset: number): Promise<CaseView[]> {
    const rows = (await this.o.db
      .knex('cases')
      .where({ applicant_id: principal.id })
      .orderBy('submitted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)) as CaseRow[];
    return rows.map((r) => caseView(this.viewDeps(), r));
  }

  private async load(principal: Principal, id: string): Promise<CaseRow> {
    const row = (await this.o.db.knex('cases').where({ id }).first()) as CaseRow | undefined;
    if (!row || !canViewCase(principal, { applicantId: row.applicant_id, unitId: row.unit_id })) {
      // Officers of the parent unit see the cases their tasks are in: checked through work items.
      if (row && principal.kind === 'officer') {
        const items = await this.o.db.knex('work_items').where({ case_id: id }).select<{ unit_id: string }[]>('unit_id');
        if (items.some((i) => principal.roles.some((r) => r.unit === i.unit_id))) return row;
      }
      throw new NotFoundError('E_CASE_NOT_FOUND', `No case '${id}'`, { hint: 'Check the case id; you see only your own cases or your unit\'s.', path: 'id' });
    }
    return row;
  }

  /**
   * Writes a transition and everything it caused, then reads its answer and hands it to
   * `beforeCommit`, all in one database transaction.
   */
  private async commit(writes: readonly TransitionWrite[], beforeCommit: BeforeCommit | undefined, answer: (trx: Knex.Transaction) => Promise<CaseView>): Promise<CaseView> {
    return this.o.db.knex.transaction(async (trx) => {
      for (const w of writes) await writeTransition(trx, w);
      const view = await answer(trx);
      if (beforeCommit) await beforeCommit(trx, view);
      return view;
    });
  }

  /**
   * Carries out effects before anything is written: a `procedure` step starts a child case
   * (liên thông), a linked procedure starts a linked case, and a child that reaches its outcome
   * moves its parent on. All of it is then committed together, each case guarded by its version.
   */
  private async cascade(first: TransitionWrite, now: Date, units: Map<string, UnitInfo>, channel: string): Promise<TransitionWrite[]> {
    const writes: TransitionWrite[] = [];
    const latest = new Map<string, { version: number; state: unknown; row: TransitionWrite['row'] }>();
    const queue: TransitionWrite[] = [first];
    while (queue.length) {
      const w = queue.shift()!;
      writes.push(w);
      if (writes.length > 100) {
        throw new MotcuaError('E_CASCADE', `Case ${first.caseId}: more than 100 cases changed by one command`, { hint: 'Check the procedures for child cases that start each other.' });
      }
      latest.set(w.caseId, { version: (w.expectedVersion ?? 0) + 1, state: w.transition.state, row: w.row });
      for (const e of w.transition.effects) {
        if (e.type !== 'start-child' && e.type !== 'start-linked') continue;
        const childStep = e.type === 'start-child' ? e.step : null;
        const started = await this.planChild(w, e.procedure, e.data, childStep, now, units, channel);
        if (started) queue.push(started);
        else if (childStep) queue.push(await this.parentMoves(w.caseId, childStep, 'refused', 'rejected', latest, now, units));
      }
      const parentId = w.row.parent_id;
      const parentStep = w.row.parent_step;
      if (parentId && parentStep && FINAL_STATUSES.has(w.summary.status)) {
        queue.push(await this.parentMoves(parentId, parentStep, w.summary.outcome ?? w.summary.status, w.summary.status, latest, now, units));
      }
    }
    return writes;
  }

  /** A child or linked case, submitted by the system for the parent's applicant; undefined when refused. */
  private async planChild(
    parent: TransitionWrite,
    code: string,
    data: Record<string, unknown>,
    step: string | null,
    now: Date,
    units: Map<string, UnitInfo>,
    channel: string,
  ): Promise<TransitionWrite | undefined> {
    const entry = this.o.registry.runnable(code, undefined, isoDate(now));
    let transition: Transition;
    try {
      transition = this.o.engine.submit(entry.compiled, {
        data,
        uploads: {},
        applicant: { kind: 'applicant', id: parent.row.applicant_id },
        unit: parent.row.unit_id,
        channel,
        now,
        records: await this.fetchLookups(entry.compiled, data),
      });
    } catch (err) {
      // A child the rules refuse fails its step (onFail); a refused linked case is simply not started.
      if (err instanceof RefusalError) return undefined;
      throw err;
    }
    return this.newCaseWrite(
      entry,
      transition,
      {
        applicant: parent.row.applicant_id,
        unit: parent.row.unit_id,
        actor: 'system:child-case',
        auditAction: step ? 'case.child-start' : 'case.linked-start',
        parent: { id: parent.caseId, step },
      },
      now,
      units,
    );
  }

  /** The write that creates a case: a filing, or a child or linked case its parent started. */
  private newCaseWrite(
    entry: { procedure: { code: string; version: string }; compiled: C },
    transition: Transition,
    who: { applicant: string; unit: string; actor: string; auditAction: string; parent?: { id: string; step: string | null } },
    now: Date,
    units: Map<string, UnitInfo>,
  ): TransitionWrite {
    const id = newCaseId(now);
    const summary = this.o.engine.summarize(entry.compiled, transition.state);
    const t = now.getTime();
    return {
      caseId: id,
      expectedVersion: undefined,
      row: {
        id,
        procedure_code: entry.procedure.code,
        procedure_version: entry.procedure.version,
        applicant_id: who.applicant,
        unit_id: who.unit,
        status: summary.status,
        due_at: dueOf(summary),
        submitted_at: t,
        updated_at: t,
        ...(who.parent ? { parent_id: who.parent.id, parent_step: who.parent.step } : {}),
      },
      transition,
      summary,
      taskUnits: this.taskUnits(who.unit, summary, units),
      actor: who.actor,
      auditAction: who.auditAction,
      dueSoonMs: this.o.dueSoonMs,
      now: t,
    };
  }

  private async parentMoves(
    parentId: string,
    step: string,
    outcome: string,
    status: string,
    latest: Map<string, { version: number; state: unknown; row: TransitionWrite['row'] }>,
    now: Date,
    units: Map<string, UnitInfo>,
  ): Promise<TransitionWrite> {
    let parent = latest.get(parentId);
    if (!parent) {
      const row = (await this.o.db.knex('cases').where({ id: parentId }).first()) as CaseRow | undefined;
      if (!row) throw new NotFoundError('E_CASE_NOT_FOUND', `Parent case ${parentId} does not exist`);
      parent = { version: row.version, state: JSON.parse(row.state) as unknown, row: rowIdentity(row) };
    }
    const entry = this.o.registry.runnable(parent.row.procedure_code, parent.row.procedure_version);
    const transition = this.o.engine.childFinished(entry.compiled, parent.state, { step, outcome, status, now });
    const summary = this.o.engine.summarize(entry.compiled, transition.state);
    const t = now.getTime();
    return {
      caseId: parentId,
      expectedVersion: parent.version,
      row: { ...parent.row, status: summary.status, due_at: dueOf(summary), updated_at: t },
      previousDue: parent.row.due_at,
      transition,
      summary,
      taskUnits: this.taskUnits(parent.row.unit_id, summary, units),
      actor: 'system:child-case',
      auditAction: 'case.child-finished',
      dueSoonMs: this.o.dueSoonMs,
      now: t,
    };
  }

  /** Lookups may depend on records already read (a key prefilled from another source): a few rounds. */
  private async fetchLookups(compiled: C, data: Record<string, unknown>): Promise<SourceRecords> {
    const records: SourceRecords = {};
    const seen = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const fresh = this.o.engine.lookups(compiled, data, records).filter((l) => !seen.has(`${l.source}\u0000${l.key}`));
      if (!fresh.length) break;
      for (const l of fresh) seen.add(`${l.source}\u0000${l.key}`);
      const got = await fetchRecords(this.o.db.knex, fresh);
      for (const [source, byKey] of Object.entries(got)) Object.assign((records[source] ??= {}), byKey);
    }
    return records;
  }

  private async resolveUploads(principal: Principal, byComponent: Record<string, string>, problems: Problem[]): Promise<Record<string, FileRef>> {
    const found = await this.o.uploads.find(Object.values(byComponent));
    const out: Record<string, FileRef> = {};
    for (const [component, hash] of Object.entries(byComponent)) {
      const f = found.get(hash);
      if (!f || (f.owner !== principal.id && principal.kind === 'citizen')) {
        problems.push({ code: 'E_UNKNOWN_UPLOAD', message: `upload ${hash} for component '${component}' does not exist`, path: `uploads.${component}`, hint: 'Upload the file first with POST /api/uploads and send its hash.' });
        continue;
      }
      const { owner: _owner, ...ref } = f;
      out[component] = ref;
    }
    return out;
  }

  private async loadUnits(): Promise<Map<string, UnitInfo>> {
    if (!this.units) {
      const rows = await this.o.db.knex('units').select<UnitInfo[]>('id', 'level', 'parent');
      this.units = new Map(rows.map((r) => [r.id, r]));
    }
    return this.units;
  }

  /** A task at a higher level than the case's unit goes to the ancestor unit at that level. */
  private taskUnits(caseUnit: string, summary: CaseSummary, units: Map<string, UnitInfo>): Map<string, string> {
    const out = new Map<string, string>();
    for (const t of summary.tasks) {
      let unit = units.get(caseUnit);
      while (t.level && unit && unit.level !== t.level && unit.parent) unit = units.get(unit.parent);
      out.set(t.step, unit && (!t.level || unit.level === t.level) ? unit.id : caseUnit);
    }
    return out;
  }
}

function refusal(problems: Problem[]): RefusalError {
  return new RefusalError('E_SUBMISSION_REFUSED', `The submission has ${problems.length} problem(s): ${problems.map((p) => p.message).join('; ')}`, problems, {
    hint: 'Fix every listed problem and submit again.',
  });
}

function notWaiting(id: string, step: string, s: CaseSummary): RefusalError {
  return new RefusalError('E_NOT_WAITING', `Case ${id} is not waiting in step '${step}'`, [], {
    hint: s.steps.length ? `The case waits in: ${s.steps.join(', ')}.` : 'The case waits in no step.',
    path: 'step',
  });
}

function dueOf(s: CaseSummary): number | null {
  return s.due ? Date.parse(s.due) : null;
}

/** The columns a transition never changes. */
function rowIdentity(row: CaseRow): TransitionWrite['row'] {
  return {
    id: row.id,
    procedure_code: row.procedure_code,
    procedure_version: row.procedure_version,
    applicant_id: row.applicant_id,
    unit_id: row.unit_id,
    status: row.status,
    due_at: row.due_at,
    submitted_at: row.submitted_at,
    updated_at: row.updated_at,
    parent_id: row.parent_id ?? null,
    parent_step: row.parent_step ?? null,
  };
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Sortable, unguessable case ids: a time prefix then random bits. */
export function newCaseId(now: Date): string {
  return `${now.getTime().toString(36).padStart(9, '0')}-${randomUUID().slice(0, 13)}`;
}
