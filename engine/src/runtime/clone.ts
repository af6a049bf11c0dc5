/**
 * A deep copy of a case state. Case states are JSON data (they are stored as JSON), and
 * copying plain objects and arrays by hand is several times faster than `structuredClone`,
 * which serialises and deserialises even a small state (it was the largest single cost of
 * `applyCommand`). Anything that is not a plain object, an array or a primitive (a `Date`, a
 * `Map`, a class instance) is still copied by `structuredClone`, which also refuses what
 * cannot be copied (functions) as before.
 *
 * One difference, deliberately: an object reachable by two paths is copied twice, as it would be
 * after a round trip through the database (the state never relies on such sharing).
 */
export function cloneState<T>(value: T): T {
  return copy(value, 0) as T;
}

// Deeper than any case state: past it the value is left to structuredClone (which also copes with cycles).
const MAX_DEPTH = 64;

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' ? structuredClone(value) : value;
  }
  if (depth > MAX_DEPTH) return structuredClone(value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return structuredClone(value);
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], depth + 1);
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = copy((value as Record<string, unknown>)[key], depth + 1);
    // An own `__proto__` key (JSON.parse makes them) must stay a key, not become the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}
