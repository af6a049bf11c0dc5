/**
 * Whose figures a caller may see, derived from the roles the server keeps: an administrator
 * sees every unit; an officer sees the units they hold a role in and every unit under them
 * (a commune's leader their commune, a province's their province and its communes, a
 * ministry's the ministry's units). Anyone else gets 403. Units have no sectors in the
 * server's model today, so a sector is a filter (`sector=`) inside a scope, not a scope.
 */
import { AccessError, MotcuaError } from 'motcua/engine';
import type { Principal } from '../auth';
import type { UnitInfo } from '../cases';

/** The units a caller may see: all, or a set (roots and everything under them). */
export type StatsScope = { kind: 'all' } | { kind: 'units'; roots: string[]; units: ReadonlySet<string> };

/** Every unit under `roots`, the roots included. */
export function subtree(roots: readonly string[], units: ReadonlyMap<string, UnitInfo>): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units.values()) {
    if (!u.parent) continue;
    const list = children.get(u.parent);
    if (list) list.push(u.id);
    else children.set(u.parent, [u.id]);
  }
  const out = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The caller's scope; 403 `E_FORBIDDEN` for citizens, authors and officers without roles. */
export function scopeOf(principal: Principal, units: ReadonlyMap<string, UnitInfo>): StatsScope {
  if (principal.kind === 'admin') return { kind: 'all' };
  const roots = [...new Set(principal.roles.map((r) => r.unit))].filter((u) => units.has(u));
  if (principal.kind !== 'officer' || !roots.length) {
    throw new AccessError('E_FORBIDDEN', 'Statistics are for officers and leaders of a unit', { hint: 'Sign in as an officer holding a role in a unit.' });
  }
  // A root under another root adds nothing.
  const all = subtree(roots, units);
  const top = roots.filter((r) => !hasAncestorIn(r, roots, units));
  return { kind: 'units', roots: top.sort(), units: all };
}

/** Narrows a scope to `unit` and its subtree: 400 when it does not exist, 403 `E_OUT_OF_SCOPE` when outside. */
export function narrowTo(scope: StatsScope, unit: string, units: ReadonlyMap<string, UnitInfo>): StatsScope {
  if (!units.has(unit)) {
    throw new MotcuaError('E_BAD_QUERY', `Query parameter unit=${unit} is not a unit`, { status: 400, path: 'unit', hint: 'Use an id of GET /api/units.' });
  }
  if (scope.kind === 'units' && !scope.units.has(unit)) {
    throw new MotcuaError('E_OUT_OF_SCOPE', 'This unit is outside your scope', { status: 403, path: 'unit', hint: 'Ask for a unit you hold a role in, or one under it.' });
  }
  return { kind: 'units', roots: [unit], units: subtree([unit], units) };
}

function hasAncestorIn(id: string, roots: readonly string[], units: ReadonlyMap<string, UnitInfo>): boolean {
  for (let p = units.get(id)?.parent; p; p = units.get(p)?.parent) if (roots.includes(p)) return true;
  return false;
}
