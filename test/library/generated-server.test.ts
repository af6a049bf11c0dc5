/**
 * A generated library of 1,000 procedures is a library a server runs: it loads with nothing
 * broken (its catalogues and calendars are written beside the procedures), and a citizen files
 * a case of each of 20 procedures drawn at random, at a unit of the procedure's level.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main as generate } from '../../scripts/generate-library';
import { loadConfig, startServer, type StartedServer } from 'motcua/server';

const dir = mkdtempSync(join(tmpdir(), 'motcua-generated-'));
const library = join(dir, 'library');
let started: StartedServer | undefined;
let token = '';

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${started!.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  const log = console.log;
  console.log = () => undefined;
  try {
    expect(generate(['--count', '1000', '--out', library, '--seed', '11'])).toBe(0);
  } finally {
    console.log = log;
  }
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', MOTCUA_DATA_DIR: join(dir, 'data'), MOTCUA_DEMO: '1', MOTCUA_LIBRARY: library });
  started = await startServer(config, () => undefined);
  const login = await call('POST', '/api/auth/dev-login', { user: 'citizen-1' });
  token = login.body['token'] as string;
}, 180_000);

afterAll(async () => {
  await started?.server.close();
  rmSync(dir, { recursive: true, force: true });
});

it('loads all 1,000 procedures with none broken', async () => {
  const health = await call('GET', '/api/health');
  expect(health.body['procedures']).toEqual({ ok: 1000, broken: 0, conflicts: [] });
});

it('files a case of each of 20 random procedures', async () => {
  const me = await call('GET', '/api/auth/me');
  const nationalId = me.body['nationalId'];
  expect(nationalId).toBe('001090000001');
  let seed = 20260302;
  const picked = new Set<number>();
  while (picked.size < 20) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    picked.add(seed % 1000);
  }
  const pdf = await fetch(`${started!.url}/api/uploads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/pdf', 'X-File-Name': 'don-de-nghi.pdf', Authorization: `Bearer ${token}` },
    body: '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  });
  expect(pdf.status).toBe(201);
  const hash = ((await pdf.json()) as { hash: string }).hash;
  for (const index of picked) {
    const code = `9.${String(100000 + index)}`;
    const procedure = (await call('GET', `/api/procedures/${code}`)).body['procedure'] as { level: string; components: { id: string; replaceableBy?: { source: string } }[] };
    // As in the generated scenarios: the population record replaces the identity document, the rest is uploaded.
    const uploads = Object.fromEntries(procedure.components.filter((c) => c.replaceableBy?.source !== 'population').map((c) => [c.id, hash]));
    const filed = await call('POST', '/api/cases', {
      procedure: code,
      unit: procedure.level === 'commune' ? 'ha-noi-hoan-kiem' : 'ha-noi',
      data: { applicant: { nationalId }, quantity: 1, category: 'a' },
      uploads,
    });
    expect(filed.status, `${code}: ${JSON.stringify(filed.body)}`).toBe(201);
    expect(filed.body['procedure'], code).toMatchObject({ code });
    expect(filed.body['steps'], code).toEqual([expect.stringMatching(/^(pay|receive)$/)]);
  }
}, 120_000);
