/**
 * A unit's score under the national service-quality index (Decision 766/QĐ-TTg), computed
 * group by group from the unit's own cases. Only indicators the engine can know are measured;
 * the others (petitions, publication of procedures, synchronization to national databases,
 * payments through the portal...) are reported as not measured, never guessed. Weights and
 * thresholds are those of docs/statistics.md (public tools that reproduce the portal's scores).
 */
import type { Group766, Index766, Indicator766, StatsFigures } from 'motcua/contract';

const notMeasured = (id: string, max: number, reason: string): Indicator766 => ({ id, max, kind: 'notMeasured', reason });

/** `max` points scaled by `share` reaching `full` (1 = 100%); not measured when the share is unknown. */
function scaled(id: string, max: number, share: number | null, full: number, basis: string, none: string): Indicator766 {
  if (share === null) return notMeasured(id, max, none);
  const points = Math.round(max * Math.min(1, share / full) * 100) / 100;
  return { id, max, kind: 'measured', points, value: share, basis };
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

const OUTSIDE = 'not recorded by the engine (the national portal and catalogue keep it)';
const PETITIONS = 'petitions (phản ánh, kiến nghị) are not handled by the engine';

function group(id: Group766['id'], max: number, indicators: Indicator766[]): Group766 {
  const measured = indicators.filter((i): i is Extract<Indicator766, { kind: 'measured' }> => i.kind === 'measured');
  return {
    id,
    max,
    points: measured.length ? Math.round(measured.reduce((s, i) => s + i.points, 0) * 100) / 100 : null,
    measuredMax: measured.reduce((s, i) => s + i.max, 0),
    indicators,
  };
}

/** The index of one unit (its figures include its communes'). */
export function index766(f: StatsFigures): Index766 {
  const noneReceived = 'no case received in the period';
  const groups: Group766[] = [
    group('transparency', 18, [
      notMeasured('procedures-announced-on-time', 6, OUTSIDE),
      notMeasured('national-database-updated-on-time', 4, OUTSIDE),
      notMeasured('procedures-published-complete', 2, OUTSIDE),
      notMeasured('dossiers-synchronized-to-portal', 6, 'synchronization to the national portal is not done by the engine'),
    ]),
    group('progress', 20, [
      scaled('resolved-on-time', 20, ratio(f.onTime, f.received), 1, 'on time / received, the portal\'s count', noneReceived),
    ]),
    group('online-services', 12, [
      notMeasured('procedures-offered-online', 2, OUTSIDE),
      notMeasured('online-services-with-dossiers', 4, OUTSIDE),
      scaled('dossiers-filed-online', 6, ratio(f.online, f.received), 0.5, 'filed online / received, full at 50%', noneReceived),
    ]),
    group('online-payment', 10, [
      notMeasured('dossiers-paid-online', 6, 'the payment channel is not recorded by the engine'),
      notMeasured('fee-procedures-with-online-payments', 2, OUTSIDE),
      notMeasured('fee-procedures-payable-on-portal', 2, OUTSIDE),
    ]),
    group('digitization', 22, [
      scaled('electronic-results', 6, ratio(f.electronicResults, f.resolved), 1, 'closed with a signed electronic result / closed', 'no case closed'),
      notMeasured('dossiers-digitized', 4, OUTSIDE),
      notMeasured('electronic-certified-copies', 2, OUTSIDE),
      notMeasured('digitized-data-reused', 2, OUTSIDE),
      notMeasured('results-synchronized-to-citizen-store', 4, 'synchronization to the citizen\'s national data store is not done by the engine'),
      notMeasured('population-database-by-dossier', 2, OUTSIDE),
      notMeasured('population-database-by-procedure', 2, OUTSIDE),
    ]),
    group('satisfaction', 18, [
      notMeasured('petitions-handled-on-time', 6, PETITIONS),
      notMeasured('petition-handling-satisfaction', 6, PETITIONS),
      notMeasured('handling-satisfaction', 6, 'needs the share of dossiers with a complaint, which the engine does not record'),
    ]),
  ];
  return {
    groups,
    points: Math.round(groups.reduce((s, g) => s + (g.points ?? 0), 0) * 100) / 100,
    measuredMax: groups.reduce((s, g) => s + g.measuredMax, 0),
  };
}
