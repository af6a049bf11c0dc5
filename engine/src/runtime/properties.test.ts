import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import { MotcuaError } from '../errors';
import type { Actor } from './types';
import { APPLICANT, birthData, birthProcedure, CHAIR, consultProcedure, envAt, OFFICER } from './fixtures';
import { applyCommand, submitCase, type CaseCommand, type CaseEvent, type CaseState } from '.';

const POLICE: Actor = { kind: 'officer', id: 'p1', roles: ['police-officer'], level: 'province' };
const TAX: Actor = { kind: 'officer', id: 't1', roles: ['tax-officer'], level: 'province' };
const ACTORS = [APPLICANT, OFFICER, CHAIR, POLICE, TAX, { kind: 'system' } as Actor];

/** Any command the runtime could be sent, sensible or not. */
function commandArb(steps: string[], actions: string[]): fc.Arbitrary<CaseCommand> {
  const actor = fc.constantFrom(...ACTORS);
  return fc.oneof(
    fc.record({ type: fc.constant('act' as const), step: fc.constantFrom(...steps), action: fc.constantFrom(...actions), actor, form: fc.constantFrom(undefined, { reason: 'forged papers' }, { reason: 1 }) }),
    fc.record({ type: fc.constant('pay' as const), amount: fc.constantFrom(0, 8000, 16000, 5000), actor }),
    fc.record({ type: fc.constant('supplement' as const), actor, uploads: fc.constantFrom([], ['abroad-proof'], ['nope']), data: fc.constantFrom(undefined, { extraCopies: 1 }, { extraCopies: -3 }) }),
    fc.record({ type: fc.constant('withdraw' as const), actor }),
    fc.record({ type: fc.constant('child-finished' as const), step: fc.constantFrom(...steps), outcome: fc.constant('done'), status: fc.constantFrom('done' as const, 'rejected' as const) }),
    fc.record({ type: fc.constant('extend' as const), value: fc.constantFrom(0, 1, 2), actor }),
    fc.constant({ type: 'tick' as const }),
  ) as fc.Arbitrary<CaseCommand>;
}

function checkInvariants(compiled: ReturnType<typeof compileProcedure>, state: CaseState, timeline: CaseEvent[]): void {
  for (const id of state.active) expect(compiled.graph.steps.has(id)).toBe(true);
  if (state.outcome) {
    expect(state.active).toEqual([]);
    expect(state.status).toBe(compiled.graph.outcomes.get(state.outcome)?.status);
    expect(typeof state.onTime).toBe('boolean');
  } else {
    expect(state.active.length).toBeGreaterThan(0);
  }
  expect(state.paid).toBeLessThanOrEqual(Math.max(state.fees.total, state.paid));
  expect(timeline.filter((e) => e.type === 'closed').length).toBeLessThanOrEqual(1);
  const alerts = timeline.filter((e) => e.type === 'due-soon' || e.type === 'overdue').map((e) => `${e.type}|${e.step ?? ''}|${JSON.stringify(e.detail)}`);
  expect(new Set(alerts).size).toBe(alerts.length);
}

const procedures = [
  { compiled: compileProcedure(birthProcedure()), data: birthData({}, { extraCopies: 1 }), uploads: ['request-form'] },
  { compiled: compileProcedure(consultProcedure()), data: { name: 'An' }, uploads: [] },
];

describe('any sequence of commands', () => {
  it('only ever refuses with a MotcuaError, and keeps the case state consistent', () => {
    for (const { compiled, data, uploads } of procedures) {
      const steps = [...compiled.graph.steps.keys()];
      const actions = [...new Set(steps.flatMap((id) => { const s = compiled.graph.steps.get(id)?.step; return s?.kind === 'task' ? Object.keys(s.actions) : []; }))];
      fc.assert(
        fc.property(fc.array(fc.tuple(commandArb(steps, actions), fc.integer({ min: 0, max: 48 })), { maxLength: 25 }), (script) => {
          let now = envAt('2026-02-12T09:00:00').now;
          const filed = submitCase(compiled, { data, uploads, actor: APPLICANT }, envAt('2026-02-12T09:00:00'));
          let state = filed.state;
          const timeline = [...filed.events];
          for (const [command, hours] of script) {
            now += hours * 3_600_000;
            const env = { ...envAt('2026-02-12T09:00:00'), now };
            const before = JSON.stringify(state);
            // Handed over (changed in place), the command gives the same result, or the same refusal.
            let handedOver: string;
            try {
              handedOver = JSON.stringify(applyCommand(compiled, JSON.parse(before) as CaseState, command, env, { handOver: true }));
            } catch (err) {
              handedOver = `refused ${(err as Error).message}`;
            }
            try {
              const r = applyCommand(compiled, state, command, env);
              expect(JSON.stringify(r)).toBe(handedOver);
              ({ state } = r);
              timeline.push(...r.events);
            } catch (err) {
              expect(err).toBeInstanceOf(MotcuaError);
              expect(handedOver).toBe(`refused ${(err as Error).message}`);
              expect(JSON.stringify(state)).toBe(before);
            }
            checkInvariants(compiled, state, timeline);
          }
        }),
        { numRuns: 60 },
      );
    }
  });
});
