import type { CompiledProcedure } from '../compile/compile-procedure';
import { replacementOf } from './components';
import { applyPrefill } from './prefill';
import type { PrefilledField, SourceReader } from './types';

/** A component the sources' records replace, and the record's key. */
export interface ReplacedPreview {
  component: string;
  source: string;
  key: string;
}

/**
 * What an e-form shows before filing, from the records already fetched: the data with every
 * prefilled value in place, the prefilled fields, and the components a record replaces (so
 * the applicant is not asked to upload them). The same rules as `submitCase`, nothing decided:
 * the filing reads the sources again. Throws E_LOCKED_FIELD when `input` contradicts a locked field.
 */
export function previewFiling(compiled: CompiledProcedure, input: Record<string, unknown>, sources: SourceReader, readAt: string): { data: Record<string, unknown>; prefilled: PrefilledField[]; replaced: ReplacedPreview[] } {
  const { data, prefilled } = applyPrefill(compiled, input, sources, readAt);
  const replaced: ReplacedPreview[] = [];
  (compiled.procedure.components ?? []).forEach((c, i) => {
    const r = replacementOf(compiled, i, data, sources);
    if (r) replaced.push({ component: c.id, source: r.source, key: r.key });
  });
  return { data, prefilled, replaced };
}
