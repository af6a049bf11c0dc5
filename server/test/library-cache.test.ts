/**
 * A server started again on an unchanged library (the library cache in its data dir) registers
 * every procedure without compiling it: each compiles on first use, none is counted broken,
 * and what runs is what a cold start runs.
 */
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fileLibraryCache } from 'motcua/engine/node';
import { createRuntimeEngine } from '../src/cases/runtime-engine';
import { loadServerLibrary, rememberCompiled } from '../src/library';
import { isBroken, ProcedureRegistry } from '../src/procedures';

const LIBRARY = join(import.meta.dirname, '..', '..', 'procedures');

it('a warm start registers the library without compiling it; each procedure compiles on first use', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-warm-'));
  for (const e of readdirSync(LIBRARY)) cpSync(join(LIBRARY, e), join(dir, e), { recursive: true });
  const cacheFile = join(dir, '..', `${dir.split('/').pop()}.json`);

  const coldCache = fileLibraryCache(cacheFile);
  const coldLibrary = await loadServerLibrary(dir, { cache: coldCache });
  const cold = new ProcedureRegistry(createRuntimeEngine(coldLibrary.calendars));
  const coldResult = cold.add(coldLibrary.procedures);
  expect(coldResult.broken).toEqual([]);
  expect(cold.all().every((e) => !e.awaitsCompilation && e.compiled !== undefined)).toBe(true);
  rememberCompiled(coldCache, coldLibrary, cold);

  const warmLibrary = await loadServerLibrary(dir, { cache: fileLibraryCache(cacheFile) });
  expect(warmLibrary.procedures.every((p) => p.known !== undefined)).toBe(true);
  const engine = createRuntimeEngine(warmLibrary.calendars);
  let compiles = 0;
  const counted = { ...engine, compile: (p: Parameters<typeof engine.compile>[0]) => (compiles++, engine.compile(p)) };
  const warm = new ProcedureRegistry(counted);
  expect(warm.add(warmLibrary.procedures)).toEqual({ ok: coldResult.ok, broken: [] });
  expect(compiles).toBe(0);
  expect(warm.all().filter(isBroken)).toEqual([]);
  expect(warm.all().map((e) => [e.procedure.code, e.procedure.version, e.contentHash])).toEqual(cold.all().map((e) => [e.procedure.code, e.procedure.version, e.contentHash]));
  expect(compiles).toBe(0);

  // First use compiles that one version, once.
  const first = cold.all()[0]!;
  const entry = warm.runnable(first.procedure.code, first.procedure.version);
  expect(compiles).toBe(1);
  expect(entry.awaitsCompilation).toBeUndefined();
  expect(Object.keys(entry.compiled as object).sort()).toEqual(Object.keys(first.compiled as object).sort());
  warm.runnable(first.procedure.code, first.procedure.version);
  expect(compiles).toBe(1);
});
