/** The organisational units (bundled from the library's catalogue) for the portal's commune picker. */
import { type Level, parseSource } from 'motcua/engine';
import raw from '../../../procedures/catalogues/units.yaml?raw';

export interface Unit {
  id: string;
  name: string;
  level: Level;
  parent?: string;
}

/** Units of a catalogue text; entries without id, name or level are skipped. */
export function parseUnits(text: string): Unit[] {
  const value = parseSource(text, 'units.yaml').value;
  if (!Array.isArray(value)) return [];
  return value.filter((u): u is Unit => typeof u === 'object' && u !== null && typeof (u as Unit).id === 'string' && typeof (u as Unit).name === 'string' && typeof (u as Unit).level === 'string');
}

export const UNITS: readonly Unit[] = parseUnits(raw);

/** Units of one level grouped under their parent's name, for an <optgroup> list. */
export function unitsByParent(units: readonly Unit[], level: Level): { parent: string; units: Unit[] }[] {
  const names = new Map(units.map((u) => [u.id, u.name]));
  const groups = new Map<string, Unit[]>();
  for (const u of units) {
    if (u.level !== level) continue;
    const parent = u.parent ? (names.get(u.parent) ?? u.parent) : '';
    groups.set(parent, [...(groups.get(parent) ?? []), u]);
  }
  return [...groups].map(([parent, list]) => ({ parent, units: list }));
}
