/** The validator's findings; each one is a button that moves the editor to its line. */
import type { Diagnostic } from 'motcua/engine';

export interface DiagnosticsListProps {
  diagnostics: readonly Diagnostic[];
  onPick: (d: Diagnostic) => void;
}

const SEVERITY_VI = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Ghi chú' } as const;

export function DiagnosticsList({ diagnostics, onPick }: DiagnosticsListProps) {
  if (diagnostics.length === 0) {
    return <p className="ok" role="status">✓ Không có lỗi (no problems)</p>;
  }
  return (
    <ul className="diagnostics" aria-label="Danh sách lỗi (diagnostics)">
      {diagnostics.map((d, i) => (
        <li key={`${d.line}:${d.column}:${d.code}:${i}`} className={`diag diag-${d.severity}`}>
          <button type="button" onClick={() => onPick(d)} title="Đi tới dòng này (go to line)">
            <span className="diag-pos">{d.line}:{d.column}</span>{' '}
            <strong>{SEVERITY_VI[d.severity]}</strong> <code>{d.code}</code>{d.path ? <> tại <code className="diag-path">{d.path}</code></> : null}: {d.message}
            {d.hint ? <span className="diag-hint"> {d.hint}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
