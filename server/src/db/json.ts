/** JSON columns are text in both databases; this reads them back. */
export function parseJson<T = unknown>(text: unknown): T {
  if (typeof text !== 'string') return text as T;
  return JSON.parse(text) as T;
}
