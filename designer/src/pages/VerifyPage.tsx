/**
 * "Kiểm tra giấy tờ" (`#/verify/<number>/<code>`): the public page a result PDF's QR code
 * opens, for anyone (no sign-in): a bank clerk, a school, another agency. It asks the server
 * (`GET /api/documents/:id/check`) whether a document has that number and check code and
 * says valid, revoked, expired or invalid, with the issuer and the dates to compare with the
 * paper in front of them.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentCheck } from 'motcua/contract';
import { checkDocument, errorText } from '../lib/api';
import { formatDateTime } from '../lib/format';

const VERDICT_CLASS = { valid: 'ok', revoked: 'bad', expired: 'bad', invalid: 'bad' } as const;

export function VerifyPage({ id, code }: { id: string; code: string }) {
  const { t } = useTranslation('wallet');
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
  if (!check) return <p role="status">{t('check.checking')}</p>;
  return (
    <section aria-labelledby="verify-title">
      <h1 id="verify-title">{t('check.title')}</h1>
      <p className={`notice ${VERDICT_CLASS[check.result]}`} role="status" data-testid="verdict" data-result={check.result}>
        <strong>{t(`check.verdict.${check.result}`)}</strong>
      </p>
      {check.result === 'invalid' ? (
        <p>{t('check.number')} <code>{id}</code>. {t('check.forged')}</p>
      ) : (
        <div className="facts">
          <div><span>{t('col.type')}</span><strong>{check.title}</strong></div>
          <div><span>{t('col.number')}</span><strong><code>{check.id}</code></strong></div>
          <div><span>{t('details.holder')}</span><strong>{check.holder.name ?? '—'}</strong></div>
          <div><span>{t('col.issuer')}</span><strong data-testid="issuer">{check.issuer.name ?? check.issuer.unit}</strong></div>
          <div><span>{t('col.procedure')}</span><strong>{check.procedure.name ?? check.procedure.code}</strong></div>
          <div><span>{t('col.issued')}</span><strong>{formatDateTime(check.issuedAt)}</strong></div>
          <div><span>{t('col.validUntil')}</span><strong>{check.validUntil ? formatDateTime(check.validUntil) : t('noExpiry')}</strong></div>
          {check.revokedAt ? <div><span>{t('check.revokedAt')}</span><strong>{formatDateTime(check.revokedAt)}</strong></div> : null}
        </div>
      )}
    </section>
  );
}
