/**
 * A case run in memory with a simulated clock: the engine's own runtime (`submitCase`,
 * `applyCommand`) with national sources filled from a registry, child and linked cases started
 * from the effects, and the clock moved only by `at` and `wait`. The scenario runner drives
 * it from YAML; vitest users drive it from TypeScript (see `simulate`).
 */
import { calendarCache, compileCalendar, formatInstant, clockStatus, type CalendarCache, type CalendarSpec, type WorkingCalendar } from '../calendar';
import { compileProcedure, type CompiledProcedure } from '../compile';
import { MotcuaError, NotFoundError } from '../errors';
import type { Library } from '../library/catalog';
import {
  actionCommand, applyCommand, presumedFiler, childFinishedCommand, planChild, requireOverlayScope, requireRoute, startChild, startEffects, startedName, submitCase, withDefaults,
  type Actor, type CaseCommand, type CaseState, type ChildRefused, type ComponentStatus, type Effect, type RuntimeEnv, type SourceReader, type StartEffect, type TransitionResult, type UnitDirectory,
} from '../runtime';
import { SimulatedClock } from './clock';
import type { CoverageRecorder } from './coverage';
import type { ActorSpec, WaitSpan } from './scenario';

/** Finds (and compiles) a procedure by code, for child and linked cases. */
export type ProcedureResolver = (code: string) => CompiledProcedure | undefined;

/** Options of `simulate`. */
export interface SimulationOptions {
  /** Where the simulated clock starts: an ISO instant with offset, or epoch ms. */
  clock: string | number;
  /** The working calendar: compiled, a spec, or a library calendar's id (default: the procedure's `calendar` in the library). */
  calendar?: WorkingCalendar | CalendarSpec | string;
  /** Records the national sources hold: source id -> key -> record. */
  registry?: Record<string, Record<string, unknown>>;
  /** The library, for the procedure's calendar and for child and linked procedures. */
  library?: Library;
  /** How child and linked procedures are found (default: the library's newest version, compiled). */
  resolve?: ProcedureResolver;
  /** Shared by the cases of a run: what they exercised (see `CoverageRecorder`). */
  coverage?: CoverageRecorder;
}

/** What a submission carries. */
export interface SubmitOptions {
  data?: Record<string, unknown>;
  /** Ids of the components uploaded. */
  upload?: string[];
  unit?: string;
  /** `online` (default), `counter`, ...: visible to expressions as `case.channel`. */
  channel?: string;
  /** The applicant's id (default `applicant`). */
  applicant?: string;
  /**
   * The national ID the filer signs in with (default: the form's applicant, else its first
   * `self` or `party` subject); `null`: a trusted channel that checked the people in person
   * (child and linked cases, started by the system).
   */
  filer?: string | null;
}

/** The shared world of one simulation: clock, calendar, sources, coverage, resolver. */
interface World {
  clock: SimulatedClock;
  calendarFor: (compiled: CompiledProcedure) => WorkingCalendar;
  sources: SourceReader;
  resolve: ProcedureResolver;
  coverage: CoverageRecorder | undefined;
  /** The library's units: cases are routed to the unit that handles them, as on the server. */
  units: UnitDirectory | undefined;
}

// Compiling a calendar precomputes decades of days: do it once per spec and per library, not per case.
const compiledSpecs = new WeakMap<object, WorkingCalendar>();
const libraryCalendars = new WeakMap<Library, CalendarCache>();
const NO_LIBRARY = calendarCache(() => undefined);

/**
 * Compiles the calendar a procedure runs on: the override, else the library's `calendar` id
 * (default vn). Exported for drivers that keep a clock of their own (`wait: { for }` over HTTP).
 */
export function calendarResolver(options: Pick<SimulationOptions, 'calendar' | 'library'>): (compiled: CompiledProcedure) => WorkingCalendar {
  const library = options.library;
  let cache = library ? libraryCalendars.get(library) : NO_LIBRARY;
  if (!cache && library) {
    cache = calendarCache((id) => library.calendars.get(id));
    libraryCalendars.set(library, cache);
  }
  const override = options.calendar;
  let overrideCal: WorkingCalendar | undefined;
  if (override !== undefined && typeof override !== 'string') {
    if ('windowStart' in override) overrideCal = override;
    else {
      overrideCal = compiledSpecs.get(override) ?? compileCalendar(override, { file: '<scenario calendar>', lookup: (id) => library?.calendars.get(id) });
      compiledSpecs.set(override, overrideCal);
    }
  }
  const known = cache ?? NO_LIBRARY;
  return (compiled) => {
    if (overrideCal) return overrideCal;
    const id = typeof override === 'string' ? override : (compiled.procedure.calendar ?? 'vn');
    const cal = known.get(id);
    if (!cal) {
      throw new NotFoundError('E_SCENARIO_NO_CALENDAR', `calendar '${id}'${typeof override === 'string' ? '' : ` of ${compiled.procedure.code}`} is not in the library`, {
        hint: `Add calendars/${id}.yaml to the library, or give the scenario an inline \`calendar:\`.`,
      });
    }
    return cal;
  };
}

/**
 * Starts a simulation of a compiled procedure. Nothing is filed until `submit`.
 *
 * ```ts
 * const sim = simulate(compiled, { clock: '2026-02-12T09:00:00+07:00', calendar, registry });
 * sim.submit({ data, upload: ['medical-birth-certificate'] });
 * sim.at('2026-02-13T10:00:00+07:00').act('verify', 'approve', { role: 'civil-status-officer' });
 * expect(sim.outcome).toBe('approved');
 * ```
 */
export function simulate(compiled: CompiledProcedure, options: SimulationOptions): CaseSimulation {
  const registry = options.registry ?? {};
  const cache = new Map<string, CompiledProcedure | undefined>();
  const world: World = {
    clock: new SimulatedClock(options.clock),
    calendarFor: calendarResolver(options),
    sources: { get: (source, key) => registry[source]?.[key] as Record<string, unknown> | undefined },
    resolve: options.resolve ?? ((code) => {
      if (!cache.has(code)) {
        const newest = options.library?.procedures.get(code)?.at(-1);
        cache.set(code, newest ? compileProcedure(newest.procedure, { file: newest.file }) : undefined);
      }
      return cache.get(code);
    }),
    coverage: options.coverage,
    units: options.library?.units.size ? options.library.units : undefined,
  };
  return new CaseSimulation(compiled, world, undefined);
}

/** One simulated case (and, through `child`, the cases it started). Every command throws on refusal. */
export class CaseSimulation {
  readonly compiled: CompiledProcedure;
  readonly #world: World;
  #state: CaseState | undefined;
  readonly #children = new Map<string, CaseSimulation>();
  /** Child and linked cases the rules refused to start, by name, with why. */
  readonly #refused = new Map<string, ChildRefused>();
  readonly #parent: { sim: CaseSimulation; step: string } | undefined;
  /** Every event of the case's timeline, in order. */
  readonly events: TransitionResult['events'] = [];
  /** Every effect the case produced, in order. */
  readonly effects: Effect[] = [];

  /** @internal use `simulate`. */
  constructor(compiled: CompiledProcedure, world: World, parent: { sim: CaseSimulation; step: string } | undefined) {
    this.compiled = compiled;
    this.#world = world;
    this.#parent = parent;
  }

  /** The simulated clock (epoch ms). */
  get now(): number {
    return this.#world.clock.now;
  }
  /** The calendar this case counts its deadline on. */
  get calendar(): WorkingCalendar {
    return this.#world.calendarFor(this.compiled);
  }
  /** The runtime's case state; throws before `submit`. */
  get state(): CaseState {
    if (!this.#state) throw new MotcuaError('E_SCENARIO_NOT_SUBMITTED', `no case of ${this.compiled.procedure.code} was submitted yet`, { status: 400, hint: 'Start the case with `submit` first.' });
    return this.#state;
  }
  get submitted(): boolean {
    return this.#state !== undefined;
  }
  /** The steps the case waits in (several inside a parallel step). */
  get active(): string[] {
    return this.state.active;
  }
  get outcome(): string | undefined {
    return this.state.outcome;
  }
  get status(): string {
    return this.state.status;
  }
  /** Total fees, VND. */
  get fees(): number {
    return this.state.fees.total;
  }
  /** The statutory due as an ISO instant. */
  get deadline(): string {
    return this.state.due;
  }
  get onTime(): boolean | undefined {
    return this.state.onTime;
  }
  /** Component id -> provided | replaced | missing. */
  get components(): Record<string, ComponentStatus> {
    return Object.fromEntries(Object.entries(this.state.components).map(([id, c]) => [id, c.status]));
  }
  /** Past due: a closed case that closed late, or an open, running case whose due has passed. */
  get overdue(): boolean {
    const s = this.state;
    if (s.outcome) return s.onTime === false;
    if (!s.due) return false;
    return clockStatus(this.calendar, s.clock, this.now) === 'overdue';
  }

  /** Sets the simulated clock (never backwards) and lets every open case notice the time. */
  at(instant: string | number): this {
    this.#root().#world.clock.set(instant);
    this.#root().#tickAll();
    return this;
  }

  /** Advances the clock by a span (working units on this case's calendar) or to an instant. */
  wait(span: WaitSpan | { until: string } | { for: WaitSpan }): this {
    if ('until' in span) return this.at(span.until);
    const s = 'for' in span ? span.for : span;
    this.#world.clock.advance(s, this.calendar);
    this.#root().#tickAll();
    return this;
  }

  /**
   * Files the case. With a library that lists units, `unit` is routed as the server routes it
   * (`routeUnit`: the unit that handles the procedure's level and sector), refusing a unit that
   * cannot handle it.
   */
  submit(input: SubmitOptions = {}): this {
    if (this.#state) throw new MotcuaError('E_SCENARIO_ALREADY_SUBMITTED', `the case of ${this.compiled.procedure.code} is already submitted`, { status: 400, hint: 'A scenario case submits once; start a new case for another submission.' });
    const actor: Actor = { kind: 'applicant', id: input.applicant ?? 'applicant' };
    const filer = input.filer === undefined ? presumedFiler(this.compiled, withDefaults(this.compiled, input.data ?? {})) : (input.filer ?? undefined);
    const units = this.#world.units;
    const { level, sector } = this.compiled.procedure;
    const unit = input.unit && units ? requireRoute(units, input.unit, { level, sector }) : input.unit;
    // A province's overlay applies in that province only, as on the server.
    if (input.unit && units) requireOverlayScope(units, input.unit, this.compiled.procedure);
    const result = submitCase(this.compiled, {
      ...(filer !== undefined ? { filer } : {}),
      data: structuredClone(input.data ?? {}),
      uploads: input.upload ?? [],
      actor,
      ...(unit ? { unit } : {}),
      // A scenario files through the portal unless it says otherwise (`channel: counter`).
      channel: input.channel ?? 'online',
    }, this.#env());
    this.#take(result, undefined);
    return this;
  }

  /** An officer takes an action on a task step. `as` is a role or an actor spec (default: the step's role). */
  act(step: string, action: string, as?: ActorSpec | string, form?: Record<string, unknown>): this {
    const actor = this.#officer(step, typeof as === 'string' ? { role: as } : as);
    return this.#action({ step, action, actor, ...(form ? { form } : {}) }, { step, action });
  }

  /** The applicant pays (default: the whole balance). */
  pay(amount?: number): this {
    return this.#action({ step: this.state.active[0] ?? 'pay', action: 'pay', actor: this.#applicant(), form: amount === undefined ? {} : { amount } }, undefined);
  }

  /** The applicant answers a request for supplementary documents. */
  supplement(input: { upload?: string[]; data?: Record<string, unknown> } = {}): this {
    return this.#action({ step: this.state.active[0] ?? 'supplement', action: 'supplement', actor: this.#applicant(), uploads: input.upload ?? [], form: input.data ? { data: input.data } : {} }, undefined);
  }

  /** The applicant withdraws the case. */
  withdraw(reason?: string): this {
    return this.#action({ step: this.state.active[0] ?? 'withdraw', action: 'withdraw', actor: this.#applicant(), form: reason ? { reason } : {} }, undefined);
  }

  /** A subject whose consent is required confirms, signed in as themself. */
  consent(subject: string): this {
    const nationalId = this.state.subjects?.find((s) => s.id === subject)?.nationalId ?? '';
    return this.#apply({ type: 'consent', subject, nationalId, actor: { kind: 'subject', id: subject } }, undefined);
  }

  /** Any runtime command, as is. */
  command(command: CaseCommand): this {
    return this.#apply(command, command.type === 'act' ? { step: command.step, action: command.action } : undefined);
  }

  /**
   * A child case (by the parent's `procedure` step id) or a linked case (by its procedure code);
   * `a/b` names the case `b` started by the case `a`.
   */
  child(name: string): CaseSimulation {
    const slash = name.indexOf('/');
    if (slash > 0) return this.child(name.slice(0, slash)).child(name.slice(slash + 1));
    const c = this.#children.get(name);
    if (!c) {
      const refused = this.#refused.get(name);
      if (refused) {
        throw new NotFoundError('E_SCENARIO_CHILD_REFUSED', `${refused.error.message}; no case '${name}' exists`, {
          hint: refused.error.hint ?? 'The parent moved on by its step\'s onFail (see its timeline: child-finished, outcome refused).',
          details: refused.error.details,
        });
      }
      const known = [...this.#children.keys()];
      throw new NotFoundError('E_SCENARIO_UNKNOWN_CASE', `no child or linked case '${name}' was started by ${this.compiled.procedure.code}`, {
        hint: known.length ? `Started so far: ${known.join(', ')}.` : 'None was started yet: the parent must reach its procedure step (or submit, for linked procedures) first.',
      });
    }
    return c;
  }
  /** The names of the child and linked cases started so far. */
  get children(): string[] {
    return [...this.#children.keys()];
  }

  #root(): CaseSimulation {
    return this.#parent ? this.#parent.sim.#root() : this;
  }

  #env(): RuntimeEnv {
    return { now: this.#world.clock.now, calendar: this.calendar, sources: this.#world.sources };
  }

  #applicant(): Actor {
    return this.state.applicant.kind === 'applicant' ? this.state.applicant : { kind: 'applicant', id: 'applicant' };
  }

  #officer(stepId: string, spec: ActorSpec | undefined): Actor {
    const step = this.compiled.graph.steps.get(stepId)?.step;
    const task = step?.kind === 'task' ? (step) : undefined;
    const roles = spec?.roles ?? (spec?.role ? [spec.role] : task ? [task.role] : []);
    const level = spec?.level ?? task?.level ?? this.compiled.procedure.level;
    const unit = spec?.unit ?? this.#state?.unit;
    return { kind: 'officer', id: spec?.id ?? 'officer', roles, level, ...(unit ? { unit } : {}) };
  }

  /** A person's action, mapped to a command as the server maps it (`actionCommand`). */
  #action(a: Parameters<typeof actionCommand>[2], act: { step: string; action: string } | undefined): this {
    return this.#apply(actionCommand(this.compiled, this.state, a), act);
  }

  #apply(command: CaseCommand, act: { step: string; action: string } | undefined): this {
    const result = applyCommand(this.compiled, this.state, command, this.#env());
    this.#take(result, act);
    return this;
  }

  /** Keeps a transition's result, records coverage, carries out the effects. */
  #take(result: TransitionResult, act: { step: string; action: string } | undefined): void {
    const before = this.#state;
    this.#state = result.state;
    this.events.push(...result.events);
    this.effects.push(...result.effects);
    this.#world.coverage?.record(this, this.compiled, before, result.state, act);
    for (const effect of startEffects(result.effects)) this.#start(effect);
    this.#reportToParent();
  }

  /** Starts a child or linked case as the server does (`planChild`, `startChild`). */
  #start(effect: StartEffect): void {
    const name = startedName(effect);
    const compiled = this.#world.resolve(effect.procedure);
    if (!compiled) {
      throw new NotFoundError('E_SCENARIO_UNKNOWN_PROCEDURE', `${this.compiled.procedure.code} starts procedure ${effect.procedure}, which is not in the library`, {
        hint: 'Add the procedure to the library, or run the scenario from the library folder.',
      });
    }
    const child = new CaseSimulation(compiled, this.#world, effect.type === 'start-child' ? { sim: this, step: effect.step } : undefined);
    const started = startChild(compiled, planChild(this.state, effect, compiled, this.#world.units), child.#env());
    if (started.kind === 'refused') {
      // A refused child fails its parent's step (onFail); a refused linked case is not started.
      this.#refused.set(name, started);
      if (started.parentCommand) this.#apply(started.parentCommand, undefined);
      return;
    }
    this.#refused.delete(name);
    this.#children.set(name, child);
    child.#take(started.result, undefined);
  }

  /** A child that reached its outcome tells its parent's procedure step. */
  #reportToParent(): void {
    const parent = this.#parent;
    const s = this.#state;
    if (!parent || !s) return;
    const parentState = parent.sim.#state;
    if (!parentState) return;
    const command = childFinishedCommand(this.compiled, s, parentState, parent.step);
    if (command) parent.sim.#apply(command, undefined);
  }

  /** Lets every open case see the new time (overdue and due-soon events). */
  #tickAll(): void {
    if (this.#state && !this.#state.outcome) {
      const result = applyCommand(this.compiled, this.#state, { type: 'tick' }, this.#env());
      this.#state = result.state;
      this.events.push(...result.events);
    }
    for (const c of this.#children.values()) c.#tickAll();
  }

  /** The instant formatted in this case's calendar zone. */
  format(ms: number = this.now): string {
    return formatInstant(ms, this.calendar);
  }
}
