import { checkExpression, createExpressionEnv, type ExpectedType, type ExpressionEnv } from '../expr';
import type { JsonSchema } from '../model/procedure';
import type { DocPath } from '../parse/source-document';
import type { Reporter } from './report';
import { expectedTypeOfField } from './references';
import { isRecord, list, type Loose, type StepSite } from './walk';

/** One CEL expression of a procedure and what it must produce. */
interface Site {
  path: DocPath;
  source: string;
  expected?: ExpectedType;
}

/** Every CEL expression in a procedure with the type its place demands. */
export function expressionSites(procedure: Loose, steps: readonly StepSite[]): Site[] {
  const out: Site[] = [];
  const add = (v: unknown, path: DocPath, expected?: ExpectedType): void => {
    if (typeof v === 'string') out.push({ path, source: v, ...(expected ? { expected } : {}) });
  };
  const data = isRecord(procedure.data) ? procedure.data : {};
  list(data.prefill).forEach((p, i) => isRecord(p) && add(p.key, ['data', 'prefill', i, 'key']));
  add(data.applicantId, ['data', 'applicantId']);
  list(procedure.subjects).forEach((s, i) => isRecord(s) && add(s.key, ['subjects', i, 'key']));
  list(data.computed).forEach((c, i) => {
    if (!isRecord(c)) return;
    const expected = typeof c.field === 'string' ? expectedTypeOfField(data.schema, c.field) : undefined;
    add(c.value, ['data', 'computed', i, 'value'], expected);
  });
  list(procedure.components).forEach((c, i) => {
    if (!isRecord(c)) return;
    add(c.required, ['components', i, 'required'], 'bool');
    if (isRecord(c.replaceableBy)) add(c.replaceableBy.key, ['components', i, 'replaceableBy', 'key']);
  });
  list(procedure.fees).forEach((f, i) => {
    if (!isRecord(f)) return;
    add(f.when, ['fees', i, 'when'], 'bool');
    add(f.quantity, ['fees', i, 'quantity'], 'number');
    add(f.exempt, ['fees', i, 'exempt'], 'bool');
  });
  for (const s of steps) {
    if (s.kind === 'choice') {
      list(s.step.branches).forEach((b, i) => isRecord(b) && add(b.when, [...s.path, 'branches', i, 'when'], 'bool'));
    } else if (s.kind === 'procedure' && isRecord(s.step.data)) {
      for (const [k, v] of Object.entries(s.step.data)) add(v, [...s.path, 'data', k]);
    }
  }
  list(procedure.linked).forEach((l, i) => {
    if (!isRecord(l)) return;
    add(l.when, ['linked', i, 'when'], 'bool');
    if (isRecord(l.data)) for (const [k, v] of Object.entries(l.data)) add(v, ['linked', i, 'data', k]);
  });
  return out;
}

/**
 * The environment that checks a procedure's expressions (an empty schema when data.schema is
 * missing): only the fields `sources` name are registered with the type checker (see
 * `EnvOptions.onlyFields`), so that checking stays proportional to the expressions rather
 * than to the size of the form.
 */
export function envOf(procedure: Loose, sources: readonly string[]): ExpressionEnv {
  const data = isRecord(procedure.data) ? procedure.data : {};
  const schema: JsonSchema = isRecord(data.schema) ? data.schema : {};
  const onlyFields = new Set(sources.flatMap((s) => s.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []));
  return createExpressionEnv(schema, { onlyFields });
}

/** Parses and type-checks every expression, pointing the column at the offending token. */
export function checkExpressions(procedure: Loose, steps: readonly StepSite[], reporter: Reporter): void {
  const sites = expressionSites(procedure, steps);
  if (sites.length === 0) return;
  const env: ExpressionEnv = envOf(procedure, sites.map((s) => s.source));
  for (const site of sites) {
    const r = checkExpression(env, site.source, site.expected);
    if (r.ok) continue;
    reporter.add(r.code, site.path, `${r.message} in "${site.source}"`, {
      offset: r.offset,
      ...(r.hint ? { hint: r.hint } : {}),
    });
  }
}
