/**
 * Many concurrent actions on one case: exactly one wins, the others get 409 and change
 * nothing; no timeline event is lost or doubled; the audit chain stays intact.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit';
import { forEachDatabase } from './databases';
import { filing, startTestServer, uploadPdf, type TestServer } from './harness';

forEachDatabase('concurrent actions', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(await db().open(), db().dataDir);
  });
  afterAll(() => t?.close());

  async function fileOne(n: number): Promise<string> {
    const cit = await t.as('cit-1');
    const r = await cit.post('/api/cases', filing(await uploadPdf(cit, `%PDF conflict ${n}`)));
    expect(r.status).toBe(201);
    return r.body.id as string;
  }

  it('exactly one of 20 concurrent actions on one case wins', async () => {
    const id = await fileOne(0);
    const cso = await t.as('cso-a1');
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cso.post(`/api/cases/${id}/actions`, i % 2 ? { step: 'verify', action: 'approve', version: 1 } : { step: 'verify', action: 'reject', form: { reason: `r${i}` }, version: 1 }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of replies.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('E_STALE_VERSION');
    const kase = await (await t.as('cit-1')).get(`/api/cases/${id}`);
    expect(kase.body.version).toBe(2);
    const types = (kase.body.timeline as { type: string }[]).map((e) => e.type);
    expect(types.filter((x) => x === 'submitted')).toHaveLength(1);
    // The winner's events only: one transition (approve or reject), nothing from the losers.
    const winner = replies.find((r) => r.status === 200)!.body;
    expect(kase.body.timeline).toEqual(winner.timeline);
    expect(new Set((kase.body.timeline as { action?: string }[]).filter((e) => e.action).map((e) => e.action)).size).toBe(1);
  });

  it('holds on many cases at once, and the audit chain has one row per winning transition', async () => {
    const before = await verifyAudit(t.server.services.db.knex);
    expect(before.ok).toBe(true);
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => fileOne(100 + i)));
    const cso = await t.as('cso-a1');
    const replies = await Promise.all(ids.flatMap((id) => Array.from({ length: 5 }, () => cso.post(`/api/cases/${id}/actions`, { step: 'verify', action: 'approve', version: 1 }))));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(ids.length);
    expect(replies.filter((r) => r.status !== 200 && r.status !== 409)).toHaveLength(0);
    const after = await verifyAudit(t.server.services.db.knex);
    expect(after.ok).toBe(true);
    expect(after.rows - before.rows).toBe(ids.length * 2); // one filing + one winning action per case
  });

  it('a stale version changes nothing', async () => {
    const id = await fileOne(999);
    const cso = await t.as('cso-a1');
    expect((await cso.post(`/api/cases/${id}/actions`, { step: 'verify', action: 'approve', version: 1 })).status).toBe(200);
    const stale = await (await t.as('chair-a1')).post(`/api/cases/${id}/actions`, { step: 'sign', action: 'sign', version: 1 });
    expect(stale.status).toBe(409);
    const kase = await cso.get(`/api/cases/${id}`);
    expect(kase.body).toMatchObject({ version: 2, steps: ['sign'], status: 'processing' });
  });
});
