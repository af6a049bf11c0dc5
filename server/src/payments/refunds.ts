/**
 * Refunds (hoàn trả phí, lệ phí). What we chose, and why: a fee is paid for the authority to
 * handle the dossier and issue its result. When the authority rejects the dossier after the
 * fees were paid, no result is issued: every paid payment of the case becomes `refund-due`
 * and a `refunds` row records the amount owed, in the transaction that rejects the case, for
 * the unit's treasury to pay back (carrying out the transfer is outside motcua). A case the
 * applicant withdraws, or that ends otherwise, keeps its fees: the authority did the work it
 * was paid for. Procedures whose legal basis says otherwise need a per-procedure rule (not yet
 * in the format).
 */
import type { OnClosed } from '../cases';

export const refundOnRejection: OnClosed = async (sql, closed) => {
  if (closed.status !== 'rejected') return;
  await sql.run("INSERT INTO refunds (payment_id, case_id, amount, reason, status, created_at) SELECT id, case_id, amount, 'case-rejected', 'due', ? FROM payments WHERE case_id = ? AND status = 'paid'", [closed.now, closed.caseId]);
  await sql.run("UPDATE payments SET status = 'refund-due' WHERE case_id = ? AND status = 'paid'", [closed.caseId]);
};
