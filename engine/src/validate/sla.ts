import type { CalendarSpec } from '../calendar/types';
import type { Reporter } from './report';
import { branchEntries, edgesOf, isRecord, scopeIndex, type Loose, type StepSite } from './walk';

interface Amount {
  value: number;
  unit: string;
}

function durationOf(v: unknown): Amount | undefined {
  if (!isRecord(v) || typeof v.value !== 'number' || typeof v.unit !== 'string') return undefined;
  return { value: v.value, unit: v.unit };
}

/** Working hours in one day of the calendar: the sum of its windows. */
export function hoursPerDay(calendar: CalendarSpec): number | undefined {
  let minutes = 0;
  for (const w of Array.isArray(calendar.hours) ? calendar.hours : []) {
    const [a, b] = Array.isArray(w) ? w : [];
    const m = (t: unknown): number | undefined => {
      const r = typeof t === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(t) : null;
      return r ? Number(r[1]) * 60 + Number(r[2]) : undefined;
    };
    const from = m(a);
    const to = m(b);
    if (from === undefined || to === undefined || to <= from) return undefined;
    minutes += to - from;
  }
  return minutes > 0 ? minutes / 60 : undefined;
}

/**
 * W_SLA_EXCEEDS_DEADLINE: the steps' SLAs along the longest path from the first step (a
 * parallel step costing its slowest branch; loops such as supplement -> verify counted
 * once) must fit in the statutory deadline. SLAs are compared in the deadline's unit; a
 * working-day and a working-hour are converted through the calendar's working hours per
 * day only when the calendar is known. Anything else that cannot be compared (calendar-day
 * against working time, an unknown calendar) skips the check rather than guess. A deadline
 * of 0 working days (the receipt day) gives a budget of one working day.
 */
export function checkSla(procedure: Loose, sites: readonly StepSite[], reporter: Reporter, calendar?: CalendarSpec): void {
  const deadline = durationOf(procedure.deadline);
  if (!deadline) return;
  const perDay = calendar ? hoursPerDay(calendar) : undefined;
  const convert = (a: Amount): number | undefined => {
    if (a.unit === deadline.unit) return a.value;
    if (perDay === undefined) return undefined;
    if (a.unit === 'working-day' && deadline.unit === 'working-hour') return a.value * perDay;
    if (a.unit === 'working-hour' && deadline.unit === 'working-day') return a.value / perDay;
    return undefined;
  };
  let comparable = true;
  const cost = new Map<StepSite, number>();
  for (const s of sites) {
    const sla = durationOf(s.step.sla);
    const c = sla ? convert(sla) : 0;
    if (c === undefined) comparable = false;
    cost.set(s, c ?? 0);
  }
  if (!comparable || ![...cost.values()].some((c) => c > 0)) return;

  const byScope = scopeIndex(sites);
  const memo = new Map<StepSite, { total: number; path: string[] }>();
  const onStack = new Set<StepSite>();
  const longest = (s: StepSite): { total: number; path: string[] } => {
    const known = memo.get(s);
    if (known) return known;
    onStack.add(s);
    let own = cost.get(s) ?? 0;
    const label = [s.id ?? '?'];
    if (s.kind === 'parallel') {
      let slowest = { total: 0, path: [] as string[] };
      for (const e of branchEntries(sites, s)) {
        const r = longest(e);
        if (r.total > slowest.total) slowest = r;
      }
      own += slowest.total;
      if (slowest.path.length) label.push(`(${slowest.path.join(' -> ')})`);
    }
    let best = { total: 0, path: [] as string[] };
    for (const edge of edgesOf(s)) {
      const next = byScope.get(s.scope)?.get(edge.target);
      if (!next || onStack.has(next)) continue; // loops (supplement -> verify) count once
      const r = longest(next);
      if (r.total > best.total) best = r;
    }
    onStack.delete(s);
    const result = { total: own + best.total, path: [label.join(' '), ...best.path] };
    memo.set(s, result);
    return result;
  };
  const start = sites.find((s) => s.scope === 'top');
  if (!start) return;
  const r = longest(start);
  const budget = deadline.unit === 'working-day' && deadline.value === 0 ? 1 : deadline.value;
  const total = Math.round(r.total * 100) / 100;
  if (total > budget) {
    reporter.add('W_SLA_EXCEEDS_DEADLINE', ['deadline'], `the SLAs on the path ${r.path.join(' -> ')} add up to ${total} ${deadline.unit}, more than the deadline of ${deadline.value} ${deadline.unit}`, { at: 'key' });
  }
}
