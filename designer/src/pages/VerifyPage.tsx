/**
 * "Kiểm tra giấy tờ" (`#/verify/<number>/<code>`): the public page a result PDF's QR code
 * opens, for anyone (no sign-in): a bank clerk, a school, another agency. It asks the server
 * (`GET /api/documents/:id/check`) whether a document has that number and check code and
 * says valid, revoked, expired or invalid, with the issuer and the dates to compare with the
 * paper in front of them.
 */
import { useEffect, useState } from 'react';
import type { DocumentCheck } from 'motcua/contract';
import { checkDocument, errorText } from '../lib/api';
import { formatDateTime } from '../lib/format';

const VERDICT = {
  valid: { cls: 'ok', vi: 'Giấy tờ hợp lệ, đang có hiệu lực', en: 'Valid document, in force' },
  revoked: { cls: 'bad', vi: 'Giấy tờ đã bị cơ quan cấp thu hồi', en: 'Revoked by the issuing authority' },
  expired: { cls: 'bad', vi: 'Giấy tờ đã hết hiệu lực', en: 'Expired' },
  invalid: { cls: 'bad', vi: 'Không hợp lệ: không có giấy tờ nào với số và mã kiểm tra này', en: 'Invalid: no document has this number and check code' },
} as const;

export function VerifyPage({ id, code }: { id: string; code: string }) {
  const [check, setCheck] = useState<DocumentCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    checkDocument(id, code)
      .then((c) => { if (live) setCheck(c); })
      .catch((err: unknown) => { if (live) setError(errorText(err)); });
    return () => { live = false; };
  }, [id, code]);
  if (error) return <p role="alert" className="notice bad">{error}</p>;
  if (!check) return <p role="status">Đang kiểm tra…</p>;
  const verdict = VERDICT[check.result];
  return (
    <section aria-label="Kiểm tra giấy tờ">
      <h1>Kiểm tra giấy tờ <small>Document verification</small></h1>
      <p className={`notice ${verdict.cls}`} role="status" data-testid="verdict" data-result={check.result}>
        <strong>{verdict.vi}</strong> <small lang="en">({verdict.en})</small>
      </p>
      {check.result === 'invalid' ? (
        <p>Số giấy tờ <code>{id}</code>. Giấy tờ có thể đã bị sửa đổi hoặc làm giả. Hãy đề nghị người xuất trình cung cấp lại bản điện tử từ kho dữ liệu của họ. <small lang="en">The printout may have been altered or forged.</small></p>
      ) : (
        <div className="facts">
          <div><span>Loại giấy tờ</span><strong>{check.title}</strong></div>
          <div><span>Số</span><strong><code>{check.id}</code></strong></div>
          <div><span>Người được cấp</span><strong>{check.holder.name ?? '—'}</strong></div>
          <div><span>Cơ quan cấp</span><strong data-testid="issuer">{check.issuer.name ?? check.issuer.unit}</strong></div>
          <div><span>Thủ tục</span><strong>{check.procedure.name ?? check.procedure.code}</strong></div>
          <div><span>Ngày cấp</span><strong>{formatDateTime(check.issuedAt)}</strong></div>
          <div><span>Hiệu lực đến</span><strong>{check.validUntil ? formatDateTime(check.validUntil) : 'Không thời hạn'}</strong></div>
          {check.revokedAt ? <div><span>Ngày thu hồi</span><strong>{formatDateTime(check.revokedAt)}</strong></div> : null}
        </div>
      )}
    </section>
  );
}
