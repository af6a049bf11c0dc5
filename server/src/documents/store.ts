/**
 * Reading and revoking issued documents, with who may see what: the holder sees their own,
 * officers of the issuing unit see the unit's; anyone else gets the same 404 as for a number
 * that does not exist (existence does not leak). Verification is open to anyone.
 */
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { NotFoundError, RefusalError } from 'motcua/engine';
import { appendAudit } from '../audit';
import { forbidden, type Principal } from '../auth';
import type { Database } from '../db';
import { toView, type DocumentRow, type DocumentView, type ResultDocument } from './document';
import { verifyDocumentJws, type VerifiedDocument } from './verify';
import { withdrawFromWallet } from './wallet-source';

export class DocumentStore {
  private readonly keys = new Map<string, Promise<CryptoKey | undefined>>();

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** The caller's wallet, newest first. */
  async wallet(principal: Principal, limit: number, offset: number): Promise<DocumentView[]> {
    const rows = (await this.db.knex('documents').where({ holder_id: principal.id, store: 'wallet' }).orderBy('issued_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset)) as DocumentRow[];
    const now = this.now();
    return rows.map((r) => toView(r, now));
  }

  /** One document, for its holder or an officer of its issuing unit; else 404. */
  async get(principal: Principal, id: string): Promise<DocumentView> {
    const row = await this.find(id);
    if (!row || !canView(principal, row)) throw notFound(id);
    return toView(row, this.now());
  }

  async find(id: string): Promise<DocumentRow | undefined> {
    if (!id || id.length > 40) return undefined;
    return (await this.db.knex('documents').where({ id }).first()) as DocumentRow | undefined;
  }

  /** Verifies a JWS (anyone): the document when genuine and in force, else a 422 naming what is wrong. */
  verify(jws: string): Promise<VerifiedDocument> {
    return verifyDocumentJws(jws, { keyOf: (kid) => this.keyOf(kid), findDocument: (id) => this.find(id), now: this.now() });
  }

  /** Revokes a document (an officer of the issuing unit): verification then refuses it, and the wallet source no longer serves it. */
  async revoke(principal: Principal, id: string, reason: string): Promise<DocumentView> {
    const now = this.now();
    const row = await this.db.knex.transaction(async (trx) => {
      let q = trx('documents').where({ id });
      if (this.db.dialect === 'postgres') q = q.forUpdate();
      const found = (await q.first()) as DocumentRow | undefined;
      if (!found || !canView(principal, found)) throw notFound(id);
      if (principal.kind !== 'officer') throw forbidden();
      if (found.status === 'revoked') {
        throw new RefusalError('E_DOCUMENT_REVOKED', `Document ${id} is already revoked`, [], { status: 409, path: 'id', hint: 'Nothing to do.' });
      }
      await trx('documents').where({ id }).update({ status: 'revoked', revoked_at: now, revoked_reason: reason });
      await withdrawFromWallet(trx, JSON.parse(found.payload) as ResultDocument);
      await appendAudit(trx, [{ actor: principal.id, action: 'document.revoked', subject: found.case_id, at: now, payload: { document: id, reason } }]);
      return { ...found, status: 'revoked', revoked_at: now, revoked_reason: reason };
    });
    return toView(row, now);
  }

  /** A public key of this deployment by id (every key it ever had, so rotation keeps old documents verifiable). */
  private keyOf(kid: string): Promise<CryptoKey | undefined> {
    let key = this.keys.get(kid);
    if (!key) {
      key = (async () => {
        const row = await this.db.knex<{ kid: string; public_jwk: string }>('signing_keys').where({ kid }).first('public_jwk');
        return row ? ((await importJWK(JSON.parse(row.public_jwk) as JWK, 'EdDSA')) as CryptoKey) : undefined;
      })();
      // Unknown ids are not cached: a key created by another process later is found then.
      void key.then((k) => {
        if (!k) this.keys.delete(kid);
      });
      this.keys.set(kid, key);
    }
    return key;
  }
}

function canView(principal: Principal, row: Pick<DocumentRow, 'holder_id' | 'issuer_unit'>): boolean {
  if (principal.id === row.holder_id) return true;
  return principal.kind === 'officer' && principal.roles.some((r) => r.unit === row.issuer_unit);
}

function notFound(id: string): NotFoundError {
  return new NotFoundError('E_DOCUMENT_NOT_FOUND', `No document ${id}`, { hint: 'Check the number; your own documents are listed at GET /api/my/documents.' });
}
