/**
 * Demo data: the library's units, users for every role in a demo commune and its province
 * (plus a ministry), an author and an admin, and national source records taken from the
 * library's scenario files (`registry:` sections), so the demo files cases that the
 * scenarios have already proven.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { parse } from 'yaml';
import type { OrgUnit, RoleEntry } from 'motcua/engine';
import { APPROVER_ROLE, upsertUnits, upsertUser, type NewUser } from '../auth';
import { upsertRecords, type SourceRecord } from '../sources';

export interface DemoSeed {
  units: number;
  users: string[];
  records: number;
}

/** Preferred demo commune, if the catalogue has it; else its first commune. */
const DEMO_COMMUNE = 'ha-noi-hoan-kiem';

/** Users for demos and tests: deterministic ids, documented in docs/server.md. */
export function demoUsers(units: readonly OrgUnit[], roles: readonly RoleEntry[], citizens: readonly { nationalId: string; fullName: string }[]): NewUser[] {
  const commune = units.find((u) => u.id === DEMO_COMMUNE) ?? units.find((u) => u.level === 'commune');
  const province = commune?.parent ? units.find((u) => u.id === commune.parent) : units.find((u) => u.level === 'province');
  const ministry = units.find((u) => u.level === 'ministry');
  const byLevel = { commune, province, ministry } as const;
  const users: NewUser[] = citizens.slice(0, 5).map((c, i) => ({ id: `citizen-${i + 1}`, name: c.fullName, kind: 'citizen', nationalId: c.nationalId }));
  if (!users.length) users.push({ id: 'citizen-1', name: 'Nguyễn Văn An', kind: 'citizen', nationalId: '001090000001' });
  const all: { role: string; unit: string }[] = [];
  for (const role of roles) {
    for (const level of role.levels ?? ['commune']) {
      const unit = byLevel[level];
      if (!unit) continue;
      users.push({ id: `${role.id}.${unit.id}`, name: `${role.name.vi} (${unit.name})`, kind: 'officer', roles: [{ role: role.id, unit: unit.id }] });
      if (level === 'commune') all.push({ role: role.id, unit: unit.id });
    }
  }
  // One officer who holds every commune role: handy for walking a case end to end.
  if (all.length) users.push({ id: 'officer-1', name: 'Cán bộ một cửa (demo)', kind: 'officer', roles: all });
  // An officer of another commune, to show that units are kept apart.
  const other = units.find((u) => u.level === 'commune' && u.id !== commune?.id);
  if (other && roles.length) {
    users.push({ id: 'officer-other', name: `Cán bộ ${other.name}`, kind: 'officer', roles: roles.filter((r) => (r.levels ?? ['commune']).includes('commune')).map((r) => ({ role: r.id, unit: other.id })) });
  }
  users.push({ id: 'author-1', name: 'Biên tập viên thủ tục (demo)', kind: 'author' });
  users.push({ id: 'author-2', name: 'Biên tập viên thủ tục 2 (demo)', kind: 'author' });
  // Four eyes: an author who approves what other authors wrote (docs/publishing.md).
  const approvalUnit = ministry ?? province;
  if (approvalUnit && roles.some((r) => r.id === APPROVER_ROLE)) {
    users.push({ id: 'approver-1', name: 'Người phê duyệt thủ tục (demo)', kind: 'author', roles: [{ role: APPROVER_ROLE, unit: approvalUnit.id }] });
  }
  users.push({ id: 'admin-1', name: 'Quản trị hệ thống (demo)', kind: 'admin' });
  // Staff sign in through the e-ID too (the embedded provider knows people by national ID):
  // demo staff get national IDs under 099, a province code no real ID carries.
  let staff = 0;
  return users.map((u) => (u.nationalId ? u : { ...u, nationalId: `099${String(++staff).padStart(9, '0')}` }));
}

/**
 * The ids {@link demoUsers} gives for this library, whatever source records it had (citizens
 * are `citizen-1` to `citizen-5`): a database seeded before demo users were marked is still
 * recognised.
 */
export function demoUserIds(units: readonly OrgUnit[], roles: readonly RoleEntry[]): string[] {
  const placeholders = Array.from({ length: 5 }, (_, i) => ({ nationalId: String(i).padStart(12, '0'), fullName: `citizen ${i + 1}` }));
  return demoUsers(units, roles, placeholders).map((u) => u.id);
}

/** Every `registry:` of the scenario files under `dir`. */
export async function scenarioRecords(dir: string): Promise<SourceRecord[]> {
  const out = new Map<string, SourceRecord>();
  const files = (await readdir(dir, { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith('.test.yaml')).sort();
  for (const f of files) {
    let doc: unknown;
    try {
      doc = parse(await readFile(join(dir, f), 'utf8'));
    } catch {
      continue; // a broken scenario file is the validator's business, not the seed's
    }
    const registry = (doc as { registry?: unknown } | null)?.registry;
    if (!registry || typeof registry !== 'object') continue;
    for (const [source, byKey] of Object.entries(registry as Record<string, unknown>)) {
      if (!byKey || typeof byKey !== 'object') continue;
      for (const [key, record] of Object.entries(byKey as Record<string, unknown>)) out.set(`${source}\u0000${key}`, { source, key, record: jsonSafe(record) });
    }
  }
  return [...out.values()];
}

/** YAML dates may parse as Date objects; records are JSON. */
function jsonSafe(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v)) as unknown;
}

/** Seeds units always; demo users and source records in demo mode. Idempotent. */
export async function seed(knex: Knex, o: { units: readonly OrgUnit[]; roles: readonly RoleEntry[]; libraryDir: string; demo: boolean }): Promise<DemoSeed> {
  await upsertUnits(knex, o.units);
  if (!o.demo) return { units: o.units.length, users: [], records: 0 };
  const records = await scenarioRecords(o.libraryDir);
  await upsertRecords(knex, records);
  const citizens = records
    .filter((r) => r.source === 'population')
    .map((r) => r.record as { nationalId?: string; fullName?: string })
    .filter((r): r is { nationalId: string; fullName: string } => typeof r.nationalId === 'string' && typeof r.fullName === 'string');
  const users = demoUsers(o.units, o.roles, citizens);
  for (const u of users) await upsertUser(knex, { ...u, demo: true });
  return { units: o.units.length, users: users.map((u) => u.id), records: records.length };
}
