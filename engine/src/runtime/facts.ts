/**
 * What statistics need to know about a case, read off its state: where and how it was filed,
 * when it closed, whether it closed on time as the national public service portal counts it,
 * and how long it was in the administration's hands. The server stores these facts in the
 * transition's transaction (its statistics are sums of them); tests compute the same sums
 * from the states independently.
 */
import { localDay, parseInstant, workingTimeSpent, type WorkingCalendar } from '../calendar';
import type { CompiledProcedure } from '../compile/compile-procedure';
import type { Level } from '../model/procedure';
import type { CaseState } from './types';

/** The channel a citizen's own filing comes through (the server's `channel` for portal filings). */
export const ONLINE_CHANNEL = 'online';

/** A case's statistical facts (instants in epoch ms). */
export interface CaseFacts {
  sector: string | null;
  level: Level;
  /** Filed by the citizen through the portal (channel `online`), not at a counter. */
  online: boolean;
  /** Submission instant: the period a case belongs to is the one it was received in. */
  receivedAt: number;
  /** Local epoch day of `receivedAt` in the procedure's calendar zone. */
  receivedDay: number;
  /** Set once the case reached an outcome (done, rejected, withdrawn, cancelled). */
  closedAt?: number;
  /**
   * The instant after which the case counts as late while open: the statutory due while the
   * clock runs, or while suspended after the due passed; absent while a supplement is awaited
   * with time left (supplement time is not counted) and once closed. (The due-soon instant is
   * `dueSoonInstant`'s, which the caller already has.)
   */
  lateAfter?: number;
  /** Requests for supplementary documents made so far (suspensions of the clock). */
  supplements: number;
  /** Closed cases: on time as the national portal counts it ({@link portalOnTime}). */
  onTime?: boolean;
  /** Closed cases: working days from receipt to closure, supplement time excluded. */
  processingDays?: number;
  /** The outcome issued an electronic result document (signed by the server). */
  electronicResult: boolean;
}

/**
 * The national portal's rule for a closed case: closed at or before its due (the due already
 * excludes the time waiting for supplements: the clock is suspended then), and at most one
 * request for supplementary documents (more than one counts as overdue).
 */
export function portalOnTime(state: Pick<CaseState, 'onTime' | 'clock'>): boolean {
  return state.onTime === true && state.clock.suspensions.length <= 1;
}

/** The facts of `state`, a case of `compiled`, on its calendar. */
export function caseFacts(compiled: CompiledProcedure, state: CaseState, calendar: WorkingCalendar): CaseFacts {
  const receivedAt = parseInstant(state.submittedAt);
  const clock = state.clock;
  const closedAt = state.outcome !== undefined && state.closedAt !== undefined ? parseInstant(state.closedAt) : undefined;
  const facts: CaseFacts = {
    sector: compiled.procedure.sector ?? null,
    level: compiled.procedure.level,
    online: state.channel === ONLINE_CHANNEL,
    receivedAt,
    receivedDay: localDay(calendar, receivedAt),
    supplements: clock.suspensions.length,
    electronicResult: state.result !== undefined,
  };
  if (closedAt !== undefined) {
    facts.closedAt = closedAt;
    facts.onTime = portalOnTime(state);
    facts.processingDays = workingTimeSpent(calendar, clock, closedAt) / calendar.dayWorkMs;
    return facts;
  }
  // A case awaiting consent is not received yet: its clock starts with the last consent, so it cannot be late.
  if (state.status === 'awaiting-consent') return facts;
  const suspended = clock.suspendedAt !== undefined;
  if (!suspended || (clock.remainingMs ?? 0) <= 0) facts.lateAfter = clock.due;
  return facts;
}
