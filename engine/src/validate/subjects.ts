import { given, type LibraryContext } from './context';
import type { Reporter } from './report';
import { isRecord, list, str, type Loose } from './walk';

/** A CEL key as compared: its text without surrounding blanks. */
const norm = (key: string): string => key.trim();

/**
 * Whose records the procedure reads (issue 15): every prefill and `replaceableBy` key on a
 * personal source (`personal: true` in catalogues/sources.yaml) is the key of a declared
 * subject or the applicant's own ID (`E_UNDECLARED_SUBJECT`); a `represented` subject names
 * its written authorization, and an `authorization` names a component (`E_SUBJECT_AUTHORIZATION`).
 * Runs with the sources catalogue only: without it nobody knows which sources are personal.
 */
export function checkSubjects(procedure: Loose, reporter: Reporter, ctx: LibraryContext): void {
  const data = isRecord(procedure.data) ? procedure.data : {};
  const subjects = list(procedure.subjects).filter(isRecord);
  const components = new Set(list(procedure.components).filter(isRecord).map((c) => str(c.id)));
  list(procedure.subjects).forEach((s, i) => {
    if (!isRecord(s)) return;
    const auths = typeof s.authorization === 'string' ? [s.authorization] : list(s.authorization).filter((a): a is string => typeof a === 'string');
    const unknown = auths.find((a) => !components.has(a));
    if (unknown !== undefined) {
      reporter.add('E_SUBJECT_AUTHORIZATION', ['subjects', i, 'authorization'], `subject '${String(s.id)}' names authorization '${unknown}', which is not a component of the procedure`);
    } else if (s.relation === 'represented' && auths.length === 0) {
      reporter.add('E_SUBJECT_AUTHORIZATION', ['subjects', i, 'relation'], `subject '${String(s.id)}' is represented but names no authorization component`);
    }
  });
  if (!given(ctx.sources)) return;
  const sources = ctx.sources;
  const declared = new Set(subjects.map((s) => (typeof s.key === 'string' ? norm(s.key) : '')));
  // Without `subjects`, the applicant is the only subject; with them, the applicant's own ID stays readable.
  declared.add(norm(str(data.applicantId) ?? 'data.applicant.nationalId'));
  const ids = subjects.map((s) => String(s.id));
  const check = (source: unknown, key: unknown, path: (string | number)[]): void => {
    if (typeof source !== 'string' || typeof key !== 'string' || sources.get(source)?.personal !== true) return;
    if (declared.has(norm(key))) return;
    reporter.add('E_UNDECLARED_SUBJECT', path, `'${key}' reads ${source}, a source of personal records, for a person the procedure does not declare under subjects`, {
      hint: ids.length
        ? `Use the key of a declared subject (${ids.join(', ')}), or declare this person under \`subjects:\` with the relation that entitles the filer.`
        : 'Declare this person under `subjects:` with the relation that entitles the filer (e.g. `{ id: child, key: "..." , relation: child }`).',
    });
  };
  list(data.prefill).forEach((p, i) => isRecord(p) && check(p.source, p.key, ['data', 'prefill', i, 'key']));
  list(procedure.components).forEach((c, i) => {
    if (isRecord(c) && isRecord(c.replaceableBy)) check(c.replaceableBy.source, c.replaceableBy.key, ['components', i, 'replaceableBy', 'key']);
  });
}
