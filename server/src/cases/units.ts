/**
 * The org units a case's tasks go to. Units change rarely (an admin edits them), so they are
 * read once and kept until `invalidate`; every transition asks them which unit owns each task.
 */
import type { Level } from 'motcua/engine';
import type { Sql } from '../db';
import type { CaseSummary } from './engine-port';

export interface UnitInfo {
  id: string;
  level: Level;
  parent: string | null;
  /** The last day the unit exists (a reorganization ended it); null while it does. */
  valid_to?: string | null;
  /** The units that took over from it (merged into, split into). */
  successors?: string[];
}

export class UnitDirectory {
  private units: Map<string, UnitInfo> | undefined;

  /** The units, read through `sql` the first time. */
  async load(sql: Sql): Promise<ReadonlyMap<string, UnitInfo>> {
    if (!this.units) {
      const rows = await sql.all<UnitInfo>('SELECT id, level, parent, valid_to FROM units', []);
      const units = new Map(rows.map((r) => [r.id, r]));
      for (const l of await sql.all<{ unit_id: string; successor_id: string }>('SELECT unit_id, successor_id FROM unit_successors ORDER BY successor_id', [])) {
        const u = units.get(l.unit_id);
        if (u) u.successors = [...(u.successors ?? []), l.successor_id];
      }
      this.units = units;
    }
    return this.units;
  }

  /** Forgets the units (after an admin edits them). */
  invalidate(): void {
    this.units = undefined;
  }
}

/** A task at a higher level than the case's unit goes to the ancestor unit at that level. */
export function taskUnits(caseUnit: string, summary: Pick<CaseSummary, 'tasks'>, units: ReadonlyMap<string, UnitInfo>): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of summary.tasks) {
    let unit = units.get(caseUnit);
    while (t.level && unit && unit.level !== t.level && unit.parent) unit = units.get(unit.parent);
    out.set(t.step, unit && (!t.level || unit.level === t.level) ? unit.id : caseUnit);
  }
  return out;
}

/** Whether `unit` handed its files over, directly or through later reorganizations, to one of `holders`. */
export function succeededBy(units: ReadonlyMap<string, UnitInfo>, unit: string, holders: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const todo = [...(units.get(unit)?.successors ?? [])];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    if (holders.has(next)) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    todo.push(...(units.get(next)?.successors ?? []));
  }
  return false;
}
