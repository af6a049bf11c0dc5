/**
 * A bank transfer by VietQR: the code any Vietnamese banking app scans (EMVCo payload built by
 * the server), with the account, amount and the content to write if typed by hand.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { formatVnd } from '../lib/format';

export function VietQrBox({ transfer }: { transfer: { payload: string; bin: string; account: string; name?: string; amount: number; content: string } }) {
  const { t } = useTranslation('cases');
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(transfer.payload, { errorCorrectionLevel: 'M', margin: 2, width: 220 })
      .then((url) => { if (live) setImage(url); })
      .catch(() => { if (live) setImage(null); });
    return () => { live = false; };
  }, [transfer.payload]);
  return (
    <div className="notice" role="group" aria-label={t('vietqr.label')}>
      {image ? <img src={image} width={220} height={220} alt={t('vietqr.alt')} /> : null}
      <p>{t('vietqr.bank')} {transfer.bin} · {t('vietqr.account')} <strong>{transfer.account}</strong>{transfer.name ? ` · ${transfer.name}` : ''}</p>
      <p>{t('vietqr.amount')} <strong>{formatVnd(transfer.amount)}</strong> · {t('vietqr.content')} <code>{transfer.content}</code></p>
      <p className="muted small">{t('vietqr.note')}</p>
    </div>
  );
}
