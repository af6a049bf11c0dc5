/**
 * What a result document looks like to people: its title (the outcome's name, e.g. "Giấy
 * khai sinh"), its printable PDF, and the public check behind its QR code.
 */
import { timingSafeEqual } from 'node:crypto';
import type { DocumentCheck, DocumentView, ResultDocument } from 'motcua/contract';
import { documentTitle, type Procedure } from 'motcua/engine';
import { checkCode, statusOf, verifyPath, type DocumentRow } from './document';
import { dataFields, renderDocumentPdf } from './pdf';

/** The URL of the document's public verification page, under `baseUrl` (the server's public origin). */
export function verifyUrl(baseUrl: string, view: Pick<DocumentView, 'id' | 'jws'>): string {
  return `${baseUrl.replace(/\/+$/, '')}${verifyPath(view.id, checkCode(view.jws))}`;
}

/** The document as a PDF, its data labelled with the procedure's e-form titles. */
export function documentPdf(view: DocumentView, procedure: Procedure | undefined, baseUrl: string): Promise<Buffer> {
  return renderDocumentPdf({
    document: view.document,
    status: view.status,
    title: documentTitle(view.document, procedure),
    fields: dataFields(view.document.data, procedure?.data?.schema),
    verifyUrl: verifyUrl(baseUrl, view),
  });
}

/**
 * The public check of a printed document: `invalid` unless a document has that number and
 * that check code (compared in constant time), then its status, issuer and dates. An invalid
 * answer says nothing more, so the page is no oracle on numbers.
 */
export function checkDocument(row: DocumentRow | undefined, code: string, now: number, procedure: Procedure | undefined): DocumentCheck {
  const expected = row ? Buffer.from(checkCode(row.jws)) : undefined;
  const given = Buffer.from(code);
  if (!row || !expected || expected.length !== given.length || !timingSafeEqual(expected, given)) return { result: 'invalid' };
  const doc = JSON.parse(row.payload) as ResultDocument;
  return {
    result: statusOf(row, now),
    id: doc.id,
    title: documentTitle(doc, procedure),
    procedure: { code: doc.procedure.code, ...(doc.procedure.name ? { name: doc.procedure.name } : {}) },
    holder: doc.holder.name ? { name: doc.holder.name } : {},
    issuer: { unit: doc.issuer.unit, ...(doc.issuer.name ? { name: doc.issuer.name } : {}) },
    issuedAt: doc.issuedAt,
    ...(doc.validUntil ? { validUntil: doc.validUntil } : {}),
    ...(row.revoked_at !== null ? { revokedAt: new Date(Number(row.revoked_at)).toISOString() } : {}),
  };
}
