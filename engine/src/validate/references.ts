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

/** Every prefilled field is declared in data.schema (a dotted path through `properties`). */
export function checkPrefillFields(procedure: Loose, reporter: Reporter): void {
  const data = isRecord(procedure.data) ? procedure.data : {};
  if (!isRecord(data.schema)) return;
  list(data.prefill).forEach((p, i) => {
    if (!isRecord(p) || typeof p.field !== 'string') return;
    let node: unknown = data.schema;
    const parts = p.field.split('.');
    for (const [k, part] of parts.entries()) {
      const props: unknown = isRecord(node) ? node.properties : undefined;
      if (!isRecord(props) || !Object.hasOwn(props, part)) {
        const m = isRecord(props) ? suggest(part, Object.keys(props)) : undefined;
        const at = parts.slice(0, k).join('.') || 'data';
        reporter.add('E_PREFILL_FIELD', ['data', 'prefill', i, 'field'], `'${p.field}' is not declared in data.schema ('${part}' is not a property of ${at})`, m ? { hint: `Did you mean '${[...parts.slice(0, k), m].join('.')}'?` } : {});
        return;
      }
      node = props[part];
    }
  });
}
