/**
 * What scheduling costs: `nextAlarm` (and the `dueSoonInstant` search inside it) runs on every
 * transition the server writes (`CaseSummary.nextAlarm`), so it must stay small next to the
 * transition itself. Baseline measured in the same run: `applyCommand` with a `tick` on the
 * same state (a full pure transition: clone, clock status, alerts).
 */
import { compileProcedure, applyCommand, dueSoonInstant, nextAlarm, submitCase } from 'motcua/engine';
import { APPLICANT, birthData, birthProcedure, envAt, testCalendar } from '../../engine/src/runtime/fixtures';

function perOp(n: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(n, 2000); i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t0) * 1000) / n;
}

export function run(): Promise<void> {
  const cal = testCalendar();
  const cases = [
    { name: 'working-day', procedure: birthProcedure() },
    { name: 'working-hour', procedure: birthProcedure({ deadline: { value: 40, unit: 'working-hour' } }) },
    { name: 'calendar-day', procedure: birthProcedure({ deadline: { value: 30, unit: 'calendar-day' } }) },
  ];
  const N = 20_000;
  for (const c of cases) {
    const compiled = compileProcedure(c.procedure);
    const env = envAt('2026-02-12T09:00:00');
    const state = submitCase(compiled, { data: birthData(), uploads: ['request-form'], actor: APPLICANT }, env).state;
    const later = { ...env, now: env.now + 3_600_000 };
    const tick = perOp(N, () => applyCommand(compiled, state, { type: 'tick' }, later));
    const alarm = perOp(N, () => nextAlarm(compiled, state, cal));
    const soon = perOp(N, () => dueSoonInstant(cal, state.clock));
    console.log(
      `${c.name.padEnd(13)} tick (baseline) ${tick.toFixed(2)} µs | nextAlarm ${alarm.toFixed(2)} µs (${(alarm / tick).toFixed(2)}x) | dueSoonInstant ${soon.toFixed(2)} µs (${(soon / tick).toFixed(2)}x)`,
    );
  }
  return Promise.resolve();
}
