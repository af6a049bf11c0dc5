import type { Diagnostic } from '../diagnostics/diagnostic';
import type { SourceDocument } from '../parse/source-document';

/**
 * Checks a catalogue file (a YAML list of entries, each with a unique string `id` and the
 * keys `required` lists) and returns the usable entries; every problem is a diagnostic.
 */
export function readCatalogue<T extends { id: string }>(
  doc: SourceDocument,
  required: readonly string[],
): { entries: T[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  const entries: T[] = [];
  const report = (path: (string | number)[], message: string, hint: string): void => {
    const pos = doc.positionOf(path);
    diagnostics.push({ file: doc.file, line: pos.line, column: pos.column, code: 'E_CATALOGUE', severity: 'error', message, hint, path: path.join('.') });
  };
  if (doc.value === undefined) return { entries, diagnostics };
  if (!Array.isArray(doc.value)) {
    report([], 'a catalogue is a YAML list of entries', 'Write one `- id: ...` entry per item.');
    return { entries, diagnostics };
  }
  const seen = new Set<string>();
  doc.value.forEach((raw: unknown, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      report([i], `entry ${i + 1} is not a mapping`, 'Each entry is `- { id: ..., name: ... }`.');
      return;
    }
    const entry = raw as Record<string, unknown>;
    if (typeof entry.id !== 'string' || entry.id === '') {
      report([i], `entry ${i + 1} has no string id`, 'Add `id: some-id` (kebab-case).');
      return;
    }
    if (seen.has(entry.id)) {
      report([i, 'id'], `id '${entry.id}' appears twice`, 'Ids in a catalogue are unique; merge or rename.');
      return;
    }
    const missing = required.filter((k) => entry[k] === undefined);
    if (missing.length) {
      report([i], `entry '${entry.id}' lacks ${missing.join(', ')}`, `Add ${missing.map((m) => `\`${m}:\``).join(', ')}.`);
      return;
    }
    seen.add(entry.id);
    entries.push(entry as T);
  });
  return { entries, diagnostics };
}
