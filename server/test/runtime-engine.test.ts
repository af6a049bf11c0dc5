import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../engine/src/model/procedure';
import { createRuntimeEngine } from '../src/cases/runtime-engine';
import { CALENDAR, PROCEDURE } from './fixtures';

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
  const filed = () =>
    engine.submit(compiled, {
      data: { applicant: { nationalId: '001090000001' }, child: { name: 'An', ageDays: 3 } },
      uploads: {},
      applicant: { kind: 'applicant', id: 'cit-1' },
      unit: 'commune-a1',
      channel: 'online',
      now,
      records: {},
    });

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
