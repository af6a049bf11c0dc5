/**
 * The library's catalogues (procedures/catalogues) are consistent with each other and with the
 * procedures and scenarios that use them: unique kebab-case ids, the 34 provincial units of
 * Resolution 202/2025/QH15, valid record schemas for the national sources, and every record a
 * scenario puts in its registry matches the schema its source declares.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { OrgUnit, RoleEntry, SourceEntry } from 'motcua/engine';

const root = join(import.meta.dirname, '..', '..', 'procedures');
const read = <T>(file: string): T => parse(readFileSync(join(root, file), 'utf8')) as T;
const roles = read<RoleEntry[]>('catalogues/roles.yaml');
const sources = read<SourceEntry[]>('catalogues/sources.yaml');
const units = read<OrgUnit[]>('catalogues/units.yaml');

function yamlFiles(dir: string, test: boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'catalogues' && name !== 'calendars') out.push(...yamlFiles(path, test));
    } else if (name.endsWith('.yaml') && name.endsWith('.test.yaml') === test) out.push(path);
  }
  return out.sort();
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('catalogues', () => {
  it.each([
    ['roles', roles],
    ['sources', sources],
    ['units', units],
  ] as const)('%s have unique kebab-case ids', (_name, entries) => {
    const ids = entries.map((e) => e.id);
    expect(ids.filter((id) => !KEBAB.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('roles name themselves in Vietnamese and English and list valid levels', () => {
    for (const r of roles) {
      expect(r.name.vi, r.id).toBeTruthy();
      expect(r.name.en, r.id).toBeTruthy();
      expect(r.levels?.every((l) => ['commune', 'province', 'ministry'].includes(l)), r.id).toBe(true);
    }
  });

  it('has the 34 provincial units of Resolution 202/2025/QH15: 6 centrally-run cities and 28 provinces', () => {
    const provinces = units.filter((u) => u.level === 'province');
    expect(provinces).toHaveLength(34);
    const cities = provinces.filter((p) => p.name.startsWith('Thành phố ')).map((p) => p.name.slice('Thành phố '.length));
    expect(cities.sort()).toEqual(['Cần Thơ', 'Huế', 'Hà Nội', 'Hải Phòng', 'Hồ Chí Minh', 'Đà Nẵng'].sort());
    expect(provinces.filter((p) => p.name.startsWith('Tỉnh '))).toHaveLength(28);
  });

  it('holds the 3,321 commune-level units of Decision 19/2025/QĐ-TTg, each under its province with the official code', () => {
    const provinces = new Map(units.filter((u) => u.level === 'province').map((u) => [u.id, u]));
    const communes = units.filter((u) => u.level === 'commune');
    expect(communes).toHaveLength(3321);
    expect(units.filter((u) => u.generated)).toEqual([]);
    for (const c of communes) {
      const province = provinces.get(c.parent ?? '');
      expect(province, c.id).toBeDefined();
      expect(c.code, c.id).toMatch(/^[0-9]{5}$/);
      expect(c.name, c.id).toMatch(/^(Xã|Phường|Đặc khu) /u);
    }
    for (const p of provinces.values()) expect(p.code, p.id).toMatch(/^[0-9]{2}$/);
    expect(new Set(units.map((u) => u.code).filter(Boolean)).size).toBe(3321 + 34);
    // Codes of the final table, not the draft's (Cửa Nam was 00073 in the draft decision).
    expect(units.find((u) => u.id === 'ha-noi-cua-nam')?.code).toBe('00082');
    expect(units.find((u) => u.id === 'ha-noi-ba-dinh')?.code).toBe('00004');
    expect(units.find((u) => u.id === 'ha-noi')?.code).toBe('01');
  });

  it('names its public source and date, and is what the generator writes from it', () => {
    const text = readFileSync(join(root, 'catalogues/units.yaml'), 'utf8');
    expect(text).toContain('thanglequoc/vietnamese-provinces-database v3.0.2 (2025-07-29, MIT licence)');
    const rows = readFileSync(join(root, '..', 'scripts', 'data', 'vn-units-2025-07-01.csv'), 'utf8').trim().split('\n').slice(1);
    const byCode = new Map(units.map((u) => [u.code, u]));
    for (const row of rows) {
      const [, , code, name] = row.split(',');
      expect(byCode.get(code)?.name, code).toBe(name);
    }
  });

  it('keeps units.yaml under 1 MiB', () => {
    expect(statSync(join(root, 'catalogues/units.yaml')).size).toBeLessThan(1024 * 1024);
  });

  it('gives every source a key description and a record schema that compiles', () => {
    const ajv = addFormats(new Ajv2020({ strict: false }));
    for (const s of sources) {
      expect(s.key, s.id).toBeTruthy();
      expect(() => ajv.compile(s.schema), s.id).not.toThrow();
    }
  });
});

describe('catalogues against the library', () => {
  const roleIds = new Set(roles.map((r) => r.id));
  const sourceIds = new Set(sources.map((s) => s.id));

  it('covers every role a procedure step names', () => {
    const unknown: string[] = [];
    for (const file of yamlFiles(root, false)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\brole: ([a-z0-9-]+)/g)) {
        if (!roleIds.has(m[1] ?? '')) unknown.push(`${relative(root, file)}: ${m[1]}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('has a schema-valid record for every entry a scenario registry holds', () => {
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    const validators = new Map(sources.map((s) => [s.id, ajv.compile(s.schema)]));
    const problems: string[] = [];
    let checked = 0;
    for (const file of yamlFiles(root, true)) {
      const scenario = parse(readFileSync(file, 'utf8')) as { registry?: Record<string, Record<string, unknown>> };
      for (const [source, records] of Object.entries(scenario.registry ?? {})) {
        const validate = validators.get(source);
        if (!validate) {
          problems.push(`${relative(root, file)}: unknown source '${source}'`);
          continue;
        }
        if (!sourceIds.has(source)) continue;
        for (const [key, record] of Object.entries(records)) {
          checked++;
          if (!validate(record)) problems.push(`${relative(root, file)}: ${source}[${key}] ${ajv.errorsText(validate.errors)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
