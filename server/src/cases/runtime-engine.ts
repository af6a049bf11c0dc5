/**
 * The CaseEngine port over the engine's pure runtime: `compileProcedure`, `planLookups`,
 * `submitCase`, `applyCommand`. The server does no case logic of its own; it maps the HTTP
 * action `{step, action, form}` to a runtime command and reads a summary off the state.
 */
import {
  compileCalendar,
  formatInstant,
  type CalendarSpec,
  type WorkingCalendar,
  compileProcedure,
  type CompiledProcedure,
  InvalidDefinitionError,
  type OutcomeStatus,
  type Procedure,
  applicantIdOf,
  applyCommand,
  dueSoonInstant,
  nextAlarm,
  planLookups,
  submitCase,
  type CaseCommand,
  type CaseState,
  type RuntimeEnv,
  type SourceReader,
} from 'motcua/engine';
import type { CaseEngine, CaseSummary, OpenTask, SourceRecords } from './engine-port';

/** What an applicant may do to their own case, whatever the open step declares. */
const APPLICANT_ACTIONS: ReadonlySet<string> = new Set(['withdraw', 'pay', 'supplement']);

/** A compiled procedure and the working calendar its deadlines are counted on. */
export interface RuntimeCompiled {
  compiled: CompiledProcedure;
  calendar: WorkingCalendar;
}

function reader(records: SourceRecords): SourceReader {
  return { get: (source, key) => records[source]?.[key] as Record<string, unknown> | undefined };
}

/** Builds the engine port; `calendars` are the library's (`calendars/<id>.yaml`). */
export function createRuntimeEngine(calendars: ReadonlyMap<string, CalendarSpec>): CaseEngine<RuntimeCompiled> {
  const compiledCalendars = new Map<string, WorkingCalendar>();
  const calendarOf = (id: string): WorkingCalendar => {
    let cal = compiledCalendars.get(id);
    if (!cal) {
      const spec = calendars.get(id);
      if (!spec) {
        throw new InvalidDefinitionError(`calendar '${id}' is not in the library`, [
          { file: `calendars/${id}.yaml`, line: 1, column: 1, code: 'E_UNKNOWN_CALENDAR', severity: 'error', message: `calendar '${id}' is not in the library`, hint: `Add calendars/${id}.yaml or change the procedure's calendar.` },
        ]);
      }
      cal = compileCalendar(spec, { lookup: (base) => calendars.get(base) });
      compiledCalendars.set(id, cal);
    }
    return cal;
  };
  const env = (c: RuntimeCompiled, now: Date, records: SourceRecords): RuntimeEnv => ({
    now: now.getTime(),
    calendar: c.calendar,
    sources: reader(records),
  });

  return {
    compile(procedure: Procedure) {
      const calendar = calendarOf(procedure.calendar ?? 'vn');
      return { compiled: compileProcedure(procedure), calendar };
    },
    applicantId: (c, data) => applicantIdOf(c.compiled, data),
    lookups: (c, data, records) => planLookups(c.compiled, data, records ? reader(records) : undefined).map((l) => ({ source: l.source, key: l.key })),
    submit: (c, input) =>
      submitCase(
        c.compiled,
        { data: input.data, uploads: input.uploads, actor: input.applicant, unit: input.unit, channel: input.channel, ...(input.origin ? { origin: input.origin } : {}) },
        env(c, input.now, input.records),
      ),
    act(c, state, input) {
      const s = state as CaseState;
      const place = c.compiled.graph.steps.get(input.step);
      const form = (input.form ?? {}) as Record<string, unknown>;
      let command: CaseCommand;
      // The applicant's own commands come first: a task may declare a `withdraw` action for the
      // officer (a withdrawal made at the counter), which must not shadow the applicant's.
      const applicantCommand = input.actor.kind === 'applicant' && APPLICANT_ACTIONS.has(input.action);
      if (place?.step.kind === 'task' && input.action in place.step.actions && !applicantCommand) {
        command = { type: 'act', step: input.step, action: input.action, form, actor: input.actor };
      } else if (input.action === 'withdraw') {
        command = { type: 'withdraw', actor: input.actor, ...(typeof form.reason === 'string' ? { reason: form.reason } : {}) };
      } else if (input.action === 'pay') {
        // Never coerced: `[8000]`, `"0x1F40"` or `" 8000 "` is not an amount (the engine refuses a non-number).
        command = { type: 'pay', amount: (form.amount ?? s.fees.total - s.paid) as number, actor: input.actor, ...(typeof form.reference === 'string' ? { reference: form.reference } : {}) };
      } else if (input.action === 'supplement') {
        const data = form.data;
        command = {
          type: 'supplement',
          actor: input.actor,
          uploads: input.uploads,
          ...(data && typeof data === 'object' ? { data: data as Record<string, unknown> } : {}),
        };
      } else if (input.action === 'extend') {
        command = { type: 'extend', value: form.value as number, actor: input.actor, ...(typeof form.reason === 'string' ? { reason: form.reason } : {}) };
      } else {
        command = { type: 'act', step: input.step, action: input.action, form, actor: input.actor };
      }
      return applyCommand(c.compiled, s, command, env(c, input.now, input.records));
    },
    childFinished: (c, state, input) =>
      applyCommand(
        c.compiled,
        state as CaseState,
        { type: 'child-finished', step: input.step, outcome: input.outcome, status: input.status as OutcomeStatus, actor: { kind: 'system', id: 'child-case' } },
        env(c, input.now, {}),
      ),
    tick: (c, state, now) => applyCommand(c.compiled, state as CaseState, { type: 'tick', actor: { kind: 'system', id: 'timers' } }, env(c, now, {})),
    summarize(c, state): CaseSummary {
      const s = state as CaseState;
      const tasks: OpenTask[] = [];
      for (const id of s.active) {
        const step = c.compiled.graph.steps.get(id)?.step;
        if (step?.kind === 'task') tasks.push({ step: id, role: step.role, ...(step.level ? { level: step.level } : {}) });
      }
      const closed = s.outcome !== undefined;
      const soon = closed ? undefined : dueSoonInstant(c.calendar, s.clock);
      const alarm = nextAlarm(c.compiled, s, c.calendar);
      return {
        status: s.status,
        steps: s.active,
        tasks,
        ...(s.due && !closed ? { due: s.due } : {}),
        ...(soon === undefined ? {} : { dueSoonAt: formatInstant(soon, c.calendar) }),
        ...(alarm === undefined ? {} : { nextAlarm: formatInstant(alarm, c.calendar) }),
        ...(s.outcome ? { outcome: s.outcome } : {}),
        fees: s.fees,
        components: s.components,
        prefilled: s.prefilled,
        data: s.data,
      };
    },
  };
}
