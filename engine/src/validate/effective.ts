import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Effective } from '../model/procedure';
import type { SourceDocument } from '../parse/source-document';
import { CODES } from './codes';
import type { Reporter } from './report';
import { isRecord, type Loose } from './walk';

/** effective.to is not before effective.from (dates compare as YYYY-MM-DD text). */
export function checkEffectiveRange(procedure: Loose, reporter: Reporter): void {
  const e = procedure.effective;
  if (!isRecord(e) || typeof e.from !== 'string' || typeof e.to !== 'string') return;
  if (e.to < e.from) reporter.add('E_EFFECTIVE_RANGE', ['effective', 'to'], `effective.to (${e.to}) is before effective.from (${e.from})`);
}

/** One version of a code, as the library-wide checks see it. */
export interface VersionEntry {
  file: string;
  code: string;
  version: string;
  effective?: Effective;
  doc?: SourceDocument;
}

/**
 * Whether a version with this effective period is in force on `date` (YYYY-MM-DD): from
 * `from` to `to`, both days included; without `effective`, always. The one reading of the
 * period, shared by the overlap check and by filing.
 */
export function isInForce(effective: Effective | undefined, date: string): boolean {
  const from = effective?.from;
  const to = effective?.to;
  return (!from || String(from) <= date) && (!to || date <= String(to));
}

function overlaps(a?: Effective, b?: Effective): boolean {
  const aFrom = a?.from ?? '';
  const bFrom = b?.from ?? '';
  const aTo = a?.to ?? '\uffff';
  const bTo = b?.to ?? '\uffff';
  return aFrom <= bTo && bFrom <= aTo;
}

function diag(entry: VersionEntry, code: 'E_EFFECTIVE_OVERLAP' | 'E_DUPLICATE_CODE_VERSION', message: string): Diagnostic {
  const path = code === 'E_EFFECTIVE_OVERLAP' ? ['effective'] : ['version'];
  const pos = entry.doc ? entry.doc.keyPositionOf(path) : { line: 1, column: 1 };
  return { file: entry.file, line: pos.line, column: pos.column, code, severity: 'error', message, hint: CODES[code].hint, path: path.join('.') };
}

/**
 * Cross-file checks: two files with the same code and version (E_DUPLICATE_CODE_VERSION),
 * and two versions of one code in force on the same day (E_EFFECTIVE_OVERLAP; a version
 * without `effective` is in force forever). Each problem is reported on the later file.
 */
export function checkVersions(entries: readonly VersionEntry[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byCode = new Map<string, VersionEntry[]>();
  for (const e of entries) {
    const list = byCode.get(e.code) ?? [];
    list.push(e);
    byCode.set(e.code, list);
  }
  for (const [code, versions] of byCode) {
    for (let i = 0; i < versions.length; i++) {
      const b = versions[i] as VersionEntry;
      for (let j = 0; j < i; j++) {
        const a = versions[j] as VersionEntry;
        if (a.version === b.version) {
          out.push(diag(b, 'E_DUPLICATE_CODE_VERSION', `${code} version ${b.version} is also defined in ${a.file}`));
        } else if (overlaps(a.effective, b.effective)) {
          const span = (e?: Effective): string => (e ? `${e.from} .. ${e.to ?? 'open'}` : 'always');
          out.push(diag(b, 'E_EFFECTIVE_OVERLAP', `${code} ${b.version} (${span(b.effective)}) overlaps ${a.version} (${span(a.effective)}) in ${a.file}`));
        }
      }
    }
  }
  return out;
}
