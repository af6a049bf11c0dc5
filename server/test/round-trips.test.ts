/**
 * On PostgreSQL a transition costs two round trips, whatever it is: a filing reads its uploads
 * and the national records together, then sends its writes, its audit row and its COMMIT
 * together; an action reads the case, then sends the rest with its COMMIT. Each socket write to
 * PostgreSQL wakes the backend (a fifth of the server's CPU went there, docs/server.md "Two
 * round trips per transition on PostgreSQL"), so one more awaited statement on the way, or a
 * guard or audit head waited for before the COMMIT, fails this test. SQLite has no round trips.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type Client, type TestServer } from './harness';
import { countSocketWrites } from './support/socket-writes';

/** The socket writes of the pg clients that run a statement from now on. */
function countPgWrites(): { writes: () => number; stop: () => void } {
  const pgSockets = new WeakSet<object>();
  const client = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const query = client.query;
  client.query = function (this: { connection?: { stream?: object } }, ...a: unknown[]) {
    if (this.connection?.stream) pgSockets.add(this.connection.stream);
    return query.apply(this, a);
  };
  const counter = countSocketWrites((socket) => pgSockets.has(socket));
  return {
    writes: counter.writes,
    stop: () => {
      client.query = query;
      counter.stop();
    },
  };
}

forEachDatabase('round trips per transition', (db) => {
  let t: TestServer;
  let cit: Client;
  let cso: Client;
  let chair: Client;
  beforeAll(async () => {
    // No poller runs meanwhile: only the requests' own statements reach PostgreSQL.
    t = await startTestServer(await db().open(), db().dataDir, { config: { timerIntervalMs: 3_600_000, outboxIntervalMs: 3_600_000 } });
    [cit, cso, chair] = [await t.as('cit-1'), await t.as('cso-a1'), await t.as('chair-a1')];
  });
  afterAll(() => t?.close());

  /** Files a case and advances it to its end; the socket writes to PostgreSQL of each request. */
  async function oneCase(n: number): Promise<Record<'file' | 'verify' | 'sign', number>> {
    const upload = await uploadPdf(cit, `%PDF round trips ${n}`);
    const counter = countPgWrites();
    try {
      const before = counter.writes();
      const filed = await cit.post('/api/cases', filing(upload));
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const afterFile = counter.writes();
      const verified = await cso.post(`/api/cases/${filed.body.id}/actions`, { step: 'verify', action: 'approve', version: 1 });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
      const afterVerify = counter.writes();
      const signed = await chair.post(`/api/cases/${filed.body.id}/actions`, { step: 'sign', action: 'sign', version: 2 });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body.status).toBe('done');
      return { file: afterFile - before, verify: afterVerify - afterFile, sign: counter.writes() - afterVerify };
    } finally {
      counter.stop();
    }
  }

  it.runIf(db().name === 'postgres')('a filing, an action and a closing action each write to PostgreSQL twice', async () => {
    // The first case prepares the named statements (their Parse leaves with their first use, in the same writes).
    await oneCase(1);
    expect(await oneCase(2)).toEqual({ file: 2, verify: 2, sign: 2 });
  });
});
