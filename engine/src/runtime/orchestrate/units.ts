/**
 * Which unit handles a case: a pure function over a unit directory given as data (the
 * library's `catalogues/units.yaml`, or the server's `units` table). The server files cases
 * and starts child cases through it, and so does the scenario simulator: one rule.
 */
import { RefusalError, type Problem } from '../../errors';
import type { Level, Procedure } from '../../model/procedure';

/** One unit of the directory. `sectors`, when given, are the sectors its agency handles. */
export interface DirectoryUnit {
  id: string;
  level: Level;
  parent?: string | null;
  sectors?: readonly string[];
}

/** Units by id. */
export type UnitDirectory = ReadonlyMap<string, DirectoryUnit>;

/** What handling a procedure needs of a unit: the procedure's level and sector. */
export interface Handles {
  level: Level;
  sector?: string;
}

/** A routing: the unit, or the problem why no unit can handle the case. */
export type Route = { kind: 'unit'; unit: string } | { kind: 'none'; problem: Problem };

/** `from` or its nearest ancestor at `level`; undefined when none is. */
export function unitAtLevel(units: UnitDirectory, from: string, level: Level): DirectoryUnit | undefined {
  const seen = new Set<string>();
  for (let u = units.get(from); u && !seen.has(u.id); u = u.parent ? units.get(u.parent) : undefined) {
    seen.add(u.id);
    if (u.level === level) return u;
  }
  return undefined;
}

/**
 * The unit that handles a procedure for a case received at `from`: `from` or its nearest
 * ancestor at the procedure's level (a province procedure filed at a commune goes to its
 * province; a commune procedure cannot go down from a province or a ministry: none). Among
 * that unit's agencies at the same level (units whose parent it is, declaring `sectors`),
 * the first (by id) that handles the sector; else the unit itself, unless it declares sectors
 * without this one.
 */
export function routeUnit(units: UnitDirectory, from: string, handles: Handles): Route {
  const start = units.get(from);
  if (!start) {
    return none('E_UNKNOWN_UNIT', `unit '${from}' does not exist`, 'Use the id of a unit of the directory (catalogues/units.yaml).');
  }
  let home = unitAtLevel(units, from, handles.level);
  if (!home) {
    return none('E_UNIT_CANNOT_HANDLE', `unit '${from}' (${start.level}) cannot handle a ${handles.level}-level procedure: no ${handles.level}-level unit is above it`,
      handles.level === 'commune'
        ? 'File a commune-level procedure at a commune unit (Ủy ban nhân dân xã/phường).'
        : `File it at the ${handles.level}-level unit, or at a unit under it.`);
  }
  // An agency's umbrella (the province over its departments) is where the search starts.
  for (let up = home.parent ? units.get(home.parent) : undefined; up && up.level === handles.level; up = up.parent ? units.get(up.parent) : undefined) home = up;
  const sector = handles.sector;
  if (sector === undefined) return { kind: 'unit', unit: home.id };
  const umbrella = home;
  const agency = [...units.values()]
    .filter((u) => u.parent === umbrella.id && u.level === handles.level && u.sectors?.includes(sector))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
  if (agency) return { kind: 'unit', unit: agency.id };
  if (!home.sectors || home.sectors.includes(sector)) return { kind: 'unit', unit: home.id };
  return none('E_UNIT_CANNOT_HANDLE', `no unit of '${home.id}' handles sector '${sector}'`, `Declare the sector on one of its units (sectors: [${sector}]).`);
}

/** Like {@link routeUnit}, refusing (422, `path: unit`) when no unit handles the procedure. */
export function requireRoute(units: UnitDirectory, from: string, handles: Handles): string {
  const route = routeUnit(units, from, handles);
  if (route.kind === 'unit') return route.unit;
  throw new RefusalError(route.problem.code, route.problem.message, [route.problem], { path: 'unit', ...(route.problem.hint ? { hint: route.problem.hint } : {}) });
}

/**
 * A province's overlay is filed only in that province: the problem (path `unit`) when `from`
 * is not the province or a unit under it; undefined for a national procedure, or for a unit
 * the directory does not have (routing reports that one).
 */
export function overlayScopeProblem(units: UnitDirectory, from: string, procedure: Pick<Procedure, 'code' | 'overlay'>): Problem | undefined {
  const origin = procedure.overlay;
  if (!origin || !units.has(from)) return undefined;
  const seen = new Set<string>();
  for (let u = units.get(from); u && !seen.has(u.id); u = u.parent ? units.get(u.parent) : undefined) {
    if (u.id === origin.scope.province) return undefined;
    seen.add(u.id);
  }
  return {
    code: 'E_OVERLAY_SCOPE',
    message: `Thủ tục ${procedure.code} chỉ áp dụng tại '${origin.scope.province}'; đơn vị '${from}' không thuộc tỉnh này (the procedure applies in ${origin.scope.province} only; unit '${from}' is not in it)`,
    path: 'unit',
    hint: `File at a unit of ${origin.scope.province}, or file the national procedure ${origin.base.code}.`,
  };
}

/** Like {@link overlayScopeProblem}, refusing (422 E_OVERLAY_SCOPE, `path: unit`): the server and the simulator file through it. */
export function requireOverlayScope(units: UnitDirectory, from: string, procedure: Pick<Procedure, 'code' | 'overlay'>): void {
  const problem = overlayScopeProblem(units, from, procedure);
  if (problem) throw new RefusalError(problem.code, problem.message, [problem], { path: 'unit', ...(problem.hint ? { hint: problem.hint } : {}) });
}

function none(code: string, message: string, hint: string): Route {
  return { kind: 'none', problem: { code, message, path: 'unit', hint } };
}
