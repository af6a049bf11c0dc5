/**
 * The engine's part of a server transition, without HTTP or a database: what `CaseService`
 * asks of its engine port (`server/src/cases/runtime-engine.ts`) for the server benchmark's
 * three transitions (file, verify, sign of the test library's T.000001), with the state
 * serialized and parsed as the case row stores it. This is the "engine" and "case code" share
 * of `npm run bench -- server`'s CPU per transition, measured alone so that a change to the
 * engine shows above the noise of a shared machine.
 *
 * Baseline in the same run: the same three moves with XState's bare `transition()` on the same
 * compiled machine (no checks, no clock, no summary). Each phase runs five times, alternating;
 * the median of the CPU times is kept. BENCH_CASES overrides the number of cases (2,000).
 */
import { initialTransition, transition } from 'xstate';
import type { Actor, MachineContext } from 'motcua/engine';
import { createRuntimeEngine } from '../../server/src/cases/runtime-engine';
import type { SourceRecords } from '../../server/src/cases/engine-port';
import { CALENDAR, POPULATION_RECORD, PROCEDURE } from '../../server/test/fixtures';
import { median } from './measure';

const CASES = Number(process.env.BENCH_CASES ?? 2000);
const ROUNDS = 5;

/** The process's CPU time (ms, every thread: the garbage collector's helpers too) of `fn`: on a shared machine it varies less than wall time. */
function time(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

export function run(): Promise<void> {
  const engine = createRuntimeEngine(new Map([[CALENDAR.id!, CALENDAR]]));
  const c = engine.compile(PROCEDURE);
  const data = { applicant: { nationalId: POPULATION_RECORD.nationalId }, child: { name: 'Bé', ageDays: 10 } };
  const records: SourceRecords = { population: { [POPULATION_RECORD.nationalId]: POPULATION_RECORD } };
  const file = { hash: 'a'.repeat(64), type: 'application/pdf', size: 10 };
  const t = Date.parse('2026-03-02T02:00:00Z');
  let sink = 0;

  /** One case through the three transitions, as the case service drives the engine port. */
  const oneCase = (i: number): void => {
    const now = new Date(t + i * 1000);
    engine.applicantId(c, data);
    engine.lookups(c, data, {}, { filer: POPULATION_RECORD.nationalId, uploads: ['birth-certificate'] });
    engine.lookups(c, data, records, { filer: POPULATION_RECORD.nationalId, uploads: ['birth-certificate'] });
    const filed = engine.submit(c, { data, uploads: { 'birth-certificate': file }, applicant: { kind: 'applicant', id: 'cit' }, unit: 'commune-a1', channel: 'online', now, filer: POPULATION_RECORD.nationalId, records });
    engine.summarize(c, filed.state);
    let stored = JSON.stringify(filed.state);
    const moves: { step: string; action: string; actor: Actor }[] = [
      { step: 'verify', action: 'approve', actor: { kind: 'officer', id: 'cso', roles: ['civil-status-officer'], unit: 'commune-a1', level: 'commune' } },
      { step: 'sign', action: 'sign', actor: { kind: 'officer', id: 'chair', roles: ['commune-chair'], unit: 'commune-a1', level: 'commune' } },
    ];
    for (const m of moves) {
      const state = JSON.parse(stored) as unknown;
      engine.waiting!(c, state);
      const next = engine.act(c, state, { step: m.step, action: m.action, form: {}, actor: m.actor, uploads: {}, now: new Date(now.getTime() + 60_000), records: {} });
      const summary = engine.summarize(c, next.state);
      stored = JSON.stringify(next.state);
      if (summary.status === 'done') sink++;
    }
  };
  const port = (): void => {
    for (let i = 0; i < CASES; i++) oneCase(i);
  };
  const context: MachineContext = { data, case: {}, components: {}, fees: 0, paid: 0 };
  const bare = (): void => {
    const m = c.compiled.machine;
    for (let i = 0; i < CASES; i++) {
      let [s] = initialTransition(m, context);
      [s] = transition(m, s, { type: 'act.approve', step: 'verify' });
      [s] = transition(m, s, { type: 'act.sign', step: 'sign' });
      if (s.status === 'done') sink++;
    }
  };

  port(); // warm-up: the JIT, the schemas compiled on first use
  bare();
  const measured: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    base.push(time(bare));
    measured.push(time(port));
  }
  const perTransition = (ms: number): number => (ms / CASES / 3) * 1000;
  const portUs = perTransition(median(measured));
  const bareUs = perTransition(median(base));
  console.log(`engine port, ${CASES} cases x 3 transitions: ${portUs.toFixed(1)} µs of CPU per transition (spread ${perTransition(Math.min(...measured)).toFixed(1)}-${perTransition(Math.max(...measured)).toFixed(1)})`);
  console.log(`bare xstate, same moves:                 ${bareUs.toFixed(1)} µs of CPU per transition`);
  console.log(`ratio engine port / bare xstate          ${(portUs / bareUs).toFixed(2)}x  (${sink} cases closed)`);
  return Promise.resolve();
}
