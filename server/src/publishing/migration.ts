/**
 * In-flight migration, on purpose only: by default running cases finish on their version. A
 * declarative plan (engine's `MigrationPlan`) first runs as a dry run over the open cases of
 * the old version (how many move, which cannot and why), reading them in pages of ids;
 * applying it moves each case in its own transaction through the one write path of case
 * changes (`writeTransition`: the row guarded by its version, the timeline, the worklist, the
 * timers and the audit row `case.migrate`). A case changed meanwhile is reported, not forced.
 */
import { RefusalError, type MigrationPlan } from 'motcua/engine';
import type { MigrationBlocked, MigrationReport } from 'motcua/contract';
import { FINAL_STATUSES, nextWrite, rowIdentity, UnitDirectory, writeTransition, type CaseEngine, type CaseRow } from '../cases';
import type { Database } from '../db';
import type { ProcedureRegistry } from '../procedures';

export interface MigrationDeps<C> {
  db: Database;
  registry: ProcedureRegistry<C>;
  engine: CaseEngine<C>;
  now: () => Date;
}

const PAGE = 500;
const MAX_LISTED = 1000;
const FINAL = [...FINAL_STATUSES];

/** Runs `plan` over the open cases of `plan.from`: a dry run changes nothing. */
export async function migrateCases<C>(d: MigrationDeps<C>, by: string, plan: MigrationPlan, dryRun: boolean): Promise<MigrationReport> {
  const started = performance.now();
  if (plan.from === plan.to) throw new RefusalError('E_MIGRATION_PLAN', 'A migration moves cases to another version', [], { path: 'to', hint: 'Name the version the cases move to.' });
  const from = d.registry.runnable(plan.code, plan.from);
  const to = d.registry.runnable(plan.code, plan.to);
  const problems = d.engine.checkMigration(from.compiled, to.compiled, plan);
  if (problems.length) {
    throw new RefusalError('E_MIGRATION_PLAN', `The migration plan has ${problems.length} problem(s)`, problems.map((p) => ({ code: 'E_MIGRATION_PLAN', message: p.message, path: p.path })), {
      hint: 'Map every step to a step of both versions.',
    });
  }
  const units = new UnitDirectory();
  const blocked: MigrationBlocked[] = [];
  let blockedTotal = 0;
  let open = 0;
  let moved = 0;
  const bySteps: Record<string, number> = {};
  const block = (caseId: string, code: string, reason: string): void => {
    blockedTotal += 1;
    if (blocked.length < MAX_LISTED) blocked.push({ caseId, code, reason });
  };
  let after = '';
  for (;;) {
    const page = await d.db.query((sql) =>
      sql.all<CaseRow>(
        `SELECT * FROM cases WHERE procedure_code = ? AND procedure_version = ? AND status NOT IN (${FINAL.map(() => '?').join(', ')}) AND id > ? ORDER BY id LIMIT ?`,
        [plan.code, plan.from, ...FINAL, after, PAGE],
      ),
    );
    if (!page.length) break;
    after = page.at(-1)!.id;
    open += page.length;
    for (const row of page) {
      const now = d.now();
      if (dryRun) {
        const r = d.engine.migrate(from.compiled, to.compiled, JSON.parse(row.state) as unknown, plan, now);
        if (!r.ok) block(row.id, r.code, r.reason);
        else {
          moved += 1;
          count(bySteps, r.transition.events[0]?.from, r.transition.events[0]?.to);
        }
        continue;
      }
      try {
        const done = await d.db.transact(async (sql) => {
          const [current] = await sql.all<CaseRow>('SELECT * FROM cases WHERE id = ?', [row.id]);
          if (!current || current.procedure_version !== plan.from || FINAL_STATUSES.has(current.status)) return { ok: false as const, code: 'E_MIGRATION_CHANGED', reason: 'the case changed during the migration (closed, or moved already)' };
          const r = d.engine.migrate(from.compiled, to.compiled, JSON.parse(current.state) as unknown, plan, now);
          if (!r.ok) return r;
          const write = nextWrite({ engine: d.engine }, to.compiled, { version: Number(current.version), row: { ...rowIdentity(current), procedure_version: plan.to } }, r.transition, { actor: by, auditAction: 'case.migrate' }, now, await units.load(sql));
          await writeTransition(sql, write);
          return { ok: true as const, event: r.transition.events[0] };
        });
        if (!done.ok) block(row.id, done.code, done.reason);
        else {
          moved += 1;
          count(bySteps, done.event?.from, done.event?.to);
        }
      } catch (err) {
        block(row.id, 'E_MIGRATION_FAILED', err instanceof Error ? err.message : String(err));
      }
    }
  }
  return { dryRun, plan, open, moved, blocked, blockedTotal, bySteps, durationMs: Math.round(performance.now() - started) };
}

function count(by: Record<string, number>, from: readonly string[] | undefined, to: readonly string[] | undefined): void {
  const key = `${(from ?? []).join('+')} -> ${(to ?? []).join('+')}`;
  by[key] = (by[key] ?? 0) + 1;
}
