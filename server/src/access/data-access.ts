/**
 * Who read my data (nhật ký khai thác dữ liệu): every read of a citizen's national-source
 * record or wallet document is a row of `data_access` with whose data it was (the subject's
 * national ID), the source and key, the reader and their unit, the purpose (the case) and
 * the time. Written where the reads happen: a filing's prefill and replacements (in the
 * filing's transaction, so a refused filing leaves none), an officer opening a case (the
 * applicant's dossier, with what the sources gave), and a citizen's own records read to
 * prefill an e-form before filing (no case yet: the procedure is the purpose). The citizen reads their own list
 * (`GET /api/my/data-access`); administrators, as auditors, anyone's.
 */
import type { DataAccessEntry } from 'motcua/contract';
import type { SourceRecords } from '../cases/engine-port';
import type { Database, Sql } from '../db';

/** Why a record was read. */
export type AccessKind = DataAccessEntry['kind'];

interface Provenance { source?: unknown; key?: unknown }

/** Whose record it is: its national ID field, its holder's (a wallet record's `holderId`, documents/wallet-source.ts), or a 12-digit key. */
export function subjectOf(key: string, record: unknown): string | undefined {
  const r = (record && typeof record === 'object' ? record : {}) as { nationalId?: unknown; holderId?: unknown; holder?: { nationalId?: unknown } };
  if (typeof r.nationalId === 'string') return r.nationalId;
  if (typeof r.holderId === 'string') return r.holderId;
  if (typeof r.holder?.nationalId === 'string') return r.holder.nationalId;
  return /^\d{12}$/.test(key) ? key : undefined;
}

/**
 * The rows for the records a filing read: `prefill` for a record a prefilled field came
 * from, `replacement` for one that replaced a component, `lookup` for one read but unused.
 */
export function filingReads(records: SourceRecords, summary: { prefilled?: unknown; components?: unknown }): { source: string; key: string; subject: string | undefined; kind: AccessKind }[] {
  const used = new Map<string, AccessKind>();
  const mark = (p: Provenance | undefined, kind: AccessKind): void => {
    if (p && typeof p.source === 'string' && typeof p.key === 'string' && !used.has(`${p.source}\u0000${p.key}`)) used.set(`${p.source}\u0000${p.key}`, kind);
  };
  for (const p of Array.isArray(summary.prefilled) ? (summary.prefilled as Provenance[]) : []) mark(p, 'prefill');
  for (const c of Object.values((summary.components ?? {}) as Record<string, { provenance?: Provenance }>)) mark(c?.provenance, 'replacement');
  const out: { source: string; key: string; subject: string | undefined; kind: AccessKind }[] = [];
  for (const [source, byKey] of Object.entries(records)) {
    for (const [key, record] of Object.entries(byKey ?? {})) out.push({ source, key, subject: subjectOf(key, record), kind: used.get(`${source}\u0000${key}`) ?? 'lookup' });
  }
  return out;
}

export interface AccessRow {
  subject: string | undefined;
  source: string;
  key: string;
  kind: AccessKind;
  reader: string;
  unit: string | undefined;
  /** The purpose: the case; or, read before filing, the procedure whose e-form it prefilled. */
  caseId?: string;
  procedure?: string;
  at: number;
}

/** Appends rows (in the caller's transaction). Rows whose subject is unknown are kept too: an auditor reads them by source and key. */
export function logAccess(sql: Sql, rows: readonly AccessRow[]): void {
  for (const r of rows) {
    sql.send('INSERT INTO data_access (subject_national_id, source, record_key, kind, reader_id, reader_unit, case_id, procedure_code, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      r.subject ?? null, r.source.slice(0, 64), r.key.slice(0, 200), r.kind, r.reader, r.unit ?? null, r.caseId ?? null, r.procedure?.slice(0, 32) ?? null, r.at,
    ]);
  }
}

/** The reads of one person's data, newest first. */
export async function accessOf(db: Database, nationalId: string, limit: number, offset: number): Promise<DataAccessEntry[]> {
  type Row = { source: string; record_key: string; kind: AccessKind; reader_id: string; reader_name: string | null; reader_unit: string | null; unit_name: string | null; case_id: string | null; procedure_code: string | null; at: number | string };
  const rows: Row[] = await db.knex('data_access as a')
    .leftJoin('users as u', 'u.id', 'a.reader_id')
    .leftJoin('units as n', 'n.id', 'a.reader_unit')
    .where('a.subject_national_id', nationalId)
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .offset(offset)
    .select('a.source', 'a.record_key', 'a.kind', 'a.reader_id', 'u.name as reader_name', 'a.reader_unit', 'n.name as unit_name', 'a.case_id', 'a.procedure_code', 'a.at');
  return rows.map((r) => ({
    source: r.source,
    key: r.record_key,
    kind: r.kind,
    reader: { id: r.reader_id, ...(r.reader_name ? { name: r.reader_name } : {}) },
    ...(r.reader_unit ? { unit: { id: r.reader_unit, ...(r.unit_name ? { name: r.unit_name } : {}) } } : {}),
    ...(r.case_id ? { case: r.case_id } : {}),
    ...(r.procedure_code ? { procedure: r.procedure_code } : {}),
    at: new Date(Number(r.at)).toISOString(),
  }));
}
