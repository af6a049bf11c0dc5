/**
 * A server started again on an unchanged library (the library cache in its data dir) registers
 * every procedure without compiling it: each compiles on first use, none is counted broken,
 * and what runs is what a cold start runs.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fileLibraryCache } from 'motcua/engine/node';
import { createRuntimeEngine } from '../src/cases/runtime-engine';
import { loadServerLibrary, rememberCompiled } from '../src/library';
import { isBroken, ProcedureCatalogue, ProcedureRegistry } from '../src/procedures';

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
  // Every procedure but a province's overlay (resolved against its base anew at each start).
  const overlay = (p: { file: string }): boolean => /extends:/.test(readFileSync(p.file, 'utf8'));
  expect(warmLibrary.procedures.filter(overlay).length).toBeGreaterThan(0);
  expect(warmLibrary.procedures.filter((p) => p.known === undefined).map((p) => p.file)).toEqual(warmLibrary.procedures.filter(overlay).map((p) => p.file));
  const engine = createRuntimeEngine(warmLibrary.calendars);
  let compiles = 0;
  const counted = { ...engine, compile: (p: Parameters<typeof engine.compile>[0]) => (compiles++, engine.compile(p)) };
  const warm = new ProcedureRegistry(counted);
  expect(warm.add(warmLibrary.procedures)).toEqual({ ok: coldResult.ok, broken: [] });
  const overlays = warmLibrary.procedures.filter(overlay).length;
  expect(compiles).toBe(overlays);
  expect(warm.all().filter(isBroken)).toEqual([]);
  expect(warm.all().map((e) => [e.procedure.code, e.procedure.version, e.contentHash])).toEqual(cold.all().map((e) => [e.procedure.code, e.procedure.version, e.contentHash]));
  expect(compiles).toBe(overlays);

  // Listing the library (every code, its status, whether it can be filed) compiles nothing;
  // a province's overlay says which national procedure it builds on.
  const listed = new ProcedureCatalogue(warm as ProcedureRegistry).list({ limit: 100, offset: 0 }, '2026-12-04');
  expect(listed.total).toBe(new Set(warm.all().map((e) => e.procedure.code)).size);
  expect(listed.items.every((i) => i.status === 'ok')).toBe(true);
  expect(listed.items.find((i) => i.code === '1.009994-nghe-an')?.overlayOf).toBe('1.009994');
  expect(compiles).toBe(overlays);

  // First use compiles that one version, once.
  const first = cold.all().find((e) => !overlay(e))!;
  const entry = warm.runnable(first.procedure.code, first.procedure.version);
  expect(compiles).toBe(overlays + 1);
  expect(entry.awaitsCompilation).toBeUndefined();
  expect(Object.keys(entry.compiled as object).sort()).toEqual(Object.keys(first.compiled as object).sort());
  warm.runnable(first.procedure.code, first.procedure.version);
  expect(compiles).toBe(overlays + 1);

  // The text a version was read from is given back as is (comments and layout), read from its
  // file when asked rather than kept for every procedure; once the file changed, it is not
  // claimed to be what was loaded (the API then writes the procedure out).
  const held = warm.all().find((e) => e.file === first.file)!;
  expect(held.source).toBe(readFileSync(first.file, 'utf8'));
  expect(held.source).toBe(first.source);
  writeFileSync(first.file, `${readFileSync(first.file, 'utf8')}\n# edited after the start\n`);
  expect(held.source).toBeUndefined();
});
