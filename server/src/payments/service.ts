/**
 * Online payment of a case's fees through a gateway, in the pattern of Vietnamese gateways:
 *
 * 1. the applicant starts a payment (`start`): a row with a fresh transaction reference and
 *    the balance due, and the gateway URL carrying the signed request (HMAC-SHA512);
 * 2. the citizen pays at the gateway (the built-in simulator, simulator.ts, or a real one);
 * 3. the gateway calls the IPN (`notify`, server to server, signed): only a verified, known,
 *    pending, unexpired payment of the exact amount completes the case's payment step, through
 *    the engine's `pay` command (CaseService.settle), and gets its receipt, in one transaction;
 * 4. the gateway redirects the citizen back (`returned`, signed too), which changes nothing:
 *    the IPN alone is trusted, because the citizen's browser could replay or forge a return.
 *
 * Every callback, accepted or refused (forged, unknown, wrong amount, replayed, late), is kept
 * in `payment_callbacks` and refused ones are logged. Answers follow the gateway's IPN
 * protocol: `{RspCode, Message}` with HTTP 200 (00 confirmed, 01 unknown order, 02 already
 * confirmed or no longer payable, 04 wrong amount, 97 bad signature, 99 malformed).
 */
import { randomBytes } from 'node:crypto';
import { ConflictError, MotcuaError, RefusalError, type Procedure, type Step } from 'motcua/engine';
import type { PaymentStart, PaymentStatus, PaymentView, Receipt } from 'motcua/contract';
import { forbidden, type Principal } from '../auth';
import type { CaseService } from '../cases';
import type { PaymentConfig } from '../config';
import type { Database, Sql } from '../db';
import type { ProcedureRegistry } from '../procedures';
import { HASH_PARAM, toQuery, verify, withSignature } from './signature';
import { vietQrPayload } from './vietqr';

/** A row of `payments`. */
interface PaymentRow {
  id: number;
  txn_ref: string;
  case_id: string;
  payer_id: string;
  unit_id: string;
  amount: number | string;
  status: PaymentStatus;
  method: string;
  created_at: number | string;
  expires_at: number | string;
  paid_at: number | string | null;
  gateway_txn: string | null;
  receipt_no: string | null;
  receipt: string | null;
}

interface RefundRow {
  payment_id: number;
  amount: number | string;
  reason: string;
  status: string;
  created_at: number | string;
}

/** What the gateway hears back from the IPN. */
export interface IpnAnswer {
  RspCode: '00' | '01' | '02' | '04' | '97' | '99';
  Message: string;
}

/** What a callback turned out to be, as kept in `payment_callbacks.outcome`. */
export type CallbackOutcome = 'accepted' | 'declined' | 'forged' | 'unknown' | 'wrong-amount' | 'replayed' | 'late' | 'refused-by-case' | 'malformed' | 'return';

/** The IPN's and return's parameters: only `vnp_` strings, bounded. */
export function gatewayParams(input: unknown): Record<string, string> | undefined {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length === 0 || entries.length > 40) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (!/^vnp_[A-Za-z]{1,40}$/.test(k) || typeof v !== 'string' || v.length > 512) return undefined;
    out[k] = v;
  }
  return out;
}

/** `yyyyMMddHHmmss` in Vietnam's time (UTC+7), as the gateways write dates. */
export function gatewayDate(ms: number): string {
  return new Date(ms + 7 * 3600 * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const REF_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A transaction reference: unique, unguessable, and letters and digits only (it is a bank transfer's content too). */
function newTxnRef(): string {
  return `TT${Array.from(randomBytes(14), (b) => REF_ALPHABET[b % REF_ALPHABET.length]).join('')}`;
}

/** The active payment step of a case, if any. */
export function activePaymentStep(procedure: Procedure, active: readonly string[]): string | undefined {
  const kinds = new Map<string, string>();
  const walk = (steps: readonly Step[]): void => {
    for (const s of steps) {
      kinds.set(s.id, s.kind);
      if (s.kind === 'parallel') for (const list of Object.values(s.branches)) walk(list);
    }
  };
  walk(procedure.steps);
  return active.find((id) => kinds.get(id) === 'payment');
}

export interface PaymentServiceOptions {
  db: Database;
  cases: CaseService;
  registry: ProcedureRegistry;
  config: PaymentConfig;
  now: () => Date;
  log: (line: string) => void;
}

export class PaymentService {
  constructor(private readonly o: PaymentServiceOptions) {}

  /** Starts a payment of what is due on the case (its applicant only); `baseUrl` is the server's public origin. */
  async start(principal: Principal, caseId: string, baseUrl: string): Promise<PaymentStart> {
    const view = await this.o.cases.get(principal, caseId);
    if (view.applicant !== principal.id) throw forbidden();
    const procedure = this.o.registry.find(view.procedure.code, view.procedure.version)?.procedure;
    // `payment: on-result`: a decided case whose result waits for the fees is paid here too.
    const resultHeld = view.outcome !== undefined && view.status === 'awaiting-payment';
    if (!procedure || (!resultHeld && (view.outcome || !activePaymentStep(procedure, view.steps)))) {
      throw new RefusalError('E_NOT_WAITING', `Case ${caseId} is not waiting for a payment`, [], { status: 409, path: 'id', hint: 'Pay when the case is at its payment step.' });
    }
    const total = (view.fees as { total?: number } | undefined)?.total ?? 0;
    const paid = (view.timeline ?? []).reduce((sum, e) => sum + (e.type === 'paid' ? Number((e.detail as { amount?: number } | undefined)?.amount ?? 0) : 0), 0);
    const amount = total - paid;
    if (amount <= 0) throw new RefusalError('E_ALREADY_PAID', `Nothing is due on case ${caseId}`, [], { status: 409, hint: 'The case moves on by itself.' });
    const now = this.o.now().getTime();
    const row = {
      txn_ref: newTxnRef(),
      case_id: caseId,
      payer_id: principal.id,
      unit_id: view.unit,
      amount,
      status: 'pending',
      method: 'gateway',
      created_at: now,
      expires_at: now + this.o.config.ttlSeconds * 1000,
    };
    await this.o.db.knex('payments').insert(row);
    const base = baseUrl.replace(/\/+$/, '');
    const request = withSignature(
      {
        vnp_Version: '2.1.0',
        vnp_Command: 'pay',
        vnp_TmnCode: this.o.config.merchant,
        // The gateways' convention: VND times 100.
        vnp_Amount: String(amount * 100),
        vnp_CurrCode: 'VND',
        vnp_TxnRef: row.txn_ref,
        vnp_OrderInfo: `Thanh toan le phi ho so ${caseId}`,
        vnp_OrderType: 'billpayment',
        vnp_Locale: 'vn',
        vnp_ReturnUrl: `${base}/api/payments/return`,
        vnp_CreateDate: gatewayDate(now),
        vnp_ExpireDate: gatewayDate(row.expires_at),
      },
      this.o.config.secret,
    );
    const gateway = this.o.config.gatewayUrl ?? `${base}/api/payments/simulator/pay`;
    const bank = this.o.config.bankAccount;
    return {
      payment: toPaymentView({ ...row, id: 0, paid_at: null, gateway_txn: null, receipt_no: null, receipt: null, status: 'pending' }),
      redirectUrl: `${gateway}?${toQuery(request)}`,
      ...(bank ? { vietQr: { payload: vietQrPayload(bank, amount, row.txn_ref), bin: bank.bin, account: bank.account, ...(bank.name ? { name: bank.name } : {}), amount, content: row.txn_ref } } : {}),
    };
  }

  /** The gateway's IPN: see the module's comment. Never throws for what the gateway sends. */
  async notify(input: unknown): Promise<IpnAnswer> {
    const params = gatewayParams(input);
    if (!params) return this.answer(undefined, input, 'malformed', { RspCode: '99', Message: 'Malformed request' });
    const ref = params.vnp_TxnRef;
    if (!verify(params, this.o.config.secret) || params.vnp_TmnCode !== this.o.config.merchant) {
      return this.answer(ref, params, 'forged', { RspCode: '97', Message: 'Invalid signature' });
    }
    const row = ref ? await this.o.db.knex<PaymentRow>('payments').where({ txn_ref: ref }).first() : undefined;
    if (!row) return this.answer(ref, params, 'unknown', { RspCode: '01', Message: 'Order not found' });
    if (params.vnp_Amount !== String(Number(row.amount) * 100)) return this.answer(ref, params, 'wrong-amount', { RspCode: '04', Message: 'Invalid amount' });
    if (row.status !== 'pending') {
      return this.answer(ref, params, row.status === 'paid' || row.status === 'refund-due' ? 'replayed' : 'late', { RspCode: '02', Message: 'Order already confirmed' });
    }
    if (this.o.now().getTime() > Number(row.expires_at)) return this.answer(ref, params, 'late', { RspCode: '02', Message: 'Order expired' });
    if (params.vnp_ResponseCode !== '00' || params.vnp_TransactionStatus !== '00') {
      const status = params.vnp_ResponseCode === '24' ? 'cancelled' : 'failed';
      await this.o.db.knex('payments').where({ id: row.id, status: 'pending' }).update({ status, gateway_txn: params.vnp_TransactionNo?.slice(0, 64) ?? null });
      return this.answer(ref, params, 'declined', { RspCode: '00', Message: 'Confirm Success' });
    }
    try {
      await this.o.cases.settle(row.case_id, { amount: Number(row.amount), reference: row.txn_ref }, async (sql, view) => {
        const paidAt = this.o.now().getTime();
        const receipt = await this.receipt(sql, row, view, params, paidAt);
        const changed = await sql.run('UPDATE payments SET status = ?, paid_at = ?, gateway_txn = ?, receipt_no = ?, receipt = ? WHERE id = ? AND status = ?', [
          'paid', paidAt, receipt.gatewayTxn ?? null, receipt.number, JSON.stringify(receipt), row.id, 'pending',
        ]);
        // Another IPN for this payment committed first: this one rolls back whole.
        if (changed !== 1) throw new ConflictError('E_PAYMENT_SETTLED', `Payment ${row.txn_ref} is already settled`);
      });
    } catch (err) {
      if (!(err instanceof MotcuaError)) throw err;
      // A twin notification that committed first: this one either lost at the version guard
      // (409) or read the case after it moved on (not waiting in the payment step any more).
      const replay = err instanceof ConflictError || (await this.o.db.knex('payments').where({ id: row.id }).first<{ status: string } | undefined>('status'))?.status === 'paid';
      return this.answer(ref, params, replay ? 'replayed' : 'refused-by-case', { RspCode: '02', Message: replay ? 'Order already confirmed' : `Order no longer payable (${err.code})` });
    }
    return this.answer(ref, params, 'accepted', { RspCode: '00', Message: 'Confirm Success' });
  }

  /**
   * The citizen's browser back from the gateway: checked and recorded, nothing changed (the
   * IPN is what settles). The case it belongs to, to show, or undefined when forged or unknown.
   */
  async returned(input: unknown): Promise<{ caseId?: string; result: 'success' | 'cancelled' | 'failed' | 'invalid' }> {
    const params = gatewayParams(input);
    const genuine = params !== undefined && verify(params, this.o.config.secret);
    const row = genuine && params.vnp_TxnRef ? await this.o.db.knex<PaymentRow>('payments').where({ txn_ref: params.vnp_TxnRef }).first() : undefined;
    await this.record(params?.vnp_TxnRef, params ?? input, genuine ? 'return' : 'forged', 'return');
    if (!row || !params) return { result: 'invalid' };
    const result = params.vnp_ResponseCode === '00' ? 'success' : params.vnp_ResponseCode === '24' ? 'cancelled' : 'failed';
    return { caseId: row.case_id, result };
  }

  /** The payments of a case, for whoever may see the case. */
  async forCase(principal: Principal, caseId: string): Promise<PaymentView[]> {
    await this.o.cases.get(principal, caseId);
    const rows = await this.o.db.knex<PaymentRow>('payments').where({ case_id: caseId }).orderBy('id');
    const refunds = (await this.o.db.knex('refunds').where({ case_id: caseId })) as RefundRow[];
    return rows.map((r) => toPaymentView(r, refunds.find((f) => f.payment_id === r.id)));
  }

  /** The caller's receipts (their wallet), newest first. */
  async receipts(principal: Principal, limit: number, offset: number): Promise<Receipt[]> {
    const rows = await this.o.db.knex<PaymentRow>('payments').where({ payer_id: principal.id }).whereNotNull('receipt').orderBy('paid_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset);
    return rows.map((r) => JSON.parse(r.receipt!) as Receipt);
  }

  private async receipt(sql: Sql, row: PaymentRow, view: { procedure: { code: string; version: string; name?: string }; fees?: unknown }, params: Record<string, string>, paidAt: number): Promise<Receipt> {
    const [payer] = await sql.all<{ name: string; national_id: string | null }>('SELECT name, national_id FROM users WHERE id = ?', [row.payer_id]);
    const [unit] = await sql.all<{ name: string }>('SELECT name FROM units WHERE id = ?', [row.unit_id]);
    const procedure = this.o.registry.find(view.procedure.code, view.procedure.version)?.procedure;
    const items = ((view.fees as { items?: { id: string; total?: number }[] } | undefined)?.items ?? []).filter((i) => Number(i.total ?? 0) > 0);
    const year = new Date(paidAt + 7 * 3600 * 1000).getUTCFullYear();
    return {
      number: `BL-${year}-${String(row.id).padStart(8, '0')}`,
      txnRef: row.txn_ref,
      ...(params.vnp_TransactionNo ? { gatewayTxn: params.vnp_TransactionNo.slice(0, 64) } : {}),
      case: row.case_id,
      procedure: { code: view.procedure.code, ...(view.procedure.name ? { name: view.procedure.name } : {}) },
      payer: { id: row.payer_id, ...(payer?.name ? { name: payer.name } : {}), ...(payer?.national_id ? { nationalId: payer.national_id } : {}) },
      payee: { unit: row.unit_id, ...(unit?.name ? { name: unit.name } : {}) },
      fees: items.map((i) => {
        const name = procedure?.fees?.find((f) => f.id === i.id)?.name?.vi;
        return { id: i.id, ...(name ? { name } : {}), amount: Number(i.total ?? 0) };
      }),
      amount: Number(row.amount),
      paidAt: new Date(paidAt).toISOString(),
      method: 'gateway',
    };
  }

  private async answer(ref: string | undefined, params: unknown, outcome: CallbackOutcome, answer: IpnAnswer): Promise<IpnAnswer> {
    await this.record(ref, params, outcome, 'ipn');
    return answer;
  }

  /** Keeps a callback (its parameters bounded, the signature left out) and logs a refused one. */
  private async record(ref: string | undefined, params: unknown, outcome: CallbackOutcome, channel: 'ipn' | 'return'): Promise<void> {
    const kept = gatewayParams(params) ?? {};
    delete kept[HASH_PARAM];
    await this.o.db.knex('payment_callbacks').insert({ txn_ref: ref?.slice(0, 64) ?? null, channel, outcome, params: JSON.stringify(kept).slice(0, 8000), at: this.o.now().getTime() });
    if (outcome !== 'accepted' && outcome !== 'declined' && outcome !== 'return') this.o.log(`payments: ${channel} refused (${outcome}) for ${ref ?? '?'}`);
  }
}

function iso(ms: number | string): string {
  return new Date(Number(ms)).toISOString();
}

function toPaymentView(r: PaymentRow, refund?: RefundRow): PaymentView {
  return {
    txnRef: r.txn_ref,
    case: r.case_id,
    amount: Number(r.amount),
    status: r.status,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
    ...(r.receipt ? { receipt: JSON.parse(r.receipt) as Receipt } : {}),
    ...(refund ? { refund: { amount: Number(refund.amount), reason: refund.reason, status: refund.status, createdAt: iso(refund.created_at) } } : {}),
  };
}
