/** A case's status in the language shown, with the overdue flag (never the status id). */
import { useTranslation } from 'react-i18next';

export function StatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`status status-${status}`}>
      {t(`status.${status}`, { defaultValue: t('status.unknown') })}
      {overdue ? <span className="flag overdue"> · {t('due.overdue')}</span> : null}
    </span>
  );
}
