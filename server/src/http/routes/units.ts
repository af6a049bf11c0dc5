import { Router } from '@koa/router';
import { RefusalError, type Level } from 'motcua/engine';
import { foldVietnamese } from '../../procedures/search-text';
import { queryInt, queryString } from '../query';
import type { AppServices, AppState } from '../context';

const LEVELS: readonly Level[] = ['commune', 'province', 'ministry'];

interface UnitListRow {
  id: string;
  name: string;
  level: Level;
  parent: string | null;
  code: string | null;
}

/**
 * `GET /api/units`: the public list of units a case can be filed at (no sign-in: the official
 * list is public), filtered by level and parent, searched by name with or without diacritics
 * or by the statistics office's code. The portal's commune picker reads it: 3,321 communes are
 * never bundled into the citizen's page.
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
    const limit = queryInt(ctx, 'limit', 500, 1, 5000);
    const offset = queryInt(ctx, 'offset', 0, 0, 1_000_000);
    let query = s.db.knex<UnitListRow>('units').select('id', 'name', 'level', 'parent', 'code').orderBy([{ column: 'code' }, { column: 'id' }]);
    if (level) query = query.where('level', level);
    if (parent) query = query.where('parent', parent);
    let rows = await query;
    if (q) {
      const folded = foldVietnamese(q);
      rows = rows.filter((u) => u.code === q || u.id === q || foldVietnamese(u.name).includes(folded));
    }
    ctx.body = {
      total: rows.length,
      items: rows.slice(offset, offset + limit).map((u) => ({ id: u.id, name: u.name, level: u.level, ...(u.parent ? { parent: u.parent } : {}), ...(u.code ? { code: u.code } : {}) })),
    };
  });
  return r;
}
