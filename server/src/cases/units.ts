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
}

export class UnitDirectory {
  private units: Map<string, UnitInfo> | undefined;

  /** The units, read through `sql` the first time. */
  async load(sql: Sql): Promise<ReadonlyMap<string, UnitInfo>> {
    if (!this.units) {
      const rows = await sql.all<UnitInfo>('SELECT id, level, parent FROM units', []);
      this.units = new Map(rows.map((r) => [r.id, r]));
    }
    return this.units;
  }

  /** Forgets the units (after an admin edits them). */
  invalidate(): void {
    this.units = undefined;
  }
}

/** A task at a higher level than the case's unit goes to the ancestor unit at that level. */
export function taskUnits(caseUnit: string, summary: CaseSummary, units: ReadonlyMap<string, UnitInfo>): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of summary.tasks) {
    let unit = units.get(caseUnit);
    while (t.level && unit && unit.level !== t.level && unit.parent) unit = units.get(unit.parent);
    out.set(t.step, unit && (!t.level || unit.level === t.level) ? unit.id : caseUnit);
  }
  return out;
}
