/**
 * `motcua units reorganize` on a server's data: a refused plan names each problem with its
 * path; the dry run reports and changes nothing; --apply merges, renames and moves (a
 * province-level task follows its commune to the new province) in one audited transaction;
 * a plan applies once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openDatabase, type Database } from 'motcua/server';
import { verifyAudit } from '../../../server/src/audit';
import { CALENDAR, PROCEDURE, PROVINCE_PROCEDURE, ROLES } from '../../../server/test/fixtures';
import { filing, startTestServer, uploadPdf, type TestServer } from '../../../server/test/harness';
import type { CliIO } from '../io';
import { main } from '../main';

function recorder(): CliIO & { text: () => string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), isTTY: false, cwd: process.cwd(), text: () => lines.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'motcua-units-cli-'));
const library = join(dir, 'library');
let t: TestServer;
let db: Database;
let provinceCase: string;

const PLAN = {
  id: 'test-2026',
  effective: '2026-03-01',
  basis: 'Nghị quyết thử nghiệm',
  create: [{ id: 'prov-b', name: 'Tỉnh B', level: 'province', code: '02' }],
  merge: [{ into: 'commune-a1', from: ['commune-a2'] }],
  rename: [{ unit: 'commune-a1', name: 'Xã A', code: '00100' }],
  move: [{ unit: 'commune-a1', parent: 'prov-b' }],
};

function writePlan(name: string, plan: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, stringify(plan));
  return file;
}

async function run(...args: string[]): Promise<{ code: number; text: string }> {
  const io = recorder();
  const code = await main(['units', 'reorganize', ...args, '--data-dir', dir, '--library', library], io);
  return { code, text: io.text() };
}

beforeAll(async () => {
  // The library the cases were filed under, on disk as an operator has it.
  mkdirSync(join(library, 'calendars'), { recursive: true });
  mkdirSync(join(library, 'catalogues'), { recursive: true });
  writeFileSync(join(library, 'calendars', 'always.yaml'), stringify(CALENDAR));
  writeFileSync(join(library, 'catalogues', 'roles.yaml'), stringify(ROLES));
  for (const p of [PROCEDURE, PROVINCE_PROCEDURE]) writeFileSync(join(library, `${p.code}.yaml`), stringify(p));
  db = openDatabase({ sqlite: join(dir, 'motcua.sqlite') });
  await db.migrate();
  t = await startTestServer(db, dir, { procedures: [] });
  const cit = await t.as('cit-1');
  for (let i = 0; i < 2; i++) expect((await cit.post('/api/cases', filing(await uploadPdf(cit, `%PDF a2 ${i}`), { unit: 'commune-a2' }))).status).toBe(201);
  const p = await cit.post('/api/cases', { procedure: 'T.000002', unit: 'commune-a1', data: filing('x').data });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  provinceCase = p.body.id as string;
  expect(await db.knex('work_items').where({ case_id: provinceCase }).select('unit_id')).toEqual([{ unit_id: 'prov-a' }]);
});
afterAll(async () => {
  await t?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('refuses a plan naming units that do not exist, with each path and code (exit 1)', async () => {
  const r = await run(writePlan('bad.yaml', { ...PLAN, merge: [{ into: 'commune-a1', from: ['commune-zz'] }] }), '--dry-run');
  expect(r.code).toBe(1);
  expect(r.text).toContain('E_PLAN_REFUSED');
  expect(r.text).toMatch(/merge\[0\]\.from\[0\]: E_PLAN_UNKNOWN_UNIT/);
  const shape = await run(writePlan('shape.yaml', { id: 'x' }), '--dry-run');
  expect(shape.code).toBe(1);
  expect(shape.text).toMatch(/E_PLAN_INVALID.*effective/s);
});

it('dry run: reports, changes nothing', async () => {
  const before = await db.knex('units').orderBy('id');
  const r = await run(writePlan('plan.yaml', PLAN), '--dry-run');
  expect(r.code, r.text).toBe(0);
  expect(r.text).toContain('Chạy thử (dry run): test-2026');
  expect(r.text).toContain('commune-a2 -> commune-a1: 2');
  const json = await run(join(dir, 'plan.yaml'), '--dry-run', '--format', 'json');
  const officers = new Set((await db.knex('user_roles').where({ unit_id: 'commune-a2' }).select<{ user_id: string }[]>('user_id')).map((g) => g.user_id)).size;
  expect(officers).toBeGreaterThan(0);
  expect(JSON.parse(json.text)).toMatchObject({ ready: true, affected: { openCases: 2, uploads: 2, officers }, retasked: 1, units: { created: ['prov-b'] } });
  expect(await db.knex('units').orderBy('id')).toEqual(before);
});

it('--apply merges, renames and moves in one audited transaction; the province task follows the commune', async () => {
  const audit = Number((await db.knex('audit_log').count<{ n: number }[]>({ n: '*' }))[0]!.n);
  const r = await run(join(dir, 'plan.yaml'), '--apply', '--actor', 'admin-test', '--format', 'json');
  expect(r.code, r.text).toBe(0);
  expect(JSON.parse(r.text)).toMatchObject({ mode: 'applied', affected: { openCases: 2 } });
  expect(await db.knex('units').where({ id: 'commune-a2' }).first()).toMatchObject({ valid_to: '2026-02-28' });
  expect(await db.knex('units').where({ id: 'commune-a1' }).first()).toMatchObject({ name: 'Xã A', code: '00100', parent: 'prov-b' });
  expect(await db.knex('cases').where({ unit_id: 'commune-a2' }).whereNotIn('status', ['done', 'rejected', 'withdrawn', 'cancelled'])).toEqual([]);
  expect(await db.knex('work_items').where({ case_id: provinceCase }).select('unit_id')).toEqual([{ unit_id: 'prov-b' }]);
  expect(await db.knex('user_roles').where({ user_id: 'cso-a2' }).select('unit_id')).toEqual([{ unit_id: 'commune-a1' }]);
  expect(Number((await db.knex('audit_log').count<{ n: number }[]>({ n: '*' }))[0]!.n)).toBe(audit + 3);
  expect(await db.knex('audit_log').orderBy('id', 'desc').first()).toMatchObject({ actor: 'admin-test', action: 'units.reorganize', subject: 'test-2026' });
  expect(await verifyAudit(db.knex)).toMatchObject({ ok: true });
  // The former name and code still find the unit.
  t.server.services.cases.invalidateUnits();
  const found = (await (await t.as()).get('/api/units?q=X%C3%A3%20A1')).body as { items: { id: string; replaces?: { name: string }[] }[] };
  expect(found.items).toEqual([expect.objectContaining({ id: 'commune-a1', replaces: [expect.objectContaining({ name: 'Xã A1', validTo: '2026-02-28' })] })]);
});

it('a plan applies once; usage errors exit 2', async () => {
  const again = await run(join(dir, 'plan.yaml'), '--apply');
  expect(again.code).toBe(1);
  expect(again.text).toContain('E_PLAN_APPLIED');
  const io = recorder();
  expect(await main(['units', 'reorganize', join(dir, 'plan.yaml')], io)).toBe(2);
  expect(await main(['units', 'merge'], recorder())).toBe(2);
});
