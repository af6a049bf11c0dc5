/**
 * Completion and hover for the YAML tab from the procedure's JSON Schema: the keys allowed at
 * the cursor's place (found from indentation, so it works on half-typed text), each with the
 * schema's description, and the enum values of a key.
 */

type Schema = Record<string, unknown>;

/** The chain of keys (and `[]` for list items) enclosing `line` (0-based) of `text`. */
export function pathAt(text: string, line: number): string[] {
  const lines = text.split('\n');
  const current = lines[line] ?? '';
  let indent = current.search(/\S/);
  if (indent < 0) indent = current.length;
  // A list item's own keys ("- id: x" then "  kind: task") sit inside the item.
  const own = /^(\s*)- /.exec(current);
  const path: string[] = [];
  if (own) {
    path.unshift('[]');
    indent = (own[1] ?? '').length;
  }
  for (let i = line - 1; i >= 0 && indent > 0; i--) {
    const l = lines[i] ?? '';
    if (l.trim() === '' || l.trim().startsWith('#')) continue;
    const at = l.search(/\S/);
    const item = /^(\s*)- ?(.*)$/.exec(l);
    if (item && (item[1] ?? '').length < indent) {
      path.unshift('[]');
      indent = (item[1] ?? '').length;
      const key = /^([A-Za-z_][\w-]*):\s*$/.exec(item[2] ?? '');
      if (key && at + 2 < indent) path.unshift(key[1] ?? '');
      continue;
    }
    if (at < indent) {
      const key = /^\s*([A-Za-z_][\w-]*):/.exec(l);
      if (key) path.unshift(key[1] ?? '');
      indent = at;
    }
  }
  return path;
}

function resolve(root: Schema, s: unknown, depth = 0): Schema[] {
  if (!s || typeof s !== 'object' || depth > 8) return [];
  const node = s as Schema;
  const out: Schema[] = [node];
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/$defs/')) out.push(...resolve(root, (root.$defs as Schema)[node.$ref.slice(8)], depth + 1));
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(node[k])) for (const sub of node[k] as unknown[]) out.push(...resolve(root, sub, depth + 1), ...resolve(root, (sub as Schema | null)?.then, depth + 1));
  }
  return out;
}

/** The schemas that apply at `path` (several when `allOf`/`if-then` combine). */
export function schemasAt(root: Schema, path: readonly string[]): Schema[] {
  let here = resolve(root, root);
  for (const part of path) {
    const next: Schema[] = [];
    for (const s of here) {
      if (part === '[]') next.push(...resolve(root, s.items));
      else {
        const props = s.properties as Schema | undefined;
        if (props?.[part]) next.push(...resolve(root, props[part]));
        else if (s.additionalProperties && typeof s.additionalProperties === 'object') next.push(...resolve(root, s.additionalProperties));
      }
    }
    here = next;
    if (here.length === 0) break;
  }
  return here;
}

/** Keys allowed at `path`, each with its description. */
export function keysAt(root: Schema, path: readonly string[]): { key: string; description: string }[] {
  const out = new Map<string, string>();
  for (const s of schemasAt(root, path)) {
    for (const [key, raw] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
      const d = typeof raw.description === 'string' ? raw.description : '';
      if (!out.has(key) || (d && !out.get(key))) out.set(key, d);
    }
  }
  return [...out].map(([key, description]) => ({ key, description }));
}

/** The description and allowed values of the key at `path` (its last part). */
export function describeKey(root: Schema, path: readonly string[]): { description: string; values: string[] } | undefined {
  const here = schemasAt(root, path);
  if (here.length === 0) return undefined;
  const description = here.map((s) => s.description).find((d): d is string => typeof d === 'string') ?? '';
  const values = [...new Set(here.flatMap((s) => (Array.isArray(s.enum) ? s.enum.map(String) : [])))];
  return { description, values };
}
