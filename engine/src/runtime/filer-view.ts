/**
 * What the person who filed a case may see of it. A case may hold records of other people
 * (the other spouse, a child, the deceased) that the officers need; the filer sees only that
 * a field was prefilled or a component replaced (source, key, when), never the record itself,
 * unless it was read under their own national ID. One home for the rule: the server applies
 * it to every answer a citizen gets about their case.
 */
import { getPath, isRecord, setPath } from './paths';
import type { ComponentState, PrefilledField } from './types';

/** The parts of a case that may hold records read from national sources. */
export interface RecordBearing {
  prefilled?: PrefilledField[];
  components?: Record<string, ComponentState>;
  data?: unknown;
}

/**
 * `view` as the filer whose national ID is `own` may see it: records read under the national
 * ID of another person the case names (`others`, its subjects' IDs) are left out (a component
 * keeps its status and provenance), prefilled values under those keys are dropped, and so are
 * the fields of the form they filled (the national ID typed stays). Records read under other
 * keys (the filer's own ID, a document number from their wallet, a parcel) stay. `others`
 * undefined (a case filed before subjects were recorded): every key but `own` is foreign.
 */
export function filerView<T extends RecordBearing>(view: T, own: string | undefined, others?: ReadonlySet<string>): T {
  const foreign = (key: string): boolean => key !== own && (others === undefined || others.has(key));
  const out: T = { ...view };
  if (view.components) {
    out.components = Object.fromEntries(
      Object.entries(view.components).map(([id, c]) => {
        if (c.record === undefined || !foreign(c.provenance?.key ?? '')) return [id, c];
        const { record: _hidden, ...rest } = c;
        return [id, rest];
      }),
    );
  }
  if (view.prefilled) {
    out.prefilled = view.prefilled.map((p) => {
      if (!foreign(p.key)) return p;
      const { value: _hidden, ...rest } = p;
      return rest as PrefilledField;
    });
  }
  if (isRecord(view.data) && view.prefilled) {
    let data: Record<string, unknown> = view.data;
    for (const p of view.prefilled) {
      if (!foreign(p.key)) continue;
      const at = getPath(data, p.field);
      if (isRecord(p.value) && isRecord(at)) {
        const kept = Object.fromEntries(Object.entries(at).filter(([k]) => !(k in (p.value as Record<string, unknown>)) || k === 'nationalId'));
        data = setPath(data, p.field, kept);
      } else if (at !== undefined) {
        data = setPath(data, p.field, undefined);
      }
    }
    // Copied only when a field was taken out (setPath leaves `undefined` where it was; the copy
    // drops it): every answer a citizen gets goes through here, most with nothing hidden.
    if (data !== view.data) out.data = JSON.parse(JSON.stringify(data)) as unknown;
  }
  return out;
}
