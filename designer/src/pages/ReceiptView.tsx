/**
 * A payment receipt (biên lai thu phí, lệ phí điện tử): number, payer, fees, amount, time.
 * Shown on the case page and in the wallet.
 */
import type { PaymentView, Receipt } from 'motcua/contract';
import { formatDateTime, formatVnd } from '../lib/format';

export function ReceiptView({ receipt }: { receipt: Receipt }) {
  return (
    <div className="receipt" role="group" aria-label={`Biên lai ${receipt.number}`} data-testid="receipt">
      <h3>Biên lai thu phí, lệ phí <code>{receipt.number}</code> <small>Receipt</small></h3>
      <div className="facts">
        <div><span>Người nộp</span><strong>{receipt.payer.name ?? receipt.payer.id}{receipt.payer.nationalId ? ` · ${receipt.payer.nationalId}` : ''}</strong></div>
        <div><span>Đơn vị thu</span><strong>{receipt.payee.name ?? receipt.payee.unit}</strong></div>
        <div><span>Hồ sơ</span><strong>{receipt.case}</strong></div>
        <div><span>Thời điểm</span><strong>{formatDateTime(receipt.paidAt)}</strong></div>
        <div><span>Mã giao dịch</span><strong><code>{receipt.txnRef}</code></strong></div>
      </div>
      <table className="list">
        <thead><tr><th scope="col">Khoản thu</th><th scope="col">Số tiền</th></tr></thead>
        <tbody>
          {receipt.fees.map((f) => <tr key={f.id}><td>{f.name ?? f.id}</td><td>{formatVnd(f.amount)}</td></tr>)}
          <tr><th scope="row">Tổng cộng</th><td><strong data-testid="receipt-amount">{formatVnd(receipt.amount)}</strong></td></tr>
        </tbody>
      </table>
    </div>
  );
}

const STATUS_VI: Record<string, string> = { pending: 'đang chờ', paid: 'đã thanh toán', cancelled: 'đã hủy', failed: 'không thành công', 'refund-due': 'chờ hoàn trả' };

/** The payments of a case: each receipt, and refunds owed. */
export function CasePayments({ payments }: { payments: readonly PaymentView[] }) {
  const shown = payments.filter((p) => p.receipt || p.status === 'refund-due');
  if (shown.length === 0) return null;
  return (
    <>
      <h2>Thanh toán <small>Payments</small></h2>
      {shown.map((p) => (
        <div key={p.txnRef}>
          {p.receipt ? <ReceiptView receipt={p.receipt} /> : null}
          {p.refund ? <p className="notice" role="status">Hồ sơ bị từ chối sau khi đã nộp phí: {formatVnd(p.refund.amount)} sẽ được hoàn trả ({STATUS_VI[p.status] ?? p.status}).</p> : null}
        </div>
      ))}
    </>
  );
}
