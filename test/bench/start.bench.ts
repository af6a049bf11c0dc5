/**
 * Start-up of a large library: BENCH_START_COUNT generated procedures (default 5,000,
 * scripts/generate-library.ts, seed 42) plus this repository's real library, served by
 * `motcua serve` in production mode on SQLite. Measured from spawning the process to the first
 * 200 of `GET /api/health`, with the process's resident memory then:
 *   - cold: a fresh data dir (every file parsed, validated and compiled);
 *   - warm: the same data dir again, twice (the library cache in the data dir: nothing
 *     parsed, validated or compiled until first use).
 * Baseline in the same run: the same server on a library of the catalogues alone (loading the
 * code, opening and migrating the database). Targets: warm < 3 s, cold < 30 s, resident
 * memory < 400 MB. The server runs compiled, as `npm start` runs it: the bench builds it first
 * (`npm run build:server`); BENCH_START_SOURCES=1 runs it from the TypeScript sources (tsx).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateProcedures } from '../../scripts/generate-library';

const COUNT = Number(process.env.BENCH_START_COUNT ?? 5000);
const ROOT = join(import.meta.dirname, '..', '..');
const LIBRARY = join(ROOT, 'procedures');
let port = 4310;

/** Resident memory of a process in MB (Linux): now, and its peak so far; NaN if unknown. */
function rssMb(pid: number): { now: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
    return { now: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { now: NaN, peak: NaN };
  }
}

/** Starts the server on `library` with `dataDir`; the time to a healthy answer and the memory then. */
async function start(library: string, dataDir: string): Promise<{ seconds: number; rss: number; peak: number; procedures: { ok: number; broken: number } }> {
  const p = port++;
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'motcua.mjs'), 'serve', '--library', library, '--data-dir', dataDir, '--port', String(p), '--no-demo'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr.slice(-500)}`);
      try {
        const r = await fetch(`http://127.0.0.1:${p}/api/health`);
        if (r.ok) {
          const seconds = (performance.now() - t0) / 1000;
          const { now: rss, peak } = rssMb(child.pid!);
          const body = (await r.json()) as { procedures: { ok: number; broken: number } };
          return { seconds, rss, peak, procedures: body.procedures };
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function writeLibrary(dir: string, withProcedures: boolean): void {
  for (const sub of ['catalogues', 'calendars']) cpSync(join(LIBRARY, sub), join(dir, sub), { recursive: true });
  if (!withProcedures) return;
  for (const f of generateProcedures(COUNT, 42)) {
    const path = join(dir, 'generated', f.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
  }
  for (const entry of readdirSync(LIBRARY, { withFileTypes: true })) {
    if (entry.isDirectory() && !['catalogues', 'calendars'].includes(entry.name)) cpSync(join(LIBRARY, entry.name), join(dir, 'real', entry.name), { recursive: true });
  }
}

const mark = (ok: boolean): string => (ok ? '' : '  OVER TARGET');

export async function run(): Promise<void> {
  const fromSources = process.env.BENCH_START_SOURCES === '1';
  if (fromSources) process.env.MOTCUA_FROM_SOURCES = '1';
  else execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')], { stdio: 'inherit' });
  console.log(`the server runs ${fromSources ? 'from the TypeScript sources (tsx)' : 'compiled (dist/server)'}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const root = mkdtempSync(join(tmpdir(), 'motcua-bench-start-'));
  try {
    const empty = join(root, 'empty');
    const big = join(root, 'library');
    writeLibrary(empty, false);
    writeLibrary(big, true);
    const base = await start(empty, join(root, 'data-empty'));
    console.log(`baseline (catalogues only): health after ${base.seconds.toFixed(2)} s, resident ${base.rss.toFixed(0)} MB, peak ${base.peak.toFixed(0)} MB`);
    const data = join(root, 'data');
    const cold = await start(big, data);
    const warm = [await start(big, data), await start(big, data)];
    const total = cold.procedures.ok + cold.procedures.broken;
    console.log(`library: ${COUNT.toLocaleString('en')} generated + the real library = ${total.toLocaleString('en')} procedures, ${cold.procedures.broken} broken`);
    // The peak (VmHWM) is told, not targeted: a cold start's worker thread (server/src/library-prime.ts) peaks and exits before health answers.
    console.log(`cold start: health after ${cold.seconds.toFixed(2)} s (${(cold.seconds / base.seconds).toFixed(1)}x baseline; target < 30 s)${mark(cold.seconds < 30)}, resident ${cold.rss.toFixed(0)} MB (target < 400 MB)${mark(cold.rss < 400)}, peak ${cold.peak.toFixed(0)} MB`);
    warm.forEach((w, i) => {
      console.log(`warm start ${i + 1}: health after ${w.seconds.toFixed(2)} s (${(w.seconds / base.seconds).toFixed(1)}x baseline; target < 3 s)${mark(w.seconds < 3)}, resident ${w.rss.toFixed(0)} MB (target < 400 MB)${mark(w.rss < 400)}, peak ${w.peak.toFixed(0)} MB, ${w.procedures.ok} ok, ${w.procedures.broken} broken`);
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
