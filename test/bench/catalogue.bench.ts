/**
 * The procedure list the web app pages through (`GET /api/procedures`: search, filters,
 * facets, paging) over HTTP, with BENCH_PROCEDURES generated procedures (default 5,000, from
 * scripts/generate-library.ts) held by a server on SQLite. Requests are sent one at a time
 * with a mix of what people type: names with and without diacritics and with other spellings
 * (`dang ki`), code prefixes, filters by sector, level and agency, later pages. Printed: the
 * index build (once per library change), p50/p95/p99 of the list, and their ratio to
 * `GET /api/health` measured in the same run (the HTTP floor: routing, one database read,
 * JSON). Target: list p95 < 50 ms at 5,000 procedures.
 *
 * The server is given an engine that does not compile (what the list reads does not depend on
 * compilation; compiling 5,000 procedures is the start-up benchmark's subject, not this one's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Procedure } from 'motcua/engine';
import { loadCatalogues } from 'motcua/engine/node';
import { generateProcedures } from '../../scripts/generate-library';
import { createServer, loadConfig } from '../../server/src';
import { createRuntimeEngine, type CaseEngine } from '../../server/src/cases';
import { ProcedureCatalogue } from '../../server/src/procedures';
import { httpClient } from './http-client';

const N = Number(process.env.BENCH_PROCEDURES ?? 5000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500);
const TARGET_P95_MS = 50;

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** What people type and pick: derived from the generated names so that most queries find something. */
function queries(procedures: readonly Procedure[]): string[] {
  const rand = (() => {
    let a = 7;
    return () => ((a = (a * 1103515245 + 12345) >>> 0) / 2 ** 32);
  })();
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const strip = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd');
  const sectors = [...new Set(procedures.map((p) => p.sector))];
  const out: string[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const p = pick(procedures);
    const words = p.name.vi.split(/[\s:]+/).filter(Boolean);
    const start = Math.floor(rand() * Math.max(1, words.length - 2));
    const phrase = words.slice(start, start + 1 + Math.floor(rand() * 3)).join(' ');
    const params = new URLSearchParams();
    switch (i % 8) {
      case 0: params.set('q', phrase); break;
      case 1: params.set('q', strip(phrase).toLowerCase()); break;
      case 2: params.set('q', 'dang ki'); break;
      case 3: params.set('q', p.code.slice(0, 5)); break;
      case 4: params.set('sector', pick(sectors)); params.set('offset', String(20 * Math.floor(rand() * 5))); break;
      case 5: params.set('q', strip(words[0] ?? 'cap').toLowerCase()); params.set('level', 'commune'); params.set('open', 'true'); break;
      case 6: params.set('agency', 'reception-officer'); params.set('q', 'giay'); break;
      default: params.set('offset', String(20 * Math.floor(rand() * (N / 20)))); break;
    }
    out.push(`/api/procedures?${params.toString()}`);
  }
  return out;
}

export async function run(): Promise<void> {
  const files = generateProcedures(N, 1);
  const procedures = files.map((f) => parse(f.text) as Procedure);
  const { library } = loadCatalogues(join(import.meta.dirname, '../../procedures'));
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-catalogue-'));
  const config = loadConfig({}, { dataDir: dir, demo: true, library: join(dir, 'no-library'), webDir: join(dir, 'no-web'), host: '127.0.0.1', sqliteFile: join(dir, 'bench.sqlite') });
  const engine = { ...createRuntimeEngine(library.calendars), compile: (p: Procedure) => p } as unknown as CaseEngine;
  const t0 = performance.now();
  const server = await createServer({
    config,
    engine,
    library: { procedures: files.map((f, i) => ({ file: f.file, procedure: procedures[i]!, diagnostics: [] })), calendars: library.calendars, units: [...library.units.values()], roles: [...library.roles.values()], sources: library.sources },
    timers: false,
    outbox: false,
    notifications: false,
    log: () => undefined,
  });
  const startMs = performance.now() - t0;
  const base = await server.listen(0, '127.0.0.1');
  const send = httpClient(1);
  try {
    // The index is built once per change of the library: what the first request after a publish pays.
    const builds: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c = new ProcedureCatalogue(server.services.registry);
      const b0 = performance.now();
      c.list({ limit: 20, offset: 0 }, '2026-06-01');
      builds.push(performance.now() - b0);
    }
    const list = queries(procedures);
    let found = 0;
    for (const url of list.slice(0, 100)) await send('GET', base + url, {}); // warm-up
    for (let i = 0; i < 100; i++) await send('GET', `${base}/api/health`, {});
    const health: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const s = performance.now();
      const r = await send('GET', `${base}/api/health`, {});
      health.push(performance.now() - s);
      if (r.status !== 200) throw new Error(`health answered ${r.status}`);
    }
    const times: number[] = [];
    for (const url of list) {
      const s = performance.now();
      const r = await send('GET', base + url, {});
      times.push(performance.now() - s);
      if (r.status !== 200) throw new Error(`${url} answered ${r.status}: ${JSON.stringify(r.body)}`);
      if ((r.body as { total: number }).total > 0) found += 1;
    }
    const h95 = percentile(health, 95);
    const row = (label: string, xs: number[]): string =>
      `${label.padEnd(34)} p50 ${percentile(xs, 50).toFixed(2).padStart(6)} ms  p95 ${percentile(xs, 95).toFixed(2).padStart(6)} ms  p99 ${percentile(xs, 99).toFixed(2).padStart(6)} ms  x${(percentile(xs, 95) / h95).toFixed(1)} baseline p95`;
    console.log(`${N} procedures (server start with a non-compiling engine: ${(startMs / 1000).toFixed(1)} s), ${REQUESTS} requests one at a time`);
    console.log(`index build (once per library change): median ${percentile(builds, 50).toFixed(0)} ms over ${builds.length}`);
    console.log(row('baseline: GET /api/health', health));
    console.log(row(`GET /api/procedures (${found}/${list.length} found)`, times));
    const p95 = percentile(times, 95);
    console.log(`target: list p95 < ${TARGET_P95_MS} ms at 5,000 procedures: ${p95.toFixed(2)} ms ${p95 < TARGET_P95_MS ? 'MET' : 'NOT MET'}`);
  } finally {
    send.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
