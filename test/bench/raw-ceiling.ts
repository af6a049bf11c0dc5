/**
 * The server benchmark's raw ceiling: the rows a real transition writes (case insert or update
 * guarded by its version, as many timeline events as the real one appended, the work item, the
 * timer rows a real new case armed, the audit row chained by sha256 under the locked head), by
 * plain knex in one transaction each, with no HTTP and no engine. Its throughput and CPU per
 * transition move with the machine's speed as the server's do; run in rounds alternated with
 * the server's (server.bench.ts), the ratios between them hold on a machine whose speed varies.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { appendAudit } from '../../server/src/audit';

/** What one real transition wrote, so that the ceiling writes the same rows. */
export interface Shape {
  /** The stored state of a finished case (its JSON text). */
  state: string;
  /** A timeline event's body. */
  event: string;
  /** Timeline events each transition appended (file, verify, sign). */
  events: [number, number, number];
  /** The timer rows a new case armed (without their id and case id), written as they are. */
  timers: Record<string, unknown>[];
}

/** The shape of the transitions the server wrote to `knex` (a finished case, its first event, its timers). */
export async function shapeOf(knex: Knex, events: [number, number, number]): Promise<Shape> {
  const [row] = await knex('cases').where({ status: 'done' }).orderBy('submitted_at').limit(1).select<{ id: string; state: string }[]>('id', 'state');
  const [ev] = await knex('case_events').orderBy('id').limit(1).select<{ body: string }[]>('body');
  if (!row || !ev) throw new Error('bench: the HTTP phase finished no case');
  const timers = ((await knex('timers').where({ case_id: row.id })) as Record<string, unknown>[]).map(({ id: _id, case_id: _case, ...rest }) => rest);
  return { state: row.state, event: ev.body, events, timers };
}

/** One round of the ceiling: its latencies, wall time and CPU (ms). */
export interface RawRound {
  latencies: number[];
  wallMs: number;
  cpuMs: number;
}

type Pool = (n: number, width: number, task: (i: number) => Promise<void>) => Promise<{ latencies: number[]; wallMs: number }>;

/**
 * Files `cases` cases and advances them to their end (three transitions each), `width` at a
 * time, by plain knex on `knex`; `pool` runs the tasks as the HTTP load generator does.
 */
export async function rawRound(knex: Knex, shape: Shape, cases: number, width: number, pool: Pool): Promise<RawRound> {
  const { state } = shape;
  const now = Date.now();
  const ids = Array.from({ length: cases }, (_, i) => `raw-${i}-${randomBytes(4).toString('hex')}`);
  const transition = async (id: string, version: number, step: string | null, events: number): Promise<void> => {
    // On SQLite knex's transactions begin IMMEDIATE (server/src/db/sqlite-immediate.ts), as the
    // server's do: the write lock is taken up front, with no statement of its own.
    await knex.transaction(async (trx) => {
      if (version === 0) {
        await trx('cases').insert({ id, procedure_code: 'T.000001', procedure_version: '1.0.0', applicant_id: 'cit', unit_id: 'commune-a1', status: 'processing', due_at: now, submitted_at: now, updated_at: now, version: 1, state });
      } else {
        const n = await trx('cases').where({ id, version }).update({ version: version + 1, state, updated_at: now, status: step ? 'processing' : 'done' });
        if (n !== 1) throw new Error('raw: version conflict');
      }
      // The timeline's next seq: a new case starts at 1, a later transition knows it from the version's events.
      const first = version === 0 ? 1 : shape.events.slice(0, version).reduce((a, b) => a + b, 0) + 1;
      if (events) await trx('case_events').insert(Array.from({ length: events }, (_, k) => ({ case_id: id, seq: first + k, type: 'transition', at: now, body: shape.event })));
      if (version > 0) await trx('work_items').where({ case_id: id }).delete();
      if (step) await trx('work_items').insert({ case_id: id, step, role: 'civil-status-officer', level: 'commune', unit_id: 'commune-a1', due_at: now });
      if (version === 0 && shape.timers.length) await trx('timers').insert(shape.timers.map((t) => ({ ...t, case_id: id })));
      await appendAudit(trx, [{ actor: 'raw', action: 'raw', subject: id, at: now, payload: { version: version + 1, status: 'processing', steps: step ? [step] : [], events: ['x'] } }]);
    });
  };
  const latencies: number[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const [version, step] of [[0, 'verify'], [1, 'sign'], [2, null]] as const) {
    const r = await pool(cases, width, (i) => transition(ids[i]!, version, step, shape.events[version]));
    latencies.push(...r.latencies);
  }
  const cpu = process.cpuUsage(cpu0);
  return { latencies, wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}
