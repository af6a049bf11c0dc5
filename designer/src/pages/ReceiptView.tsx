/**
 * A payment receipt (biên lai thu phí, lệ phí điện tử): number, payer, fees, amount, time.
 * Shown on the case page and in the wallet.
 */
import type { PaymentView, Receipt } from 'motcua/contract';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatVnd } from '../lib/format';

export function ReceiptView({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation('cases');
  return (
    <div className="receipt" role="group" aria-label={t('receipt.label', { number: receipt.number })} data-testid="receipt">
      <h3>{t('receipt.title')} <code>{receipt.number}</code></h3>
      <div className="facts">
        <div><span>{t('receipt.payer')}</span><strong>{receipt.payer.name ?? receipt.payer.id}{receipt.payer.nationalId ? ` · ${receipt.payer.nationalId}` : ''}</strong></div>
        <div><span>{t('receipt.payee')}</span><strong>{receipt.payee.name ?? receipt.payee.unit}</strong></div>
        <div><span>{t('receipt.case')}</span><strong>{receipt.case}</strong></div>
        <div><span>{t('receipt.paidAt')}</span><strong>{formatDateTime(receipt.paidAt)}</strong></div>
        <div><span>{t('receipt.txn')}</span><strong><code>{receipt.txnRef}</code></strong></div>
      </div>
      <table className="list">
        <thead><tr><th scope="col">{t('receipt.item')}</th><th scope="col">{t('receipt.amount')}</th></tr></thead>
        <tbody>
          {receipt.fees.map((f) => <tr key={f.id}><td>{f.name ?? f.id}</td><td>{formatVnd(f.amount)}</td></tr>)}
          <tr><th scope="row">{t('receipt.total')}</th><td><strong data-testid="receipt-amount">{formatVnd(receipt.amount)}</strong></td></tr>
        </tbody>
      </table>
    </div>
  );
}

/** The payments of a case: each receipt, and refunds owed. */
export function CasePayments({ payments }: { payments: readonly PaymentView[] }) {
  const { t } = useTranslation('cases');
  const shown = payments.filter((p) => p.receipt || p.status === 'refund-due');
  if (shown.length === 0) return null;
  return (
    <>
      <h2>{t('payments.title')}</h2>
      {shown.map((p) => (
        <div key={p.txnRef}>
          {p.receipt ? <ReceiptView receipt={p.receipt} /> : null}
          {p.refund ? <p className="notice" role="status">{t('payments.refund', { amount: formatVnd(p.refund.amount), status: t(`payments.status.${p.status}`, { defaultValue: p.status }) })}</p> : null}
        </div>
      ))}
    </>
  );
}
