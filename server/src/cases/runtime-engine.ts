/**
 * The CaseEngine port over the engine's pure runtime: `compileProcedure`, `planLookups`,
 * `submitCase`, `applyCommand`. The server does no case logic of its own; it maps the HTTP
 * action `{step, action, form}` to a runtime command and reads a summary off the state.
 */
import {
  actionCommand,
  calendarCache,
  childFinishedCommand,
  planChild,
  startChild,
  formatInstant,
  type CalendarSpec,
  type WorkingCalendar,
  compileProcedure,
  type CompiledProcedure,
  InvalidDefinitionError,
  type Procedure,
  applicantIdOf,
  previewFiling,
  applyCommand,
  checkMigrationPlan,
  migrateCase,
  type MigrationPlan,
  caseFacts,
  dueSoonInstant,
  nextAlarm,
  planLookups,
  consentLookups,
  submitCase,
  type CaseState,
  type RuntimeEnv,
  type SourceReader,
} from 'motcua/engine';
import type { CaseEngine, CaseSummary, OpenTask, SourceRecords } from './engine-port';

/** A compiled procedure and the working calendar its deadlines are counted on. */
export interface RuntimeCompiled {
  compiled: CompiledProcedure;
  calendar: WorkingCalendar;
}

function reader(records: SourceRecords): SourceReader {
  return { get: (source, key) => records[source]?.[key] as Record<string, unknown> | undefined };
}

/** The tasks among the steps a case waits in. */
function openTasks(c: RuntimeCompiled, s: CaseState): OpenTask[] {
  const tasks: OpenTask[] = [];
  for (const id of s.active) {
    const step = c.compiled.graph.steps.get(id)?.step;
    if (step?.kind === 'task') tasks.push({ step: id, role: step.role, ...(step.level ? { level: step.level } : {}) });
  }
  return tasks;
}

/** Options of `createRuntimeEngine`. */
export interface RuntimeEngineOptions {
  /** Test-clock mode: a calendar that, while set, every procedure runs on (a scenario's inline `calendar:`). */
  calendarOverride?: () => WorkingCalendar | undefined;
}

/** Builds the engine port; `calendars` are the library's (`calendars/<id>.yaml`). */
export function createRuntimeEngine(calendars: ReadonlyMap<string, CalendarSpec>, options: RuntimeEngineOptions = {}): CaseEngine<RuntimeCompiled> {
  const override = options.calendarOverride;
  const calendarFor = (c: RuntimeCompiled): WorkingCalendar => override?.() ?? c.calendar;
  const cache = calendarCache((id) => calendars.get(id));
  const calendarOf = (id: string): WorkingCalendar => {
    const cal = cache.get(id);
    if (!cal) {
      throw new InvalidDefinitionError(`calendar '${id}' is not in the library`, [
        { file: `calendars/${id}.yaml`, line: 1, column: 1, code: 'E_UNKNOWN_CALENDAR', severity: 'error', message: `calendar '${id}' is not in the library`, hint: `Add calendars/${id}.yaml or change the procedure's calendar.` },
      ]);
    }
    return cal;
  };
  const env = (c: RuntimeCompiled, now: Date, records: SourceRecords): RuntimeEnv => ({
    now: now.getTime(),
    calendar: calendarFor(c),
    sources: reader(records),
  });

  return {
    compile(procedure: Procedure) {
      const calendar = calendarOf(procedure.calendar ?? 'vn');
      return { compiled: compileProcedure(procedure), calendar };
    },
    applicantId: (c, data) => applicantIdOf(c.compiled, data),
    lookups: (c, data, records, access = {}) => planLookups(c.compiled, data, records ? reader(records) : undefined, access).map((l) => ({ source: l.source, key: l.key, for: l.for })),
    consentLookups: (c, state, subject, records) =>
      consentLookups(c.compiled, state as CaseState, subject, records ? reader(records) : undefined).map((l) => ({ source: l.source, key: l.key })),
    preview: (c, data, records, readAt) => previewFiling(c.compiled, data, reader(records), readAt.toISOString()),
    submit: (c, input) =>
      submitCase(
        c.compiled,
        { data: input.data, uploads: input.uploads, actor: input.applicant, unit: input.unit, channel: input.channel, ...(input.filer !== undefined ? { filer: input.filer } : {}) },
        env(c, input.now, input.records),
      ),
    act(c, state, input) {
      const s = state as CaseState;
      const command = actionCommand(c.compiled, s, { step: input.step, action: input.action, form: (input.form ?? {}) as Record<string, unknown>, actor: input.actor, uploads: input.uploads });
      // The case service parses the state from the row for this command only: handed over, not copied.
      return applyCommand(c.compiled, s, command, env(c, input.now, input.records), { handOver: true });
    },
    planChild: (child, parentState, effect, units) => planChild(parentState as CaseState, effect, child.compiled, units),
    startChild(child, plan, now, records) {
      const started = startChild(child.compiled, plan, env(child, now, records));
      return started.kind === 'started' ? { kind: 'started', input: started.input, transition: started.result } : started;
    },
    childOutcome: (child, childState, parentState, parentStep) => childFinishedCommand(child.compiled, childState as CaseState, parentState as CaseState, parentStep),
    apply: (c, state, command, now, records = {}) => applyCommand(c.compiled, state as CaseState, command, env(c, now, records)),
    tick: (c, state, now) => applyCommand(c.compiled, state as CaseState, { type: 'tick', actor: { kind: 'system', id: 'timers' } }, env(c, now, {})),
    checkMigration: (from, to, plan) => checkMigrationPlan(from.compiled, to.compiled, plan),
    migrate(from, to, state, plan: MigrationPlan, now) {
      const r = migrateCase(from.compiled, to.compiled, state as CaseState, plan, env(to, now, {}));
      return r.ok ? { ok: true, transition: { state: r.state, events: [r.event], effects: [] } } : { ok: false, code: r.code, reason: r.reason };
    },
    waiting: (c, state) => ({ steps: (state as CaseState).active, tasks: openTasks(c, state as CaseState) }),
    summarize(c, state): CaseSummary {
      const s = state as CaseState;
      const tasks = openTasks(c, s);
      // A case awaiting consent has not been received: no due, no alarm.
      const closed = s.outcome !== undefined || s.status === 'awaiting-consent';
      const calendar = calendarFor(c);
      const soon = closed ? undefined : dueSoonInstant(calendar, s.clock);
      const alarm = nextAlarm(c.compiled, s, calendar);
      return {
        status: s.status,
        steps: s.active,
        tasks,
        ...(s.due && !closed ? { due: s.due } : {}),
        ...(s.due ? { deadline: s.due } : {}),
        ...(soon === undefined ? {} : { dueSoonAt: formatInstant(soon, calendar) }),
        ...(alarm === undefined ? {} : { nextAlarm: formatInstant(alarm, calendar) }),
        ...(s.outcome ? { outcome: s.outcome } : {}),
        ...(s.onTime !== undefined ? { onTime: s.onTime } : {}),
        facts: caseFacts(c.compiled, s, c.calendar),
        fees: s.fees,
        components: s.components,
        prefilled: s.prefilled,
        data: s.data,
        ...(s.subjects ? { subjects: s.subjects } : {}),
      };
    },
  };
}
