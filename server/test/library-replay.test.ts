/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any -- reading JSON answers checked by expect */
/**
 * The real library over HTTP: every scenario of `procedures/**.test.yaml` is replayed against
 * a server started as `npm start` starts it (library from disk, demo seed), through the API:
 * the citizen files with uploads, officers of the demo units act by role, the citizen pays and
 * supplements. What the scenario expects of state, outcome, status, fees, deadline, components
 * and refusals must hold over HTTP too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createServer, loadConfig, loadServerLibrary, type MotcuaServer } from '../src';
import { applicantIdOf } from 'motcua/engine';
import { upsertUser } from '../src/auth';
import type { RuntimeCompiled } from '../src/cases';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';

const LIBRARY = resolve(import.meta.dirname, '../../procedures');

interface Step {
  at?: string;
  /** A child case, named by the parent's `procedure` step. */
  case?: string;
  submit?: { data?: Record<string, unknown>; upload?: string[] };
  act?: { step: string; action: string; as?: { role?: string }; form?: Record<string, unknown> };
  pay?: Record<string, unknown>;
  supplement?: { upload?: string[]; data?: Record<string, unknown> };
  wait?: { until?: string };
  expect?: { state?: string | string[]; outcome?: string; status?: string; fees?: number; deadline?: string; components?: Record<string, string>; error?: string };
}

interface Scenario {
  file: string;
  procedure: string;
  clock: string;
  cases: { name: string; steps: Step[] }[];
}

function scenarios(): Scenario[] {
  const files = readdirSync(LIBRARY, { recursive: true }).map(String).filter((f) => f.endsWith('.test.yaml')).sort();
  return files.map((f) => ({ file: f, ...(parse(readFileSync(join(LIBRARY, f), 'utf8')) as Omit<Scenario, 'file'>) }));
}

/** Replays the steps the server supports end to end; stops (and says so) at anything else. */
const SUPPORTED = (s: Step) => Boolean(s.submit || s.act || s.pay || s.supplement || (s.wait && s.wait.until) || Object.keys(s).every((k) => k === 'at' || k === 'expect' || k === 'case'));

forEachDatabase('library scenarios over HTTP', (db) => {
  let server: MotcuaServer;
  let url: string;
  let database: Database;
  const clock = { now: 0 };
  const tokens = new Map<string, string>();
  const all = scenarios();

  beforeAll(async () => {
    database = await db().open();
    const config = loadConfig({}, { dataDir: db().dataDir, demo: true, library: LIBRARY, host: '127.0.0.1', timerIntervalMs: 3_600_000 });
    server = await createServer({ config, library: await loadServerLibrary(LIBRARY), database, now: () => new Date(clock.now), log: () => undefined });
    url = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server?.close());

  async function call(user: string, method: string, path: string, body?: unknown, type = 'application/json') {
    let token = tokens.get(user);
    if (!token) {
      token = await server.services.auth.issue(user);
      tokens.set(user, token);
    }
    const res = await fetch(url + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const answer: any = await res.json();
    return { status: res.status, body: answer };
  }

  async function uploads(who: string, ids: string[] | undefined, tag: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of ids ?? []) out[id] = (await call(who, 'POST', '/api/uploads', `%PDF ${tag} ${id}`, 'application/pdf')).body.hash as string;
    return out;
  }

  /** A citizen files as themself: the account whose national ID is the filing's applicant, as the engine reads it. */
  async function citizenFor(code: string, data: Record<string, unknown> | undefined): Promise<string> {
    const { compiled } = server.services.registry.runnable(code);
    const nationalId = applicantIdOf((compiled as RuntimeCompiled).compiled, data ?? {}).value;
    if (nationalId === undefined) return 'citizen-1';
    const id = `citizen-${nationalId}`;
    await upsertUser(database.knex, { id, name: `Công dân ${nationalId}`, kind: 'citizen', nationalId });
    return id;
  }

  /** An officer holding a role at the unit: who files at its one-stop counter. */
  async function counterOfficer(unit: string): Promise<string> {
    const row = await database.knex('user_roles').where({ unit_id: unit }).orderBy('user_id').first<{ user_id: string } | undefined>('user_id');
    if (!row) throw new Error(`no officer at ${unit}`);
    return row.user_id;
  }

  for (const sc of all) {
    describe(sc.file, () => {
      for (const [ci, c] of sc.cases.entries()) {
        it(c.name, async () => {
          const entry = server.services.registry.resolve(sc.procedure);
          const level = entry.procedure.level;
          const unit = level === 'commune' ? 'ha-noi-hoan-kiem' : level === 'province' ? 'ha-noi' : 'ministry-of-justice';
          clock.now = Date.parse(String(sc.clock));
          let root: any;
          let kase: any;
          let citizen = 'citizen-1';
          for (const [si, step] of c.steps.entries()) {
            // Each step addresses the root case or, with `case:`, the child its step started.
            if (root) {
              const fresh = (await call(citizen, 'GET', `/api/cases/${root.id}`)).body;
              root = fresh;
              kase = root;
              if (step.case) {
                const child = (root.children as { id: string; step?: string; procedure: string }[] | undefined)?.find((ch) => ch.step === step.case || ch.procedure === step.case);
                expect(child, `${sc.file}#${ci}.${si}: no child case for step ${step.case}`).toBeDefined();
                kase = (await call(citizen, 'GET', `/api/cases/${child!.id}`)).body;
              }
            }
            if (!SUPPORTED(step)) return; // the rest needs what only the scenario runner simulates
            if (step.at) clock.now = Date.parse(String(step.at));
            if (step.wait?.until) clock.now = Date.parse(String(step.wait.until));
            let r: { status: number; body: any } | undefined;
            const tag = `${sc.file}#${ci}.${si}`;
            if (step.submit) {
              // The server decides the channel from who files: a citizen online, an officer of the unit at the counter.
              const channel = (step.submit as { channel?: string }).channel;
              citizen = await citizenFor(sc.procedure, step.submit.data);
              const filer = channel === 'counter' ? await counterOfficer(unit) : citizen;
              r = await call(filer, 'POST', '/api/cases', { procedure: sc.procedure, unit, data: step.submit.data ?? {}, uploads: await uploads(filer, step.submit.upload, tag) });
              if (r.status < 300) citizen = r.body.applicant as string;
            } else if (step.act) {
              const role = step.act.as?.role ?? '';
              const taskLevel = (kase?.tasks as { step: string; level?: string }[] | undefined)?.find((t) => t.step === step.act!.step)?.level ?? level;
              const actorUnit = taskLevel === 'commune' ? 'ha-noi-hoan-kiem' : taskLevel === 'province' ? 'ha-noi' : 'ministry-of-justice';
              r = await call(`${role}.${actorUnit}`, 'POST', `/api/cases/${kase.id}/actions`, { step: step.act.step, action: step.act.action, version: kase.version, ...(step.act.form ? { form: step.act.form } : {}) });
            } else if (step.pay) {
              r = await call(citizen, 'POST', `/api/cases/${kase.id}/actions`, { step: kase.steps[0] ?? 'pay', action: 'pay', version: kase.version, form: step.pay });
            } else if (step.supplement) {
              const form = step.supplement.data ? { data: step.supplement.data } : {};
              r = await call(citizen, 'POST', `/api/cases/${kase.id}/actions`, { step: kase.steps[0] ?? 'supplement', action: 'supplement', version: kase.version, form, uploads: await uploads(citizen, step.supplement.upload, tag) });
            }
            const want = step.expect ?? {};
            if (r) {
              if (want.error) {
                expect(r.status, `${tag}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
                expect(r.status).toBeLessThan(500);
                expect(r.body.error.code, tag).toBe(want.error);
                continue;
              }
              expect(r.status, `${tag}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
              kase = r.body;
              if (step.submit) root = r.body;
            }
            if (!kase) continue;
            if (want.state !== undefined) expect([...kase.steps].sort(), tag).toEqual([want.state].flat().sort());
            if (want.outcome !== undefined) expect(kase.outcome, tag).toBe(want.outcome);
            if (want.status !== undefined) expect(kase.status, tag).toBe(want.status);
            if (want.fees !== undefined) expect(kase.fees.total, tag).toBe(want.fees);
            if (want.deadline !== undefined && kase.due) expect(Date.parse(kase.due), tag).toBe(Date.parse(String(want.deadline)));
            for (const [id, status] of Object.entries(want.components ?? {})) expect(kase.components[id]?.status, `${tag} ${id}`).toBe(status);
          }
        });
      }
    });
  }
});
