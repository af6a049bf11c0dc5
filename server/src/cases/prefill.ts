/**
 * The e-form before filing (tờ khai điền sẵn): what the national sources hold for the signed-in
 * citizen, so that the portal shows locked fields with their value and their source, and the
 * components their own records already replace, before anything is filed.
 *
 * Personal data is read for a declared purpose only, and only the caller's own: the citizen's
 * national ID goes into the applicant's field, the engine plans the lookups that data implies
 * (`planLookups`), and only lookups keyed by that ID are made (their population record,
 * `<their ID>/<type>` in the wallet). A rule keyed by another person's field (a child, a
 * spouse) has no key yet and reads nothing; another person's records are read at filing, for
 * the case, as the procedure says. Each record read is logged in "who read my data" as a
 * `prefill` read for the procedure (no case yet), in the same transaction.
 */
import { applicantField, setPath, type Procedure } from 'motcua/engine';
import type { PrefillView, SourceName } from 'motcua/contract';
import { logAccess, subjectOf } from '../access';
import { forbidden, type Principal } from '../auth';
import type { Database } from '../db';
import type { ProcedureRegistry } from '../procedures';
import { readRecords } from '../sources';
import type { CaseEngine, SourceRecords } from './engine-port';
import { isoDate } from './writes';

export interface PrefillDeps<C> {
  db: Database;
  engine: CaseEngine<C>;
  registry: ProcedureRegistry<C>;
  now: () => Date;
  /** A source's name from the library's catalogue, for the portal to say where a value came from. */
  sourceName?: (source: string) => SourceName | undefined;
}

/** Lookups planned from records already read (a key prefilled from another source): a few rounds, as at filing. */
const ROUNDS = 3;

/** Whether a lookup key is the citizen's own: their national ID, or their latest wallet document of a type. */
export function ownKey(key: string, nationalId: string): boolean {
  return key === nationalId || key.startsWith(`${nationalId}/`);
}

/** The e-form data a citizen starts from: their own national ID at the applicant's field. */
export function startingData(procedure: Procedure, nationalId: string | undefined): Record<string, unknown> {
  const field = applicantField(procedure);
  return field && nationalId ? setPath({}, field, nationalId) : {};
}

/**
 * `GET /api/procedures/:code/prefill`: for a citizen only (an officer at the counter files for
 * someone else, whose records are read at filing). The version is the one a filing would use
 * today, or `version` when it is in force (E_VERSION_NOT_IN_FORCE otherwise).
 */
export async function prefillFor<C>(d: PrefillDeps<C>, principal: Principal, code: string, version: string | undefined): Promise<PrefillView> {
  if (principal.kind !== 'citizen') throw forbidden();
  const now = d.now();
  const entry = d.registry.forFiling(code, version, isoDate(now));
  const procedure = { code: entry.procedure.code, version: entry.procedure.version };
  const nationalId = principal.nationalId;
  const start = startingData(entry.procedure, nationalId);
  // Without the ID in the form (no verified ID, or a form naming its applicant otherwise) nothing is read.
  if (!nationalId || d.engine.applicantId(entry.compiled, start).value !== nationalId) return { procedure, data: start, fields: [], replaced: [] };

  return d.db.transact(async (sql) => {
    const records: SourceRecords = {};
    const seen = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const fresh = d.engine.lookups(entry.compiled, start, records, { filer: nationalId }).filter((l) => ownKey(l.key, nationalId) && !seen.has(`${l.source}\u0000${l.key}`));
      if (!fresh.length) break;
      for (const l of fresh) seen.add(`${l.source}\u0000${l.key}`);
      const got = await readRecords(sql, fresh);
      for (const [source, byKey] of Object.entries(got)) Object.assign((records[source] ??= {}), byKey);
    }
    const { data, prefilled, replaced } = d.engine.preview(entry.compiled, start, records, now);
    const named = (source: string): { sourceName?: SourceName } => {
      const name = d.sourceName?.(source);
      return name ? { sourceName: name } : {};
    };
    const reads = Object.entries(records).flatMap(([source, byKey]) => Object.entries(byKey).map(([key, record]) => ({ source, key, subject: subjectOf(key, record) })));
    logAccess(sql, reads.map((r) => ({ ...r, kind: 'prefill' as const, reader: principal.id, unit: undefined, procedure: procedure.code, at: now.getTime() })));
    return {
      procedure,
      data,
      fields: prefilled.map((p) => ({ field: p.field, source: p.source, ...named(p.source), lock: p.lock, value: p.value })),
      replaced: replaced.map((r) => ({ component: r.component, source: r.source, ...named(r.source), key: r.key })),
    };
  });
}
