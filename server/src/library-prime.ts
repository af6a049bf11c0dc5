/**
 * A cold start of a large library does its loading work (parsing, validating and compiling
 * every procedure) in a worker thread that fills the library cache and exits: its heap, with
 * every YAML text, validator and compiled machine it made, dies with it, and the server then
 * starts warm from the cache, holding only what a warm start holds (resident memory of a cold
 * start of 5,038 procedures: see docs/server.md "The library cache").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { hasErrors } from 'motcua/engine';
import { fileLibraryCache, staleFiles, type CachedProcedureFile, type LibraryCache } from 'motcua/engine/node';
import { createRuntimeEngine } from './cases/runtime-engine';
import { loadServerLibrary, rememberCompiled } from './library';
import { ProcedureRegistry } from './procedures';

/**
 * From how many files to parse, validate or compile the work goes to a worker: below it, a
 * worker's own start (loading the engine's code again) costs more than the work.
 */
export const PRIME_IN_WORKER_AT = 100;

/** What the worker is given. */
export interface PrimeJob {
  library: string;
  cachePath: string;
}

/**
 * Loads the library with the cache at `cachePath`, compiles what it has not seen compile and
 * saves the cache: what the worker does (and what a start does in its own thread when no
 * worker can run).
 */
export async function primeLibraryCache(job: PrimeJob): Promise<void> {
  const cache = fileLibraryCache(job.cachePath);
  const library = await loadServerLibrary(job.library, { cache });
  const registry = new ProcedureRegistry(createRuntimeEngine(library.calendars));
  registry.add(library.procedures);
  rememberCompiled(cache, library, registry);
}

/** Whether an entry says all a start needs: broken, or compiled (or failed to) for this content. */
function settled(entry: CachedProcedureFile): boolean {
  return hasErrors(entry.diagnostics ?? []) || typeof entry.extra?.contentHash === 'string';
}

/**
 * The library cache for a start: when at least {@link PRIME_IN_WORKER_AT} files would be
 * parsed, validated or compiled, that is done first in a worker thread (should the worker
 * fail, the start does it itself, as before). `log` says which.
 */
export async function openLibraryCache(library: string, cachePath: string, log: (line: string) => void): Promise<LibraryCache> {
  const cache = fileLibraryCache(cachePath);
  const stale = staleFiles(library, cache, { current: settled, limit: PRIME_IN_WORKER_AT });
  if (stale.length < PRIME_IN_WORKER_AT) return cache;
  const t0 = performance.now();
  try {
    await inWorker({ library, cachePath });
    log(`motcua: library loaded and compiled in a worker thread in ${((performance.now() - t0) / 1000).toFixed(1)} s (cached in ${cachePath})`);
  } catch (err) {
    log(`motcua: the library worker failed (${err instanceof Error ? err.message : String(err)}); loading in this process`);
    return cache;
  }
  return fileLibraryCache(cachePath);
}

/** The URL of tsx's ES module API (its `register`), found from `from`. */
function tsxApi(from: string): string {
  const pkg = createRequire(from).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  return pathToFileURL(join(dirname(pkg), exports['./esm/api']?.import?.default ?? 'dist/esm/api/index.mjs')).href;
}

/** Runs {@link primeLibraryCache} in a worker thread, from the build or from the TypeScript sources (tsx). */
function inWorker(job: PrimeJob): Promise<void> {
  const here = import.meta.url;
  let worker: Worker;
  if (here.endsWith('.ts')) {
    // The sources (development, tests): the worker registers tsx before importing its entry.
    const tsx = tsxApi(here);
    const entry = new URL('./library-worker.ts', here).href;
    worker = new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData: job });
  } else {
    // The build (scripts/build-server.mjs): dist/server/library-worker.mjs, beside main.mjs and chunks/.
    worker = new Worker(new URL(here.includes('/chunks/') ? '../library-worker.mjs' : './library-worker.mjs', here), { workerData: job });
  }
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the worker exited with code ${code}`))));
  });
}
