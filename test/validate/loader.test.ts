import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLibraryRoot, loadLibrary } from 'motcua/engine/node';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'invalid');
const sample = readFileSync(join(fixtures, 'sample.yaml'), 'utf8');

function library(): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-lib-'));
  mkdirSync(join(dir, 'catalogues'));
  mkdirSync(join(dir, 'calendars'));
  mkdirSync(join(dir, 'civil'));
  for (const f of ['roles.yaml', 'sources.yaml']) writeFileSync(join(dir, 'catalogues', f), readFileSync(join(fixtures, 'catalogues', f)));
  writeFileSync(join(dir, 'calendars', 'vn.yaml'), readFileSync(join(fixtures, 'calendars', 'vn.yaml')));
  writeFileSync(join(dir, 'civil', 'linked-target.yaml'), readFileSync(join(fixtures, 'linked-target.yaml')));
  return dir;
}

describe('loadLibrary', () => {
  it('loads catalogues, calendars and valid procedures; a broken file does not stop the others', async () => {
    const dir = library();
    writeFileSync(join(dir, 'civil', 'a-sample.yaml'), sample);
    writeFileSync(join(dir, 'civil', 'b-broken.yaml'), 'code: [');
    writeFileSync(join(dir, 'civil', 'c-sample.test.yaml'), 'not: a procedure');
    const r = await loadLibrary(dir);
    expect([...r.library.procedures.keys()].sort()).toEqual(['9.000000', '9.000001']);
    expect([...r.library.roles.keys()]).toContain('commune-chair');
    expect([...r.library.sources.keys()]).toEqual(['population']);
    expect(r.library.calendars.get('vn')?.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(r.diagnostics.map((d) => [d.file.slice(dir.length + 1), d.code])).toEqual([['civil/b-broken.yaml', 'E_YAML_SYNTAX']]);
    expect(r.files).toHaveLength(3);
  });

  it('reports broken catalogue entries and calendars and keeps the good ones', async () => {
    const dir = library();
    writeFileSync(join(dir, 'catalogues', 'roles.yaml'), '- { id: ok, name: { vi: Ok } }\n- { name: { vi: No id } }\n- { id: ok, name: { vi: Twice } }\n');
    writeFileSync(join(dir, 'calendars', 'bad.yaml'), 'timezone: Mars/Olympus\nweek: [mon]\nhours: [["08:00","17:00"]]\n');
    const r = await loadLibrary(dir);
    const ofCatalogues = r.diagnostics.filter((d) => !r.docs.has(d.file));
    expect(ofCatalogues.map((d) => d.code).sort()).toEqual(['E_CALENDAR_TIMEZONE', 'E_CATALOGUE', 'E_CATALOGUE']);
    expect([...r.library.roles.keys()]).toEqual(['ok']);
    expect([...r.library.calendars.keys()]).toEqual(['vn']);
  });

  it('validates the library procedures against its catalogues', async () => {
    const dir = library();
    writeFileSync(join(dir, 'civil', 'a-sample.yaml'), sample.replace('role: commune-chair', 'role: mayor'));
    const r = await loadLibrary(dir);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_UNKNOWN_ROLE']);
    expect(r.library.procedures.has('9.000001')).toBe(false);
  });

  it('finds the library root upwards', () => {
    const dir = library();
    expect(findLibraryRoot(join(dir, 'civil', 'linked-target.yaml'))).toBe(dir);
    expect(findLibraryRoot(join(dir, 'civil'))).toBe(dir);
  });
});
