/**
 * An Idempotency-Key answer commits with the transition it answers: a process that dies
 * before the commit leaves no trace (the retry runs once), one that dies after it leaves the
 * answer (the retry replays it). The crash is injected around the server's transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Sql } from '../src/db';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

type Crash = 'before-commit' | 'after-commit';

/** Makes the next transactions of `db` fail just before or just after their commit. */
function injectCrash(db: Database, when: Crash): () => void {
  const real = db.transact;
  const transact = async <T>(work: (sql: Sql) => Promise<T>): Promise<T> => {
    const result = await real(async (sql) => {
      const value = await work(sql);
      if (when === 'before-commit') throw new Error('injected crash before commit');
      return value;
    });
    if (when === 'after-commit') throw new Error('injected crash after commit');
    return result;
  };
  (db as { transact: Database['transact'] }).transact = transact;
  return () => {
    (db as { transact: Database['transact'] }).transact = real;
  };
}

forEachDatabase('Idempotency-Key across a crash', (db) => {
  let t: TestServer;
  let database: Database;
  beforeAll(async () => {
    database = await db().open();
    t = await startTestServer(database, db().dataDir);
  });
  afterAll(() => t?.close());

  const countCases = async (applicant: string): Promise<number> =>
    Number(((await database.knex('cases').where({ applicant_id: applicant }).count('* as n').first()) as { n: number | string }).n);
  const keyRow = (key: string) => database.knex('idempotency_keys').where({ key }).first() as Promise<{ status: number; response: string } | undefined>;

  describe('filing', () => {
    it('a crash before the commit leaves neither the case nor the key: the retry files once', async () => {
      const cit = await t.as('cit-1');
      const body = filing(await uploadPdf(cit, '%PDF crash before'));
      const before = await countCases('cit-1');
      const restore = injectCrash(database, 'before-commit');
      const first = await cit.post('/api/cases', body, { 'Idempotency-Key': 'crash-1' });
      restore();
      expect(first.status).toBe(500);
      expect(await countCases('cit-1')).toBe(before);
      expect(await keyRow('crash-1')).toBeUndefined();
      const retry = await cit.post('/api/cases', body, { 'Idempotency-Key': 'crash-1' });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      expect(await countCases('cit-1')).toBe(before + 1);
    });

    it('a crash after the commit leaves the answer: the retry replays it and files nothing', async () => {
      const cit = await t.as('cit-1');
      const body = filing(await uploadPdf(cit, '%PDF crash after'));
      const before = await countCases('cit-1');
      const restore = injectCrash(database, 'after-commit');
      const first = await cit.post('/api/cases', body, { 'Idempotency-Key': 'crash-2' });
      restore();
      // The process survived here, so the failing request itself finds and answers the stored answer.
      expect(first.status).toBe(201);
      expect(await countCases('cit-1')).toBe(before + 1);
      const stored = await keyRow('crash-2');
      expect(stored?.status).toBe(201);
      const retry = await cit.post('/api/cases', body, { 'Idempotency-Key': 'crash-2' });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.id).toBe((JSON.parse(stored!.response) as { id: string }).id);
      expect(await countCases('cit-1')).toBe(before + 1);
    });
  });

  describe('an action', () => {
    it('a crash after the commit: the retry replays the answer instead of a 409 on the stale version', async () => {
      const cit = await t.as('cit-1');
      const filed = await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF crash act')));
      expect(filed.status).toBe(201);
      const cso = await t.as('cso-a1');
      const action = { step: 'verify', action: 'approve', version: filed.body.version as number };
      const restore = injectCrash(database, 'after-commit');
      const first = await cso.post(`/api/cases/${filed.body.id as string}/actions`, action, { 'Idempotency-Key': 'crash-3' });
      restore();
      expect(first.status).toBe(200);
      const retry = await cso.post(`/api/cases/${filed.body.id as string}/actions`, action, { 'Idempotency-Key': 'crash-3' });
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.version).toBe(action.version + 1);
      expect(retry.body).toEqual(first.body);
      const current = await cso.get(`/api/cases/${filed.body.id as string}`);
      expect(current.body.version).toBe(action.version + 1);
      expect(current.body.timeline).toEqual(retry.body.timeline);
    });

    it('a crash before the commit: the case is unchanged and the retry acts once', async () => {
      const cit = await t.as('cit-1');
      const filed = await cit.post('/api/cases', filing(await uploadPdf(cit, '%PDF crash act 2')));
      const cso = await t.as('cso-a1');
      const action = { step: 'verify', action: 'approve', version: filed.body.version as number };
      const restore = injectCrash(database, 'before-commit');
      const first = await cso.post(`/api/cases/${filed.body.id as string}/actions`, action, { 'Idempotency-Key': 'crash-4' });
      restore();
      expect(first.status).toBe(500);
      expect((await cso.get(`/api/cases/${filed.body.id as string}`)).body.version).toBe(action.version);
      const retry = await cso.post(`/api/cases/${filed.body.id as string}/actions`, action, { 'Idempotency-Key': 'crash-4' });
      expect(retry.status).toBe(200);
      expect(retry.body.version).toBe(action.version + 1);
    });
  });
});
