/**
 * `motcua test --server URL`: the same scenarios over HTTP against a server in test-clock
 * mode, with the same output and exit codes as in process. The server here holds no
 * procedure at all: the runner sends the ones under test (and their calendars) itself.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, loadConfig, type MotcuaServer } from 'motcua/server';
import { main } from '../main';
import type { CliIO } from '../io';

const repo = resolve(__dirname, '../../..');
const fixtures = 'test/fixtures/scenarios';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false, cwd: repo };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function start(testClock: boolean): Promise<{ server: MotcuaServer; url: string }> {
  const config = loadConfig({}, { dataDir: mkdtempSync(join(tmpdir(), 'motcua-cli-srv-')), library: join(tmpdir(), 'motcua-no-library'), webDir: join(tmpdir(), 'motcua-no-web'), host: '127.0.0.1', demo: false, testClock });
  const server = await createServer({ config, library: { procedures: [], calendars: new Map(), units: [], roles: [] }, log: () => undefined });
  return { server, url: await server.listen(0, '127.0.0.1') };
}

// Each case runs over HTTP against a real server: on a loaded machine a file of them takes a while.
describe('motcua test --server', { timeout: 90_000 }, () => {
  let live: { server: MotcuaServer; url: string };
  let plain: { server: MotcuaServer; url: string };
  beforeAll(async () => {
    [live, plain] = await Promise.all([start(true), start(false)]);
  });
  afterAll(async () => {
    await live?.server.close();
    await plain?.server.close();
  });

  it('passes every step kind (pay, supplement, wait, withdraw, parallel, child and linked cases) as in process, with the same output', async () => {
    const args = ['test', `${fixtures}/permit`, `${fixtures}/nested`];
    const local = await run(args);
    const remote = await run([...args, '--server', live.url]);
    expect(local.code).toBe(0);
    expect(remote.err).toBe('');
    expect(remote.out).toBe(local.out);
    expect(remote.code).toBe(0);
  });

  it('fails the same cases at the same lines, with the same exit code', async () => {
    const args = ['test', `${fixtures}/must-fail`];
    const local = await run(args);
    const remote = await run([...args, '--server', live.url]);
    const where = (out: string) => out.split('\n').filter((l) => /^[✓✗]|^ {6}at |^ {4}\S| passed, /.test(l));
    expect(remote.code).toBe(1);
    expect(where(remote.out)).toEqual(where(local.out));
    expect(remote.out.split('\n').at(-1)).toBe('1 passed, 5 failed');
  });

  it('refuses a server that is not in test-clock mode, whose /api/test/ routes do not exist', async () => {
    const r = await run(['test', `${fixtures}/permit`, '--server', plain.url]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E_NOT_TEST_CLOCK: the server at .* is not in test-clock mode\n {4}hint: .*motcua serve --test-clock/);
    const world = await fetch(`${plain.url}/api/test/world`);
    expect(world.status).toBe(404);
    expect(((await world.json()) as { error: { code: string } }).error.code).toBe('E_NOT_FOUND');
    const health = (await (await fetch(`${plain.url}/api/health`)).json()) as { testClock: boolean };
    expect(health.testClock).toBe(false);
    expect(((await (await fetch(`${live.url}/api/health`)).json()) as { testClock: boolean }).testClock).toBe(true);
  });

  it('says plainly when the server cannot be reached, and refuses --coverage with --server', async () => {
    const r = await run(['test', `${fixtures}/permit`, '--server', 'http://127.0.0.1:9']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E_SERVER_UNREACHABLE: cannot reach http:\/\/127\.0\.0\.1:9/);
    const usage = await run(['test', `${fixtures}/permit`, '--server', live.url, '--coverage']);
    expect(usage.code).toBe(2);
  });
});
