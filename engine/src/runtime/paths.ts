/** Reads and writes dotted field paths (`applicant.nationalId`) in plain JSON data. */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a dotted path, or undefined. */
export function getPath(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** A copy of `data` with `value` at the dotted path (intermediate objects are created). */
export function setPath(data: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return data;
  if (rest.length === 0) return { ...data, [head]: value };
  const child = isRecord(data[head]) ? data[head] : {};
  return { ...data, [head]: setPath(child, rest.join('.'), value) };
}

/**
 * Merges a prefilled value into what the applicant typed: objects merge key by key (the
 * source wins), anything else is replaced.
 */
export function mergeValue(typed: unknown, filled: unknown): unknown {
  if (isRecord(typed) && isRecord(filled)) return { ...typed, ...filled };
  return filled;
}

/**
 * The places where `typed` contradicts `filled` (dotted sub-paths below `base`). Absent values
 * never conflict: the applicant may leave a locked field empty.
 */
export function conflicts(typed: unknown, filled: unknown, base: string): string[] {
  if (typed === undefined) return [];
  if (isRecord(typed) && isRecord(filled)) {
    return Object.keys(filled).flatMap((k) => conflicts(typed[k], filled[k], `${base}.${k}`));
  }
  return JSON.stringify(typed) === JSON.stringify(filled) ? [] : [base];
}

export { isRecord };
