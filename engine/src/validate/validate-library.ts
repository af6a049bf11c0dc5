import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Library } from '../library/catalog';
import type { SourceDocument } from '../parse/source-document';
import { checkVersions, type VersionEntry } from './effective';

/**
 * Cross-file checks over a loaded library: duplicate code+version and overlapping effective
 * periods. `docs` (file -> parsed document), when given, places diagnostics at line:col.
 */
export function validateLibrary(library: Library, docs?: ReadonlyMap<string, SourceDocument>): Diagnostic[] {
  const entries: VersionEntry[] = [];
  for (const [code, versions] of library.procedures) {
    for (const v of versions) {
      const doc = docs?.get(v.file);
      entries.push({
        file: v.file,
        code,
        version: v.procedure.version,
        ...(v.procedure.effective ? { effective: v.procedure.effective } : {}),
        ...(doc ? { doc } : {}),
      });
    }
  }
  return checkVersions(entries);
}
