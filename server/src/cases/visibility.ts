/**
 * Which cases a principal may open: one rule for the case page and for every list that links
 * to cases (the statistics' overdue cases), so that a list never offers a case its reader
 * would be refused. A citizen opens their own; an officer the cases of a unit they hold a role
 * in, of a unit that holds or held a task in it (a province step of a commune's case), and of
 * a unit whose files theirs took over in a reorganization. A leader who supervises a commune
 * from its province sees its figures, not its citizens' files.
 */
import { canViewCase, type Principal } from '../auth';
import type { Sql } from '../db';
import { succeededBy, type UnitInfo } from './units';

/** What the rule reads of a case. */
export interface CaseAccessFacts {
  id: string;
  applicantId: string;
  unitId: string;
}

/** The ids of `cases` that `principal` may open (a subset of theirs, in one or two queries). */
export async function casesOpenTo(sql: Sql, principal: Principal, cases: readonly CaseAccessFacts[], units: ReadonlyMap<string, UnitInfo>): Promise<Set<string>> {
  const open = new Set(cases.filter((c) => canViewCase(principal, c)).map((c) => c.id));
  if (principal.kind !== 'officer' || !principal.roles.length) return open;
  const mine = new Set(principal.roles.map((r) => r.unit));
  for (const c of cases) if (!open.has(c.id) && succeededBy(units, c.unitId, mine)) open.add(c.id);
  const rest = cases.filter((c) => !open.has(c.id)).map((c) => c.id);
  if (!rest.length) return open;
  const marks = rest.map(() => '?').join(', ');
  const held = [...mine];
  const unitMarks = held.map(() => '?').join(', ');
  for (const r of await sql.all<{ case_id: string }>(`SELECT DISTINCT case_id FROM work_items WHERE case_id IN (${marks}) AND unit_id IN (${unitMarks})`, [...rest, ...held])) open.add(r.case_id);
  const still = rest.filter((id) => !open.has(id));
  if (!still.length) return open;
  // Acted on before: an officer's event on the timeline, from one of the principal's units.
  const events = await sql.all<{ case_id: string; body: string }>(`SELECT case_id, body FROM case_events WHERE case_id IN (${still.map(() => '?').join(', ')})`, still);
  for (const e of events) {
    if (open.has(e.case_id)) continue;
    const actor = (JSON.parse(e.body) as { actor?: { kind?: string; unit?: string } }).actor;
    if (actor?.kind === 'officer' && actor.unit !== undefined && mine.has(actor.unit)) open.add(e.case_id);
  }
  return open;
}
