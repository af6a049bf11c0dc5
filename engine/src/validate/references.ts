import { didYouMean } from '../expr/suggest';
import type { DocPath } from '../parse/source-document';
import { given, type LibraryContext } from './context';
import type { Reporter } from './report';
import { isRecord, list, str, type Loose, type StepSite } from './walk';

const suggest = didYouMean;

/** Roles, sources, linked procedures and the calendar exist in the library's catalogues. */
export function checkReferences(procedure: Loose, steps: readonly StepSite[], reporter: Reporter, ctx: LibraryContext): void {
  if (given(ctx.roles)) {
    const roles = ctx.roles;
    for (const s of steps) {
      if (s.kind !== 'task') continue;
      const role = str(s.step.role);
      if (role === undefined) continue;
      const entry = roles.get(role);
      if (!entry) {
        const m = suggest(role, roles.keys());
        reporter.add('E_UNKNOWN_ROLE', [...s.path, 'role'], `role '${role}' is not in the roles catalogue`, m ? { hint: `Did you mean '${m}'? Otherwise add it to catalogues/roles.yaml.` } : {});
        continue;
      }
      const level = str(s.step.level);
      if (level !== undefined && entry.levels && !entry.levels.includes(level as never)) {
        reporter.add('E_ROLE_LEVEL', [...s.path, 'level'], `role '${role}' does not exist at level ${level} (only ${entry.levels.join(', ')})`);
      }
    }
  }

  if (given(ctx.sources)) {
    const sources = ctx.sources;
    const checkSource = (source: unknown, path: DocPath): void => {
      if (typeof source !== 'string' || sources.has(source)) return;
      const m = suggest(source, sources.keys());
      reporter.add('E_UNKNOWN_SOURCE', path, `source '${source}' is not in the sources catalogue`, m ? { hint: `Did you mean '${m}'?` } : {});
    };
    const data = isRecord(procedure.data) ? procedure.data : {};
    list(data.prefill).forEach((p, i) => {
      if (!isRecord(p)) return;
      checkSource(p.source, ['data', 'prefill', i, 'source']);
      const src = typeof p.source === 'string' ? sources.get(p.source) : undefined;
      const select = str(p.select);
      const props = src && isRecord(src.schema) && isRecord(src.schema.properties) ? src.schema.properties : undefined;
      if (select !== undefined && props && !Object.hasOwn(props, select)) {
        const m = suggest(select, Object.keys(props));
        reporter.add('E_PREFILL_FIELD', ['data', 'prefill', i, 'select'], `source '${String(p.source)}' has no attribute '${select}'`, m ? { hint: `Did you mean '${m}'?` } : {});
      }
    });
    list(procedure.components).forEach((c, i) => {
      if (isRecord(c) && isRecord(c.replaceableBy)) checkSource(c.replaceableBy.source, ['components', i, 'replaceableBy', 'source']);
    });
  }

  if (given(ctx.procedures)) {
    const codes = ctx.procedures;
    const checkCode = (code: unknown, path: DocPath): void => {
      if (typeof code !== 'string' || codes.has(code)) return;
      const m = suggest(code, codes.keys());
      reporter.add('E_UNKNOWN_PROCEDURE', path, `procedure '${code}' is not in the library`, m ? { hint: `Did you mean '${m}'?` } : {});
    };
    for (const s of steps) if (s.kind === 'procedure') checkCode(s.step.procedure, [...s.path, 'procedure']);
    list(procedure.linked).forEach((l, i) => isRecord(l) && checkCode(l.procedure, ['linked', i, 'procedure']));
  }

  if (given(ctx.calendars)) {
    const id = str(procedure.calendar) ?? 'vn';
    if (!ctx.calendars.has(id)) {
      const m = suggest(id, ctx.calendars.keys());
      reporter.add('E_UNKNOWN_CALENDAR', procedure.calendar === undefined ? [] : ['calendar'], `calendar '${id}' is not in the library (calendars/${id}.yaml)`, m ? { hint: `Did you mean '${m}'?` } : {});
    }
  }
}

/**
 * The schema of a dotted field path through `properties`, or where the path leaves the schema:
 * the missing part, the path above it and a suggestion.
 */
function lookupField(schema: unknown, field: string): { ok: true; schema: unknown } | { ok: false; message: string; hint?: string } {
  let node: unknown = schema;
  const parts = field.split('.');
  for (const [k, part] of parts.entries()) {
    const props: unknown = isRecord(node) ? node.properties : undefined;
    if (!isRecord(props) || !Object.hasOwn(props, part)) {
      const m = isRecord(props) ? suggest(part, Object.keys(props)) : undefined;
      const at = parts.slice(0, k).join('.') || 'data';
      return { ok: false, message: `'${field}' is not declared in data.schema ('${part}' is not a property of ${at})`, ...(m ? { hint: `Did you mean '${[...parts.slice(0, k), m].join('.')}'?` } : {}) };
    }
    node = props[part];
  }
  return { ok: true, schema: node };
}

/** Every prefilled field is declared in data.schema (a dotted path through `properties`). */
export function checkPrefillFields(procedure: Loose, reporter: Reporter): void {
  const data = isRecord(procedure.data) ? procedure.data : {};
  if (!isRecord(data.schema)) return;
  list(data.prefill).forEach((p, i) => {
    if (!isRecord(p) || typeof p.field !== 'string') return;
    const found = lookupField(data.schema, p.field);
    if (!found.ok) reporter.add('E_PREFILL_FIELD', ['data', 'prefill', i, 'field'], found.message, found.hint ? { hint: found.hint } : {});
  });
}

/**
 * Every computed field is declared in data.schema, computed once, and not also prefilled
 * (its value would have two owners).
 */
export function checkComputedFields(procedure: Loose, reporter: Reporter): void {
  const data = isRecord(procedure.data) ? procedure.data : {};
  if (!isRecord(data.schema)) return;
  const prefilled = new Set(list(data.prefill).flatMap((p) => (isRecord(p) && typeof p.field === 'string' ? [p.field] : [])));
  const seen = new Set<string>();
  list(data.computed).forEach((c, i) => {
    if (!isRecord(c) || typeof c.field !== 'string') return;
    const field = c.field;
    const at = ['data', 'computed', i, 'field'];
    const found = lookupField(data.schema, field);
    if (!found.ok) reporter.add('E_COMPUTED_FIELD', at, found.message, found.hint ? { hint: found.hint } : {});
    else if (seen.has(field)) reporter.add('E_COMPUTED_FIELD', at, `'${field}' is computed twice`, { hint: 'Keep one rule per field.' });
    else {
      const overlap = [...prefilled].find((f) => f === field || field.startsWith(`${f}.`) || f.startsWith(`${field}.`));
      if (overlap !== undefined) {
        const what = overlap === field ? `'${field}' is both prefilled and computed` : `'${field}' overlaps the prefilled field '${overlap}'`;
        reporter.add('E_COMPUTED_FIELD', at, what, { hint: 'A field has one owner: remove the prefill rule or the computed rule.' });
      }
    }
    seen.add(field);
  });
}

/** The CEL type a computed field's expression must give, from the field's JSON Schema type. */
export function expectedTypeOfField(schema: unknown, field: string): 'int' | 'number' | 'bool' | 'string' | undefined {
  const found = lookupField(schema, field);
  if (!found.ok || !isRecord(found.schema)) return undefined;
  const t = found.schema.type;
  return t === 'integer' ? 'int' : t === 'number' ? 'number' : t === 'boolean' ? 'bool' : t === 'string' ? 'string' : undefined;
}
