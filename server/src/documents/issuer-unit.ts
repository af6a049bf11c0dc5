/** Which unit issues a result: the case's unit, or its ancestor at the result's `issuer` level. */
import type { Level } from 'motcua/engine';

export interface UnitNode {
  id: string;
  name?: string | null;
  level?: string | null;
  parent?: string | null;
}

/**
 * Walks up from the case's unit to the first unit at `level` (a province-level result of a
 * case filed at a commune is issued by its province). Without a level, or when no ancestor
 * has it (an incomplete unit tree), the case's own unit issues: a document is never held back
 * for want of a unit.
 */
export function issuerUnit(units: readonly UnitNode[], caseUnit: string, level: Level | undefined): UnitNode {
  const byId = new Map(units.map((u) => [u.id, u]));
  const own = byId.get(caseUnit) ?? { id: caseUnit };
  if (!level) return own;
  const seen = new Set<string>();
  for (let u: UnitNode | undefined = own; u && !seen.has(u.id); u = u.parent ? byId.get(u.parent) : undefined) {
    if (u.level === level) return u;
    seen.add(u.id);
  }
  return own;
}
