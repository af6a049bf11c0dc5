/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call -- reading JSON answers checked by expect */
/**
 * What `motcua test` proves is what the server does (issue 12): the liên thông birth bundle
 * (1.012791) filed with an uploaded witness statement (a birth at home) starts its birth
 * child case the same way in the scenario simulator and over HTTP: the child receives the
 * uploaded component, by the engine's one rule (`childUploads`), in both.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { simulate, loadProcedure } from 'motcua/testing';
import { createServer, loadConfig, loadServerLibrary, type MotcuaServer } from '../src';
import { upsertUser } from '../src/auth';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';

const LIBRARY = resolve(import.meta.dirname, '../../procedures');
const BUNDLE = join(LIBRARY, 'civil-status/1.012791-birth-residence-health-insurance-bundle.yaml');
const scenario = parse(readFileSync(BUNDLE.replace(/\.yaml$/, '.test.yaml'), 'utf8')) as { clock: string; registry: Record<string, Record<string, unknown>> };
const DATA = {
  applicant: { nationalId: '001190000001' },
  relation: 'mother',
  child: { fullName: 'Trần Minh An', gender: 'male', birthDate: '2026-02-20', birthPlace: 'Nhà riêng, 12 Hàng Bạc', bornAtFacility: false },
  mother: { nationalId: '001190000001', fullName: 'Nguyễn Thị Lan' },
  childId: '001226000123',
  address: { province: 'Thành phố Hà Nội', commune: 'Phường Hoàn Kiếm', detail: '12 Hàng Bạc' },
  householdHeadId: '001190000001',
};

forEachDatabase('a bundle with an uploaded component, both ways', (db) => {
  let server: MotcuaServer;
  let url: string;
  let database: Database;
  const clock = { now: Date.parse(scenario.clock) };
  beforeAll(async () => {
    database = await db().open();
    const config = loadConfig({}, { dataDir: db().dataDir, demo: true, library: LIBRARY, host: '127.0.0.1', timerIntervalMs: 3_600_000 });
    server = await createServer({ config, library: await loadServerLibrary(LIBRARY), database, now: () => new Date(clock.now), log: () => undefined });
    url = await server.listen(0, '127.0.0.1');
    await upsertUser(database.knex, { id: 'citizen-lan', name: 'Nguyễn Thị Lan', kind: 'citizen', nationalId: '001190000001' });
  });
  afterAll(() => server?.close());

  async function call(user: string, method: string, path: string, body?: unknown, type = 'application/json'): Promise<{ status: number; body: any }> {
    const token = await server.services.auth.issue(user);
    const res = await fetch(url + path, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
    return { status: res.status, body: await res.json() };
  }

  it('starts the birth child with the witness statement in the simulator and over HTTP', async () => {
    const { compiled, library } = loadProcedure(BUNDLE);
    const sim = simulate(compiled, { clock: scenario.clock, library, registry: scenario.registry });
    sim.submit({ data: DATA, upload: ['witness-statement'], unit: 'ha-noi-hoan-kiem' });
    expect(sim.active).toEqual(['birth']);
    expect(sim.child('birth').active).toEqual(['verify']);
    expect(sim.child('birth').components['witness-statement']).toBe('provided');

    const hash = (await call('citizen-lan', 'POST', '/api/uploads', '%PDF witness statement', 'application/pdf')).body.hash as string;
    const filed = await call('citizen-lan', 'POST', '/api/cases', { procedure: '1.012791', unit: 'ha-noi-hoan-kiem', data: DATA, uploads: { 'witness-statement': hash } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.steps, JSON.stringify(filed.body.timeline?.filter((e: { type: string }) => e.type === 'child-finished'))).toEqual(sim.active);
    expect(filed.body.status).toBe(sim.status);
    const child = filed.body.children.find((c: { step?: string }) => c.step === 'birth');
    const birth = (await call('citizen-lan', 'GET', `/api/cases/${child.id}`)).body;
    expect(birth.steps).toEqual(sim.child('birth').active);
    expect(birth.unit).toBe(sim.child('birth').state.unit);
    const statuses = Object.fromEntries(Object.entries(birth.components as Record<string, { status: string }>).map(([id, c]) => [id, c.status]));
    expect(statuses).toEqual(sim.child('birth').components);
    expect(birth.components['witness-statement'].file.hash).toBe(hash);
    // The child attaches the file it holds, so that the officers of the child's unit may read it.
    const attachedTo = await database.knex('case_uploads').where({ hash }).pluck('case_id');
    expect(attachedTo.sort()).toEqual([filed.body.id, child.id].sort());
  });
});
