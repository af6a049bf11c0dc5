/* eslint-disable @typescript-eslint/no-explicit-any -- reading JSON answers checked by expect */
/**
 * Finding 1 of issue 15 tried on every procedure of the library, as an attacker would: a
 * signed-in citizen files each procedure with the data of its first scenario, their own
 * national ID put where the scenario's filer stands, so that every other person the form names
 * is a stranger to them. Whatever the answer (refused, awaiting consent, received), nothing a
 * national source holds about those strangers may reach the attacker: not in the filing's
 * answer, not in the case read back, not in their list of cases. And the legitimate filer of
 * each scenario sees nobody else's record either (before and after consent, officers aside).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { presumedFiler, withDefaults } from 'motcua/engine';
import { createServer, loadConfig, loadServerLibrary, type MotcuaServer } from '../src';
import { upsertUser } from '../src/auth';
import type { RuntimeCompiled } from '../src/cases';
import type { Database } from '../src/db';
import { forEachDatabase } from './databases';

const LIBRARY = resolve(import.meta.dirname, '../../procedures');
/** The attacker's own national ID: no national source knows it. */
const ATTACKER = '001099000999';

interface Submit {
  data?: Record<string, unknown>;
  upload?: string[];
  as?: { nationalId?: string };
  channel?: string;
}
interface ScenarioFile {
  file: string;
  procedure: string;
  clock: string;
  registry?: Record<string, Record<string, Record<string, unknown>>>;
  cases: { name: string; steps: { submit?: Submit }[] }[];
}

const files: ScenarioFile[] = readdirSync(LIBRARY, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.test.yaml'))
  .sort()
  .map((f) => ({ file: f, ...(parse(readFileSync(join(LIBRARY, f), 'utf8')) as Omit<ScenarioFile, 'file'>) }));

/** The sources that hold records about one person (`personal: true`). */
const personal = new Set(
  (parse(readFileSync(join(LIBRARY, 'catalogues', 'sources.yaml'), 'utf8')) as { id: string; personal?: boolean }[]).filter((s) => s.personal).map((s) => s.id),
);

/** Every personal record of every scenario registry (what the demo seed loads): source -> key -> record. */
const registry = new Map<string, Map<string, Record<string, unknown>>>();
for (const f of files) {
  for (const [source, byKey] of Object.entries(f.registry ?? {})) {
    if (!personal.has(source)) continue;
    const m = registry.get(source) ?? new Map<string, Record<string, unknown>>();
    for (const [key, record] of Object.entries(byKey)) m.set(key, record);
    registry.set(source, m);
  }
}

/** The 12-digit national IDs anywhere in a value. */
function nationalIds(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string' && /^[0-9]{12}$/.test(value)) out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => nationalIds(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => nationalIds(v, out));
  return out;
}

/** `value` with every occurrence of the string `from` replaced by `to`. */
function swap(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => swap(v, from, to));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v, from, to)]));
  return value;
}

/**
 * What the national sources hold about these people that identifies them: the names in their
 * personal records (`fullName`, `otherName`, any `...Name`), except what the form itself says
 * (a name the filer typed is theirs to see).
 */
function secretsOf(people: Iterable<string>, form: unknown): string[] {
  const typed = JSON.stringify(form);
  const out = new Set<string>();
  for (const id of people) {
    for (const bySource of registry.values()) {
      const record = bySource.get(id);
      if (!record) continue;
      for (const [field, v] of Object.entries(record)) {
        if (/name$/i.test(field) && typeof v === 'string' && v.length >= 5 && !typed.includes(v)) out.add(v);
      }
    }
  }
  return [...out];
}

function leaked(answer: unknown, secrets: readonly string[]): string[] {
  const text = JSON.stringify(answer);
  return secrets.filter((s) => text.includes(s));
}

/** The first filing of each procedure's scenarios. */
const filings = files.flatMap((f) => {
  const submit = f.cases.flatMap((c) => c.steps).find((s) => s.submit)?.submit;
  return submit ? [{ file: f.file, procedure: String(f.procedure), clock: f.clock, submit }] : [];
});

forEachDatabase('data subjects across the library', (db) => {
  let server: MotcuaServer;
  let url: string;
  let database: Database;
  const clock = { now: 0 };
  const tokens = new Map<string, string>();

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
    return { status: res.status, body: (await res.json()) };
  }

  async function citizenWith(nationalId: string): Promise<string> {
    const id = `citizen-${nationalId}`;
    await upsertUser(database.knex, { id, name: `Công dân ${nationalId}`, kind: 'citizen', nationalId });
    return id;
  }

  async function file(who: string, procedure: string, data: unknown, upload: string[] | undefined) {
    const level = server.services.registry.resolve(procedure).procedure.level;
    const unit = level === 'commune' ? 'ha-noi-hoan-kiem' : level === 'province' ? 'ha-noi' : 'ministry-of-justice';
    const uploads: Record<string, string> = {};
    for (const c of upload ?? []) uploads[c] = (await call(who, 'POST', '/api/uploads', `%PDF ${procedure} ${c}`, 'application/pdf')).body.hash as string;
    return call(who, 'POST', '/api/cases', { procedure, unit, data, uploads });
  }

  /**
   * Everything the citizen can read about their filing: the answer, the case and its child and
   * linked cases, and these in their list of cases (other cases of theirs may hold what they
   * typed themselves in another form).
   */
  async function seenBy(who: string, answer: { status: number; body: any }): Promise<unknown[]> {
    const seen: unknown[] = [answer.body];
    if (answer.status >= 300) return seen;
    const ids = new Set<string>([answer.body.id, ...((answer.body.children ?? []) as { id: string }[]).map((c) => c.id)]);
    for (const id of ids) seen.push((await call(who, 'GET', `/api/cases/${id}`)).body);
    const mine = (await call(who, 'GET', '/api/my/cases?limit=100')).body.items as { id: string }[];
    seen.push(mine.filter((c) => ids.has(c.id)));
    return seen;
  }

  it('has personal records to protect and filings to try', () => {
    expect(filings.length).toBeGreaterThan(30);
    expect(registry.get('population')?.size).toBeGreaterThan(20);
  });

  let triedAsAttacker = 0;
  let namedStrangers = 0;
  describe('a citizen files naming strangers (their own ID where the filer stands)', () => {
    for (const f of filings) {
      it(`${f.file}`, async () => {
        clock.now = Date.parse(String(f.clock));
        const compiled = (server.services.registry.runnable(f.procedure).compiled as RuntimeCompiled).compiled;
        const data = f.submit.data ?? {};
        const filer = f.submit.as?.nationalId ?? presumedFiler(compiled, withDefaults(compiled, data));
        const forged = filer === undefined ? data : swap(data, filer, ATTACKER);
        const strangers = [...nationalIds(forged)].filter((id) => id !== ATTACKER);
        const secrets = secretsOf(strangers, forged);
        const attacker = await citizenWith(ATTACKER);
        const r = await file(attacker, f.procedure, forged, f.submit.upload);
        expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
        triedAsAttacker++;
        if (secrets.length) namedStrangers++;
        for (const seen of await seenBy(attacker, r)) expect(leaked(seen, secrets), `${f.file}: ${r.status}`).toEqual([]);
      });
    }
  });

  describe("the scenario's own filer sees nobody else's record, before and after consent", () => {
    for (const f of filings) {
      it(`${f.file}`, async () => {
        clock.now = Date.parse(String(f.clock));
        const compiled = (server.services.registry.runnable(f.procedure).compiled as RuntimeCompiled).compiled;
        const data = f.submit.data ?? {};
        const filerId = f.submit.as?.nationalId ?? presumedFiler(compiled, withDefaults(compiled, data));
        if (filerId === undefined || f.submit.channel === 'counter') return;
        const others = [...nationalIds(data)].filter((id) => id !== filerId);
        const secrets = secretsOf(others, data);
        const filer = await citizenWith(filerId);
        const r = await file(filer, f.procedure, data, f.submit.upload);
        expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
        for (const seen of await seenBy(filer, r)) expect(leaked(seen, secrets), f.file).toEqual([]);
        if (r.status >= 300 || r.body.status !== 'awaiting-consent') return;
        // Each person named consents, signed in as themself; the filer still sees only statuses.
        const asked = await database.knex('case_consents').where({ case_id: r.body.id, status: 'awaiting' }).select<{ subject_id: string; national_id: string }[]>('subject_id', 'national_id');
        expect(asked.length).toBeGreaterThan(0);
        for (const a of asked) {
          // Nobody consents for someone else: not the filer, not another citizen.
          expect((await call(filer, 'POST', `/api/cases/${r.body.id}/consents/${a.subject_id}`, {})).status).toBe(403);
          const person = await citizenWith(a.national_id);
          const given = await call(person, 'POST', `/api/cases/${r.body.id}/consents/${a.subject_id}`, {});
          expect(given.status, JSON.stringify(given.body)).toBe(200);
          // What the person consents to names no record of anyone.
          expect(leaked(given.body, secretsOf([filerId, ...others], data))).toEqual([]);
        }
        const after = await call(filer, 'GET', `/api/cases/${r.body.id}`);
        expect(after.body.status).not.toBe('awaiting-consent');
        for (const seen of await seenBy(filer, after)) expect(leaked(seen, secrets), f.file).toEqual([]);
      });
    }
  });

  it('tried every filing and named strangers with records in most', () => {
    // Printed so that a run shows the attack was not vacuous.
    console.log(`data subjects: ${triedAsAttacker} filings tried as an attacker, ${namedStrangers} naming strangers with national records`);
    expect(triedAsAttacker).toBe(filings.length);
    expect(namedStrangers).toBeGreaterThan(10);
  });
});
