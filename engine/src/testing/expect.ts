import { parseInstant } from '../calendar';
import { RefusalError, type MotcuaError } from '../errors';
import type { ObservedCase } from './driver';
import type { Expectation } from './scenario';

/** One `expect` key that did not hold. */
export interface Mismatch {
  /** The key of `expect` that failed (`fees`, `deadline`, `components.applicant-id`...). */
  field: string;
  expected: unknown;
  actual: unknown;
}

/** What a step left behind: the case (when there is one) and the refusal, if any. */
export interface Observation {
  /** The case, when there is one (submitted, started) and an expectation needs it. */
  sim: ObservedCase | undefined;
  error: MotcuaError | undefined;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join('\0') === [...b].sort().join('\0');

/**
 * Compares an expectation with what the step produced; returns every key that differs.
 * Deadlines compare as instants (`17:00+07:00` equals `10:00Z`), states inside a parallel step
 * as sets. A refusal the expectation did not announce is a mismatch on `error`.
 */
export function compareExpectation(expect: Expectation, seen: Observation): Mismatch[] {
  const out: Mismatch[] = [];
  const { sim, error } = seen;
  if (expect.error !== undefined || error) {
    if (expect.error !== (error?.code ?? undefined)) {
      out.push({ field: 'error', expected: expect.error ?? 'no refusal', actual: error ? describeRefusal(error) : 'accepted (no refusal)' });
    }
  }
  if (expect.missing !== undefined) {
    const listed = error instanceof RefusalError && error.code === 'E_MISSING_COMPONENTS' ? error.problems.map((p) => p.path ?? '') : [];
    if (!sameSet(expect.missing, listed)) out.push({ field: 'missing', expected: expect.missing, actual: listed });
  }
  const rest = Object.keys(expect).filter((k) => k !== 'error' && k !== 'missing');
  if (rest.length === 0) return out;
  if (!sim) {
    for (const k of rest) out.push({ field: k, expected: (expect as Record<string, unknown>)[k], actual: 'no case (not submitted, or not started yet)' });
    return out;
  }
  if (expect.state !== undefined) {
    const want = Array.isArray(expect.state) ? expect.state : [expect.state];
    const have = sim.outcome ? [sim.outcome] : sim.active;
    if (!sameSet(want, have)) out.push({ field: 'state', expected: expect.state, actual: have.length === 1 ? have[0] : have });
  }
  if (expect.outcome !== undefined && expect.outcome !== sim.outcome) out.push({ field: 'outcome', expected: expect.outcome, actual: sim.outcome ?? `none yet (waiting in ${sim.active.join(', ')})` });
  if (expect.status !== undefined && expect.status !== sim.status) out.push({ field: 'status', expected: expect.status, actual: sim.status });
  if (expect.fees !== undefined && expect.fees !== sim.fees) out.push({ field: 'fees', expected: expect.fees, actual: sim.fees });
  if (expect.deadline !== undefined && parseInstant(expect.deadline) !== parseInstant(sim.deadline)) out.push({ field: 'deadline', expected: expect.deadline, actual: sim.deadline });
  if (expect.onTime !== undefined && expect.onTime !== sim.onTime) out.push({ field: 'onTime', expected: expect.onTime, actual: sim.onTime ?? 'not closed yet' });
  if (expect.overdue !== undefined && expect.overdue !== sim.overdue) out.push({ field: 'overdue', expected: expect.overdue, actual: sim.overdue });
  if (expect.components !== undefined) {
    const have = sim.components;
    for (const [id, status] of Object.entries(expect.components)) {
      if (have[id] !== status) out.push({ field: `components.${id}`, expected: status, actual: have[id] ?? 'not a component of the case' });
    }
  }
  return out;
}

/** `E_CODE: message`, with each listed problem when the message only names paths. */
export function describeRefusal(error: MotcuaError): string {
  const head = `${error.code}: ${error.message}`;
  if (!(error instanceof RefusalError) || error.problems.length === 0 || error.code === 'E_MISSING_COMPONENTS') return head;
  return `${head} (${error.problems.map((p) => p.message).join('; ')})`;
}
