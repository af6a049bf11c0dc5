/**
 * A bank transfer by VietQR: the code any Vietnamese banking app scans (EMVCo payload built by
 * the server), with the account, amount and the content to write if typed by hand.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { formatVnd } from '../lib/format';

export function VietQrBox({ transfer }: { transfer: { payload: string; bin: string; account: string; name?: string; amount: number; content: string } }) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(transfer.payload, { errorCorrectionLevel: 'M', margin: 2, width: 220 })
      .then((url) => { if (live) setImage(url); })
      .catch(() => { if (live) setImage(null); });
    return () => { live = false; };
  }, [transfer.payload]);
  return (
    <div className="notice" role="group" aria-label="Chuyển khoản VietQR">
      {image ? <img src={image} width={220} height={220} alt="Mã VietQR chuyển khoản" /> : null}
      <p>Ngân hàng (BIN) {transfer.bin} · Số tài khoản <strong>{transfer.account}</strong>{transfer.name ? ` · ${transfer.name}` : ''}</p>
      <p>Số tiền <strong>{formatVnd(transfer.amount)}</strong> · Nội dung <code>{transfer.content}</code></p>
      <p className="muted small">Hồ sơ được chuyển xử lý khi ngân hàng xác nhận khoản chuyển. <span lang="en">The case moves on when the bank confirms the transfer.</span></p>
    </div>
  );
}
