import { expect, it } from 'vitest';
import { appendAudit, appendAuditSql, verifyAudit } from '../src/audit';
import { forEachDatabase } from './databases';

forEachDatabase('audit chain', (db) => {
  async function seeded(n: number) {
    const d = await db().open();
    for (let i = 0; i < n; i++) {
      await d.knex.transaction((trx) =>
        appendAudit(trx, [{ actor: 'u1', action: 'case.act', subject: `case-${i}`, payload: { i, note: 'Đăng ký' }, at: 1_700_000_000_000 + i }]),
      );
    }
    return d;
  }

  it('stays one chain when concurrent transactions append and some of them roll back', async () => {
    const d = await seeded(2);
    const entry = (i: number) => ({ actor: 'u2', action: 'case.act', subject: `c-${i}`, payload: { i }, at: 1_700_000_100_000 + i });
    // On SQLite these join one group commit: the failed ones roll back to their savepoint,
    // after having appended (and moved the head), and the next ones must chain after the last kept row.
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        d.transact(async (sql) => {
          await appendAuditSql(sql, [entry(i)]);
          if (i % 3 === 1) throw new Error(`member ${i} fails after appending`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);
    expect(await verifyAudit(d.knex)).toMatchObject({ ok: true, rows: 2 + 8 });
    const subjects = (await d.knex('audit_log').orderBy('id').select<{ subject: string }[]>('subject')).map((r) => r.subject);
    // PostgreSQL commits them in any order; what matters is which are kept.
    expect(subjects.slice(2).sort()).toEqual(['c-0', 'c-11', 'c-2', 'c-3', 'c-5', 'c-6', 'c-8', 'c-9']);
  });

  it('verifies an intact chain and counts rows', async () => {
    const d = await seeded(5);
    expect(await verifyAudit(d.knex, 2)).toMatchObject({ ok: true, rows: 5 });
  });

  it('names the first modified row', async () => {
    const d = await seeded(5);
    await d.knex('audit_log').where({ id: 3 }).update({ payload: '{"i":99}' });
    const verdict = await verifyAudit(d.knex);
    expect(verdict).toMatchObject({ ok: false, badRow: 3 });
  });

  it('detects a deleted row in the middle and at the end', async () => {
    const d = await seeded(5);
    await d.knex('audit_log').where({ id: 2 }).delete();
    expect(await verifyAudit(d.knex)).toMatchObject({ ok: false, badRow: 2 });
    const e = await seeded(4);
    await e.knex('audit_log').where({ id: 4 }).delete();
    expect(await verifyAudit(e.knex)).toMatchObject({ ok: false, badRow: 4 });
  });

  it('detects a re-hashed forged row because the next row no longer follows it', async () => {
    const d = await seeded(3);
    await d.knex('audit_log').where({ id: 1 }).update({ hash: 'f'.repeat(64) });
    expect(await verifyAudit(d.knex)).toMatchObject({ ok: false, badRow: 1 });
  });

  it('keeps one chain under concurrent appends', async () => {
    const d = await db().open();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        d.knex.transaction((trx) => appendAudit(trx, [{ actor: 'a', action: 'x', subject: String(i), payload: null, at: i }])),
      ),
    );
    expect(await verifyAudit(d.knex)).toMatchObject({ ok: true, rows: 20 });
  });
});
