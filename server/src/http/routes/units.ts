import { Router } from '@koa/router';
import { RefusalError, type Level } from 'motcua/engine';
import { foldVietnamese } from '../../procedures/search-text';
import { isIsoDate, unitInForce, type UnitRecord } from '../../units';
import { queryInt, queryString } from '../query';
import type { AppServices, AppState } from '../context';

const LEVELS: readonly Level[] = ['commune', 'province', 'ministry'];



/** A former unit (ended by a reorganization) or a former name or code of a unit, shown with the unit that answers for it now. */
interface Replaced {
  id: string;
  name: string;
  code?: string;
  validTo: string;
}

/**
 * `GET /api/units`: the public list of units a case can be filed at (no sign-in: the official
 * list is public), those in force today (or `at` a date), filtered by level and parent,
 * searched by name with or without diacritics or by the statistics office's code. A search
 * that finds a unit which no longer exists (merged, split) or a name or code a unit no longer
 * bears (renamed, moved) answers the unit in force now, with what it `replaces`: an old code
 * on a paper, an old address, still leads somewhere. The portal's commune picker reads it:
 * 3,321 communes are never bundled into the citizen's page.
 */
export function unitRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  r.get('/api/units', async (ctx) => {
    const level = queryString(ctx, 'level');
    if (level !== undefined && !LEVELS.includes(level as Level)) {
      throw new RefusalError('E_BAD_QUERY', `Query parameter level=${level} must be one of ${LEVELS.join(', ')}`, [], { status: 400, path: 'level', hint: 'Omit level for every unit.' });
    }
    const parent = queryString(ctx, 'parent');
    const q = queryString(ctx, 'q');
    if (q !== undefined && q.length > 100) throw new RefusalError('E_BAD_QUERY', 'Query parameter q is longer than 100 characters', [], { status: 400, path: 'q', hint: 'Search by a name or a code.' });
    const at = queryString(ctx, 'at') ?? s.now().toISOString().slice(0, 10);
    if (!isIsoDate(at)) throw new RefusalError('E_BAD_QUERY', `Query parameter at=${at} is not a date`, [], { status: 400, path: 'at', hint: 'Give an ISO date, e.g. at=2025-06-30.' });
    const limit = queryInt(ctx, 'limit', 500, 1, 5000);
    const offset = queryInt(ctx, 'offset', 0, 0, 1_000_000);
    const all = await s.db.knex<UnitRecord>('units').select('id', 'name', 'level', 'parent', 'code', 'valid_from', 'valid_to').orderBy([{ column: 'code' }, { column: 'id' }]);
    const wanted = (u: UnitRecord): boolean => unitInForce(u, at) && (!level || u.level === level) && (!parent || u.parent === parent);
    let rows = all.filter(wanted);
    const replaces = new Map<string, Replaced[]>();
    if (q) {
      const folded = foldVietnamese(q);
      const matches = (u: { id?: string; name: string; code: string | null }): boolean => u.code === q || u.id === q || foldVietnamese(u.name).includes(folded);
      const found = new Set(rows.filter(matches).map((u) => u.id));
      const byId = new Map(all.map((u) => [u.id, u]));
      const note = (unit: string, former: Replaced): void => {
        const u = byId.get(unit);
        if (!u || !wanted(u)) return;
        found.add(unit);
        replaces.set(unit, [...(replaces.get(unit) ?? []), former]);
      };
      // Units that ended before `at`: their successors, followed through later reorganizations.
      const ended = all.filter((u) => u.valid_to !== null && u.valid_to < at && matches(u));
      if (ended.length) {
        const links = await s.db.knex('unit_successors').select<{ unit_id: string; successor_id: string }[]>('unit_id', 'successor_id');
        const next = new Map<string, string[]>();
        for (const l of links) next.set(l.unit_id, [...(next.get(l.unit_id) ?? []), l.successor_id]);
        for (const u of ended) {
          const former: Replaced = { id: u.id, name: u.name, ...(u.code ? { code: u.code } : {}), validTo: u.valid_to! };
          const seen = new Set<string>();
          const walk = (id: string): void => {
            for (const succ of next.get(id) ?? []) {
              if (seen.has(succ)) continue;
              seen.add(succ);
              const su = byId.get(succ);
              if (su && unitInForce(su, at)) note(succ, former);
              else walk(succ);
            }
          };
          walk(u.id);
        }
      }
      // Names and codes a unit bore before a rename or a move.
      const history = (await s.db.knex('unit_history').where('valid_to', '<', at).select<{ unit_id: string; name: string; code: string | null; valid_to: string }[]>('unit_id', 'name', 'code', 'valid_to')).filter((h) => matches(h));
      for (const h of history) note(h.unit_id, { id: h.unit_id, name: h.name, ...(h.code ? { code: h.code } : {}), validTo: h.valid_to });
      rows = rows.filter((u) => found.has(u.id));
    }
    ctx.body = {
      total: rows.length,
      items: rows.slice(offset, offset + limit).map((u) => ({
        id: u.id,
        name: u.name,
        level: u.level,
        ...(u.parent ? { parent: u.parent } : {}),
        ...(u.code ? { code: u.code } : {}),
        ...(u.valid_from ? { validFrom: u.valid_from } : {}),
        ...(u.valid_to ? { validTo: u.valid_to } : {}),
        ...(replaces.has(u.id) ? { replaces: replaces.get(u.id) } : {}),
      })),
    };
  });
  return r;
}
