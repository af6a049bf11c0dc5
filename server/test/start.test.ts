/**
 * `npm start` as a user runs it: configuration from the environment, the real library,
 * SQLite in a fresh data dir, demo mode; the start-up report, health and the docs page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadConfig, startServer, type StartedServer } from '../src';

const dir = mkdtempSync(join(tmpdir(), 'motcua-start-'));
let started: StartedServer | undefined;
afterAll(async () => {
  await started?.server.close();
  rmSync(dir, { recursive: true, force: true });
});

it('starts on a fresh data dir, reports the library and serves the API and its docs', async () => {
  const lines: string[] = [];
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', MOTCUA_DATA_DIR: dir, MOTCUA_DEMO: '1', MOTCUA_LIBRARY: resolve(import.meta.dirname, '../../procedures') });
  started = await startServer(config, (l) => lines.push(l));
  const text = lines.join('\n');
  expect(text).toMatch(/motcua: \d+ procedure\(s\) ready/);
  expect(text).toMatch(/database sqlite/);
  expect(text).toMatch(/demo mode: \d+ demo users/);
  const health = (await (await fetch(`${started.url}/api/health`)).json()) as { status: string; procedures: { ok: number } };
  expect(health.status).toBe('ok');
  expect(health.procedures.ok).toBeGreaterThan(10);
  const login = await fetch(`${started.url}/api/auth/dev-login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"user":"officer-1"}' });
  expect(login.status).toBe(200);
  expect((await fetch(`${started.url}/api/docs`)).headers.get('content-type')).toMatch(/html/);
});

it('refuses a half-configured OIDC issuer with a hint', () => {
  expect(() => loadConfig({ MOTCUA_OIDC_ISSUER: 'https://eid.example.vn' })).toThrow(/OIDC is half configured/);
  expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
  expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT=abc/);
});

it('chooses the sign-in provider: a configured issuer, else the embedded one in demo mode only', () => {
  const external = loadConfig({ MOTCUA_OIDC_ISSUER: 'https://vneid.example.gov.vn', MOTCUA_OIDC_CLIENT_ID: 'motcua', MOTCUA_OIDC_CLIENT_SECRET: 's' });
  expect(external.signIn).toMatchObject({ kind: 'external', issuer: 'https://vneid.example.gov.vn', clientId: 'motcua', clientSecret: 's', scope: 'openid profile national_id', nationalIdClaim: 'national_id' });
  expect(external.oidc).toBeUndefined();
  expect(loadConfig({ MOTCUA_DEMO: '1' }).signIn.kind).toBe('embedded');
  expect(loadConfig({}).signIn.kind).toBe('off');
  expect(() => loadConfig({ MOTCUA_OIDC_CLIENT_ID: 'motcua' })).toThrow(/OIDC is half configured/);
  expect(() => loadConfig({ MOTCUA_OIDC_ISSUER: 'vneid', MOTCUA_OIDC_CLIENT_ID: 'motcua' })).toThrow(/not an http/);
});
