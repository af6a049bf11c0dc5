/**
 * A cold start of a large library does its loading work in a worker thread
 * (server/src/library-prime.ts): the worker fills the library cache, and the start then loads
 * warm from it, compiling nothing; a library with little to do is loaded in the start's own
 * thread.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { fileLibraryCache, staleFiles } from 'motcua/engine/node';
import { generateProcedures } from '../../scripts/generate-library';
import { loadServerLibrary } from '../src/library';
import { openLibraryCache, PRIME_IN_WORKER_AT } from '../src/library-prime';

const LIBRARY = join(import.meta.dirname, '..', '..', 'procedures');

it('a cold start of many procedures loads and compiles them in a worker, then starts warm', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-prime-'));
  for (const sub of ['catalogues', 'calendars']) cpSync(join(LIBRARY, sub), join(dir, sub), { recursive: true });
  const generated = generateProcedures(PRIME_IN_WORKER_AT, 7);
  for (const f of generated) {
    mkdirSync(dirname(join(dir, f.file)), { recursive: true });
    writeFileSync(join(dir, f.file), f.text);
  }
  const cachePath = join(dir, 'data', 'library-cache.json');
  const log: string[] = [];
  const cache = await openLibraryCache(dir, cachePath, (l) => log.push(l));
  expect(log.join('\n')).toMatch(/in a worker thread/);
  // Everything is in the cache: nothing to parse, validate or compile.
  expect(staleFiles(dir, fileLibraryCache(cachePath), { current: (e) => e.extra?.compiles === true })).toEqual([]);
  const library = await loadServerLibrary(dir, { cache });
  expect(library.procedures).toHaveLength(generated.length);
  expect(library.procedures.filter((p) => p.known === undefined)).toEqual([]);

  // Started again: no worker (nothing to do).
  const again: string[] = [];
  await openLibraryCache(dir, cachePath, (l) => again.push(l));
  expect(again).toEqual([]);
  // A few changed files are loaded in the start's own thread.
  writeFileSync(join(dir, generated[0]!.file), `${generated[0]!.text}\n# edited\n`);
  const few: string[] = [];
  const fewCache = await openLibraryCache(dir, cachePath, (l) => few.push(l));
  expect(few).toEqual([]);
  expect(staleFiles(dir, fewCache)).toEqual([join(dir, generated[0]!.file)]);
}, 180_000);
