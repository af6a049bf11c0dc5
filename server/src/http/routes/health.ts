import { Router } from '@koa/router';
import { isBroken } from '../../procedures';
import type { AppServices, AppState } from '../context';

/** `GET /api/health`: the database answers, and how many procedures run or are broken. */
export function healthRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  r.get('/api/health', async (ctx) => {
    await s.db.knex.raw('select 1');
    const all = s.registry.all();
    const broken = all.filter(isBroken).length;
    const conflicts = s.publishing.conflicts.map((c) => ({ code: c.code, version: c.version, file: c.file, hint: 'The file differs from the published version, which runs; give the file a new version.' }));
    ctx.body = {
      status: conflicts.length ? 'degraded' : 'ok',
      database: s.db.dialect,
      demo: s.config.demo,
      // Said plainly: a test-clock server's time is whatever the tests set, never the real one.
      testClock: s.testClock !== undefined,
      ...(s.testClock ? { now: new Date(s.testClock.now).toISOString() } : {}),
      procedures: { ok: all.length - broken, broken, conflicts },
    };
  });
  return r;
}
