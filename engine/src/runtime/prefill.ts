import type { CompiledProcedure } from '../compile/compile-procedure';
import { MotcuaError, RefusalError, type Problem } from '../errors';
import { applyDefaults, applyDefaultsShared } from '../expr';
import type { PrefillRule } from '../model/procedure';
import { conflicts, getPath, mergeValue, setPath } from './paths';
import { blockedIds, assessSubjects, gatedReader, verificationLookups } from './subjects';
import type { CaseState, Lookup, PrefilledField, SourceReader, SubjectState } from './types';

/** The lookup key of a prefill rule, or undefined when the data lacks what the key reads. */
export function prefillKey(compiled: CompiledProcedure, rule: PrefillRule, index: number, data: Record<string, unknown>): string | undefined {
  return keyOf(compiled, rule.key, `data.prefill[${index}].key`, data);
}

/** Evaluates a lookup key. An absent field means "no lookup" (the applicant types or uploads instead). */
export function keyOf(compiled: CompiledProcedure, source: string, where: string, data: Record<string, unknown>, components: Record<string, string> = {}): string | undefined {
  try {
    const key = compiled.expressions.evaluate(source, { data, case: {}, components }, where);
    if (typeof key === 'string') return key === '' ? undefined : key;
    if (typeof key === 'number' || typeof key === 'bigint' || typeof key === 'boolean') return String(key);
    return undefined;
  } catch (err) {
    if (err instanceof MotcuaError && err.code === 'E_CEL_ABSENT_FIELD') return undefined;
    throw err;
  }
}

/** The data with its schema's defaults applied (the contract applies them before any expression). */
export function withDefaults(compiled: CompiledProcedure, data: Record<string, unknown>): Record<string, unknown> {
  const schema = compiled.procedure.data?.schema;
  return schema ? (applyDefaults(schema, data) as Record<string, unknown>) : data;
}

/**
 * Fills fields from national sources. A locked field whose typed value contradicts the source
 * refuses the submission with `E_LOCKED_FIELD`, listing every contradiction at once, unless
 * `lenient` (the dossier completing after a consent: the source's value simply wins).
 */
export function applyPrefill(
  compiled: CompiledProcedure,
  input: Record<string, unknown>,
  sources: SourceReader,
  readAt: string,
  lenient = false,
): { data: Record<string, unknown>; prefilled: PrefilledField[] } {
  let data = withDefaults(compiled, input);
  const prefilled: PrefilledField[] = [];
  const problems: Problem[] = [];
  (compiled.procedure.data?.prefill ?? []).forEach((rule, i) => {
    const key = prefillKey(compiled, rule, i, data);
    if (key === undefined) return;
    const record = sources.get(rule.source, key);
    if (record === undefined) return;
    const value = rule.select === undefined ? record : record[rule.select];
    if (value === undefined) return;
    const typed = getPath(input, rule.field);
    if (rule.lock) {
      for (const where of conflicts(typed, value, `data.${rule.field}`)) {
        problems.push({
          code: 'E_LOCKED_FIELD',
          message: `${where} comes from ${rule.source} and is locked; the submitted value differs`,
          path: where,
          hint: `Leave ${where} empty or as ${rule.source} has it.`,
        });
      }
    }
    data = setPath(data, rule.field, mergeValue(getPath(data, rule.field), value));
    prefilled.push({ field: rule.field, source: rule.source, key, readAt, lock: rule.lock === true, value });
  });
  if (problems.length > 0 && !lenient) {
    throw new RefusalError('E_LOCKED_FIELD', `${problems.length} locked field(s) differ from the national source`, problems, {
      path: problems[0]?.path,
      hint: 'Locked fields are filled from national sources and cannot be changed by the applicant.',
    });
  }
  return { data: withDefaults(compiled, data), prefilled };
}

/**
 * Refuses (`E_LOCKED_FIELD`) when new data changes a locked prefilled value, e.g. in a
 * supplement. Lists every change at once.
 */
export function checkLocked(prefilled: readonly PrefilledField[], next: Record<string, unknown>): void {
  const problems: Problem[] = prefilled
    .filter((p) => p.lock)
    .flatMap((p) => conflicts(getPath(next, p.field) ?? null, p.value, `data.${p.field}`).map((where) => ({
      code: 'E_LOCKED_FIELD',
      message: `${where} comes from ${p.source} and is locked`,
      path: where,
    })));
  if (problems.length > 0) {
    throw new RefusalError('E_LOCKED_FIELD', `${problems.length} locked field(s) would change`, problems, {
      path: problems[0]?.path,
      hint: 'Locked fields keep the value read from the national source; send the other fields only.',
    });
  }
}

/** Who is filing, for lookups: the filer's national ID (absent: a trusted channel), or the subjects as a case already records them. */
export type LookupAccess = { filer?: string; uploads?: readonly string[] } | { subjects: readonly SubjectState[] };

/**
 * The records the caller must fetch before `submitCase` (or a `consent` command): first what
 * verifies the subjects' relations, then the prefill lookups; then, with `sources` holding
 * what was fetched, the component replacements computed from the prefilled data. Call it once
 * without `sources` (or with an empty reader), fetch, and call it again with the fetched
 * records until it returns nothing new. Nothing is planned for a person whose records may not
 * be read (not entitled, or awaiting consent).
 */
export function planLookups(compiled: CompiledProcedure, input: Record<string, unknown>, sources?: SourceReader, access: LookupAccess = {}): Lookup[] {
  // Only read here (keys, subjects): the defaults need no copy of the data (called once a round).
  const schema = compiled.procedure.data?.schema;
  const base = schema ? (applyDefaultsShared(schema, input) as Record<string, unknown>) : input;
  const out: Lookup[] = [];
  const seen = new Set<string>();
  const add = (l: Lookup): void => {
    const id = `${l.source}\u0000${l.key}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(l);
    }
  };
  const fetched = sources ?? { get: () => undefined };
  let subjects: readonly SubjectState[];
  if ('subjects' in access) {
    subjects = access.subjects;
  } else {
    verificationLookups(compiled, base, access.filer).forEach(add);
    const uploads = Object.fromEntries((access.uploads ?? []).map((id) => [id, {}]));
    subjects = assessSubjects(compiled, base, access.filer, fetched, uploads).subjects;
  }
  const blocked = blockedIds(subjects);
  const readable = gatedReader(fetched, blocked);
  const wanted = (l: Lookup): void => {
    if (!blocked.has(l.key)) add(l);
  };
  (compiled.procedure.data?.prefill ?? []).forEach((rule, i) => {
    const key = prefillKey(compiled, rule, i, base);
    if (key !== undefined) wanted({ source: rule.source, key, for: { prefill: rule.field } });
  });
  let data = base;
  if (sources) {
    data = applyPrefill(compiled, input, readable, '', true).data;
  }
  (compiled.procedure.components ?? []).forEach((c, i) => {
    if (!c.replaceableBy) return;
    const key = keyOf(compiled, c.replaceableBy.key, `components[${i}].replaceableBy.key`, data);
    if (key !== undefined) wanted({ source: c.replaceableBy.source, key, for: { component: c.id } });
  });
  return out;
}

/**
 * The records to fetch before `subject` consents on a case awaiting consent: those the case
 * reads once that person has consented (theirs, and what their records lead to), and still
 * nothing of anyone whose consent is awaited. Same rounds as {@link planLookups}.
 */
export function consentLookups(compiled: CompiledProcedure, state: CaseState, subject: string, sources?: SourceReader): Lookup[] {
  const subjects = (state.subjects ?? []).map((s) => (s.id === subject && s.status === 'awaiting-consent' ? { ...s, status: 'consented' as const } : s));
  return planLookups(compiled, state.data, sources, { subjects });
}
