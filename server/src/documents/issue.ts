/**
 * Issues the result document of one `issue-result` effect inside the caller's transaction:
 * builds the payload from the case, signs it, stores it, publishes it to the holder's wallet
 * (the `wallet` source, when `store` is not `none`), appends `result-issued` to the case's
 * timeline and an audit row. The caller marks the outbox row done in the same transaction.
 */
import type { Knex } from 'knex';
import { MotcuaError, type Duration, type Level, type CaseEvent, type CaseState, type Effect } from 'motcua/engine';
import { appendAuditSql } from '../audit';
import type { SigningKey } from '../auth';
import { appendEvents } from '../cases';
import { placeholders, sqlOf, type Dialect, type Sql } from '../db';
import { documentNumber, type DocumentRow, type ResultDocument } from './document';
import { issuerUnit, type UnitNode } from './issuer-unit';
import { signDocument } from './sign';
import { publishToWallet } from './wallet-source';

export type IssueResultEffect = Extract<Effect, { type: 'issue-result' }>;

export interface IssueDeps {
  dialect: Dialect;
  key: Pick<SigningKey, 'kid' | 'privateKey'>;
  /** The procedure's Vietnamese name, when the registry knows it. */
  procedureName?: (code: string, version: string) => string | undefined;
}

interface CaseRowLite {
  id: string;
  procedure_code: string;
  procedure_version: string;
  applicant_id: string;
  unit_id: string;
  state: string;
}

const DAY_MS = 24 * 3600 * 1000;

/** Issues the document; returns its row. Throws when the case is gone (the row is retried, then parked). */
export async function issueResult(trx: Knex.Transaction, deps: IssueDeps, outboxId: number, caseId: string, effect: IssueResultEffect, now: number): Promise<DocumentRow> {
  // Plain SQL on the transaction's connection, as transitions write (db/sql.ts).
  const sql = await sqlOf(trx);
  // The timeline append below reads the last seq: hold the case like a transition does.
  const [kase] = await sql.all<CaseRowLite>(
    `SELECT id, procedure_code, procedure_version, applicant_id, unit_id, state FROM cases WHERE id = ?${deps.dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
    [caseId],
  );
  if (!kase) {
    throw new MotcuaError('E_CASE_NOT_FOUND', `Case ${caseId} of outbox row ${outboxId} does not exist`, {
      hint: 'The case was deleted after its outcome; the effect is parked with this error in outbox.last_error.',
    });
  }
  const state = JSON.parse(kase.state) as Partial<CaseState>;
  const [holder] = await sql.all<{ name: string; national_id: string | null }>('SELECT name, national_id FROM users WHERE id = ?', [kase.applicant_id]);
  const unit = issuerUnit(await unitChain(sql, kase.unit_id, effect.issuer), kase.unit_id, effect.issuer);
  const nationalId = holder?.national_id ?? applicantNationalId(state.data);
  const id = documentNumber(outboxId, now);
  const validFor = state.result?.outcome === effect.outcome ? state.result.validFor : undefined;
  const procedureName = deps.procedureName?.(kase.procedure_code, kase.procedure_version);
  const doc: ResultDocument = {
    id,
    document: effect.document,
    procedure: { code: kase.procedure_code, version: kase.procedure_version, ...(procedureName ? { name: procedureName } : {}) },
    case: kase.id,
    outcome: effect.outcome,
    holder: { id: kase.applicant_id, ...(nationalId ? { nationalId } : {}), ...(holder?.name ? { name: holder.name } : {}) },
    issuer: { unit: unit.id, ...(unit.name ? { name: unit.name } : {}), ...(unit.level ? { level: unit.level as Level } : {}) },
    issuedAt: new Date(now).toISOString(),
    ...(validFor ? { validUntil: new Date(now + validityMs(validFor)).toISOString() } : {}),
    data: state.data ?? {},
  };
  const jws = await signDocument(doc, deps.key);
  const store = effect.store ?? 'wallet';
  const row: DocumentRow = {
    id,
    outbox_id: outboxId,
    case_id: kase.id,
    document_type: effect.document,
    procedure_code: kase.procedure_code,
    procedure_version: kase.procedure_version,
    outcome: effect.outcome,
    holder_id: kase.applicant_id,
    holder_national_id: nationalId ?? null,
    issuer_unit: unit.id,
    issued_at: now,
    valid_until: doc.validUntil ? Date.parse(doc.validUntil) : null,
    store,
    payload: JSON.stringify(doc),
    jws,
    kid: deps.key.kid,
    status: 'valid',
    revoked_at: null,
  };
  const columns = Object.keys(row) as (keyof DocumentRow)[];
  await sql.run(`INSERT INTO documents (${columns.join(', ')}) VALUES ${placeholders(1, columns.length)}`, columns.map((c) => row[c]));
  if (store === 'wallet') await publishToWallet(sql, doc, now);
  const event: CaseEvent = {
    type: 'result-issued',
    at: doc.issuedAt,
    actor: { kind: 'system', id: 'documents' },
    detail: { document: id, type: effect.document, outcome: effect.outcome, issuer: unit.id, store },
  };
  await appendEvents(trx, kase.id, [event], now);
  await appendAuditSql(sql, [
    { actor: 'system:documents', action: 'document.issued', subject: kase.id, at: now, payload: { document: id, type: effect.document, holder: kase.applicant_id, issuer: unit.id, kid: deps.key.kid, store, outbox: outboxId } },
  ]);
  // knex commits this transaction, not `Database.transact`: the writes sent are settled here.
  await sql.settle();
  return row;
}

/** The case's unit and its ancestors up to the first at `level` (a few rows, not the whole tree). */
async function unitChain(sql: Sql, unitId: string, level: Level | undefined): Promise<UnitNode[]> {
  const chain: UnitNode[] = [];
  let id: string | null | undefined = unitId;
  // Bounded: a cycle in a hand-edited unit tree must not loop forever.
  while (id && chain.length < 8) {
    const rows: UnitNode[] = await sql.all<UnitNode>('SELECT id, name, level, parent FROM units WHERE id = ?', [id]);
    const u = rows[0];
    if (!u) break;
    chain.push(u);
    if (!level || u.level === level) break;
    id = u.parent;
  }
  return chain;
}

function applicantNationalId(data: Record<string, unknown> | undefined): string | undefined {
  const applicant = data?.applicant as { nationalId?: unknown } | undefined;
  return typeof applicant?.nationalId === 'string' ? applicant.nationalId : undefined;
}

/**
 * How long a result stays valid. Every validity in the library counts calendar days; a
 * working-day or working-hour validity is counted as that many days or hours of the clock
 * (no calendar is applied: the holder is never short-changed, at worst a few days late).
 */
function validityMs(d: Duration): number {
  return d.unit === 'working-hour' ? d.value * 3600 * 1000 : d.value * DAY_MS;
}
