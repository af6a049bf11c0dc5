import { sortDiagnostics } from '../diagnostics/diagnostic';
import { parseSource } from '../parse/source-document';
import type { LibraryContext } from './context';
import { checkVersions, type VersionEntry } from './effective';
import { validateProcedureDocument, type ValidationResult } from './validate-procedure';

/**
 * Validates one procedure text as `motcua validate --library` validates a file of the
 * library: the format's schema and every semantic check against the library's catalogues
 * (`validateProcedureDocument`), then the cross-version checks (`checkVersions`: overlapping
 * effective periods) against the library's other versions of its code. For a text that is
 * not on disk: a draft, a version being published. `context.procedures` lists the library's
 * versions; one with the candidate's own version is left out (whether a (code, version) may be
 * published again is the publisher's rule, not the validator's). Never throws.
 */
export function validateCandidate(text: string, file: string, context: LibraryContext = {}): ValidationResult {
  const result = validateProcedureDocument(parseSource(text, file), context);
  const value = result.doc.value as { code?: unknown; version?: unknown; effective?: VersionEntry['effective'] } | null | undefined;
  if (!value || typeof value.code !== 'string' || typeof value.version !== 'string') return result;
  const { code, version } = value;
  const others: VersionEntry[] = (context.procedures?.get(code) ?? [])
    .filter((v) => v.version !== version)
    .map((v) => ({ file: v.file ?? `${code}@${v.version}`, code, version: v.version, ...(v.effective ? { effective: v.effective } : {}) }));
  // An overlay's dates are its own or, without them, its national version's: the resolved procedure's.
  const effective = result.procedure?.overlay ? result.procedure.effective : value.effective;
  const self: VersionEntry = { file, code, version, doc: result.doc, ...(effective && typeof effective === 'object' ? { effective } : {}) };
  const cross = checkVersions([...others, self]).filter((d) => d.file === file);
  if (cross.length === 0) return result;
  const { procedure: _valid, ...rest } = result;
  return { ...rest, diagnostics: sortDiagnostics([...result.diagnostics, ...cross]) };
}
