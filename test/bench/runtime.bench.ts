/**
 * The case runtime: a case filed, paid, verified and signed (4 commands, prefill, components,
 * fees, clock) with `submitCase` + `applyCommand`, against the baseline of the same four moves
 * made with XState's bare `transition()` on the same compiled machine (no validation, no clock,
 * no state copy), measured in the same run. The ratio is the price of the runtime's checks.
 * Each phase runs three times, alternating; the median is kept.
 *
 * Also: the five expressions a submission evaluates (components, fees) on one data object,
 * each converting the data for CEL (plain scope) against one conversion shared by all
 * (`expressions.prepare`, what the runtime does), measured in the same run.
 */
import { initialTransition, transition } from 'xstate';
import { compileProcedure, type MachineContext, applyCommand, submitCase } from 'motcua/engine';
import { APPLICANT, birthData, birthProcedure, CHAIR, envAt, OFFICER } from '../../engine/src/runtime/fixtures';
import { median } from './measure';

const CASES = 2000;
const ROUNDS = 3;


function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export function run(): Promise<void> {
  const t0 = performance.now();
  const compiled = compileProcedure(birthProcedure());
  const compileMs = performance.now() - t0;
  const t1 = performance.now();
  void compiled.machine; // built on first use, as are the ajv schemas
  const machineMs = performance.now() - t1;
  const env = [envAt('2026-02-12T09:00:00'), envAt('2026-02-12T10:00:00'), envAt('2026-02-12T11:00:00'), envAt('2026-02-13T09:00:00')] as const;
  const data = birthData({}, { extraCopies: 1 });
  let sink = 0;

  const runtime = (): void => {
    for (let i = 0; i < CASES; i++) {
      let s = submitCase(compiled, { data, uploads: ['request-form'], actor: APPLICANT }, env[0]).state;
      s = applyCommand(compiled, s, { type: 'pay', amount: 8000, actor: APPLICANT }, env[1]).state;
      s = applyCommand(compiled, s, { type: 'act', step: 'verify', action: 'approve', actor: OFFICER }, env[2]).state;
      s = applyCommand(compiled, s, { type: 'act', step: 'sign', action: 'sign', actor: CHAIR }, env[3]).state;
      if (s.outcome === 'approved') sink++;
    }
  };
  const context: MachineContext = { data, case: {}, components: {}, fees: 8000, paid: 0 };
  const bare = (): void => {
    const m = compiled.machine;
    for (let i = 0; i < CASES; i++) {
      let [s] = initialTransition(m, context);
      [s] = transition(m, s, { type: 'PAY', step: 'pay' });
      [s] = transition(m, s, { type: 'act.approve', step: 'verify' });
      [s] = transition(m, s, { type: 'act.sign', step: 'sign' });
      if (s.status === 'done') sink++;
    }
  };

  const sources = ['data.child.bornAbroad', 'data.child.ageDays > 60', 'data.applicant.poor', 'data.extraCopies', 'data.child.birthNoticeNo'];
  const evalRepeats = CASES * 4;
  let hits = 0;
  const plain = (): void => {
    for (let i = 0; i < evalRepeats; i++) {
      const scope = { data, case: {}, components: {} };
      for (const s of sources) if (compiled.expressions.evaluate(s, scope, s) !== undefined) hits++;
    }
  };
  const prepared = (): void => {
    for (let i = 0; i < evalRepeats; i++) {
      const scope = compiled.expressions.prepare({ data, case: {}, components: {} });
      for (const s of sources) if (compiled.expressions.evaluate(s, scope, s) !== undefined) hits++;
    }
  };

  runtime(); // warm-up
  bare();
  plain();
  prepared();
  const rt: number[] = [];
  const base: number[] = [];
  const evPlain: number[] = [];
  const evPrepared: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    base.push(time(bare));
    rt.push(time(runtime));
    evPlain.push(time(plain));
    evPrepared.push(time(prepared));
  }
  const rtMs = median(rt);
  const baseMs = median(base);
  console.log(`compile (cold, first)        ${compileMs.toFixed(1)} ms, machine on first use ${machineMs.toFixed(1)} ms`);
  console.log(`bare xstate, ${CASES} cases    ${baseMs.toFixed(0)} ms  (${((baseMs / CASES / 4) * 1000).toFixed(1)} µs per transition)`);
  console.log(`runtime, ${CASES} cases        ${rtMs.toFixed(0)} ms  (${((rtMs / CASES / 4) * 1000).toFixed(1)} µs per command, ${Math.round((CASES * 4) / (rtMs / 1000))} commands/s)`);
  console.log(`ratio runtime / bare xstate  ${(rtMs / baseMs).toFixed(2)}x  (${sink} cases closed)`);
  const perSet = (xs: number[]): string => `${((median(xs) / evalRepeats) * 1000).toFixed(1)} µs`;
  console.log(`${sources.length} expressions, plain scope      ${perSet(evPlain)} per data object (${((median(evPlain) / evalRepeats / sources.length) * 1000).toFixed(1)} µs each)`);
  console.log(`${sources.length} expressions, prepared scope   ${perSet(evPrepared)} per data object  ratio ${(median(evPrepared) / median(evPlain)).toFixed(2)}${hits < 0 ? ' ' : ''}`);
  return Promise.resolve();
}
