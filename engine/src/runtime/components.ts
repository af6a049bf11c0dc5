import type { CompiledProcedure } from '../compile/compile-procedure';
import { RefusalError, type Problem } from '../errors';
import { keyOf } from './prefill';
import type { ComponentState, SourceReader, UploadedFile } from './types';

/** Uploads as a map, whichever form the caller sent. */
export function normaliseUploads(uploads: string[] | Record<string, UploadedFile> | undefined): Record<string, UploadedFile> {
  if (!uploads) return {};
  if (Array.isArray(uploads)) return Object.fromEntries(uploads.map((id) => [id, {}]));
  return uploads;
}

/** Refuses uploads that name no component of the procedure (`E_UNKNOWN_COMPONENT`, all at once). */
export function checkUploadIds(compiled: CompiledProcedure, uploads: Record<string, UploadedFile>): void {
  const known = new Set((compiled.procedure.components ?? []).map((c) => c.id));
  const problems: Problem[] = Object.keys(uploads)
    .filter((id) => !known.has(id))
    .map((id) => ({ code: 'E_UNKNOWN_COMPONENT', message: `'${id}' is not a component of this procedure`, path: `uploads.${id}` }));
  if (problems.length > 0) {
    throw new RefusalError('E_UNKNOWN_COMPONENT', `${problems.length} upload(s) name no component`, problems, {
      hint: `Components: ${[...known].join(', ') || '(none)'}.`,
    });
  }
}

/** The component statuses as expressions see them (`components['x'] == 'replaced'`). */
export function statusMap(components: Record<string, ComponentState>): Record<string, string> {
  return Object.fromEntries(Object.entries(components).map(([id, c]) => [id, c.status]));
}

/** How components are decided: whose records await consent, and whether a missing one refuses. */
export interface ResolveOptions {
  /** National IDs awaiting consent: a component keyed by one is `awaiting-consent`, not missing. */
  awaiting?: ReadonlySet<string>;
  /** The dossier completing after consent: a missing required component is recorded, not refused (the officer asks for it). */
  lenient?: boolean;
}

/**
 * Decides each component: provided (uploaded), replaced (the source holds a record for its
 * key; attached with provenance), awaiting consent (its key is a subject who has not yet
 * confirmed), or missing. Then evaluates `required` (which may read the other components'
 * statuses) and refuses with `E_MISSING_COMPONENTS` listing every missing required component
 * at once.
 */
export function resolveComponents(
  compiled: CompiledProcedure,
  data: Record<string, unknown>,
  uploads: Record<string, UploadedFile>,
  sources: SourceReader,
  readAt: string,
  caseFacts: { submittedAt?: string; unit?: string; channel?: string } = {},
  options: ResolveOptions = {},
): Record<string, ComponentState> {
  const list = compiled.procedure.components ?? [];
  const out: Record<string, ComponentState> = {};
  list.forEach((c, i) => {
    const file = uploads[c.id];
    if (file) {
      out[c.id] = { status: 'provided', required: false, file };
      return;
    }
    if (c.replaceableBy) {
      const key = keyOf(compiled, c.replaceableBy.key, `components[${i}].replaceableBy.key`, data);
      if (key !== undefined && options.awaiting?.has(key)) {
        out[c.id] = { status: 'awaiting-consent', required: false };
        return;
      }
      const record = key === undefined ? undefined : sources.get(c.replaceableBy.source, key);
      if (key !== undefined && record !== undefined) {
        out[c.id] = { status: 'replaced', required: false, provenance: { source: c.replaceableBy.source, key, readAt }, record };
        return;
      }
    }
    out[c.id] = { status: 'missing', required: false };
  });
  const scope = compiled.expressions.prepare({ data, case: caseFacts, components: statusMap(out) });
  const problems: Problem[] = [];
  list.forEach((c, i) => {
    const state = out[c.id];
    if (!state) return;
    state.required = compiled.expressions.test(c.required, scope, `components[${i}].required`, true);
    if (state.required && state.status === 'missing') {
      problems.push({
        code: 'E_MISSING_COMPONENT',
        message: `${c.name.en ?? c.name.vi} (${c.id}) is required`,
        path: c.id,
        hint: c.replaceableBy ? `Upload it, or give the data that lets ${c.replaceableBy.source} replace it.` : 'Upload it.',
      });
    }
  });
  if (problems.length > 0 && !options.lenient) {
    throw new RefusalError('E_MISSING_COMPONENTS', `${problems.length} required component(s) missing: ${problems.map((p) => p.path).join(', ')}`, problems, {
      hint: 'Upload every listed component (or provide the data that lets a national source replace it), then submit again.',
    });
  }
  return out;
}
