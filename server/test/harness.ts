/**
 * Starts a real server (node http on an ephemeral port) on a test database with the test
 * library, demo users and a controllable clock; `as(user)` gives a fetch client with a token.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, loadConfig, type MotcuaServer, type ServerConfig, type ServerLibrary } from '../src';
import type { Procedure } from 'motcua/engine';
import type { Database } from '../src/db';
import { upsertRecords } from '../src/sources';
import { upsertUser } from '../src/auth';
import { POPULATION_RECORD, POPULATION_RECORD_2, testLibrary } from './fixtures';

export interface Client {
  get: (path: string) => Promise<Reply>;
  post: (path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply>;
  put: (path: string, body?: unknown) => Promise<Reply>;
  raw: (path: string, init: RequestInit) => Promise<Reply>;
}

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of many shapes, checked by expect
  body: any;
  headers: Headers;
}

export interface TestServer {
  server: MotcuaServer;
  url: string;
  clock: { now: number };
  as: (user?: string) => Promise<Client>;
  close: () => Promise<void>;
}

export const START = Date.parse('2026-03-02T09:00:00+07:00');

export async function startTestServer(db: Database, dataDir?: string, opts: { demo?: boolean; procedures?: Procedure[]; sources?: ServerLibrary['sources']; config?: Partial<ServerConfig>; log?: (line: string) => void } = {}): Promise<TestServer> {
  const clock = { now: START };
  const config = loadConfig(
    {},
    {
      dataDir: dataDir ?? mkdtempSync(join(tmpdir(), 'motcua-srv-')),
      demo: opts.demo ?? true,
      library: join(tmpdir(), 'motcua-no-library'),
      webDir: join(tmpdir(), 'motcua-no-web'),
      host: '127.0.0.1',
      timerIntervalMs: 3_600_000,
      dueSoonMs: 24 * 3600 * 1000,
      uploads: { maxBytes: 64 * 1024, mediaTypes: ['application/pdf', 'image/*'] },
      ...opts.config,
    },
  );
  const server = await createServer({ config, library: { ...testLibrary(opts.procedures), ...(opts.sources ? { sources: opts.sources } : {}) }, database: db, now: () => new Date(clock.now), log: opts.log ?? (() => undefined) });
  await seedTestUsers(db);
  const url = await server.listen(0, '127.0.0.1');
  const tokens = new Map<string, string>();
  const client = (token?: string): Client => {
    const call = async (path: string, init: RequestInit): Promise<Reply> => {
      const headers = new Headers(init.headers);
      if (token) headers.set('Authorization', `Bearer ${token}`);
      const res = await fetch(url + path, { ...init, headers });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body, headers: res.headers };
    };
    const json = (method: string) => (path: string, body?: unknown, headers: Record<string, string> = {}) =>
      call(path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    return { get: (path) => call(path, { method: 'GET' }), post: json('POST'), put: json('PUT'), raw: call };
  };
  return {
    server,
    url,
    clock,
    async as(user?: string) {
      if (!user) return client();
      let token = tokens.get(user);
      if (!token) {
        token = await server.services.auth.issue(user);
        tokens.set(user, token);
      }
      return client(token);
    },
    close: () => server.close(),
  };
}

/** Users of the authorization matrix: a citizen each, officers per role and unit, author, admin. */
export async function seedTestUsers(db: Database): Promise<void> {
  await upsertRecords(db.knex, [POPULATION_RECORD, POPULATION_RECORD_2].map((record) => ({ source: 'population', key: record.nationalId, record })));
  const users = [
    { id: 'cit-1', name: 'Công dân 1', kind: 'citizen' as const, nationalId: '001090000001' },
    { id: 'cit-2', name: 'Công dân 2', kind: 'citizen' as const, nationalId: '001090000002' },
    { id: 'cit-3', name: 'Công dân 3', kind: 'citizen' as const, nationalId: '001090000003' },
    { id: 'cso-a1', name: 'Hộ tịch A1', kind: 'officer' as const, roles: [{ role: 'civil-status-officer', unit: 'commune-a1' }] },
    { id: 'chair-a1', name: 'Chủ tịch A1', kind: 'officer' as const, roles: [{ role: 'commune-chair', unit: 'commune-a1' }] },
    { id: 'cso-a2', name: 'Hộ tịch A2', kind: 'officer' as const, roles: [{ role: 'civil-status-officer', unit: 'commune-a2' }] },
    { id: 'cso-prov', name: 'Hộ tịch tỉnh', kind: 'officer' as const, roles: [{ role: 'civil-status-officer', unit: 'prov-a' }] },
    { id: 'author', name: 'Tác giả', kind: 'author' as const },
    { id: 'author-b', name: 'Tác giả 2', kind: 'author' as const },
    { id: 'approver', name: 'Người phê duyệt', kind: 'author' as const, roles: [{ role: 'procedure-approver', unit: 'prov-a' }] },
    { id: 'approver-2', name: 'Người phê duyệt 2', kind: 'author' as const, roles: [{ role: 'procedure-approver', unit: 'prov-a' }] },
    { id: 'admin', name: 'Quản trị', kind: 'admin' as const },
  ];
  for (const u of users) await upsertUser(db.knex, u);
}

/** The national ID of each test citizen: a citizen files as themself. */
export const NATIONAL_ID: Readonly<Record<string, string>> = { 'cit-1': '001090000001', 'cit-2': '001090000002', 'cit-3': '001090000003' };

/** A valid filing of the test procedure by cit-1 at commune-a1 (birth certificate uploaded first); `by` files as another citizen. */
export function filing(upload: string, overrides: Record<string, unknown> = {}, by = 'cit-1'): Record<string, unknown> {
  return {
    procedure: 'T.000001',
    unit: 'commune-a1',
    data: { applicant: { nationalId: NATIONAL_ID[by] }, child: { name: 'Bé Na', ageDays: 10 } },
    uploads: { 'birth-certificate': upload },
    ...overrides,
  };
}

/** Uploads a small PDF as `client` and returns its hash. */
export async function uploadPdf(c: Client, content = '%PDF-1.4 test'): Promise<string> {
  const r = await c.raw('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'application/pdf' }, body: content });
  if (r.status !== 201) throw new Error(`upload failed: ${r.status} ${JSON.stringify(r.body)}`);
  return (r.body as { hash: string }).hash;
}

/**
 * Takes case `id` (at `version`) through the test procedure's decision: the commune's officer
 * approves, its chair signs. Each action must answer 200; returns the case's version after.
 */
export async function approveAndSign(t: Pick<TestServer, 'as'>, id: string, version: number): Promise<number> {
  for (const [user, step, action] of [['cso-a1', 'verify', 'approve'], ['chair-a1', 'sign', 'sign']] as const) {
    const r = await (await t.as(user)).post(`/api/cases/${id}/actions`, { step, action, version });
    if (r.status !== 200) throw new Error(`${user} ${step}.${action} on ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    version = (r.body as { version: number }).version;
  }
  return version;
}
