/**
 * Reorganizing units: a plan's dry run (what it would move, what needs an officer's decision)
 * and its application, one audited operation in one transaction. The same code answers the
 * CLI (`motcua units reorganize`) and the admin API. Each open case of a unit that ends is
 * transferred through the one write path of every case change (`writeTransition`, with the
 * engine's `transfer` command: timeline, work items, alarm, audit, and so a notification to
 * the applicant); the unit's officers' role grants move to its successor; the unit itself is
 * kept, ended, with links to its successors, so that its code still resolves and the
 * documents it issued still verify.
 */
import { ConflictError, RefusalError, type Problem } from 'motcua/engine';
import { appendAuditSql } from '../audit';
import { principalsChanged } from '../auth/principal-cache';
import { FINAL_STATUSES, type CaseRow } from '../cases/case-row';
import type { CaseEngine } from '../cases/engine-port';
import { writeTransition } from '../cases/persist';
import { taskUnits, type UnitDirectory } from '../cases/units';
import { nextWrite, rowIdentity } from '../cases/writes';
import { placeholders, type Database, type Sql } from '../db';
import type { ProcedureRegistry } from '../procedures';
import { unitPath } from '../stats/record';
import { parsePlan, type ReorgPlan } from './plan';
import { resolvePlan, type Ending, type Resolution, type UnitRecord } from './resolve';

/** A case an officer must send to one of the successors (no rule placed it). */
export interface PendingDecision {
  case: string;
  unit: string;
  procedure: string;
  submittedAt: string;
  /** Where the decision goes in the plan. */
  path: string;
  choices: string[];
}

/** What a plan does (dry run) or did (applied). */
export interface ReorgReport {
  plan: string;
  effective: string;
  mode: 'dry-run' | 'applied';
  /** False when cases still need a decision: applying would be refused. */
  ready: boolean;
  units: {
    created: string[];
    ended: { id: string; code: string | null; name: string; kind: 'merged' | 'split'; successors: string[] }[];
    changed: { id: string; path: string; name: string; code: string | null; parent: string | null }[];
  };
  /** What the plan touches. Open cases move; the rest follows them or stays and still resolves. */
  affected: {
    openCases: number;
    workItems: number;
    timers: number;
    officers: number;
    uploads: number;
    /** Result documents issued by units that end: they stay valid and verifiable. */
    documents: number;
  };
  /** Open cases per successor. */
  moves: { from: string; to: string; cases: number }[];
  decisionsNeeded: PendingDecision[];
  /** Cases whose province-level tasks change unit (a commune moved, a province merged). */
  retasked: number;
  /** Applied only: milliseconds the transaction took. */
  tookMs?: number;
}

export interface ReorganizerDeps<C = unknown> {
  db: Database;
  engine: CaseEngine<C>;
  registry: ProcedureRegistry<C>;
  /** The unit directory shared with the case service and the timers (forgotten after applying). */
  units: UnitDirectory;
  now: () => Date;
}

/** The cases a plan moves and how, computed from one consistent read. */
interface Analysis {
  resolution: Resolution;
  transfers: { row: CaseRow; ending: Ending; to: string }[];
  retasked: CaseRow[];
  report: ReorgReport;
}

const CHUNK = 400;
const MAX_LISTED = 5000;
const FINAL = [...FINAL_STATUSES];

export class UnitReorganizer<C = unknown> {
  constructor(private readonly d: ReorganizerDeps<C>) {}

  /** What applying `plan` would do; refuses (4xx) a plan that cannot be applied for any other reason than pending decisions. */
  async dryRun(plan: unknown): Promise<ReorgReport> {
    const p = parsePlan(plan);
    return this.d.db.query(async (sql) => (await this.analyze(sql, p, false)).report);
  }

  /** Applies `plan` in one transaction, audited as `actor`; refuses (4xx, nothing written) while a case needs a decision. */
  async apply(plan: unknown, actor: string): Promise<ReorgReport> {
    const p = parsePlan(plan);
    const started = performance.now();
    const report = await this.d.db.transact(async (sql) => {
      const a = await this.analyze(sql, p, true);
      if (a.report.decisionsNeeded.length) throw decisionNeeded(a.report.decisionsNeeded);
      await this.write(sql, a, actor);
      return a.report;
    });
    this.d.units.invalidate();
    // Officers' role grants moved to the units that took over.
    principalsChanged();
    return { ...report, mode: 'applied', tookMs: Math.round(performance.now() - started) };
  }

  private async analyze(sql: Sql, plan: ReorgPlan, lock: boolean): Promise<Analysis> {
    const applied = await sql.all<{ applied_at: number | string }>('SELECT applied_at FROM reorganizations WHERE id = ?', [plan.id]);
    if (applied[0]) {
      throw new ConflictError('E_PLAN_APPLIED', `Plan '${plan.id}' was applied on ${new Date(Number(applied[0].applied_at)).toISOString()}`, {
        path: 'id',
        hint: 'A plan is applied once; write a new plan (with a new id) for further changes.',
      });
    }
    const units = await sql.all<UnitRecord>('SELECT id, name, level, parent, code, valid_from, valid_to FROM units', []);
    const resolved = resolvePlan(plan, units);
    if (!resolved.ok) throw refused(resolved.problems);
    const r = resolved.resolution;
    const ending = new Map(r.endings.map((e) => [e.unit.id, e]));
    const forUpdate = lock && sql.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const open = await inChunks([...ending.keys()], (ids) =>
      sql.all<CaseRow>(`SELECT * FROM cases WHERE unit_id IN (${marks(ids)}) AND status NOT IN (${marks(FINAL)}) ORDER BY id${forUpdate}`, [...ids, ...FINAL]),
    );

    const problems: Problem[] = [];
    const transfers: Analysis['transfers'] = [];
    const pending: PendingDecision[] = [];
    const uploads = new Set<string>();
    for (const row of open) {
      const e = ending.get(row.unit_id)!;
      const state = JSON.parse(row.state) as { data?: unknown; submittedAt?: string; channel?: string; components?: Record<string, { file?: { hash?: string } }> };
      for (const c of Object.values(state.components ?? {})) if (c.file?.hash) uploads.add(c.file.hash);
      if (!this.d.registry.find(row.procedure_code, row.procedure_version)?.compiled) {
        problems.push({ code: 'E_PLAN_CASE_UNREADABLE', message: `case ${row.id}: its procedure ${row.procedure_code}@${row.procedure_version} is not loaded or does not compile`, path: `cases.${row.id}`, hint: 'Load the procedure version the case was filed under (the library, or POST /api/procedures) and try again.' });
        continue;
      }
      const to = e.decisions[row.id] ?? e.route({ id: row.id, data: state.data, unit: row.unit_id, ...(state.submittedAt ? { submittedAt: state.submittedAt } : {}), ...(state.channel ? { channel: state.channel } : {}) });
      if (to) transfers.push({ row, ending: e, to });
      else pending.push({ case: row.id, unit: row.unit_id, procedure: row.procedure_code, submittedAt: new Date(Number(row.submitted_at)).toISOString(), path: `${e.path}.decisions.${row.id}`, choices: e.into });
    }
    if (problems.length) throw refused(problems);
    // A decision for a case that is not an open case of the split unit is a mistake worth naming.
    for (const e of r.endings) {
      for (const id of Object.keys(e.decisions)) {
        if (!open.some((c) => c.id === id && c.unit_id === e.unit.id)) problems.push({ code: 'E_PLAN_BAD_DECISION', message: `${e.path}.decisions: '${id}' is not an open case of '${e.unit.id}'`, path: `${e.path}.decisions.${id}`, hint: 'Decide only the cases the dry run lists.' });
      }
    }
    if (problems.length) throw refused(problems);

    const endedIds = [...ending.keys()];
    const movedIds = r.changes.filter((c) => c.before.parent !== c.after.parent).map((c) => c.after.id);
    const moving = new Set(open.map((c) => c.id));
    const retasked = (
      await inChunks([...endedIds, ...movedIds], (ids) =>
        sql.all<CaseRow>(
          `SELECT * FROM cases WHERE status NOT IN (${marks(FINAL)}) AND (unit_id IN (${marks(ids)}) OR id IN (SELECT case_id FROM work_items WHERE unit_id IN (${marks(ids)}))) ORDER BY id${forUpdate}`,
          [...FINAL, ...ids, ...ids],
        ),
      )
    ).filter((c, i, all) => !moving.has(c.id) && all.findIndex((x) => x.id === c.id) === i);

    const openIds = open.map((c) => c.id);
    const count = async (q: (ids: string[]) => string, ids: string[]): Promise<number> =>
      (await inChunks(ids, (chunk) => sql.all<{ n: number | string }>(q(chunk), chunk))).reduce((s, x) => s + Number(x.n), 0);
    const workItems = (await count((ids) => `SELECT count(*) AS n FROM work_items WHERE case_id IN (${marks(ids)})`, [...openIds, ...retasked.map((c) => c.id)]));
    const timers = await count((ids) => `SELECT count(*) AS n FROM timers WHERE fired_at IS NULL AND case_id IN (${marks(ids)})`, openIds);
    const officers = new Set((await inChunks(endedIds, (ids) => sql.all<{ user_id: string }>(`SELECT DISTINCT user_id FROM user_roles WHERE unit_id IN (${marks(ids)})`, ids))).map((o) => o.user_id)).size;
    const documents = await count((ids) => `SELECT count(*) AS n FROM documents WHERE issuer_unit IN (${marks(ids)})`, endedIds);

    const moves = new Map<string, { from: string; to: string; cases: number }>();
    for (const t of transfers) {
      const key = `${t.row.unit_id}\u0000${t.to}`;
      const m = moves.get(key) ?? { from: t.row.unit_id, to: t.to, cases: 0 };
      m.cases += 1;
      moves.set(key, m);
    }
    const report: ReorgReport = {
      plan: plan.id,
      effective: plan.effective,
      mode: 'dry-run',
      ready: pending.length === 0,
      units: {
        created: r.created.map((c) => c.unit.id),
        ended: r.endings.map((e) => ({ id: e.unit.id, code: e.unit.code, name: e.unit.name, kind: e.kind, successors: e.into })),
        changed: r.changes.map((c) => ({ id: c.after.id, path: c.path, name: c.after.name, code: c.after.code, parent: c.after.parent })),
      },
      affected: { openCases: open.length, workItems, timers, officers, uploads: uploads.size, documents },
      moves: [...moves.values()].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1)),
      decisionsNeeded: pending.slice(0, MAX_LISTED),
      retasked: retasked.length,
    };
    return { resolution: r, transfers, retasked, report };
  }

  private async write(sql: Sql, a: Analysis, actor: string): Promise<void> {
    const r = a.resolution;
    const plan = r.plan;
    const now = this.d.now();
    for (const { unit, adopted } of r.created) {
      if (adopted) await sql.run('UPDATE units SET valid_from = ? WHERE id = ?', [unit.valid_from, unit.id]);
      else await sql.run('INSERT INTO units (id, name, level, parent, code, valid_from, valid_to) VALUES ' + placeholders(1, 7), [unit.id, unit.name, unit.level, unit.parent, unit.code, unit.valid_from, null]);
    }
    for (const c of r.changes) {
      await sql.run('INSERT INTO unit_history (unit_id, name, code, parent, valid_to, reorganization) VALUES ' + placeholders(1, 6), [c.before.id, c.before.name, c.before.code, c.before.parent, r.lastDay, plan.id]);
      await sql.run('UPDATE units SET name = ?, code = ?, parent = ? WHERE id = ?', [c.after.name, c.after.code, c.after.parent, c.after.id]);
    }
    for (const e of r.endings) {
      await sql.run('UPDATE units SET valid_to = ? WHERE id = ?', [r.lastDay, e.unit.id]);
      await sql.run('INSERT INTO unit_successors (unit_id, successor_id, kind, reorganization, effective) VALUES ' + placeholders(e.into.length, 5), e.into.flatMap((to) => [e.unit.id, to, e.kind, plan.id, plan.effective]));
      // The officers work at the successor from now on (a grant they already hold there stays one).
      await sql.run('INSERT INTO user_roles (user_id, role, unit_id) SELECT user_id, role, ? FROM user_roles WHERE unit_id = ? ON CONFLICT DO NOTHING', [e.officersTo, e.unit.id]);
      await sql.run('DELETE FROM user_roles WHERE unit_id = ?', [e.unit.id]);
    }

    const after = r.after;
    const systemActor = { kind: 'system' as const, id: `reorganization:${plan.id}` };
    for (const t of a.transfers) {
      const compiled = this.d.registry.find(t.row.procedure_code, t.row.procedure_version)!.compiled as C;
      const transition = this.d.engine.apply(compiled, JSON.parse(t.row.state) as unknown, {
        type: 'transfer',
        unit: t.to,
        unitName: after.get(t.to)?.name ?? t.to,
        plan: plan.id,
        reason: plan.basis ?? plan.name ?? `reorganization ${plan.id}`,
        ...(t.ending.extend ? { extend: t.ending.extend } : {}),
        actor: systemActor,
      }, now);
      const w = nextWrite({ engine: this.d.engine }, compiled, { version: t.row.version, row: { ...rowIdentity(t.row), unit_id: t.to } }, transition, { actor, auditAction: 'case.transfer' }, now, after);
      // Its statistics go with it: the unit that holds the file now counts it.
      await writeTransition(sql, { ...w, unitPath: unitPath(t.to, after) });
    }
    // Cases that stay where they are but whose tasks sat at a unit that ends or moves.
    for (const row of a.retasked) {
      const entry = this.d.registry.find(row.procedure_code, row.procedure_version);
      if (!entry?.compiled) continue;
      const summary = this.d.engine.summarize(entry.compiled, JSON.parse(row.state) as unknown);
      for (const [step, unit] of taskUnits(row.unit_id, summary, after)) {
        await sql.run('UPDATE work_items SET unit_id = ? WHERE case_id = ? AND step = ? AND unit_id <> ?', [unit, row.id, step, unit]);
      }
    }
    const summary = { ...a.report, mode: 'applied' as const, decisionsNeeded: [] };
    await sql.run('INSERT INTO reorganizations (id, effective, applied_at, actor, plan, summary) VALUES ' + placeholders(1, 6), [plan.id, plan.effective, now.getTime(), actor, JSON.stringify(plan), JSON.stringify(summary)]);
    await appendAuditSql(sql, [
      {
        actor,
        action: 'units.reorganize',
        subject: plan.id,
        at: now.getTime(),
        payload: { effective: plan.effective, ...(plan.basis ? { basis: plan.basis } : {}), units: summary.units, affected: summary.affected, moves: summary.moves, retasked: summary.retasked },
      },
    ]);
  }
}

function marks(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** Runs `q` on slices of `ids` (bound-variable limits) and concatenates the rows. */
async function inChunks<T>(ids: readonly string[], q: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await q(ids.slice(i, i + CHUNK))));
  return out;
}

function refused(problems: Problem[]): RefusalError {
  return new RefusalError('E_PLAN_REFUSED', `The reorganization plan cannot be applied: ${problems.length} problem(s): ${problems.slice(0, 3).map((p) => p.message).join('; ')}${problems.length > 3 ? '; ...' : ''}`, problems, {
    path: problems[0]?.path ?? '(plan)',
    hint: problems[0]?.hint ?? 'Fix every listed problem; the dry run (--dry-run) checks a plan without changing anything.',
  });
}

function decisionNeeded(pending: readonly PendingDecision[]): RefusalError {
  const problems = pending.map((p) => ({ code: 'E_PLAN_DECISION_NEEDED', message: `case ${p.case} of '${p.unit}' matches no rule: decide among ${p.choices.join(', ')}`, path: p.path }));
  return new RefusalError('E_PLAN_DECISION_NEEDED', `${pending.length} open case(s) need an officer's decision before the plan can be applied`, problems, {
    path: pending[0]!.path,
    hint: "Add each case to its split's `decisions` (case id: successor unit), or a rule that places it; the dry run lists them.",
  });
}
