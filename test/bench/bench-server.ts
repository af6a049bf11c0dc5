/**
 * The server the HTTP benchmarks measure: production mode (no demo seed), the test library, no
 * timer or outbox polling during the run, one citizen with a population record, and the two
 * officers who verify and sign. Shared by `server.bench.ts` and `statements.bench.ts`.
 * BENCH_HTTP_PATH=koa sends every request through Koa (the hot routes' A/B).
 */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer, loadConfig, type Database, type MotcuaServer } from '../../server/src';
import { upsertUser } from '../../server/src/auth';
import { upsertRecords } from '../../server/src/sources';
import { POPULATION_RECORD, testLibrary } from '../../server/test/fixtures';

/** Starts the benchmark's server on `db`, listening on a free port of 127.0.0.1. */
export async function startBenchServer(db: Database, dataDir: string): Promise<{ server: MotcuaServer; url: string }> {
  const config = loadConfig({}, { dataDir, demo: false, host: '127.0.0.1', timerIntervalMs: 3_600_000, outboxIntervalMs: 3_600_000, library: join(dataDir, 'none'), webDir: join(dataDir, 'none') });
  const server = await createServer({ config, library: testLibrary(), database: db, log: () => undefined });
  await upsertRecords(db.knex, [{ source: 'population', key: POPULATION_RECORD.nationalId, record: POPULATION_RECORD }]);
  for (const u of [
    { id: 'cit', name: 'Công dân', kind: 'citizen' as const, nationalId: POPULATION_RECORD.nationalId },
    { id: 'cso', name: 'Hộ tịch', kind: 'officer' as const, roles: [{ role: 'civil-status-officer', unit: 'commune-a1' }] },
    { id: 'chair', name: 'Chủ tịch', kind: 'officer' as const, roles: [{ role: 'commune-chair', unit: 'commune-a1' }] },
  ]) {
    await upsertUser(db.knex, u);
  }
  if (process.env.BENCH_HTTP_PATH === 'koa') {
    // Every request through Koa, the hot routes too (`callback({ lean: false })`): the A/B of
    // server/src/http/hot-routes.ts in one tree.
    console.log('(BENCH_HTTP_PATH=koa: the hot routes through Koa)');
    const http = createHttpServer(server.callback({ lean: false }));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const close = server.close;
    server.close = async () => {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await close();
    };
    return { server, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  }
  return { server, url: await server.listen(0, '127.0.0.1') };
}
