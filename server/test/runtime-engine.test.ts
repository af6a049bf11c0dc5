import { describe, expect, it } from 'vitest';
import type { Procedure } from 'motcua/engine';
import { createRuntimeEngine } from '../src/cases/runtime-engine';
import { CALENDAR, PROCEDURE } from './fixtures';

type Engine = ReturnType<typeof createRuntimeEngine>;

/** cit-1 files the test form at commune-a1 at `now`. */
function fileTestCase(engine: Engine, compiled: ReturnType<Engine['compile']>, now: Date) {
  return engine.submit(compiled, {
    data: { applicant: { nationalId: '001090000001' }, child: { name: 'An', ageDays: 3 } },
    uploads: {},
    applicant: { kind: 'applicant', id: 'cit-1' },
    unit: 'commune-a1',
    channel: 'online',
    now,
    records: {},
  });
}

/** A verify step that also lets the officer record a withdrawal made at the counter. */
const WITH_OFFICER_WITHDRAW: Procedure = {
  ...PROCEDURE,
  code: 'T.000009',
  components: [],
  steps: [
    {
      id: 'verify',
      kind: 'task',
      role: 'civil-status-officer',
      level: 'commune',
      actions: { approve: { to: 'approved' }, withdraw: { to: 'withdrawn' } },
    },
  ],
};

describe('the engine adapter maps HTTP actions to runtime commands', () => {
  const engine = createRuntimeEngine(new Map([[CALENDAR.id!, CALENDAR]]));
  const compiled = engine.compile(WITH_OFFICER_WITHDRAW);
  const now = new Date('2026-03-02T09:00:00+07:00');
  const filed = () => fileTestCase(engine, compiled, now);

  it("lets the applicant withdraw even when the open task declares its own 'withdraw' action", () => {
    const t = engine.act(compiled, filed().state, {
      step: 'verify',
      action: 'withdraw',
      form: { reason: 'moved away' },
      actor: { kind: 'applicant', id: 'cit-1' },
      uploads: {},
      now,
      records: {},
    });
    expect(engine.summarize(compiled, t.state)).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn' });
  });

  it("still runs the task's own 'withdraw' action for an officer with the step's role", () => {
    const t = engine.act(compiled, filed().state, {
      step: 'verify',
      action: 'withdraw',
      actor: { kind: 'officer', id: 'off-1', roles: ['civil-status-officer'], unit: 'commune-a1', level: 'commune' },
      uploads: {},
      now,
      records: {},
    });
    expect(t.events.some((e) => e.type === 'transition' && e.action === 'withdraw')).toBe(true);
    expect(engine.summarize(compiled, t.state).outcome).toBe('withdrawn');
  });
});

describe('the engine adapter schedules and runs ticks', () => {
  const engine = createRuntimeEngine(new Map([[CALENDAR.id!, CALENDAR]]));
  const compiled = engine.compile({ ...PROCEDURE, components: [], steps: [{ ...PROCEDURE.steps[0]!, sla: { value: 2, unit: 'working-hour' } }, ...PROCEDURE.steps.slice(1)] });
  const now = new Date('2026-03-02T09:00:00+07:00');
  const filed = fileTestCase(engine, compiled, now);

  it('summarizes the next alarm (the SLA first) and the due-soon instant (a fifth of the time allowed before the due)', () => {
    const s = engine.summarize(compiled, filed.state);
    expect(Date.parse(s.nextAlarm!)).toBe(now.getTime() + 2 * 3_600_000 + 1);
    const due = Date.parse(s.due!);
    expect(Date.parse(s.dueSoonAt!)).toBe(due - Math.floor((due - now.getTime()) / 5));
  });

  it('ticks at the alarm: one step-SLA overdue, then the alarm moves to the due-soon instant', () => {
    const s = engine.summarize(compiled, filed.state);
    const at = new Date(Date.parse(s.nextAlarm!));
    expect(engine.tick(compiled, filed.state, new Date(at.getTime() - 1)).events).toEqual([]);
    const t = engine.tick(compiled, filed.state, at);
    expect(t.events).toEqual([expect.objectContaining({ type: 'overdue', step: 'verify' })]);
    expect(engine.summarize(compiled, t.state).nextAlarm).toBe(s.dueSoonAt);
    expect(engine.tick(compiled, t.state, at).events).toEqual([]);
  });
});
