/** The validator's findings; each one is a button that moves the editor to its line. */
import type { Diagnostic } from 'motcua/engine';
import { useTranslation } from 'react-i18next';
import { diagnosticText } from '../lib/diagnostic-text';

export interface DiagnosticsListProps {
  diagnostics: readonly Diagnostic[];
  onPick: (d: Diagnostic) => void;
}

export function DiagnosticsList({ diagnostics, onPick }: DiagnosticsListProps) {
  // `diagnostics` holds the Vietnamese texts of the validator's codes (suspends until loaded).
  const { t } = useTranslation(['common', 'diagnostics']);
  if (diagnostics.length === 0) {
    return <p className="ok" role="status">✓ {t('diagnostics.none')}</p>;
  }
  return (
    <ul className="diagnostics" aria-label={t('diagnostics.label')}>
      {diagnostics.map((d, i) => (
        <li key={`${d.line}:${d.column}:${d.code}:${i}`} className={`diag diag-${d.severity}`}>
          <button type="button" onClick={() => onPick(d)} title={t('diagnostics.goTo')}>
            <span className="diag-pos">{d.line}:{d.column}</span>{' '}
            <strong>{t(`severity.${d.severity}`)}</strong> <code>{d.code}</code>{d.path ? <> {t('diagnostics.at')} <code className="diag-path">{d.path}</code></> : null}: {diagnosticText(d).message}
            {diagnosticText(d).hint ? <span className="diag-hint"> {diagnosticText(d).hint}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
