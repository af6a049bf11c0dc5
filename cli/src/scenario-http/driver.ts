/**
 * The HTTP case driver of `motcua test --server URL`: runs a scenario case against a live
 * server started with `motcua serve --test-clock`, through the public API (filing, actions,
 * uploads, reading the case) and the test-only endpoints (`/api/test/...`: clock, calendar,
 * national-source records, procedures under test, principals for `as:`). The scenario runner
 * (motcua/testing) parses, walks the steps and checks `expect`; this only carries them out.
 */
import type { CaseView } from 'motcua/contract';
import { MotcuaError, presumedFiler, subjectNationalId, withDefaults, NotFoundError, type CalendarSpec, type CompiledProcedure, type Level, type Library, type Procedure, type Step } from 'motcua/engine';
import { calendarResolver, SimulatedClock, type CaseDriver, type CaseDriverFactory, type CaseSetup, type ObservedCase, type ScenarioStep } from 'motcua/testing';
import { ApiClient } from './client';

interface World {
  now: string;
  /** Level -> the test unit of that level. */
  units: Partial<Record<Level, string>>;
}

interface Principal {
  id: string;
  kind: 'citizen' | 'officer';
  nationalId?: string;
  roles?: { role: string; unit: string }[];
}

/** A driver factory for the server at `base` (e.g. `http://localhost:3000`). */
export function httpDriver(base: string, options: { fetch?: typeof fetch } = {}): CaseDriverFactory & { check: () => Promise<void> } {
  const api = new ApiClient(base.replace(/\/+$/, ''), options.fetch);
  let world: World | undefined;
  // What this run already put on the server: only a test (this one) changes it.
  const sent = new Set<string>();
  const tokens = new Map<string, string>();
  const uploads = new Map<string, string>();
  let calendarSent: string | undefined;
  const session: Session = {
    tokenFor: (p) => tokenFor(p),
    async upload(owner, component, uploader) {
      // The server lets a case use only files its filer uploaded: the key names both.
      const key = JSON.stringify([owner, component, uploader.id]);
      let hash = uploads.get(key);
      if (!hash) {
        hash = await api.upload(`%PDF-1.4 ${owner} ${component}`, 'application/pdf', await tokenFor(uploader));
        uploads.set(key, hash);
      }
      return hash;
    },
  };

  /** A token for exactly this principal (created or replaced on the server when first seen). */
  const tokenFor = async (p: Principal): Promise<string> => {
    const key = JSON.stringify(p);
    let token = tokens.get(key);
    if (!token) {
      token = (await api.json<{ token: string }>('POST', '/api/test/principals', { ...p, name: p.id })).token;
      tokens.set(key, token);
    }
    return token;
  };

  /** Registers the procedure under test and those its cases start, once per run. */
  const sendProcedures = async (setup: CaseSetup): Promise<void> => {
    const procedures = reachable(setup.compiled, setup.resolve);
    const fresh = procedures.filter((p) => !sent.has(`${p.code}@${p.version}`));
    if (!fresh.length) return;
    const calendars = calendarsOf(fresh, setup.library);
    const answer = await api.json<{ broken: { procedure: string; diagnostics: { message: string }[] }[] }>('POST', '/api/test/procedures', { procedures: fresh, calendars });
    const broken = answer.broken[0];
    if (broken) {
      throw new MotcuaError('E_SERVER_PROCEDURE_BROKEN', `the server cannot compile ${broken.procedure}: ${broken.diagnostics[0]?.message ?? 'no reason given'}`, {
        status: 422,
        hint: 'The server lacks something the procedure needs (a calendar?): see its start-up log.',
      });
    }
    for (const p of fresh) sent.add(`${p.code}@${p.version}`);
  };

  return {
    target: base,
    /** Fails unless the server answers and runs in test-clock mode. */
    async check() {
      const health = await api.json<{ testClock?: boolean }>('GET', '/api/health');
      if (health.testClock !== true) {
        throw new MotcuaError('E_NOT_TEST_CLOCK', `the server at ${base} is not in test-clock mode`, {
          status: 400,
          hint: 'Scenarios set the clock and the national sources: run them against a server started with `motcua serve --test-clock`, never a live deployment.',
        });
      }
    },
    async start(setup: CaseSetup): Promise<CaseDriver> {
      world ??= await api.json<World>('GET', '/api/test/world');
      const { scenario } = setup;
      const calendarFor = calendarResolver({ ...(scenario.calendar !== undefined ? { calendar: scenario.calendar } : {}), ...(setup.library ? { library: setup.library } : {}) });
      // Compiling it locally first: a bad inline calendar fails here, with the runner's message.
      calendarFor(setup.compiled);
      await sendProcedures(setup);
      const calendar = JSON.stringify(inlineCalendar(scenario.calendar, setup.library));
      if (calendar !== calendarSent) {
        await api.json('PUT', '/api/test/calendar', { calendar: JSON.parse(calendar) as unknown });
        calendarSent = calendar;
      }
      await api.json('PUT', '/api/test/registry', { records: scenario.registry });
      const clock = new SimulatedClock(scenario.clock);
      await api.json('PUT', '/api/test/clock', { now: new Date(clock.now).toISOString() });
      return new HttpCase(api, world, setup, clock, calendarFor, session);
    },
  };
}

/** What the cases of one run share: principals' tokens, uploaded files. */
interface Session {
  tokenFor: (p: Principal) => Promise<string>;
  /** The hash of `owner`'s file for `component`, uploaded by `uploader` (once per run). */
  upload: (owner: string, component: string, uploader: Principal) => Promise<string>;
}

/** One scenario case on the server: the root case's id once filed, and who filed it. */
class HttpCase implements CaseDriver {
  #root: string | undefined;
  #citizen: Principal | undefined;
  /** The root case's form as filed (with defaults): whom it names, for `consent`. */
  #data: Record<string, unknown> | undefined;
  /**
   * Views known to be current: the answer of the last command, about the case it changed.
   * Any command or clock move may change other cases (a child moves its parent on, alarms
   * fire), so each clears the rest; reads then go to the server.
   */
  readonly #fresh = new Map<string, CaseView>();

  constructor(
    private readonly api: ApiClient,
    private readonly world: World,
    private readonly setup: CaseSetup,
    private readonly clock: SimulatedClock,
    private readonly calendarFor: ReturnType<typeof calendarResolver>,
    private readonly session: Session,
  ) {}

  async at(instant: string | number): Promise<void> {
    this.clock.set(instant);
    await this.#moveClock();
  }

  async #moveClock(): Promise<void> {
    this.#fresh.clear();
    await this.api.json('PUT', '/api/test/clock', { now: new Date(this.clock.now).toISOString() });
  }

  #answer(view: CaseView): void {
    this.#fresh.clear();
    this.#fresh.set(view.id, view);
  }

  async #read(id: string, token: string): Promise<CaseView> {
    const known = this.#fresh.get(id);
    if (known) return known;
    const view = await this.api.json<CaseView>('GET', `/api/cases/${encodeURIComponent(id)}`, undefined, token);
    this.#fresh.set(id, view);
    return view;
  }

  async perform(target: string | undefined, step: ScenarioStep): Promise<void> {
    if (step.kind === 'submit' && target === undefined && this.#root === undefined) return this.#submit(step);
    const kase = await this.#find(target);
    switch (step.kind) {
      case 'submit':
        throw new MotcuaError('E_SCENARIO_ALREADY_SUBMITTED', `the case of ${kase.procedure.code} is already submitted`, { status: 400, hint: 'A scenario case submits once; start a new case for another submission.' });
      case 'act':
        return this.#act(kase, step);
      case 'pay':
        return this.#pay(kase, await this.#citizenToken());
      case 'supplement':
        return this.#action(kase, await this.#citizenToken(), 'supplement', { form: step.data ? { data: step.data } : {}, uploads: await this.#upload(step.upload, this.#citizen) });
      case 'withdraw':
        return this.#action(kase, await this.#citizenToken(), 'withdraw', {});
      case 'consent':
        return this.#consent(kase, step.subject);
      case 'wait':
        if (step.until !== undefined) return this.at(step.until);
        if (step.for) {
          const compiled = this.#compiledOf(kase.procedure.code);
          this.clock.advance(step.for, this.calendarFor(compiled));
          await this.#moveClock();
        }
        return;
      case 'check':
        return;
    }
  }

  async observe(target: string | undefined): Promise<ObservedCase | undefined> {
    let kase: CaseView;
    try {
      kase = await this.#find(target);
    } catch (err) {
      if (err instanceof MotcuaError && (err.code === 'E_SCENARIO_UNKNOWN_CASE' || err.code === 'E_SCENARIO_NOT_SUBMITTED')) return undefined;
      throw err;
    }
    return observed(kase);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  async #submit(step: Extract<ScenarioStep, { kind: 'submit' }>): Promise<void> {
    const { compiled } = this.setup;
    this.#data = withDefaults(compiled, step.data);
    // The citizen account holding the national ID the scenario files under (`as.nationalId`,
    // else the form's applicant or its first `self`/`party` subject, as the simulator
    // presumes): they file online as themself, or are the applicant an officer files for at
    // the counter.
    const nationalId = step.as?.nationalId ?? presumedFiler(compiled, this.#data);
    const citizen: Principal = { id: step.as?.id ?? (nationalId ? `citizen-${nationalId}` : 'applicant'), kind: 'citizen', ...(nationalId ? { nationalId } : {}) };
    this.#citizen = citizen;
    // The account exists before the filing, whoever files: a counter filing names its holder.
    await this.session.tokenFor(citizen);
    const level = compiled.procedure.level;
    const unit = step.unit ?? this.world.units[level];
    // The server decides the channel from who files (a body naming one is refused): the
    // scenario's `channel:` says who files here.
    const filer = filerFor(step.channel ?? 'online', citizen, unit);
    const uploads = await this.#upload(step.upload, filer);
    this.#fresh.clear();
    const view = await this.api.json<CaseView>('POST', '/api/cases', {
      procedure: compiled.procedure.code,
      version: compiled.procedure.version,
      unit,
      data: step.data,
      uploads,
    }, await this.session.tokenFor(filer));
    this.#root = view.id;
    this.#answer(view);
  }

  /** The person the form names as `subject` consents, signed in as themself (their own account). */
  async #consent(kase: CaseView, subject: string): Promise<void> {
    const nationalId = this.#data ? subjectNationalId(this.#compiledOf(kase.procedure.code), this.#data, subject) : undefined;
    const person: Principal = { id: `citizen-${nationalId ?? subject}`, kind: 'citizen', ...(nationalId ? { nationalId } : {}) };
    // The answer is the consent, not the case: what it changed is read again.
    this.#fresh.clear();
    await this.api.json('POST', `/api/cases/${encodeURIComponent(kase.id)}/consents/${encodeURIComponent(subject)}`, {}, await this.session.tokenFor(person));
  }

  async #act(kase: CaseView, step: Extract<ScenarioStep, { kind: 'act' }>): Promise<void> {
    const compiled = this.#compiledOf(kase.procedure.code);
    const task = taskOf(compiled.procedure.steps, step.step);
    const as = step.as;
    const roles = as.roles ?? (as.role ? [as.role] : task ? [task.role] : []);
    const level = as.level ?? task?.level ?? compiled.procedure.level;
    // Roles at the test unit of the officer's level (and the case's own unit when a scenario
    // named one): the server hands the task to the unit of its level, as the simulator does.
    const caseUnitIsTest = Object.values(this.world.units).includes(kase.unit);
    const units = as.unit ? [as.unit] : [...new Set([this.world.units[level], ...(caseUnitIsTest ? [] : [kase.unit])].filter((u): u is string => u !== undefined))];
    const officer: Principal = { id: (as.id ?? `officer-${roles.join('+')}-${level}`).slice(0, 128), kind: 'officer', roles: units.flatMap((unit) => roles.map((role) => ({ role, unit }))) };
    await this.#action(kase, await this.session.tokenFor(officer), step.action, { step: step.step, ...(step.form ? { form: step.form } : {}) });
  }

  async #action(kase: CaseView, token: string, action: string, extra: { step?: string; form?: unknown; uploads?: Record<string, string> }): Promise<void> {
    // Whatever the answer, the command may have changed cases: nothing read before is current.
    this.#fresh.clear();
    const view = await this.api.json<CaseView>('POST', `/api/cases/${encodeURIComponent(kase.id)}/actions`, { step: extra.step ?? kase.steps[0] ?? action, action, version: kase.version, ...(extra.form !== undefined ? { form: extra.form } : {}), ...(extra.uploads ? { uploads: extra.uploads } : {}) }, token);
    this.#answer(view);
  }

  /**
   * Pays as a citizen does (the server refuses a declared payment): starts a payment of the
   * balance due and chooses "pay" on the built-in gateway simulator, whose signed IPN completes
   * the payment step. A scenario's `amount` is the in-process simulator's; the gateway charges the balance.
   */
  async #pay(kase: CaseView, token: string): Promise<void> {
    this.#fresh.clear();
    const started = await this.api.json<{ redirectUrl: string }>('POST', `/api/cases/${encodeURIComponent(kase.id)}/payments`, undefined, token);
    const request = Object.fromEntries(new URL(started.redirectUrl).searchParams);
    await this.api.form('/api/payments/simulator/complete', { ...request, choice: 'pay' });
  }

  async #upload(components: readonly string[], uploader: Principal | undefined): Promise<Record<string, string>> {
    if (!this.#citizen || !uploader) throw notSubmitted(this.setup.compiled);
    const out: Record<string, string> = {};
    for (const id of components) out[id] = await this.session.upload(this.#citizen.id, id, uploader);
    return out;
  }

  async #citizenToken(): Promise<string> {
    if (!this.#citizen) throw notSubmitted(this.setup.compiled);
    return this.session.tokenFor(this.#citizen);
  }

  /** The root case, or the case `target` names: `a/b` is the case `b` started by the case `a`. */
  async #find(target: string | undefined): Promise<CaseView> {
    if (this.#root === undefined) {
      if (target === undefined) throw notSubmitted(this.setup.compiled);
      throw unknownCase(target, this.setup.compiled.procedure.code, []);
    }
    const token = await this.#citizenToken();
    let kase = await this.#read(this.#root, token);
    for (const name of target === undefined ? [] : target.split('/')) {
      const child = kase.children?.find((c) => c.step === name || (c.step === undefined && c.procedure === name));
      if (!child) throw unknownCase(name, kase.procedure.code, (kase.children ?? []).map((c) => c.step ?? c.procedure));
      kase = await this.#read(child.id, token);
    }
    return kase;
  }

  #compiledOf(code: string): CompiledProcedure {
    if (code === this.setup.compiled.procedure.code) return this.setup.compiled;
    const found = this.setup.resolve?.(code);
    if (!found) throw new NotFoundError('E_SCENARIO_UNKNOWN_PROCEDURE', `procedure ${code} is not in the scenario's library`, { hint: 'Run the scenario from the library that holds every procedure it starts.' });
    return found;
  }
}

/** The one-stop counter's clerk: files at the counter of the unit for the applicant the form names. */
const COUNTER_ROLE = 'reception-officer';

/**
 * Who files for a scenario's `channel:` (the server derives the channel from it): the citizen
 * online, an officer holding a role at the unit at the counter. Another channel cannot be
 * filed over HTTP.
 */
function filerFor(channel: string, citizen: Principal, unit: string | undefined): Principal {
  if (channel === 'online') return citizen;
  if (channel === 'counter' && unit !== undefined) return { id: `counter-${unit}`.slice(0, 128), kind: 'officer', roles: [{ role: COUNTER_ROLE, unit }] };
  throw new MotcuaError('E_SCENARIO_CHANNEL', `a case cannot be filed through channel '${channel}' over HTTP`, {
    status: 400,
    path: 'channel',
    hint: 'The server decides the channel from who files: `online` (the citizen) or `counter` (an officer of the unit). Use one of them, or run this scenario without --server.',
  });
}

/** What the runner compares, read off the API's case view. */
function observed(kase: CaseView): ObservedCase {
  const fees = kase.fees as { total?: number } | undefined;
  const components = (kase.components ?? {}) as Record<string, { status: ObservedCase['components'][string] }>;
  const closed = kase.outcome !== undefined;
  return {
    active: kase.steps,
    outcome: kase.outcome,
    status: kase.status,
    fees: fees?.total ?? 0,
    deadline: kase.due ?? '',
    onTime: kase.onTime,
    // Closed: whether it closed late, as the runner counts it; open: the server's running verdict.
    overdue: closed ? kase.onTime === false : kase.overdue,
    components: Object.fromEntries(Object.entries(components).map(([id, c]) => [id, c.status])),
  };
}

/** The procedure under test and every procedure its cases may start (child and linked), once each. */
function reachable(root: CompiledProcedure, resolve: CaseSetup['resolve']): Procedure[] {
  const out = new Map<string, Procedure>();
  const visit = (p: Procedure): void => {
    if (out.has(p.code)) return;
    out.set(p.code, p);
    const codes = [...(p.linked ?? []).map((l) => l.procedure), ...procedureSteps(p.steps)];
    for (const code of codes) {
      const next = resolve?.(code);
      if (next) visit(next.procedure);
    }
  };
  visit(root.procedure);
  return [...out.values()];
}

function procedureSteps(steps: readonly Step[]): string[] {
  return steps.flatMap((s) => (s.kind === 'procedure' ? [s.procedure] : s.kind === 'parallel' ? Object.values(s.branches).flatMap(procedureSteps) : []));
}

function taskOf(steps: readonly Step[], id: string): Extract<Step, { kind: 'task' }> | undefined {
  for (const s of steps) {
    if (s.kind === 'task' && s.id === id) return s;
    if (s.kind === 'parallel') {
      const inner = taskOf(Object.values(s.branches).flat(), id);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The library calendars the procedures run on (and those they extend), for a server that lacks them. */
function calendarsOf(procedures: readonly Procedure[], library: Library | undefined): Record<string, CalendarSpec> {
  const out: Record<string, CalendarSpec> = {};
  const add = (id: string): void => {
    const spec = library?.calendars.get(id);
    if (!spec || out[id]) return;
    out[id] = spec;
    if (spec.extends) add(spec.extends);
  };
  for (const p of procedures) add(p.calendar ?? 'vn');
  return out;
}

/** The calendar that overrides every procedure's for this scenario: inline, or a library calendar by id; null for none. */
function inlineCalendar(calendar: CaseSetup['scenario']['calendar'], library: Library | undefined): CalendarSpec | null {
  if (calendar === undefined) return null;
  if (typeof calendar !== 'string') return calendar;
  const spec = library?.calendars.get(calendar);
  return spec ? { id: calendar, ...spec } : null;
}

function notSubmitted(compiled: CompiledProcedure): MotcuaError {
  return new MotcuaError('E_SCENARIO_NOT_SUBMITTED', `no case of ${compiled.procedure.code} was submitted yet`, { status: 400, hint: 'Start the case with `submit` first.' });
}

function unknownCase(name: string, parent: string, known: string[]): NotFoundError {
  return new NotFoundError('E_SCENARIO_UNKNOWN_CASE', `no child or linked case '${name}' was started by ${parent}`, {
    hint: known.length ? `Started so far: ${known.join(', ')}.` : 'None was started yet: the parent must reach its procedure step (or submit, for linked procedures) first.',
  });
}
