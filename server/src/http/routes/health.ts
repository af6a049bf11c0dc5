import { Router } from '@koa/router';
import type { AppServices, AppState } from '../context';

/** `GET /api/health`: the database answers, and how many procedures run or are broken. */
export function healthRoutes(s: AppServices): Router<AppState> {
  const r = new Router<AppState>();
  r.get('/api/health', async (ctx) => {
    await s.db.knex.raw('select 1');
    const all = s.registry.all();
    const broken = all.filter((e) => e.compiled === undefined).length;
    ctx.body = {
      status: 'ok',
      database: s.db.dialect,
      demo: s.config.demo,
      // Said plainly: a test-clock server's time is whatever the tests set, never the real one.
      testClock: s.testClock !== undefined,
      ...(s.testClock ? { now: new Date(s.testClock.now).toISOString() } : {}),
      procedures: { ok: all.length - broken, broken },
    };
  });
  return r;
}
