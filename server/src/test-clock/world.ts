/**
 * The world of a server started with `motcua serve --test-clock`: a clock that only moves
 * when a test says so, an optional working calendar that overrides every procedure's (a
 * scenario's inline `calendar:`), and calendars added by tests for the procedures they
 * register. Never created otherwise: without `--test-clock` the server reads the real time.
 */
import { compileCalendar, type CalendarSpec, type WorkingCalendar } from 'motcua/engine';

/** Test units, one per level, created at start in test-clock mode (commune under province). */
export const TEST_UNITS = [
  { id: 'test-ministry', name: 'Bộ thử nghiệm (test)', level: 'ministry' as const },
  { id: 'test-province', name: 'Tỉnh thử nghiệm (test)', level: 'province' as const },
  { id: 'test-commune', name: 'Xã thử nghiệm (test)', level: 'commune' as const, parent: 'test-province' },
] as const;

export class TestClock {
  #now: number;
  #calendar: WorkingCalendar | undefined;
  /** Compiled calendars by their JSON: a scenario file's cases all send the same one. */
  readonly #compiled = new Map<string, WorkingCalendar>();

  /**
   * @param start the first instant (epoch ms)
   * @param calendars the library's calendars, which tests may add to (`addCalendars`); the
   *   engine reads the same map, so a procedure registered afterwards finds its calendar
   * @param fireTimers fires the alarms due at the clock's instant (the timer poller's tick)
   */
  constructor(start: number, readonly calendars: Map<string, CalendarSpec>, public fireTimers: () => Promise<number> = () => Promise.resolve(0)) {
    this.#now = start;
  }

  /** Epoch ms of the test clock. */
  get now(): number {
    return this.#now;
  }

  /** The calendar every procedure runs on while set (a scenario's inline `calendar:`). */
  get calendar(): WorkingCalendar | undefined {
    return this.#calendar;
  }

  /** Sets the clock (backwards too: each scenario case starts at its own `clock:`), then fires the alarms due. */
  async set(ms: number): Promise<number> {
    this.#now = ms;
    return this.fireTimers();
  }

  /** Overrides every procedure's calendar; `null` goes back to each procedure's own. Throws on an invalid spec. */
  setCalendar(spec: CalendarSpec | null): void {
    if (spec === null) {
      this.#calendar = undefined;
      return;
    }
    const key = JSON.stringify(spec);
    let cal = this.#compiled.get(key);
    if (!cal) {
      cal = compileCalendar(spec, { file: '<test calendar>', lookup: (id) => this.calendars.get(id) });
      this.#compiled.set(key, cal);
    }
    this.#calendar = cal;
  }

  /** Adds calendars the server does not hold (by id); returns the ids added. Held ones are kept as they are. */
  addCalendars(specs: Record<string, CalendarSpec>): string[] {
    const added: string[] = [];
    for (const [id, spec] of Object.entries(specs)) {
      if (this.calendars.has(id)) continue;
      this.calendars.set(id, spec);
      added.push(id);
    }
    return added;
  }
}
