/**
 * Online payments on the wire: what starting a payment answers, a payment of a case, and the
 * receipt (biên lai) a verified payment leaves in the case and in the citizen's wallet.
 */

/** pending: started, not confirmed; paid: confirmed by the gateway's verified IPN; cancelled / failed: the gateway said so; refund-due: paid, then the case was rejected. */
export const PAYMENT_STATUSES = ['pending', 'paid', 'cancelled', 'failed', 'refund-due'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** The receipt of a confirmed payment. */
export interface Receipt {
  /** `BL-<year>-<8 digits>`. */
  number: string;
  /** The payment's transaction reference at the gateway (vnp_TxnRef). */
  txnRef: string;
  /** The gateway's own transaction number. */
  gatewayTxn?: string;
  case: string;
  procedure: { code: string; name?: string };
  payer: { id: string; name?: string; nationalId?: string };
  /** The unit the fees are paid to. */
  payee: { unit: string; name?: string };
  fees: { id: string; name?: string; amount: number }[];
  /** VND. */
  amount: number;
  /** ISO instant. */
  paidAt: string;
  method: 'gateway';
}

/** A payment of a case. */
export interface PaymentView {
  txnRef: string;
  case: string;
  amount: number;
  status: PaymentStatus;
  createdAt: string;
  expiresAt: string;
  receipt?: Receipt;
  /** Set when the case was rejected after payment: the fees are to be paid back. */
  refund?: { amount: number; reason: string; status: string; createdAt: string };
}

/** What `POST /api/cases/:id/payments` answers: where to send the citizen, and a VietQR code for a bank transfer. */
export interface PaymentStart {
  payment: PaymentView;
  /** The gateway's payment page, with the signed request. */
  redirectUrl: string;
  /** EMVCo/VietQR payload of a transfer of the amount with the reference as content, when a bank account is configured. */
  vietQr?: { payload: string; bin: string; account: string; name?: string; amount: number; content: string };
}
