import { MAX_JSON_DEPTH, tooDeep } from 'motcua/engine';

/**
 * Canonical JSON (keys sorted, no whitespace, as in RFC 8785 for the values we store): the
 * same row always hashes to the same bytes, whichever database or key order produced it.
 * Refuses (E_TOO_DEEP) a value nested deeper than the inputs may be, rather than overflowing
 * the stack: audit payloads hold case data, which is bounded to MAX_JSON_DEPTH on the way in.
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

function write(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') {
    // undefined (absent) is written as null so that a row's hash never depends on it.
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  // Audit rows wrap case data a few levels down: leave them room above the input bound.
  if (depth > MAX_JSON_DEPTH + 8) throw tooDeep(MAX_JSON_DEPTH + 8);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + write(value[i], depth + 1);
    return out + ']';
  }
  // A plain loop: this runs for every audit row, on every transition.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + write(v, depth + 1);
    first = false;
  }
  return out + '}';
}
