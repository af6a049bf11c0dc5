/**
 * The library cache (engine/src/loader/cache.ts): a second load of an unchanged library gives
 * the same procedures and the same diagnostics, with positions, without parsing or validating
 * again; a changed file, catalogue or set of versions is validated again.
 */
import { isAscii } from 'node:buffer';
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileLibraryCache, loadLibrarySync, staleFiles, type LibraryCache } from 'motcua/engine/node';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'invalid');
const sample = readFileSync(join(fixtures, 'sample.yaml'), 'utf8');

function library(): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-cache-'));
  for (const d of ['catalogues', 'calendars', 'civil']) mkdirSync(join(dir, d));
  for (const f of ['roles.yaml', 'sources.yaml']) writeFileSync(join(dir, 'catalogues', f), readFileSync(join(fixtures, 'catalogues', f)));
  writeFileSync(join(dir, 'calendars', 'vn.yaml'), readFileSync(join(fixtures, 'calendars', 'vn.yaml')));
  writeFileSync(join(dir, 'civil', 'linked-target.yaml'), readFileSync(join(fixtures, 'linked-target.yaml')));
  writeFileSync(join(dir, 'civil', 'a-sample.yaml'), sample);
  // An unknown role: an error found by validation, reported with its line.
  writeFileSync(join(dir, 'civil', 'b-bad-role.yaml'), sample.replace('code: "9.000001"', 'code: "9.000002"').replace(/role: [a-z-]+/, 'role: no-such-role'));
  return dir;
}

/**
 * A cache that counts what the loader parsed or validated and gave it (an entry that only
 * learned its file's size and modification time does not count).
 */
function counting(path: string): LibraryCache & { sets: number } {
  const inner = fileLibraryCache(path);
  const c = {
    sets: 0,
    get: (f: string) => inner.get(f),
    set: (f: string, e: Parameters<LibraryCache['set']>[1]) => {
      const before = inner.get(f);
      if (before?.text !== e.text || before.context !== e.context) c.sets++;
      inner.set(f, e);
    },
    setExtra: (f: string, x: Record<string, unknown>) => inner.setExtra(f, x),
    save: () => inner.save(),
  };
  return c;
}

const view = (r: ReturnType<typeof loadLibrarySync>) => ({
  codes: [...r.library.procedures.entries()].map(([code, vs]) => [code, vs.map((v) => JSON.stringify(v.procedure))]).sort(),
  diagnostics: r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`),
});

describe('the library cache', () => {
  it('gives back the same procedures and diagnostics (with their lines) without parsing or validating again', () => {
    const dir = library();
    const path = join(dir, '..', `${dir.split('/').pop()}-cache.json`);
    const first = counting(path);
    const cold = loadLibrarySync(dir, { cache: first });
    first.save();
    expect(first.sets).toBeGreaterThan(0);
    expect(cold.diagnostics.some((d) => d.code === 'E_UNKNOWN_ROLE' && d.line > 1)).toBe(true);
    const second = counting(path);
    const warm = loadLibrarySync(dir, { cache: second });
    expect(second.sets).toBe(0);
    expect(view(warm)).toEqual(view(cold));
    expect(view(loadLibrarySync(dir))).toEqual(view(cold));
  });

  it('validates again what a change could affect: the file, a catalogue, another version', () => {
    const dir = library();
    const path = join(dir, '..', `${dir.split('/').pop()}-cache.json`);
    const c0 = counting(path);
    loadLibrarySync(dir, { cache: c0 });
    c0.save();
    // The bad role fixed: that file only is parsed again, and it is valid now.
    writeFileSync(join(dir, 'civil', 'b-bad-role.yaml'), sample.replace('code: "9.000001"', 'code: "9.000002"'));
    const c1 = counting(path);
    const fixed = loadLibrarySync(dir, { cache: c1 });
    c1.save();
    expect(fixed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(fixed.library.procedures.has('9.000002')).toBe(true);
    expect(view(fixed)).toEqual(view(loadLibrarySync(dir)));
    // The role removed from the catalogue: every file is validated again, and the error is back.
    const roles = readFileSync(join(dir, 'catalogues', 'roles.yaml'), 'utf8');
    const role = /role: ([a-z-]+)/.exec(sample)![1]!;
    writeFileSync(join(dir, 'catalogues', 'roles.yaml'), roles.split('\n- ').filter((e) => !e.includes(`id: ${role}`)).join('\n- '));
    const c2 = counting(path);
    const changed = loadLibrarySync(dir, { cache: c2 });
    expect(view(changed)).toEqual(view(loadLibrarySync(dir)));
    expect(changed.diagnostics.some((d) => d.code === 'E_UNKNOWN_ROLE')).toBe(true);
  });

  it('says which files a load would parse or validate again (staleFiles), without parsing the others', () => {
    const dir = library();
    const path = join(dir, '..', `${dir.split('/').pop()}-cache.json`);
    const files = ['a-sample.yaml', 'b-bad-role.yaml', 'linked-target.yaml'].map((f) => join(dir, 'civil', f));
    expect(staleFiles(dir, fileLibraryCache(path)).sort()).toEqual(files);
    expect(staleFiles(dir, fileLibraryCache(path), { limit: 2 })).toHaveLength(2);
    const c = fileLibraryCache(path);
    loadLibrarySync(dir, { cache: c });
    c.save();
    expect(staleFiles(dir, fileLibraryCache(path))).toEqual([]);
    // What the caller asks of an entry (the server: that it compiled) counts too.
    expect(staleFiles(dir, fileLibraryCache(path), { current: (e) => e.diagnostics?.length === 0 }).sort()).toEqual([files[1]]);
    // A changed text: that file; the same code and version, so not the others.
    writeFileSync(files[0]!, `${sample}\n# a comment\n`);
    expect(staleFiles(dir, fileLibraryCache(path))).toEqual([files[0]]);
    // A new version of a code: every file's validation context changed.
    writeFileSync(join(dir, 'civil', 'c-new.yaml'), sample.replace('version: 1.0.0', 'version: 1.1.0'));
    expect(sample).toContain('version: 1.0.0');
    expect(staleFiles(dir, fileLibraryCache(path)).sort()).toEqual([...files, join(dir, 'civil', 'c-new.yaml')].sort());
    // A changed catalogue: every file.
    c.save();
    const c2 = fileLibraryCache(path);
    loadLibrarySync(dir, { cache: c2 });
    c2.save();
    expect(staleFiles(dir, fileLibraryCache(path))).toEqual([]);
    writeFileSync(join(dir, 'catalogues', 'roles.yaml'), `${readFileSync(join(dir, 'catalogues', 'roles.yaml'), 'utf8')}\n`);
    expect(staleFiles(dir, fileLibraryCache(path))).toHaveLength(4);
  });

  it('does not read again a file whose size and modification time are those it had, once settled', () => {
    const dir = library();
    const path = join(dir, '..', `${dir.split('/').pop()}-cache.json`);
    const file = join(dir, 'civil', 'a-sample.yaml');
    const minuteAgo = new Date(Date.now() - 60_000);
    for (const f of ['a-sample.yaml', 'b-bad-role.yaml', 'linked-target.yaml']) utimesSync(join(dir, 'civil', f), minuteAgo, minuteAgo);
    const c = counting(path);
    loadLibrarySync(dir, { cache: c });
    c.save();
    // Other content of the same size, and the modification time put back: the cache stands
    // (a file is trusted as git's index trusts it), so this proves the file was not read.
    writeFileSync(file, sample.replace('code: "9.000001"', 'code: "9.000009"'));
    utimesSync(file, minuteAgo, minuteAgo);
    expect(loadLibrarySync(dir, { cache: counting(path) }).library.procedures.has('9.000001')).toBe(true);
    // Its modification time moved: read, and its new content loaded.
    const now = new Date(Date.now() - 30_000);
    utimesSync(file, now, now);
    const moved = counting(path);
    const reloaded = loadLibrarySync(dir, { cache: moved });
    expect(reloaded.library.procedures.has('9.000009')).toBe(true);
    expect(moved.sets).toBeGreaterThan(0);
    // A file changed just now is checked by its content whatever its time says.
    writeFileSync(file, sample);
    const c2 = counting(path);
    loadLibrarySync(dir, { cache: c2 });
    c2.save();
    writeFileSync(file, sample.replace('code: "9.000001"', 'code: "9.000008"'));
    expect(loadLibrarySync(dir, { cache: counting(path) }).library.procedures.has('9.000008')).toBe(true);
  });

  it('ignores a cache file it cannot read, and loads cold', () => {
    const dir = library();
    const path = join(dir, '..', `${dir.split('/').pop()}-cache.json`);
    writeFileSync(path, '{ not json');
    const c = counting(path);
    expect(view(loadLibrarySync(dir, { cache: c }))).toEqual(view(loadLibrarySync(dir)));
    expect(c.sets).toBeGreaterThan(0);
    c.save();
    expect(JSON.parse(readFileSync(path, 'utf8')).format).toBe(2);
  });

  it('writes the cache as ASCII and reads back the same text, Vietnamese and all', () => {
    const dir = library();
    const path = join(dir, '..', `${dir.split('/').pop()}-cache.json`);
    const name = 'Đăng ký khai sinh — 𝒜 “trích lục”';
    writeFileSync(join(dir, 'civil', 'c-name.yaml'), sample.replace('code: "9.000001"', 'code: "9.000003"').replace(/^name:.*$/m, `name: { vi: ${JSON.stringify(name)}, en: Birth }`));
    const first = fileLibraryCache(path);
    const cold = loadLibrarySync(dir, { cache: first });
    first.save();
    const bytes = readFileSync(path);
    expect(isAscii(bytes)).toBe(true);
    expect(bytes.toString('latin1')).toMatch(/^\{"format":2,"engine":"[0-9a-f]{64}","files":/);
    const warm = loadLibrarySync(dir, { cache: fileLibraryCache(path) });
    expect(view(warm)).toEqual(view(cold));
    expect(warm.library.procedures.get('9.000003')?.[0]?.procedure.name).toEqual({ vi: name, en: 'Birth' });
  });

  it('ignores a cache of another engine or format, and one edited into UTF-8 still reads right', () => {
    const dir = library();
    const path = join(dir, '..', `${dir.split('/').pop()}-cache.json`);
    const first = counting(path);
    loadLibrarySync(dir, { cache: first });
    first.save();
    const saved = readFileSync(path, 'latin1');
    // Unescaped into UTF-8 (an editor's save): the same entries.
    writeFileSync(path, JSON.stringify(JSON.parse(saved)), 'utf8');
    const utf8 = counting(path);
    const read = loadLibrarySync(dir, { cache: utf8 });
    expect(utf8.sets).toBe(0);
    expect(read.library.procedures.get('9.000001')?.[0]?.procedure.name?.vi).toBe('Thủ tục mẫu');
    for (const foreign of [saved.replace(/"engine":"[0-9a-f]{64}"/, `"engine":"${'0'.repeat(64)}"`), saved.replace('{"format":2,', '{"format":1,')]) {
      writeFileSync(path, foreign, 'latin1');
      const c = counting(path);
      loadLibrarySync(dir, { cache: c });
      expect(c.sets).toBeGreaterThan(0);
    }
  });
});
