import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic';
import type { Procedure } from '../model/procedure';
import { parseSource, type SourceDocument } from '../parse/source-document';
import { given, type LibraryContext } from './context';
import { checkEffectiveRange } from './effective';
import { checkExpressions } from './expressions';
import { checkGraph } from './graph';
import { checkIds } from './ids';
import { checkComputedFields, checkPrefillFields, checkReferences } from './references';
import { checkSubjects } from './subjects';
import { Reporter } from './report';
import { checkJsonSchema, checkSchema } from './schema-check';
import { checkFormI18n } from './form-i18n';
import { checkSla } from './sla';
import { checkExtensions } from './extension';
import { checkTargets } from './targets';
import { isRecord, walkSteps, type Loose } from './walk';
import { checkOverridable, isOverlayValue } from '../overlay/resolve';
import { validateOverlay } from './overlay';

/** The outcome of validating one file. */
export interface ValidationResult {
  /** The procedure, only when the file has no errors (warnings allowed). */
  procedure?: Procedure;
  diagnostics: Diagnostic[];
  /** The parsed document, for positions of later (library-wide) diagnostics. */
  doc: SourceDocument;
}

/**
 * Validates one procedure file: YAML syntax, the JSON Schema of the format, then every
 * semantic check, reporting all problems of the file in one run. Library-dependent checks
 * (roles, sources, calendars, linked codes) run only for the catalogues `context` gives.
 * An overlay (a file with `extends`) is validated as one and, when valid, comes back resolved
 * against its national base (`context.procedureOf`): a full procedure. Never throws.
 */
export function validateProcedureText(text: string, file: string, context: LibraryContext = {}): ValidationResult {
  const doc = parseSource(text, file);
  return validateProcedureDocument(doc, context);
}

/** As {@link validateProcedureText}, for a document already parsed. */
export function validateProcedureDocument(doc: SourceDocument, context: LibraryContext = {}): ValidationResult {
  const reporter = new Reporter(doc);
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  if (hasErrors(doc.diagnostics)) return { diagnostics: sortDiagnostics(diagnostics), doc };
  const value = doc.value;
  if (!isRecord(value)) {
    reporter.add('E_NOT_A_MAPPING', [], value === undefined || value === null ? 'the file is empty' : 'the file is not a YAML mapping');
    return { diagnostics: sortDiagnostics([...diagnostics, ...reporter.diagnostics]), doc };
  }
  if (isOverlayValue(value)) {
    const resolved = validateOverlay(value, reporter, context);
    diagnostics.push(...reporter.diagnostics);
    const all = sortDiagnostics(diagnostics);
    return resolved && !hasErrors(all) ? { procedure: resolved, diagnostics: all, doc } : { diagnostics: all, doc };
  }
  const schemaErrors = checkSchema(value, reporter);
  semanticChecks(value, reporter, context, schemaErrors > 0);
  diagnostics.push(...reporter.diagnostics);
  const sorted = sortDiagnostics(diagnostics);
  return hasErrors(sorted) ? { diagnostics: sorted, doc } : { procedure: value as unknown as Procedure, diagnostics: sorted, doc };
}

type Check = (p: Loose) => void;

function semanticChecks(procedure: Loose, reporter: Reporter, context: LibraryContext, shapeErrors: boolean): void {
  const sites = walkSteps(procedure);
  const calendarId = typeof procedure.calendar === 'string' ? procedure.calendar : 'vn';
  const calendar = given(context.calendars) ? context.calendars.get(calendarId) : undefined;
  const checks: Check[] = [
    (p) => checkIds(p, sites, reporter),
    (p) => checkTargets(p, sites, reporter),
    (p) => checkGraph(p, sites, reporter),
    (p) => checkExpressions(p, sites, reporter),
    (p) => checkUserSchemas(p, reporter, sites),
    (p) => checkPrefillFields(p, reporter),
    (p) => checkSubjects(p, reporter, context),
    (p) => checkComputedFields(p, reporter),
    (p) => checkReferences(p, sites, reporter, context),
    (p) => checkEffectiveRange(p, reporter),
    (p) => checkSla(p, sites, reporter, calendar),
    (p) => checkExtensions(p, sites, reporter),
    (p) => {
      for (const problem of checkOverridable(p as unknown as Procedure)) reporter.add(problem.code, problem.path, problem.message, { ...(problem.hint ? { hint: problem.hint } : {}), ...(problem.at ? { at: problem.at } : {}) });
    },
  ];
  for (const check of checks) {
    try {
      check(procedure);
    } catch (err) {
      // With shape errors a check may meet data it cannot read: those errors already explain it.
      if (!shapeErrors) {
        reporter.add('E_INTERNAL', [], `a check failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}

function checkUserSchemas(procedure: Loose, reporter: Reporter, sites: ReturnType<typeof walkSteps>): void {
  const data = procedure.data;
  if (isRecord(data) && isRecord(data.schema)) {
    const problem = checkJsonSchema(data.schema);
    if (problem) reporter.add('E_DATA_SCHEMA', ['data', 'schema', ...problem.path], `data.schema is not a valid JSON Schema: ${problem.message}`);
    checkFormI18n(data.schema, ['data', 'schema'], reporter);
  }
  for (const s of sites) {
    if (s.kind !== 'task' || !isRecord(s.step.actions)) continue;
    for (const [name, action] of Object.entries(s.step.actions)) {
      if (!isRecord(action) || !isRecord(action.form)) continue;
      const problem = checkJsonSchema(action.form);
      if (problem) reporter.add('E_DATA_SCHEMA', [...s.path, 'actions', name, 'form', ...problem.path], `the form of action '${name}' is not a valid JSON Schema: ${problem.message}`);
      checkFormI18n(action.form, [...s.path, 'actions', name, 'form'], reporter);
    }
  }
}
