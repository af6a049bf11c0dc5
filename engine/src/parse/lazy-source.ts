/**
 * A source document whose value is already known (read from the library cache): the YAML is
 * parsed only if someone asks for a position, which happens when a diagnostic is reported.
 * A library that loads cleanly from the cache is never parsed at all.
 */
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic';
import { parseSourceFully, type DocPath, type SourceDocument } from './source-document';

/** `text`'s document with `value` and `diagnostics` as a parse of it gave them before. */
export function lazySource(file: string, text: string, value: unknown, diagnostics: readonly Diagnostic[]): SourceDocument {
  let parsed: SourceDocument | undefined;
  const full = (): SourceDocument => (parsed ??= parseSourceFully(text, file));
  return {
    file,
    text,
    value,
    diagnostics: [...diagnostics],
    positionOf: (path: DocPath): SourcePosition => full().positionOf(path),
    keyPositionOf: (path: DocPath): SourcePosition => full().keyPositionOf(path),
  };
}
