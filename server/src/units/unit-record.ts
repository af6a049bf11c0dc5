/**
 * A unit as the `units` table holds it, with the days it is in force: one shape and one
 * validity rule for the reorganizer and the public unit list alike.
 */
import type { Level } from 'motcua/engine';

/** A `units` row with its validity (ISO dates, inclusive; null: open-ended). */
export interface UnitRecord {
  id: string;
  name: string;
  level: Level;
  parent: string | null;
  code: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

/** True when `unit` is in force on `day` (an ISO date): on or after its first day, on or before its last. */
export function unitInForce(unit: Pick<UnitRecord, 'valid_from' | 'valid_to'>, day: string): boolean {
  return (unit.valid_from === null || unit.valid_from <= day) && (unit.valid_to === null || unit.valid_to >= day);
}
