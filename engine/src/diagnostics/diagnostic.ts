/** Where in a source file something is. Lines and columns are 1-based, as editors show them. */
export interface SourcePosition {
  line: number;
  column: number;
}

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * One finding about a procedure, calendar, catalogue or scenario file.
 * `path` is the JSON path inside the document (e.g. `steps[2].actions.approve.to`).
 */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
  path?: string;
}

/** True when any diagnostic is an error (warnings do not fail a file). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable ordering: by file, then position, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

/** `file:line:col - error E_CODE: message` then the hint, like `tsc`. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column} - ${d.severity} ${d.code}: ${d.message}`;
  return d.hint ? `${head}\n    hint: ${d.hint}` : head;
}
