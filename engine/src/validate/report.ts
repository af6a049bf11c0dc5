import type { Diagnostic } from '../diagnostics/diagnostic';
import { formatPath, type DocPath, type SourceDocument } from '../parse/source-document';
import { CODES, type DiagnosticCode } from './codes';

/** Collects the diagnostics of one file, placing each at the line:col of its path. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly doc: SourceDocument) {}

  /**
   * Adds a diagnostic at `path` (at its key when `at` is 'key'); `offset` moves the column
   * into a string value, e.g. to the token of a CEL expression that is wrong.
   */
  add(
    code: DiagnosticCode,
    path: DocPath,
    message: string,
    options: { hint?: string; at?: 'key' | 'value'; offset?: number } = {},
  ): void {
    const pos = options.at === 'key' ? this.doc.keyPositionOf(path) : this.doc.positionOf(path);
    let column = pos.column;
    if (options.offset !== undefined) column += options.offset + this.quoteWidth(pos.line, pos.column);
    const entry = CODES[code];
    this.diagnostics.push({
      file: this.doc.file,
      line: pos.line,
      column,
      code,
      severity: entry.severity,
      message,
      hint: options.hint ?? entry.hint,
      path: formatPath(path),
    });
  }

  /** 1 when the scalar at line:col starts with a quote, so offsets land inside the string. */
  private quoteWidth(line: number, column: number): number {
    const text = this.lineText(line);
    const ch = text[column - 1];
    return ch === '"' || ch === "'" ? 1 : 0;
  }

  private lines: string[] | undefined;
  private lineText(line: number): string {
    this.lines ??= this.doc.text.split('\n');
    return this.lines[line - 1] ?? '';
  }
}
