import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from '../calendar';
import { compileProcedure } from '../compile';
import type { Procedure } from '../model/procedure';
import { APPLICANT, birthData, birthProcedure, CHAIR, consultProcedure, envAt, OFFICER, testCalendar } from './fixtures';
import { applyCommand, dueSoonInstant, nextAlarm, submitCase, type Actor, type CaseCommand, type CaseState } from '.';

const POLICE: Actor = { kind: 'officer', id: 'p1', roles: ['police-officer'], level: 'province' };
const TAX: Actor = { kind: 'officer', id: 't1', roles: ['tax-officer'], level: 'province' };
const ACTORS = [APPLICANT, OFFICER, CHAIR, POLICE, TAX];
const cal = testCalendar();
const HOUR = 3_600_000;

const procedures = [
  { name: 'working-day, stop', compiled: compileProcedure(birthProcedure()), data: birthData({}, { extraCopies: 1 }), uploads: ['request-form'] },
  {
    name: 'calendar-day, restart',
    compiled: compileProcedure(birthProcedure({ deadline: { value: 5, unit: 'calendar-day' }, suspension: { clock: 'restart' } })),
    data: birthData(),
    uploads: ['request-form'],
  },
  { name: 'working-hour, parallel', compiled: compileProcedure(consultProcedure()), data: { name: 'An' }, uploads: [] },
  { name: 'parallel with SLAs', compiled: compileProcedure(consultWithSlas()), data: { name: 'An' }, uploads: [] },
];

/** SLAs on the parallel step and on the branch that keeps working while the other waits for a supplement. */
function consultWithSlas(): Procedure {
  const p = consultProcedure();
  const [consult, ...rest] = p.steps;
  if (consult?.kind !== 'parallel') throw new Error('consultProcedure starts with a parallel step');
  const police = consult.branches.police!.map((s) => ({ ...s, sla: { value: 3, unit: 'working-hour' as const } }));
  return { ...p, steps: [{ ...consult, sla: { value: 6, unit: 'working-hour' }, branches: { ...consult.branches, police } }, ...rest] };
}

function commandArb(steps: string[], actions: string[]): fc.Arbitrary<CaseCommand> {
  const actor = fc.constantFrom(...ACTORS);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ type: fc.constant('act' as const), step: fc.constantFrom(...steps), action: fc.constantFrom(...actions), actor }) },
    fc.record({ type: fc.constant('pay' as const), amount: fc.constantFrom(8000, 16000), actor: fc.constant(APPLICANT) }),
    fc.record({ type: fc.constant('supplement' as const), actor: fc.constant(APPLICANT), uploads: fc.constant([]) }),
    fc.record({ type: fc.constant('extend' as const), value: fc.constantFrom(1, 2), actor: fc.constant(OFFICER) }),
    { weight: 3, arbitrary: fc.constant({ type: 'tick' as const }) },
  ) as fc.Arbitrary<CaseCommand>;
}

const tickAt = (compiled: (typeof procedures)[number]['compiled'], state: CaseState, now: number) =>
  applyCommand(compiled, state, { type: 'tick' }, { ...envAt('2026-02-12T09:00:00'), now });

describe('nextAlarm', () => {
  for (const { name, compiled, data, uploads } of procedures) {
    it(`is exactly when tick next emits, for any case and clock position (${name})`, () => {
      const steps = [...compiled.graph.steps.keys()];
      const actions = [...new Set(steps.flatMap((id) => { const s = compiled.graph.steps.get(id)?.step; return s?.kind === 'task' ? Object.keys(s.actions) : []; }))];
      let fired = 0;
      fc.assert(
        fc.property(
          fc.array(fc.tuple(commandArb(steps, actions), fc.integer({ min: 0, max: 30 * 60 })), { maxLength: 12 }),
          fc.integer({ min: 0, max: 3 }),
          (script, alarms) => {
            let now = envAt('2026-02-12T09:00:00').now;
            let state = submitCase(compiled, { data, uploads, actor: APPLICANT }, envAt('2026-02-12T09:00:00')).state;
            for (const [command, minutes] of script) {
              now += minutes * 60_000;
              try {
                state = applyCommand(compiled, state, command, { ...envAt('2026-02-12T09:00:00'), now }).state;
              } catch {
                // refused: the state stays as it was
              }
            }
            // Follow a few alarms in a row: each is exact, and each moves the next one later.
            for (let i = 0; i <= alarms; i++) {
              const next = nextAlarm(compiled, state, cal);
              if (next === undefined) {
                if (!state.outcome) expect(tickAt(compiled, state, now + 400 * 24 * HOUR).events).toEqual([]);
                return;
              }
              expect(tickAt(compiled, state, next - 1).events).toEqual([]);
              const at = tickAt(compiled, state, next);
              expect(at.events.length).toBeGreaterThan(0);
              fired += 1;
              const after = nextAlarm(compiled, at.state, cal);
              if (after !== undefined) expect(after).toBeGreaterThan(next);
              state = at.state;
              now = Math.max(now, next);
            }
          },
        ),
        { numRuns: 80 },
      );
      expect(fired).toBeGreaterThan(0);
    });
  }

  it('is the due-soon instant, then the due, for a plain case; an SLA comes first', () => {
    const compiled = procedures[0]!.compiled;
    let state = submitCase(compiled, { data: birthData(), uploads: ['request-form'], actor: APPLICANT }, envAt('2026-02-12T09:00:00')).state;
    expect(state.active).toEqual(['verify']); // no fee: straight to verify
    // verify's SLA: 4 working hours from 09:00 is 13:00; the alarm is the first ms past it.
    expect(formatInstant(nextAlarm(compiled, state, cal)! - 1, cal)).toBe('2026-02-12T13:00:00+07:00');
    state = tickAt(compiled, state, parseInstant('2026-02-12T14:00:00+07:00')).state;
    // Due 19 Feb 17:00; 35 working hours allowed (12, 13, 18, 19 Feb; 16-17 are holidays): a fifth is 7 h.
    expect(state.due).toBe('2026-02-19T17:00:00+07:00');
    expect(formatInstant(nextAlarm(compiled, state, cal)!, cal)).toBe('2026-02-19T10:00:00+07:00');
    state = tickAt(compiled, state, parseInstant('2026-02-19T10:00:00+07:00')).state;
    expect(nextAlarm(compiled, state, cal)).toBe(parseInstant('2026-02-19T17:00:00+07:00') + 1);
  });

  it('counts a working branch\'s SLA while another branch waits for a supplement (as tick does)', () => {
    const compiled = procedures[3]!.compiled;
    const env = envAt('2026-02-12T09:00:00');
    let state = submitCase(compiled, { data: { name: 'An' }, uploads: [], actor: APPLICANT }, env).state;
    state = applyCommand(compiled, state, { type: 'act', step: 'tax-check', action: 'ask', actor: TAX }, env).state;
    expect(state.status).toBe('suspended');
    const next = nextAlarm(compiled, state, cal)!;
    expect(formatInstant(next - 1, cal)).toBe('2026-02-12T12:00:00+07:00');
    expect(tickAt(compiled, state, next).events).toEqual([expect.objectContaining({ type: 'overdue', step: 'police-check' })]);
  });

  it('moves with an extension, and is undefined when suspended or closed', () => {
    const compiled = procedures[0]!.compiled;
    const env = envAt('2026-02-12T09:00:00');
    let state = submitCase(compiled, { data: birthData(), uploads: ['request-form'], actor: APPLICANT }, env).state;
    state = tickAt(compiled, state, parseInstant('2026-02-12T14:00:00+07:00')).state;
    const before = nextAlarm(compiled, state, cal)!;
    const extended = applyCommand(compiled, state, { type: 'extend', value: 2, actor: OFFICER }, env).state;
    expect(nextAlarm(compiled, extended, cal)).toBeGreaterThan(before);
    const suspended = applyCommand(compiled, state, { type: 'act', step: 'verify', action: 'request-supplement', actor: OFFICER }, env).state;
    expect(suspended.status).toBe('suspended');
    expect(nextAlarm(compiled, suspended, cal)).toBeUndefined();
    expect(dueSoonInstant(cal, suspended.clock)).toBeUndefined();
    const closed = applyCommand(compiled, state, { type: 'act', step: 'verify', action: 'reject', form: { reason: 'thiếu giấy tờ' }, actor: OFFICER }, env).state;
    expect(closed.outcome).toBe('rejected');
    expect(nextAlarm(compiled, closed, cal)).toBeUndefined();
  });
});
