/**
 * The `procedures` table is the authority on what was published: a (code, version) row, once
 * there, never changes content. At start the library on disk is reconciled with it (a file
 * that differs from its stored version is reported and loses); afterwards every process
 * follows the table through a change counter (`procedure_epoch`), so that a publish or a
 * retirement on one process is in force on all of them.
 */
import type { Procedure } from 'motcua/engine';
import type { Database, Sql } from '../db';
import { isBroken, type ProcedureRegistry, type RegisteredProcedure } from './registry';
import { foldVietnamese } from './search-text';

/** A file of the library whose (code, version) is stored with other content: the stored one runs. */
export interface StartConflict {
  code: string;
  version: string;
  /** The file on disk that lost. */
  file: string;
  storedHash: string;
  fileHash: string;
}

interface StoredRow {
  code: string;
  version: string;
  definition: string;
  content_hash: string | null;
  source: string | null;
  file: string | null;
  retired_at: number | string | null;
  epoch: number | string;
}

const COLUMNS = 'code, version, definition, content_hash, source, file, retired_at, epoch';

/** What reconciling at start compares: no definition, no text. */
type HeadRow = Pick<StoredRow, 'code' | 'version' | 'content_hash' | 'retired_at'>;
const HEAD_COLUMNS = 'code, version, content_hash, retired_at';

/** The row of the `procedures` table for a registered entry (what search and listing read). */
export function procedureRow(e: RegisteredProcedure): Record<string, unknown> {
  const p = e.procedure;
  return {
    code: p.code,
    version: p.version,
    name_vi: p.name?.vi ?? p.code,
    name_en: p.name?.en ?? null,
    search_text: foldVietnamese([p.code, p.name?.vi, p.name?.en].filter(Boolean).join(' ')),
    sector: p.sector ?? null,
    level: p.level ?? null,
    definition: JSON.stringify(p),
    status: isBroken(e) ? 'broken' : 'ok',
    diagnostics: JSON.stringify(e.diagnostics),
    file: e.file,
    source: e.source ?? null,
    content_hash: e.contentHash,
  };
}

function restored<C>(registry: ProcedureRegistry<C>, row: StoredRow): RegisteredProcedure<C> {
  return registry.compileEntry({
    file: row.file ?? `api:${row.code}@${row.version}`,
    procedure: JSON.parse(row.definition) as Procedure,
    diagnostics: [],
    ...(row.source === null ? {} : { source: row.source }),
  });
}

/**
 * Reconciles the registry (holding the library read from disk) with the stored versions:
 * a stored version the library lacks is restored (published through the API, or a file since
 * deleted whose cases still run); a stored version whose content differs from its file wins and
 * the file is reported; retirements apply; versions new to the table are stored. Returns the
 * conflicts and the change counter read.
 */
export async function reconcileAtStart<C>(db: Database, registry: ProcedureRegistry<C>): Promise<{ conflicts: StartConflict[]; epoch: number }> {
  // The definitions and texts (tens of MB for a library of thousands) are read only for the
  // rows that must be restored: a warm start whose files match the table reads none of them.
  const rows = await db.knex('procedures').select<HeadRow[]>(db.knex.raw(HEAD_COLUMNS));
  const conflicts: StartConflict[] = [];
  const adopt: RegisteredProcedure<C>[] = [];
  const restore: HeadRow[] = [];
  for (const row of rows) {
    const held = registry.find(row.code, row.version);
    if (!held) restore.push(row);
    else if (row.content_hash === null) adopt.push(held);
    else if (row.content_hash !== held.contentHash) {
      conflicts.push({ code: row.code, version: row.version, file: held.file, storedHash: row.content_hash, fileHash: held.contentHash });
      restore.push(row);
    }
  }
  for (const row of await fullRows(db, restore)) {
    if (registry.find(row.code, row.version)) registry.replaceAtStart(restored(registry, row));
    else registry.register(restored(registry, row));
  }
  for (const row of rows) if (row.retired_at !== null) registry.setRetired(row.code, row.version, Number(row.retired_at));
  const stored = new Set(rows.filter((r) => r.content_hash !== null).map((r) => `${r.code}\u0000${r.version}`));
  const fresh = registry.all().filter((e) => !stored.has(`${e.procedure.code}\u0000${e.procedure.version}`));
  const write = [...fresh, ...adopt.filter((e) => !fresh.includes(e))];
  // Rows made 50 at a time: each holds a definition and a text (a first start of thousands
  // would otherwise hold them all at once).
  for (let i = 0; i < write.length; i += 50) {
    await db.knex('procedures').insert(write.slice(i, i + 50).map((e) => procedureRow(e as RegisteredProcedure))).onConflict(['code', 'version']).merge();
  }
  return { conflicts, epoch: await readEpoch(db) };
}

/** The full rows of `heads` (by code, a few hundred codes a query). */
async function fullRows(db: Database, heads: readonly HeadRow[]): Promise<StoredRow[]> {
  const wanted = new Set(heads.map((h) => `${h.code}\u0000${h.version}`));
  const codes = [...new Set(heads.map((h) => h.code))];
  const out: StoredRow[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db.knex('procedures').whereIn('code', codes.slice(i, i + 500)).select<StoredRow[]>(db.knex.raw(COLUMNS));
    out.push(...rows.filter((r) => wanted.has(`${r.code}\u0000${r.version}`)));
  }
  return out;
}

async function readEpoch(db: Database): Promise<number> {
  const row = await db.knex('procedure_epoch').where({ id: 1 }).first<{ epoch: number | string } | undefined>('epoch');
  return Number(row?.epoch ?? 0);
}

/** Inside a publishing transaction: advances the change counter and returns its new value. */
export async function bumpEpoch(sql: Sql): Promise<number> {
  await sql.run('UPDATE procedure_epoch SET epoch = epoch + 1 WHERE id = 1', []);
  const [row] = await sql.all<{ epoch: number | string }>('SELECT epoch FROM procedure_epoch WHERE id = 1', []);
  return Number(row?.epoch ?? 0);
}

/**
 * Keeps one process's registry in step with the table: at most every `intervalMs`, reads the
 * change counter (one indexed row) and, when it moved, loads the versions changed since.
 * Concurrent callers share one refresh.
 */
export class ProcedureSync<C> {
  private checkedAt = 0;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly registry: ProcedureRegistry<C>,
    private epoch: number,
    private readonly intervalMs = 250,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** The counter this process has caught up with. */
  get seen(): number {
    return this.epoch;
  }

  /** Notes a change this process made itself (it already holds it). */
  caughtUp(epoch: number): void {
    if (epoch === this.epoch + 1) this.epoch = epoch;
  }

  /** Refreshes when the last check is older than the interval. */
  maybeRefresh(): Promise<void> {
    if (this.clock() - this.checkedAt < this.intervalMs) return Promise.resolve();
    return this.refresh();
  }

  /** Refreshes now. */
  refresh(): Promise<void> {
    this.running ??= this.load().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async load(): Promise<void> {
    this.checkedAt = this.clock();
    const epoch = await readEpoch(this.db);
    if (epoch === this.epoch) return;
    const rows = await this.db.knex('procedures').where('epoch', '>', this.epoch).select<StoredRow[]>(this.db.knex.raw(COLUMNS));
    for (const row of rows) {
      if (!this.registry.find(row.code, row.version)) this.registry.register(restored(this.registry, row));
      this.registry.setRetired(row.code, row.version, row.retired_at === null ? undefined : Number(row.retired_at));
    }
    this.epoch = epoch;
  }
}
