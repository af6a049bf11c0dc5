/**
 * A migration dry run (server/src/publishing/migration.ts) over BENCH_MIGRATION_CASES open
 * cases (default 10,000) of the test procedure on SQLite: every case is read, parsed, moved
 * by the engine's `migrateCase` (step renamed, a default for a new required field, deadline
 * recomputed) and checked against the new version, and nothing is written. Baseline in the
 * same run: reading and parsing the same cases without migrating them. Target: under 5 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseState, MigrationPlan, Procedure } from 'motcua/engine';
import { createRuntimeEngine, type CaseRow } from '../../server/src/cases';
import { openDatabase } from '../../server/src/db';
import { ProcedureRegistry } from '../../server/src/procedures';
import { migrateCases } from '../../server/src/publishing/migration';
import { CALENDAR, PROCEDURE } from '../../server/test/fixtures';

const COUNT = Number(process.env.BENCH_MIGRATION_CASES ?? 10_000);
const NOW = new Date('2026-03-02T09:00:00+07:00');

/** 1.1.0: `verify` renamed `check`, a new required field, a longer deadline. */
function nextVersion(): Procedure {
  const schema = structuredClone(PROCEDURE.data!.schema) as { required: string[]; properties: Record<string, unknown> };
  schema.required.push('purpose');
  schema.properties.purpose = { type: 'string', minLength: 1 };
  return {
    ...PROCEDURE,
    version: '1.1.0',
    data: { schema },
    deadline: { value: 5, unit: 'calendar-day' },
    steps: PROCEDURE.steps.map<Procedure['steps'][number]>((s) => (s.id === 'verify' ? { ...s, id: 'check' } : s)),
  };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-migration-'));
  const db = openDatabase({ sqlite: join(dir, 'migration.sqlite') });
  try {
    await db.migrate();
    const engine = createRuntimeEngine(new Map([[CALENDAR.id!, CALENDAR]]));
    const registry = new ProcedureRegistry(engine);
    registry.add([PROCEDURE, nextVersion()].map((p) => ({ file: `${p.code}@${p.version}`, procedure: p, diagnostics: [] })));
    const v1 = registry.runnable(PROCEDURE.code, '1.0.0');
    // One real filing's state, stored for every case (each a full case state of a few KB).
    const filed = engine.submit(v1.compiled, {
      data: { applicant: { nationalId: '001090000001' }, child: { name: 'Bé Na', ageDays: 10 } },
      uploads: { 'birth-certificate': { hash: 'a'.repeat(64), type: 'application/pdf', size: 10 } },
      applicant: { kind: 'applicant', id: 'cit-1' },
      unit: 'commune-a1',
      channel: 'online',
      now: NOW,
      records: { population: { '001090000001': { nationalId: '001090000001', fullName: 'Nguyễn Văn An' } } },
    });
    const state = JSON.stringify(filed.state);
    const t0 = performance.now();
    await db.knex.transaction(async (trx) => {
      for (let i = 0; i < COUNT; i += 500) {
        const rows = Array.from({ length: Math.min(500, COUNT - i) }, (_, k) => ({
          id: `mg-${String(i + k).padStart(7, '0')}`, procedure_code: PROCEDURE.code, procedure_version: '1.0.0', applicant_id: 'cit-1', unit_id: 'commune-a1',
          status: 'processing', due_at: NOW.getTime(), submitted_at: NOW.getTime(), updated_at: NOW.getTime(), version: 1, state,
        }));
        await trx('cases').insert(rows);
      }
    });
    const insertS = (performance.now() - t0) / 1000;

    // Baseline: read and parse every open case, in the same pages, without migrating.
    const b0 = performance.now();
    let after = '';
    let read = 0;
    for (;;) {
      const page = await db.query((sql) => sql.all<CaseRow>("SELECT * FROM cases WHERE procedure_code = ? AND procedure_version = ? AND status NOT IN ('done', 'rejected', 'withdrawn', 'cancelled') AND id > ? ORDER BY id LIMIT 500", [PROCEDURE.code, '1.0.0', after]));
      if (!page.length) break;
      after = page.at(-1)!.id;
      for (const r of page) read += (JSON.parse(r.state) as CaseState).active.length;
    }
    const baseline = performance.now() - b0;

    const plan: MigrationPlan = { code: PROCEDURE.code, from: '1.0.0', to: '1.1.0', steps: { verify: 'check' }, defaults: { purpose: 'khác' }, deadline: 'recompute' };
    const d0 = performance.now();
    const report = await migrateCases({ db, registry, engine, now: () => NOW }, 'bench', plan, true);
    const dry = performance.now() - d0;
    if (report.moved !== COUNT || read !== COUNT) throw new Error(`expected ${COUNT} movable cases, got ${report.moved} (blocked ${report.blockedTotal}: ${report.blocked[0]?.reason ?? ''})`);
    console.log(
      `sqlite   ${COUNT.toLocaleString('en')} open cases (inserted in ${insertS.toFixed(1)} s): read and parse ${(baseline / 1000).toFixed(2)} s (baseline) | ` +
        `dry run ${(dry / 1000).toFixed(2)} s (${(dry / baseline).toFixed(1)}x; ${((dry / COUNT) * 1000).toFixed(0)} µs per case; ${report.moved} would move) | target < 5 s: ${dry < 5000 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
