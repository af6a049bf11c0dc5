/**
 * The HTTP layer of a transition alone: `POST /api/cases/:id/actions` answered by the real
 * server (authentication, body reading and bounds, the schema, error mapping, headers) with the
 * case service's `act` replaced by one that returns a real case view at once, so that only
 * the request's way in and the answer's way out are measured. Three servers in one process,
 * measured in alternated rounds so that the machine's load falls on each alike:
 *
 * - `node`: a bare node `http` server reading the JSON body and answering the same view with
 *   the same headers, the floor (node's parser, streams and socket writes, JSON both ways);
 * - `lean`: the server as it runs (`server/src/http/hot-routes.ts`);
 * - `koa`: the same server with every request through Koa (`callback({ lean: false })`).
 *
 * Printed: the server process's CPU per request (median of the rounds) and each one's ratio to
 * the bare node server of the same run. The load generator runs in a child process (see
 * server.bench.ts). BENCH_HTTP_REQUESTS (per round, default 3,000), BENCH_HTTP_ROUNDS
 * (default 5) and BENCH_HTTP_ACT_DELAY_MS (how long the stubbed `act` takes, default 2 ms)
 * override the defaults.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../server/src/db';
import { startBenchServer } from './bench-server';
import { httpClient } from './http-client';
import { median } from './measure';

const REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 5);
const CONCURRENCY = 8;
const ACT_DELAY_MS = Number(process.env.BENCH_HTTP_ACT_DELAY_MS ?? 2);

interface Order {
  url: string;
  headers: Record<string, string>;
  body: string;
  requests: number;
}

/** The child: sends `requests` POSTs, CONCURRENCY in flight, and answers when all have come back 200. */
if (process.env.MOTCUA_BENCH_HTTP_CHILD === '1' && process.send) {
  const send = httpClient(CONCURRENCY);
  process.on('message', (o: Order | 'stop') => {
    if (o === 'stop') {
      send.close();
      process.disconnect();
      return;
    }
    let next = 0;
    let bad = '';
    const worker = async (): Promise<void> => {
      while (next < o.requests) {
        next++;
        const r = await send('POST', o.url, o.headers, o.body);
        if (r.status !== 200) bad = `${r.status} ${JSON.stringify(r.body)}`;
      }
    };
    Promise.all(Array.from({ length: CONCURRENCY }, worker)).then(
      () => process.send!({ ok: !bad, error: bad }),
      (err: unknown) => process.send!({ ok: false, error: String(err) }),
    );
  });
}

function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createHttpServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/** The floor: node's http reading a JSON body and answering `view` (after ACT_DELAY_MS) with the headers the API sends. */
function bareNode(view: unknown): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (ACT_DELAY_MS > 0) setTimeout(answer, ACT_DELAY_MS);
      else answer();
    });
    const answer = (): void => {
      const text = JSON.stringify(view);
      res.writeHead(200, ['X-Content-Type-Options', 'nosniff', 'Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(Buffer.byteLength(text))]);
      res.end(text);
    };
  };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-http-'));
  const db = openDatabase({ sqlite: join(dir, 'http.sqlite') });
  await db.migrate();
  const { server, url } = await startBenchServer(db, dir);
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, MOTCUA_BENCH_HTTP_CHILD: '1' } });
  try {
    // One real case, verified: its view is the answer every request gets.
    const token = async (user: string) => `Bearer ${await server.services.auth.issue(user)}`;
    const json = { 'Content-Type': 'application/json' };
    const upload = await fetch(`${url}/api/uploads`, { method: 'POST', headers: { Authorization: await token('cit'), 'Content-Type': 'application/pdf' }, body: '%PDF bench' });
    const hash = ((await upload.json()) as { hash: string }).hash;
    const filed = (await (
      await fetch(`${url}/api/cases`, {
        method: 'POST',
        headers: { ...json, Authorization: await token('cit') },
        body: JSON.stringify({ procedure: 'T.000001', unit: 'commune-a1', data: { applicant: { nationalId: '001090000001' }, child: { name: 'Bé Na', ageDays: 10 } }, uploads: { 'birth-certificate': hash } }),
      })
    ).json()) as { id: string };
    const officer = { ...json, Authorization: await token('cso') };
    const action = JSON.stringify({ step: 'verify', action: 'approve', version: 1 });
    const acted = await fetch(`${url}/api/cases/${filed.id}/actions`, { method: 'POST', headers: officer, body: action });
    if (acted.status !== 200) throw new Error(`the bench's action: ${acted.status} ${await acted.text()}`);
    const view = (await acted.json()) as object;
    // From here on `act` answers that view at once: what is left is the HTTP layer.
    // After ACT_DELAY_MS, like a transaction's wait for the database: requests overlap as they do
    // in the server, and what each holds lives that long (0: answered at once).
    const answer = view as Awaited<ReturnType<typeof server.services.cases.act>>;
    server.services.cases.act = () => (ACT_DELAY_MS > 0 ? new Promise((resolve) => setTimeout(() => resolve(answer), ACT_DELAY_MS)) : Promise.resolve(answer));

    const servers = {
      node: await listen(bareNode(view)),
      lean: await listen(server.callback()),
      koa: await listen(server.callback({ lean: false })),
    };
    const load = (target: string, requests: number): Promise<void> =>
      new Promise((resolve, reject) => {
        child.once('message', (m: { ok: boolean; error: string }) => (m.ok ? resolve() : reject(new Error(`${target}: ${m.error}`))));
        child.send({ url: `${target}/api/cases/${filed.id}/actions`, headers: officer, body: action, requests } satisfies Order);
      });
    const cpu: Record<keyof typeof servers, number[]> = { node: [], lean: [], koa: [] };
    const names = Object.keys(servers) as (keyof typeof servers)[];
    for (const name of names) await load(servers[name].url, 500); // the JIT, each path
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 ? [...names].reverse() : names) {
        const t0 = process.cpuUsage();
        await load(servers[name].url, REQUESTS);
        const used = process.cpuUsage(t0);
        cpu[name].push((used.user + used.system) / REQUESTS);
      }
    }
    console.log(`POST /api/cases/:id/actions with act stubbed (a ${JSON.stringify(view).length}-byte answer after ${ACT_DELAY_MS} ms), ${ROUNDS} alternated rounds of ${REQUESTS} requests, ${CONCURRENCY} in flight | load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const floor = median(cpu.node);
    for (const name of names) {
      const us = median(cpu[name]);
      console.log(`${name.padEnd(5)} server CPU ${us.toFixed(0)} µs/request (rounds ${cpu[name].map((x) => x.toFixed(0)).join(', ')}) | ${(us / floor).toFixed(2)}x the bare node server`);
    }
    await Promise.all(Object.values(servers).map((s) => new Promise((r) => s.server.close(r))));
  } finally {
    child.send('stop');
    await server.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
