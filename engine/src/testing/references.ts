import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { closest } from 'fastest-levenshtein';
import { compileCalendar } from '../calendar';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { InvalidDefinitionError } from '../errors';
import type { Procedure, Step } from '../model/procedure';
import type { Library } from '../library/catalog';
import type { DocPath } from '../parse/source-document';
import { diagnosticAt } from './parse-scenario';
import { stepPath, type Scenario, type ScenarioStep } from './scenario';

/** Every step of a procedure by id, nested ones (inside parallel branches) included. */
export function stepsById(procedure: Procedure): Map<string, Step> {
  const out = new Map<string, Step>();
  const visit = (list: readonly Step[]): void => {
    for (const s of list) {
      out.set(s.id, s);
      if (s.kind === 'parallel') for (const branch of Object.values(s.branches)) visit(branch);
    }
  };
  visit(procedure.steps);
  return out;
}

const didYouMean = (name: string, known: readonly string[]): string =>
  known.length === 0 ? 'There is none to name here.' : `Did you mean '${closest(name, [...known])}'? Known: ${known.join(', ')}.`;

/**
 * Checks what a scenario names against its procedure: the steps and actions it acts on, the
 * components it uploads or expects, outcomes and states it expects, the child or linked case
 * a step targets (`case:`), and the national sources of its registry. Each problem is a
 * diagnostic at the offending value's file:line:col with the closest known name.
 */
export function checkScenarioReferences(
  scenario: Scenario,
  procedure: Procedure,
  resolve: (code: string) => Procedure | undefined,
  library?: Library,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const src = scenario.source;
  const err = (path: DocPath, code: string, message: string, hint: string, key = false): void => void out.push(diagnosticAt(src, path, code, message, hint, { key }));

  if (library && library.sources.size > 0) {
    for (const source of Object.keys(scenario.registry)) {
      if (!library.sources.has(source)) {
        out.push(diagnosticAt(src, ['registry', source], 'E_SCENARIO_UNKNOWN_SOURCE', `'${source}' is not a national source of the library`, didYouMean(source, [...library.sources.keys()]), { key: true, severity: 'warning' }));
      }
    }
  }

  // Which procedure each `case:` name runs: children by parent step id, linked by code, `a/b` nested.
  const targetsOf = (p: Procedure): Map<string, Procedure | undefined> => {
    const out = new Map<string, Procedure | undefined>();
    for (const s of stepsById(p).values()) if (s.kind === 'procedure') out.set(s.id, resolve(s.procedure));
    for (const l of p.linked ?? []) out.set(l.procedure, resolve(l.procedure));
    return out;
  };
  const targets = targetsOf(procedure);
  const lookup = (name: string): { found: boolean; procedure?: Procedure; known?: string[] } => {
    let current: Procedure | undefined = procedure;
    let known: string[] = [];
    for (const part of name.split('/')) {
      if (!current) return { found: true };
      const map: Map<string, Procedure | undefined> = current === procedure ? targets : targetsOf(current);
      known = [...map.keys()];
      if (!map.has(part)) return { found: false, known };
      current = map.get(part);
    }
    return current ? { found: true, procedure: current, known } : { found: true, known };
  };

  for (const c of scenario.cases) {
    for (const step of c.steps) {
      const base = stepPath(c.index, step.index);
      let target = procedure;
      if (step.case !== undefined) {
        const hit = lookup(step.case);
        if (!hit.found) {
          const last = step.case.split('/').at(-1) ?? step.case;
          err([...base, 'case'], 'E_SCENARIO_UNKNOWN_CASE', `'${step.case}' is neither a step of kind procedure nor a linked procedure of ${procedure.code}${step.case.includes('/') ? ' (or of the case it is started by)' : ''}`, didYouMean(last, hit.known ?? []));
          continue;
        }
        if (!hit.procedure) continue; // reported by the procedure's own validation (unknown code)
        target = hit.procedure;
      }
      checkStep(step, base, target, err);
    }
  }
  return out;
}

function checkStep(step: ScenarioStep, base: DocPath, procedure: Procedure, err: (path: DocPath, code: string, message: string, hint: string, key?: boolean) => void): void {
  const steps = stepsById(procedure);
  const components = (procedure.components ?? []).map((c) => c.id);
  const outcomes = Object.keys(procedure.outcomes);
  const checkUploads = (list: readonly string[], key: string): void => {
    list.forEach((id, i) => {
      if (!components.includes(id)) err([...base, key, 'upload', i], 'E_SCENARIO_UNKNOWN_COMPONENT', `'${id}' is not a component of ${procedure.code}`, didYouMean(id, components));
    });
  };
  if (step.kind === 'submit') checkUploads(step.upload, 'submit');
  if (step.kind === 'supplement') checkUploads(step.upload, 'supplement');
  if (step.kind === 'act') {
    const s = steps.get(step.step);
    if (!s) {
      err([...base, 'act', 'step'], 'E_SCENARIO_UNKNOWN_STEP', `'${step.step}' is not a step of ${procedure.code}`, didYouMean(step.step, [...steps.keys()]));
    } else if (s.kind !== 'task') {
      err([...base, 'act', 'step'], 'E_SCENARIO_NOT_A_TASK', `'${step.step}' is a ${s.kind} step: officers act only on task steps`, s.kind === 'payment' ? 'Use `pay: {}`.' : s.kind === 'supplement' ? 'Use `supplement: { upload: [...] }`.' : 'Act on the task step that follows it.');
    } else if (!(step.action in s.actions)) {
      err([...base, 'act', 'action'], 'E_SCENARIO_UNKNOWN_ACTION', `'${step.action}' is not an action of step '${s.id}'`, didYouMean(step.action, Object.keys(s.actions)));
    }
  }
  if (step.kind === 'consent') {
    const consenting = (procedure.subjects ?? []).filter((s) => s.consent === 'required').map((s) => s.id);
    if (!consenting.includes(step.subject)) {
      err([...base, 'consent', 'subject'], 'E_SCENARIO_UNKNOWN_SUBJECT', `'${step.subject}' is not a subject of ${procedure.code} whose consent is required`, didYouMean(step.subject, consenting) || `Subjects with consent: required: ${consenting.join(', ') || '(none)'}.`);
    }
  }
  const ex = step.expect;
  if (!ex) return;
  if (ex.outcome !== undefined && !outcomes.includes(ex.outcome)) {
    err([...base, 'expect', 'outcome'], 'E_SCENARIO_UNKNOWN_OUTCOME', `'${ex.outcome}' is not an outcome of ${procedure.code}`, didYouMean(ex.outcome, outcomes));
  }
  const states = ex.state === undefined ? [] : Array.isArray(ex.state) ? ex.state : [ex.state];
  states.forEach((st, i) => {
    if (!steps.has(st) && !outcomes.includes(st)) {
      err([...base, 'expect', 'state', ...(Array.isArray(ex.state) ? [i] : [])], 'E_SCENARIO_UNKNOWN_STEP', `'${st}' is not a step of ${procedure.code}`, didYouMean(st, [...steps.keys()]));
    }
  });
  for (const id of Object.keys(ex.components ?? {})) {
    if (!components.includes(id)) err([...base, 'expect', 'components', id], 'E_SCENARIO_UNKNOWN_COMPONENT', `'${id}' is not a component of ${procedure.code}`, didYouMean(id, components), true);
  }
  (ex.missing ?? []).forEach((id, i) => {
    if (!components.includes(id)) err([...base, 'expect', 'missing', i], 'E_SCENARIO_UNKNOWN_COMPONENT', `'${id}' is not a component of ${procedure.code}`, didYouMean(id, components));
  });
}

/** `hours[1][0]` -> `['hours', 1, 0]`. */
function toDocPath(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : (m[1] ?? '')));
}

/**
 * Checks the scenario's calendar once, before any case runs: an inline calendar must compile
 * (its problems point into the scenario's `calendar:`), a calendar id must be in the library.
 */
export function checkScenarioCalendar(scenario: Scenario, library: Library | undefined): Diagnostic[] {
  const cal = scenario.calendar;
  if (cal === undefined) return [];
  const src = scenario.source;
  if (typeof cal === 'string') {
    const known = [...(library?.calendars.keys() ?? [])];
    return known.includes(cal) ? [] : [diagnosticAt(src, ['calendar'], 'E_SCENARIO_NO_CALENDAR', `calendar '${cal}' is not in the library`, known.length ? didYouMean(cal, known) : 'Write the calendar inline instead.')];
  }
  try {
    compileCalendar(cal, { file: src.file, lookup: (id) => library?.calendars.get(id) });
    return [];
  } catch (err) {
    if (!(err instanceof InvalidDefinitionError)) throw err;
    const list = err.diagnostics.length > 0 ? err.diagnostics : [{ code: err.code, message: err.message, hint: err.hint, path: err.path, severity: 'error' as const }];
    return list.map((d) => diagnosticAt(src, ['calendar', ...(d.path ? toDocPath(d.path) : [])], d.code, d.message, d.hint, { severity: d.severity }));
  }
}

/**
 * Warns about registry records that do not match their source's record schema in the library's
 * catalogue: a misspelt field there would silently prefill nothing. Warnings only, so that a
 * scenario may hold the few fields it needs.
 */
export function checkRegistry(scenario: Scenario, library: Library | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!library) return out;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  for (const [source, records] of Object.entries(scenario.registry)) {
    const entry = library.sources.get(source);
    if (!entry || typeof records !== 'object' || records === null) continue;
    const properties = Object.keys(entry.schema.properties ?? {});
    // Only unknown fields and wrong types: a test record may leave out what it does not need.
    const { required: _required, ...loose } = entry.schema;
    let validate;
    try {
      validate = ajv.compile(loose);
    } catch {
      continue;
    }
    for (const [key, record] of Object.entries(records)) {
      const path: DocPath = ['registry', source, key];
      if (typeof record === 'object' && record !== null && properties.length > 0) {
        for (const field of Object.keys(record)) {
          if (!properties.includes(field)) {
            out.push(diagnosticAt(scenario.source, [...path, field], 'E_SCENARIO_REGISTRY_FIELD', `'${field}' is not a field of ${source} records`, didYouMean(field, properties), { key: true, severity: 'warning' }));
          }
        }
      }
      if (!validate(record)) {
        for (const e of validate.errors ?? []) {
          if (e.keyword === 'additionalProperties') continue;
          const sub = e.instancePath.split('/').slice(1);
          out.push(diagnosticAt(scenario.source, [...path, ...sub], 'E_SCENARIO_REGISTRY_RECORD', `${source} record ${key}${sub.length ? `.${sub.join('.')}` : ''} ${e.message ?? 'is invalid'}`, `See the record schema of '${source}' in catalogues/sources.yaml.`, { severity: 'warning' }));
        }
      }
    }
  }
  return out;
}
